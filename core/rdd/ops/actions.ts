/**
 * The actions of every RDD: each runs a job through the Context (`ctx.runJob`) with a result
 * operation executed next to the data on executors, then finishes on the driver (merging
 * partial reductions, ordering, slicing). Numeric and pair actions live beside this file.
 */
import { EngineError } from "../../engine-error.js";
import { commitOutputDir, prepareOutputDir } from "../../io/text-sink.js";
import { compareValues } from "../../keys/key-order.js";
import type { ResultOp } from "../../operations/results.js";
import { SeededRandom } from "../../random/seeded-random.js";
import { decodeRowBlock } from "../../wire/row-block.js";
import { decodeValue } from "../../wire/value-codec.js";
import { RDD } from "../rdd.js";
import { inAction } from "./action-scope.js";
import { describe, type Env, integerArg, isAsyncFn, onDriver, optionalBoolean, ship, splitEnv, zeroValue } from "./call-args.js";

declare module "../rdd.js" {
  interface RDD<T> {
    collect(): Promise<T[]>;
    count(): Promise<number>;
    isEmpty(): Promise<boolean>;
    first(): Promise<T>;
    take(n: number): Promise<T[]>;
    takeSample(withReplacement: boolean, num: number, seed?: number): Promise<T[]>;
    top(n: number, key?: (x: T) => unknown, env?: Env): Promise<T[]>;
    takeOrdered(n: number, key?: (x: T) => unknown, env?: Env): Promise<T[]>;
    max(key?: (x: T) => unknown, env?: Env): Promise<T>;
    min(key?: (x: T) => unknown, env?: Env): Promise<T>;
    reduce(f: (a: T, b: T) => T, env?: Env): Promise<T>;
    fold(zero: T, f: (a: T, b: T) => T, env?: Env): Promise<T>;
    aggregate<U>(zero: U, seqOp: (acc: U, x: T) => U, combOp: (a: U, b: U) => U, env?: Env): Promise<U>;
    foreach(f: (x: T) => unknown, env?: Env): Promise<void>;
    foreachPartition(f: (it: Iterable<T>) => unknown, env?: Env): Promise<void>;
    toLocalIterator(): AsyncIterableIterator<T>;
    saveAsTextFile(dir: string): Promise<void>;
  }
}

const proto = RDD.prototype as unknown as Record<string, (this: RDD<unknown>, ...args: unknown[]) => unknown>;

/** Runs `op` on the given partitions (all by default) and returns the decoded per-partition results. */
export async function runValues(rdd: RDD<unknown>, op: ResultOp, partitions?: number[]): Promise<unknown[]> {
  const results = await rdd.ctx.runJob(rdd, op, partitions);
  return results.map((bytes) => decodeValue(bytes));
}

/** Runs an op whose per-partition results are row blocks, and concatenates them in partition order. */
export async function runRows(rdd: RDD<unknown>, op: ResultOp, partitions?: number[]): Promise<unknown[]> {
  const results = await rdd.ctx.runJob(rdd, op, partitions);
  const out: unknown[] = [];
  for (const bytes of results) {
    const rows = decodeRowBlock(bytes);
    for (let i = 0; i < rows.length; i++) out.push(rows[i]);
  }
  return out;
}

function emptyError(operation: string): EngineError {
  return new EngineError("EMPTY_RDD", `${operation}: the RDD is empty, so there is nothing to ${operation}. Check with isEmpty() first, or use fold() with a zero value.`);
}

proto.collect = function () {
  return runRows(this, { kind: "collect" });
};

proto.count = async function () {
  const counts = (await runValues(this, { kind: "count" })) as number[];
  return counts.reduce((a, b) => a + b, 0);
};

proto.take = async function (n: unknown) {
  const num = integerArg(n, "take", "n", 0);
  this.ctx.assertActive("take");
  const total = this.numPartitions;
  const buf: unknown[] = [];
  let scanned = 0;
  while (buf.length < num && scanned < total) {
    // as Spark: try one partition, then grow the number tried from what the earlier ones gave
    let tryCount = 1;
    if (scanned > 0) {
      tryCount = buf.length === 0 ? scanned * 4 : Math.max(Math.ceil((1.5 * num * scanned) / buf.length) - scanned, 1);
      tryCount = Math.min(tryCount, scanned * 4);
    }
    const parts: number[] = [];
    for (let p = scanned; p < Math.min(scanned + tryCount, total); p++) parts.push(p);
    const rows = await runRows(this, { kind: "take", n: num - buf.length }, parts);
    for (const x of rows) if (buf.length < num) buf.push(x);
    scanned += parts.length;
  }
  return buf;
};

proto.first = async function () {
  const rows = (await this.take(1)) as unknown[];
  if (rows.length === 0) throw emptyError("first");
  return rows[0];
};

proto.isEmpty = async function () {
  this.ctx.assertActive("isEmpty");
  return this.numPartitions === 0 || ((await this.take(1)) as unknown[]).length === 0;
};

proto.reduce = async function (f: unknown, env?: unknown) {
  const fn = ship(f, env as Env | undefined, "reduce");
  const partials = (await runValues(this, { kind: "reduce", fn })) as Array<{ empty: boolean; value?: unknown }>;
  const values = partials.filter((p) => !p.empty).map((p) => p.value);
  if (values.length === 0) throw emptyError("reduce");
  const reducer = await onDriver(fn, this.ctx);
  return values.reduce((a, b) => reducer(a, b));
};

