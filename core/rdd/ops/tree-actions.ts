/**
 * treeAggregate and treeReduce: aggregate partitions in a tree of shuffles (depth levels) so
 * the driver merges few partial results even over many partitions, as PySpark does.
 */
import { EngineError } from "../../engine-error.js";
import { RDD } from "../rdd.js";
import { type Env, isPlainObject, onDriver, ship, zeroValue } from "./call-args.js";
import { shuffleByKey } from "./pair-transformations.js";
import { partitionOp, plainElementOp } from "./transformations.js";

declare module "../rdd.js" {
  interface RDD<T> {
    treeAggregate<U>(zero: U, seqOp: (acc: U, x: T) => U, combOp: (a: U, b: U) => U, depth?: number | Env, env?: Env): Promise<U>;
    treeReduce(f: (a: T, b: T) => T, depth?: number | Env, env?: Env): Promise<T>;
  }
}

const proto = RDD.prototype as unknown as Record<string, (this: RDD<unknown>, ...args: unknown[]) => unknown>;

function depthAndEnv(rest: unknown[], operation: string): { depth: number; env: Env } {
  let env: Env = {};
  let depth: unknown = 2;
  if (isPlainObject(rest[0])) env = rest[0];
  else {
    if (rest[0] !== undefined) depth = rest[0];
    if (isPlainObject(rest[1])) env = rest[1];
  }
  if (typeof depth !== "number" || !Number.isInteger(depth) || depth < 1) {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: depth must be an integer >= 1, got ${String(depth)}.`);
  }
  return { depth, env };
}

async function treeAggregate(
  rdd: RDD<unknown>, zero: unknown, seqOp: unknown, combOp: unknown, depth: number, env: Env, operation: string,
): Promise<unknown> {
  zeroValue(zero, operation);
  ship(seqOp, env, operation, "seqOp");
  const comb = combOp as (a: unknown, b: unknown) => unknown;
  const shippedComb = ship(comb, env, operation, "combOp");
  if (rdd.numPartitions === 0) return structuredClone(zero);
  const scope = { ...env, __zero: zero, __seqOp: seqOp, __combOp: combOp };
  let partial = partitionOp(rdd, {
    kind: "mapPartitions", withIndex: false, isAsync: false,
    fn: ship(
      (it: Iterable<unknown>) => {
        let acc = structuredClone(__zero);
        for (const x of it) acc = __seqOp(acc, x);
        return [acc];
      },
      scope, operation,
    ),
  }, operation);
  let numPartitions = partial.numPartitions;
  const scale = Math.max(Math.ceil(numPartitions ** (1 / depth)), 2);
  while (numPartitions > scale + numPartitions / scale) {
    numPartitions = Math.floor(numPartitions / scale);
    const keyed = partitionOp(partial, {
      kind: "mapPartitions", withIndex: true, isAsync: false,
      fn: ship(function* (index: number, it: Iterable<unknown>) {
        for (const x of it) yield [index % __n, x];
      }, { __n: numPartitions }, operation),
    }, operation);
    const merged = shuffleByKey(keyed, numPartitions, { kind: "reduce", fn: shippedComb }, operation);
    partial = plainElementOp(merged, { kind: "values" }, operation);
  }
  const partials = (await partial.collect()) as unknown[];
  const driverComb = await onDriver(shippedComb, rdd.ctx);
  return partials.reduce((acc, v) => driverComb(acc, v), structuredClone(zero));
}

declare const __zero: unknown;
declare const __n: number;
declare function __seqOp(acc: unknown, x: unknown): unknown;

proto.treeAggregate = function (zero: unknown, seqOp: unknown, combOp: unknown, ...rest: unknown[]) {
  const { depth, env } = depthAndEnv(rest, "treeAggregate");
  return treeAggregate(this, zero, seqOp, combOp, depth, env, "treeAggregate");
};

proto.treeReduce = async function (f: unknown, ...rest: unknown[]) {
  const { depth, env } = depthAndEnv(rest, "treeReduce");
  ship(f, env, "treeReduce");
  const scope = { ...env, __f: f };
  const op = (x: [unknown, boolean], y: [unknown, boolean]): [unknown, boolean] => (x[1] ? y : y[1] ? x : [__f(x[0], y[0]), false]);
  const tagged = this.map((x: unknown) => [x, false]);
  const reduced = (await treeAggregate(tagged as RDD<unknown>, [null, true], op, op, depth, scope, "treeReduce")) as [unknown, boolean];
  if (reduced[1]) throw new EngineError("EMPTY_RDD", "treeReduce: the RDD is empty, so there is nothing to reduce. Check with isEmpty() first, or use treeAggregate() with a zero value.");
  return reduced[0];
};

declare function __f(a: unknown, b: unknown): unknown;
