/**
 * The element-wise and partition-wise transformations of RDD<T> (map, filter, flatMap,
 * mapPartitions, glom, keyBy, sample, zipWithIndex, mapAsync, ...). Each ships its functions at
 * the call site and returns a new lazy RDD; nothing runs until an action.
 */
import { EngineError } from "../../engine-error.js";
import { type ElementOp, ElementRDD } from "../../operations/element-ops.js";
import { type PartitionOp, PartitionRDD, ZipWithIndexRDD } from "../../operations/partition-ops.js";
import { RDD } from "../rdd.js";
import { describe, type Env, integerArg, isAsyncFn, optionalBoolean, ship, splitEnv } from "./call-args.js";

declare module "../rdd.js" {
  interface RDD<T> {
    map<U>(f: (x: T) => U, env?: Env): RDD<Awaited<U>>;
    filter(f: (x: T) => unknown, env?: Env): RDD<T>;
    flatMap<U>(f: (x: T) => Iterable<U> | Promise<Iterable<U>>, env?: Env): RDD<U>;
    mapPartitions<U>(f: (it: Iterable<T>) => Iterable<U> | AsyncIterable<U> | Promise<Iterable<U>>, env?: Env): RDD<U>;
    mapPartitions<U>(f: (it: Iterable<T>) => Iterable<U> | AsyncIterable<U> | Promise<Iterable<U>>, preservesPartitioning?: boolean, env?: Env): RDD<U>;
    mapPartitionsWithIndex<U>(f: (index: number, it: Iterable<T>) => Iterable<U> | AsyncIterable<U> | Promise<Iterable<U>>, env?: Env): RDD<U>;
    mapPartitionsWithIndex<U>(f: (index: number, it: Iterable<T>) => Iterable<U> | AsyncIterable<U> | Promise<Iterable<U>>, preservesPartitioning?: boolean, env?: Env): RDD<U>;
    mapAsync<U>(f: (x: T) => Promise<U> | U, concurrency?: number, env?: Env): RDD<U>;
    mapAsync<U>(f: (x: T) => Promise<U> | U, env?: Env): RDD<U>;
    glom(): RDD<T[]>;
    keyBy<K>(f: (x: T) => K, env?: Env): RDD<[Awaited<K>, T]>;
    sample(withReplacement: boolean, fraction: number, seed?: number): RDD<T>;
    zipWithIndex(): RDD<[T, number]>;
    zipWithUniqueId(): RDD<[T, number]>;
  }
}

type FnOpKind = "map" | "filter" | "flatMap" | "mapValues" | "flatMapValues" | "keyBy";

/** A new RDD applying one per-element function op. */
export function elementOp<U>(parent: RDD<unknown>, kind: FnOpKind, args: unknown[]): RDD<U> {
  parent.ctx.assertActive(kind);
  const { positional, env } = splitEnv(args);
  const f = positional[0];
  const op: ElementOp = { kind, fn: ship(f, env, kind), isAsync: isAsyncFn(f) };
  return new ElementRDD<U>(parent, op, kind);
}

/** A new RDD applying one op that needs no function (keys, values). */
export function plainElementOp<U>(parent: RDD<unknown>, op: ElementOp, origin: string): RDD<U> {
  return new ElementRDD<U>(parent, op, origin);
}

/** A new RDD applying one whole-partition op; `keepsPartitioning`: its output keeps the parent's partitioner. */
export function partitionOp<U>(parent: RDD<unknown>, op: PartitionOp, origin: string, keepsPartitioning = false): RDD<U> {
  parent.ctx.assertActive(origin);
  return new PartitionRDD<U>(parent, op, origin, keepsPartitioning);
}

const proto = RDD.prototype as unknown as Record<string, (this: RDD<unknown>, ...args: unknown[]) => unknown>;

for (const kind of ["map", "filter", "flatMap", "keyBy"] as const) {
  proto[kind] = function (this: RDD<unknown>, ...args: unknown[]) {
    return elementOp(this, kind, args);
  };
}

function mapPartitionsOf(rdd: RDD<unknown>, args: unknown[], withIndex: boolean): RDD<unknown> {
  const operation = withIndex ? "mapPartitionsWithIndex" : "mapPartitions";
  const { positional, env } = splitEnv(args);
  const f = positional[0];
  const preserves = positional[1] === undefined ? false : optionalBoolean(positional[1], false, operation, "preservesPartitioning");
  return partitionOp(rdd, { kind: "mapPartitions", fn: ship(f, env, operation), withIndex, isAsync: isAsyncFn(f) }, operation, preserves);
}

proto.mapPartitions = function (...args: unknown[]) {
  return mapPartitionsOf(this, args, false);
};

proto.mapPartitionsWithIndex = function (...args: unknown[]) {
  return mapPartitionsOf(this, args, true);
};

proto.mapAsync = function (...args: unknown[]) {
  const { positional, env } = splitEnv(args);
  const concurrency = positional[1] === undefined ? 8 : integerArg(positional[1], "mapAsync", "concurrency", 1);
  return partitionOp(this, { kind: "mapAsync", fn: ship(positional[0], env, "mapAsync"), concurrency }, "mapAsync");
};

proto.glom = function () {
  return partitionOp(this, { kind: "glom" }, "glom");
};

proto.sample = function (withReplacement: unknown, fraction: unknown, seed?: unknown) {
  const replace = optionalBoolean(withReplacement, false, "sample", "withReplacement");
  if (typeof fraction !== "number" || !(fraction >= 0) || !Number.isFinite(fraction)) {
    throw new EngineError("INVALID_ARGUMENT", `sample: fraction must be a number >= 0, got ${describe(fraction)}.`);
  }
  if (!replace && fraction > 1) {
    throw new EngineError("INVALID_ARGUMENT", `sample: without replacement, fraction is a probability and must be in [0, 1], got ${fraction}. Use sample(true, ${fraction}) to sample with replacement.`);
  }
  const s = seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integerArg(seed, "sample", "seed", Number.MIN_SAFE_INTEGER);
  return partitionOp(this, { kind: "sample", withReplacement: replace, fraction, seed: s }, "sample", true);
};

proto.zipWithIndex = function () {
  this.ctx.assertActive("zipWithIndex");
  return new ZipWithIndexRDD(this);
};

proto.zipWithUniqueId = function () {
  return partitionOp(this, { kind: "zipWithUniqueId" }, "zipWithUniqueId");
};
