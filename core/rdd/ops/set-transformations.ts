/**
 * Transformations that combine, regroup or reorder whole RDDs: union, intersection, subtract,
 * distinct, cartesian, zip, groupBy, sortBy, repartition and coalesce. Built from the narrow
 * kinds and the pair shuffles, as PySpark builds them.
 */
import { CartesianRDD, CoalescedRDD, unionOf, ZippedRDD } from "../../operations/unions-and-pairs.js";
import { checkPartitions, RDD } from "../rdd.js";
import { type Env, isPlainObject, optionalBoolean, sameContext, ship, splitEnv } from "./call-args.js";
import { shuffleByKey } from "./pair-transformations.js";
import { elementOp, partitionOp, plainElementOp } from "./transformations.js";

declare module "../rdd.js" {
  interface RDD<T> {
    union(other: RDD<T>): RDD<T>;
    intersection(other: RDD<T>, numPartitions?: number): RDD<T>;
    subtract(other: RDD<T>, numPartitions?: number): RDD<T>;
    distinct(numPartitions?: number): RDD<T>;
    cartesian<U>(other: RDD<U>): RDD<[T, U]>;
    zip<U>(other: RDD<U>): RDD<[T, U]>;
    groupBy<K>(f: (x: T) => K, numPartitions?: number | Env, env?: Env): RDD<[K, T[]]>;
    sortBy<K>(f: (x: T) => K, ascending?: boolean | Env, numPartitions?: number | Env, env?: Env): RDD<T>;
    repartition(numPartitions: number): RDD<T>;
    coalesce(numPartitions: number, shuffle?: boolean): RDD<T>;
  }
}

const proto = RDD.prototype as unknown as Record<string, (this: RDD<unknown>, ...args: unknown[]) => unknown>;

proto.union = function (other: unknown) {
  this.ctx.assertActive("union");
  sameContext(this, other, "union");
  return unionOf([this, other as RDD<unknown>]);
};

proto.distinct = function (n?: unknown) {
  const numPartitions = checkPartitions(n, "distinct") ?? this.numPartitions;
  const pairs = elementOp(this, "map", [(x: unknown) => [x, null]]);
  const reduced = shuffleByKey(pairs, numPartitions, { kind: "reduce", fn: elementFnOf((a: unknown) => a, "distinct") }, "distinct");
  return plainElementOp(reduced, { kind: "keys" }, "distinct");
};

proto.intersection = function (other: unknown, n?: unknown) {
  sameContext(this, other, "intersection");
  const left = elementOp(this, "map", [(x: unknown) => [x, null]]);
  const right = elementOp(other as RDD<unknown>, "map", [(x: unknown) => [x, null]]);
  const grouped = (left as RDD<[unknown, unknown]>).cogroup(right as RDD<[unknown, unknown]>, n as number | undefined);
  const both = elementOp(grouped, "filter", [(kv: [unknown, [unknown[], unknown[]]]) => kv[1][0].length > 0 && kv[1][1].length > 0]);
  return plainElementOp(both, { kind: "keys" }, "intersection");
};

proto.subtract = function (other: unknown, n?: unknown) {
  sameContext(this, other, "subtract");
  const left = elementOp(this, "map", [(x: unknown) => [x, true]]);
  const right = elementOp(other as RDD<unknown>, "map", [(x: unknown) => [x, true]]);
  const kept = (left as RDD<[unknown, unknown]>).subtractByKey(right as RDD<[unknown, unknown]>, n as number | undefined);
  return plainElementOp(kept, { kind: "keys" }, "subtract");
};

proto.cartesian = function (other: unknown) {
  this.ctx.assertActive("cartesian");
  sameContext(this, other, "cartesian");
  return new CartesianRDD(this, other as RDD<unknown>);
};

proto.zip = function (other: unknown) {
  this.ctx.assertActive("zip");
  sameContext(this, other, "zip");
  return new ZippedRDD(this, other as RDD<unknown>);
};

proto.groupBy = function (f: unknown, ...rest: unknown[]) {
  const { positional, env } = splitEnv(rest);
  const numPartitions = checkPartitions(positional[0], "groupBy") ?? this.numPartitions;
  const keyed = elementOp(this, "keyBy", env ? [f, env] : [f]);
  return shuffleByKey(keyed, numPartitions, { kind: "group" }, "groupBy");
};

proto.sortBy = function (f: unknown, ...rest: unknown[]) {
  const { positional, env } = splitEnv(rest);
  const ascending = optionalBoolean(positional[0], true, "sortBy", "ascending");
  const keyed = elementOp(this, "keyBy", env ? [f, env] : [f]) as RDD<[unknown, unknown]>;
  const sorted = keyed.sortByKey(ascending, positional[1] as number | undefined);
  return plainElementOp(sorted, { kind: "values" }, "sortBy");
};

proto.repartition = function (n: unknown) {
  return this.coalesce(checkPartitions(n ?? 0, "repartition", "numPartitions")!, true);
};

proto.coalesce = function (n: unknown, shuffle?: unknown) {
  this.ctx.assertActive("coalesce");
  const numPartitions = checkPartitions(n ?? 0, "coalesce")!;
  if (shuffle !== undefined && !isPlainObject(shuffle)) optionalBoolean(shuffle, false, "coalesce", "shuffle");
  if (shuffle === true) {
    // Spark: spread elements round robin, starting at a position that depends on the partition
    const keyed = partitionOp(this, {
      kind: "mapPartitions", withIndex: true, isAsync: false,
      fn: elementFnOf(function* (index: number, it: Iterable<unknown>) {
        let position = index;
        for (const x of it) yield [position++, x];
      }, "repartition"),
    }, "repartition");
    const moved = shuffleByKey(keyed, numPartitions, null, "repartition");
    return plainElementOp(moved, { kind: "values" }, "repartition");
  }
  if (numPartitions >= this.numPartitions) return new CoalescedRDD(this, this.numPartitions);
  return new CoalescedRDD(this, numPartitions);
};

/** Ships one of spate's own functions (they use no outer names). */
function elementFnOf(fn: Function, operation: string) {
  return ship(fn, undefined, operation);
}
