/**
 * Transformations of pair RDDs (RDD<[K, V]>): per-key aggregation through a shuffle
 * (reduceByKey → combineByKey → ShuffledRDD, as Spark), partitionBy, sortByKey with a sampled
 * range partitioner, and the joins and cogroup built as PySpark builds them: tag each side,
 * union, group by key, then pair the tagged values up.
 */
import type { Aggregator } from "../../operations/aggregators.js";
import { type Partitioner, samePartitioner } from "../../operations/partitioners.js";
import { ShuffledRDD } from "../../operations/shuffle.js";
import { unionOf } from "../../operations/unions-and-pairs.js";
import { checkPartitions, RDD } from "../rdd.js";
import { type Env, optionalBoolean, sameContext, ship, splitEnv, zeroValue } from "./call-args.js";
import { elementOp, partitionOp, plainElementOp } from "./transformations.js";

type Pair<K, V> = [K, V];

declare module "../rdd.js" {
  interface RDD<T> {
    mapValues<K, V, U>(this: RDD<Pair<K, V>>, f: (v: V) => U, env?: Env): RDD<[K, Awaited<U>]>;
    flatMapValues<K, V, U>(this: RDD<Pair<K, V>>, f: (v: V) => Iterable<U> | Promise<Iterable<U>>, env?: Env): RDD<[K, U]>;
    keys<K, V>(this: RDD<Pair<K, V>>): RDD<K>;
    values<K, V>(this: RDD<Pair<K, V>>): RDD<V>;
    reduceByKey<K, V>(this: RDD<Pair<K, V>>, f: (a: V, b: V) => V, numPartitions?: number | Env, env?: Env): RDD<[K, V]>;
    foldByKey<K, V>(this: RDD<Pair<K, V>>, zero: V, f: (a: V, b: V) => V, numPartitions?: number | Env, env?: Env): RDD<[K, V]>;
    groupByKey<K, V>(this: RDD<Pair<K, V>>, numPartitions?: number): RDD<[K, V[]]>;
    combineByKey<K, V, C>(
      this: RDD<Pair<K, V>>,
      createCombiner: (v: V) => C,
      mergeValue: (c: C, v: V) => C,
      mergeCombiners: (a: C, b: C) => C,
      numPartitions?: number | Env,
      env?: Env,
    ): RDD<[K, C]>;
    aggregateByKey<K, V, U>(
      this: RDD<Pair<K, V>>,
      zero: U,
      seqOp: (acc: U, v: V) => U,
      combOp: (a: U, b: U) => U,
      numPartitions?: number | Env,
      env?: Env,
    ): RDD<[K, U]>;
    sortByKey<K, V>(this: RDD<Pair<K, V>>, ascending?: boolean, numPartitions?: number): RDD<[K, V]>;
    partitionBy<K, V>(this: RDD<Pair<K, V>>, numPartitions: number): RDD<[K, V]>;
    join<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number): RDD<[K, [V, W]]>;
    leftOuterJoin<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number): RDD<[K, [V, W | null]]>;
    rightOuterJoin<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number): RDD<[K, [V | null, W]]>;
    fullOuterJoin<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number): RDD<[K, [V | null, W | null]]>;
    cogroup<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number): RDD<[K, [V[], W[]]]>;
    subtractByKey<K, V, W>(this: RDD<Pair<K, V>>, other: RDD<Pair<K, W>>, numPartitions?: number): RDD<[K, V]>;
  }
}

const proto = RDD.prototype as unknown as Record<string, (this: RDD<unknown>, ...args: unknown[]) => unknown>;

/**
 * `parent` hash-partitioned into `numPartitions` with an optional aggregator (map-side combine
 * when there is one): a shuffle, unless the parent is partitioned so already (Spark and PySpark
 * skip it then): its partitions are combined in place, or it is returned as it is.
 */
export function shuffleByKey<T>(parent: RDD<unknown>, numPartitions: number, aggregator: Aggregator | null, origin: string): RDD<T> {
  parent.ctx.assertActive(origin);
  const partitioner: Partitioner = { kind: "hash", numPartitions };
  if (samePartitioner(parent.partitioner, partitioner)) {
    return (aggregator === null ? parent : partitionOp(parent, { kind: "combineByKey", aggregator }, origin, true)) as RDD<T>;
  }
  return new ShuffledRDD(parent, partitioner, aggregator, aggregator !== null, origin) as unknown as RDD<T>;
}