proto.fold = async function (zero: unknown, f: unknown, env?: unknown) {
  zeroValue(zero, "fold");
  const fn = ship(f, env as Env | undefined, "fold");
  const partials = await runValues(this, { kind: "fold", zero, fn });
  const folder = await onDriver(fn, this.ctx);
  return partials.reduce((acc, v) => folder(acc, v), structuredClone(zero));
};

proto.aggregate = async function (zero: unknown, seqOp: unknown, combOp: unknown, env?: unknown) {
  zeroValue(zero, "aggregate");
  const seq = ship(seqOp, env as Env | undefined, "aggregate", "seqOp");
  const shippedComb = ship(combOp, env as Env | undefined, "aggregate", "combOp");
  const partials = await runValues(this, { kind: "aggregate", zero, seqOp: seq });
  const comb = await onDriver(shippedComb, this.ctx);
  return partials.reduce((acc, v) => comb(acc, v), structuredClone(zero));
};

proto.foreach = async function (f: unknown, env?: unknown) {
  await runValues(this, { kind: "foreach", fn: ship(f, env as Env | undefined, "foreach"), isAsync: isAsyncFn(f) });
};

proto.foreachPartition = async function (f: unknown, env?: unknown) {
  await runValues(this, { kind: "foreachPartition", fn: ship(f, env as Env | undefined, "foreachPartition") });
};

/** takeOrdered / top / max / min: each partition sends its best n, the driver merges them. */
async function ordered(rdd: RDD<unknown>, operation: string, n: number, args: unknown[], ascending: boolean): Promise<unknown[]> {
  const { positional, env } = splitEnv(args);
  const key = positional[0];
  const keyFn = key === undefined || key === null ? null : ship(key, env, operation, "key");
  const rows = await runRows(rdd, { kind: "takeOrdered", n, keyFn, ascending });
  const k = keyFn === null ? undefined : await onDriver(keyFn, rdd.ctx);
  const sign = ascending ? 1 : -1;
  const keyed = rows.map((x) => ({ x, k: k ? k(x) : x }));
  keyed.sort((a, b) => sign * compareValues(a.k, b.k));
  return keyed.slice(0, n).map((e) => e.x);
}

proto.takeOrdered = function (n: unknown, ...rest: unknown[]) {
  return ordered(this, "takeOrdered", integerArg(n, "takeOrdered", "n", 0), rest, true);
};

proto.top = function (n: unknown, ...rest: unknown[]) {
  return ordered(this, "top", integerArg(n, "top", "n", 0), rest, false);
};

proto.max = async function (...args: unknown[]) {
  const best = await ordered(this, "max", 1, args, false);
  if (best.length === 0) throw emptyError("max");
  return best[0];
};

proto.min = async function (...args: unknown[]) {
  const best = await ordered(this, "min", 1, args, true);
  if (best.length === 0) throw emptyError("min");
  return best[0];
};

proto.takeSample = async function (withReplacement: unknown, num: unknown, seed?: unknown) {
  const replace = optionalBoolean(withReplacement, false, "takeSample", "withReplacement");
  const n = integerArg(num, "takeSample", "num", 0);
  if (seed !== undefined && (typeof seed !== "number" || !Number.isSafeInteger(seed))) {
    throw new EngineError("INVALID_ARGUMENT", `takeSample: seed must be an integer, got ${describe(seed)}.`);
  }
  if (n === 0) return [];
  const total = (await this.count()) as number;
  if (total === 0) return [];
  const rand = new SeededRandom(seed ?? Math.floor(Math.random() * 2 ** 31));
  if (!replace && n >= total) return rand.shuffle((await this.collect()) as unknown[]);
  const fraction = fractionForSampleSize(n, total, replace);
  let s = rand.nextUint32();
  let samples = (await this.sample(replace, fraction, s).collect()) as unknown[];
  while (samples.length < n) {
    s = rand.nextUint32();
    samples = (await this.sample(replace, fraction, s).collect()) as unknown[];
  }
  return rand.shuffle(samples).slice(0, n);
};

/** PySpark's RDD._computeFractionForSampleSize: a fraction that yields at least `n` with high probability. */
function fractionForSampleSize(n: number, total: number, withReplacement: boolean): number {
  const fraction = n / total;
  if (withReplacement) {
    const numStDev = n < 12 ? 9 : 5;
    return fraction + numStDev * Math.sqrt(fraction / total);
  }
  const delta = 0.00005;
  const gamma = -Math.log(delta) / total;
  return Math.min(1, fraction + gamma + Math.sqrt(gamma * gamma + 2 * gamma * fraction));
}

proto.toLocalIterator = function () {
  this.ctx.assertActive("toLocalIterator");
  const rdd = this;
  async function* partitions(): AsyncGenerator<unknown> {
    for (let p = 0; p < rdd.numPartitions; p++) {
      const rows = await inAction("toLocalIterator", () => runRows(rdd, { kind: "collect" }, [p]));
      yield* rows;
    }
  }
  return partitions();
};

proto.saveAsTextFile = async function (dir: unknown) {
  if (typeof dir !== "string" || dir.length === 0) {
    throw new EngineError("INVALID_ARGUMENT", `saveAsTextFile: dir must be a directory path, got ${describe(dir)}.`);
  }
  this.ctx.assertActive("saveAsTextFile");
  const absolute = prepareOutputDir(dir, "saveAsTextFile");
  await runValues(this, { kind: "save", dir: absolute });
  commitOutputDir(absolute);
};