/** numPartitions given, or the parent's count (Spark: the largest parent's). */
function partitionsOf(rdd: RDD<unknown>, n: unknown, operation: string, ...others: RDD<unknown>[]): number {
  return checkPartitions(n, operation) ?? Math.max(rdd.numPartitions, ...others.map((o) => o.numPartitions));
}

/** Reads `(numPartitions?, env?)` from the rest of a call. */
function tail(rest: unknown[]): { n: unknown; env: Env | undefined } {
  const { positional, env } = splitEnv(rest);
  return { n: positional[0], env };
}

proto.mapValues = function (...args: unknown[]) {
  return elementOp(this, "mapValues", args);
};

proto.flatMapValues = function (...args: unknown[]) {
  return elementOp(this, "flatMapValues", args);
};

proto.keys = function () {
  return plainElementOp(this, { kind: "keys" }, "keys");
};

proto.values = function () {
  return plainElementOp(this, { kind: "values" }, "values");
};

proto.reduceByKey = function (f: unknown, ...rest: unknown[]) {
  const { n, env } = tail(rest);
  const fn = ship(f, env, "reduceByKey");
  return shuffleByKey(this, partitionsOf(this, n, "reduceByKey"), { kind: "reduce", fn }, "reduceByKey");
};

proto.foldByKey = function (zero: unknown, f: unknown, ...rest: unknown[]) {
  zeroValue(zero, "foldByKey");
  const { n, env } = tail(rest);
  const fn = ship(f, env, "foldByKey");
  return shuffleByKey(this, partitionsOf(this, n, "foldByKey"), { kind: "fold", zero, fn }, "foldByKey");
};

proto.groupByKey = function (n?: unknown) {
  return shuffleByKey(this, partitionsOf(this, n, "groupByKey"), { kind: "group" }, "groupByKey");
};

proto.combineByKey = function (createCombiner: unknown, mergeValue: unknown, mergeCombiners: unknown, ...rest: unknown[]) {
  const { n, env } = tail(rest);
  const aggregator: Aggregator = {
    kind: "combine",
    createCombiner: ship(createCombiner, env, "combineByKey", "createCombiner"),
    mergeValue: ship(mergeValue, env, "combineByKey", "mergeValue"),
    mergeCombiners: ship(mergeCombiners, env, "combineByKey", "mergeCombiners"),
  };
  return shuffleByKey(this, partitionsOf(this, n, "combineByKey"), aggregator, "combineByKey");
};

proto.aggregateByKey = function (zero: unknown, seqOp: unknown, combOp: unknown, ...rest: unknown[]) {
  zeroValue(zero, "aggregateByKey");
  const { n, env } = tail(rest);
  const aggregator: Aggregator = {
    kind: "aggregate",
    zero,
    seqOp: ship(seqOp, env, "aggregateByKey", "seqOp"),
    combOp: ship(combOp, env, "aggregateByKey", "combOp"),
  };
  return shuffleByKey(this, partitionsOf(this, n, "aggregateByKey"), aggregator, "aggregateByKey");
};

proto.partitionBy = function (n: unknown) {
  const numPartitions = checkPartitions(n ?? 0, "partitionBy")!;
  return shuffleByKey(this, numPartitions, null, "partitionBy");
};

proto.sortByKey = function (ascending?: unknown, n?: unknown) {
  this.ctx.assertActive("sortByKey");
  const asc = optionalBoolean(ascending, true, "sortByKey", "ascending");
  const numPartitions = partitionsOf(this, n, "sortByKey");
  const shuffled = new ShuffledRDD(this, { kind: "range", numPartitions, bounds: [], ascending: asc }, null, false, "sortByKey");
  return partitionOp(shuffled as unknown as RDD<unknown>, { kind: "sortByKey", ascending: asc }, "sortByKey", true);
};

type JoinKind = "inner" | "left" | "right" | "full" | "cogroup";

/**
 * The partition count of a join or cogroup: the one given; else the partitioner of a side that
 * has one, when it has at least a tenth of the larger side's partitions (Spark's
 * defaultPartitioner), so that side needs no shuffle; else the larger side's count.
 */
function joinPartitions(left: RDD<unknown>, right: RDD<unknown>, n: unknown, operation: string): number {
  const given = checkPartitions(n, operation);
  if (given !== undefined) return given;
  const most = Math.max(left.numPartitions, right.numPartitions);
  const hashed = [left, right].map((r) => r.partitioner).filter((p) => p?.kind === "hash").sort((a, b) => b!.numPartitions - a!.numPartitions)[0];
  return hashed !== undefined && Math.log10(most) - Math.log10(Math.max(1, hashed.numPartitions)) < 1 ? hashed.numPartitions : most;
}

/**
 * PySpark's `_do_python_join`: tag both sides, union them, group by key (one shuffle), then
 * dispatch the tagged values. When a side is partitioned by key already as the result will be,
 * it is not shuffled: the other side is partitioned alike, and the tagged sides are grouped
 * partition by partition (as Spark's CoGroupedRDD does with a one-to-one dependency).
 */
function tagAndGroup(self: RDD<unknown>, other: unknown, n: unknown, operation: string): RDD<[unknown, Array<[number, unknown]>]> {
  sameContext(self, other, operation);
  const right = other as RDD<unknown>;
  const numPartitions = joinPartitions(self, right, n, operation);
  const target: Partitioner = { kind: "hash", numPartitions };
  const coPartition = samePartitioner(self.partitioner, target) || samePartitioner(right.partitioner, target);
  const side = (rdd: RDD<unknown>): RDD<unknown> => (coPartition ? shuffleByKey(rdd, numPartitions, null, operation) : rdd);
  const tagged = unionOf([elementOp(side(self), "mapValues", [(v: unknown) => [0, v]]), elementOp(side(right), "mapValues", [(v: unknown) => [1, v]])]);
  tagged.origin = operation;
  return shuffleByKey(tagged, numPartitions, { kind: "group" }, operation);
}

function join(self: RDD<unknown>, other: unknown, n: unknown, kind: JoinKind, operation: string): RDD<unknown> {
  const grouped = tagAndGroup(self, other, n, operation);
  if (kind === "cogroup") {
    return elementOp(grouped, "mapValues", [
      (tagged: Array<[number, unknown]>) => {
        const left: unknown[] = [];
        const right: unknown[] = [];
        for (const [tag, v] of tagged) (tag === 0 ? left : right).push(v);
        return [left, right];
      },
    ]);
  }
  return elementOp(grouped, "flatMapValues", [
    (tagged: Array<[number, unknown]>) => {
      const left: unknown[] = [];
      const right: unknown[] = [];
      for (const [tag, v] of tagged) (tag === 0 ? left : right).push(v);
      if (left.length === 0 && (kind === "right" || kind === "full")) left.push(null);
      if (right.length === 0 && (kind === "left" || kind === "full")) right.push(null);
      const out: unknown[] = [];
      for (const l of left) for (const r of right) out.push([l, r]);
      return out;
    },
    { kind },
  ]);
}

proto.join = function (other: unknown, n?: unknown) {
  return join(this, other, n, "inner", "join");
};
proto.leftOuterJoin = function (other: unknown, n?: unknown) {
  return join(this, other, n, "left", "leftOuterJoin");
};
proto.rightOuterJoin = function (other: unknown, n?: unknown) {
  return join(this, other, n, "right", "rightOuterJoin");
};
proto.fullOuterJoin = function (other: unknown, n?: unknown) {
  return join(this, other, n, "full", "fullOuterJoin");
};
proto.cogroup = function (other: unknown, n?: unknown) {
  return join(this, other, n, "cogroup", "cogroup");
};

proto.subtractByKey = function (other: unknown, n?: unknown) {
  const grouped = join(this, other, n, "cogroup", "subtractByKey");
  const kept = elementOp(grouped, "filter", [(kv: [unknown, [unknown[], unknown[]]]) => kv[1][0].length > 0 && kv[1][1].length === 0]);
  return elementOp(kept, "flatMapValues", [(sides: [unknown[], unknown[]]) => sides[0]]);
};
