/**
 * Actions over RDDs of numbers: sum, mean, variance and deviations, stats() (a StatCounter
 * merged from per-partition counters, population stdev as PySpark) and histogram() with
 * PySpark's bucket rules (evenly spaced from a count, or given edges; the last bucket closed).
 */
import { EngineError } from "../../engine-error.js";
import { RDD } from "../rdd.js";
import { describe } from "./call-args.js";
import { compareValues } from "../../keys/key-order.js";
import { runValues } from "./actions.js";

export interface StatCounter {
  count: number;
  mean: number;
  m2: number;
  max: number;
  min: number;
  sum: number;
}

export interface Stats {
  count: number;
  mean: number;
  stdev: number;
  max: number;
  min: number;
  sum: number;
}

declare module "../rdd.js" {
  interface RDD<T> {
    sum(this: RDD<number>): Promise<number>;
    mean(this: RDD<number>): Promise<number>;
    variance(this: RDD<number>): Promise<number>;
    stdev(this: RDD<number>): Promise<number>;
    sampleVariance(this: RDD<number>): Promise<number>;
    sampleStdev(this: RDD<number>): Promise<number>;
    stats(this: RDD<number>): Promise<Stats>;
    histogram<B extends number | string>(buckets: number | B[]): Promise<[B[], number[]]>;
  }
}

const proto = RDD.prototype as unknown as Record<string, (this: RDD<unknown>, ...args: unknown[]) => unknown>;

/** Chan et al.'s parallel merge of two counters, as PySpark's StatCounter.mergeStats. */
export function mergeStats(a: StatCounter, b: StatCounter): StatCounter {
  if (b.count === 0) return a;
  if (a.count === 0) return b;
  const count = a.count + b.count;
  const delta = b.mean - a.mean;
  let mean: number;
  if (b.count * 10 < a.count) mean = a.mean + (delta * b.count) / count;
  else if (a.count * 10 < b.count) mean = b.mean - (delta * a.count) / count;
  else mean = (a.mean * a.count + b.mean * b.count) / count;
  return {
    count, mean,
    m2: a.m2 + b.m2 + (delta * delta * a.count * b.count) / count,
    max: Math.max(a.max, b.max), min: Math.min(a.min, b.min), sum: a.sum + b.sum,
  };
}

const EMPTY: StatCounter = { count: 0, mean: 0, m2: 0, max: -Infinity, min: Infinity, sum: 0 };

async function counter(rdd: RDD<unknown>): Promise<StatCounter> {
  const parts = (await runValues(rdd, { kind: "stats" })) as StatCounter[];
  return parts.reduce(mergeStats, EMPTY);
}

const variance = (c: StatCounter): number => (c.count === 0 ? NaN : c.m2 / c.count);
const sampleVariance = (c: StatCounter): number => (c.count <= 1 ? NaN : c.m2 / (c.count - 1));

proto.sum = async function () {
  return (await counter(this)).sum;
};
proto.mean = async function () {
  return (await counter(this)).mean; // 0 for an empty RDD, as PySpark's StatCounter
};
proto.variance = async function () {
  return variance(await counter(this));
};
proto.stdev = async function () {
  return Math.sqrt(variance(await counter(this)));
};
proto.sampleVariance = async function () {
  return sampleVariance(await counter(this));
};
proto.sampleStdev = async function () {
  return Math.sqrt(sampleVariance(await counter(this)));
};
proto.stats = async function () {
  const c = await counter(this);
  return { count: c.count, mean: c.mean, stdev: Math.sqrt(variance(c)), max: c.max, min: c.min, sum: c.sum };
};

function invalid(message: string): EngineError {
  return new EngineError("INVALID_ARGUMENT", `histogram: ${message}`);
}

proto.histogram = async function (buckets: unknown) {
  this.ctx.assertActive("histogram");
  let edges: number[];
  let evenly: boolean;
  if (typeof buckets === "number") {
    if (!Number.isInteger(buckets) || buckets < 1) throw invalid(`the number of buckets must be an integer >= 1, got ${buckets}.`);
    const comparable = this.filter((x: unknown) => x !== null && x !== undefined && !(typeof x === "number" && Number.isNaN(x)));
    const c = await counter(comparable as RDD<unknown>);
    if (c.count === 0) throw new EngineError("EMPTY_RDD", "histogram: cannot make buckets from an empty RDD; pass the bucket edges instead, e.g. histogram([0, 10, 20]).");
    const { min, max } = c;
    if (min === max || buckets === 1) return [[min, max], [c.count]];
    let inc = (max - min) / buckets;
    if (!Number.isFinite(inc)) throw invalid("cannot make buckets with an infinite value in the RDD; pass the bucket edges instead.");
    const whole = Math.trunc(inc);
    inc = whole * buckets === max - min ? whole : inc;
    edges = [];
    for (let i = 0; i < buckets; i++) edges.push(i * inc + min);
    edges.push(max);
    evenly = true;
  } else if (Array.isArray(buckets)) {
    if (buckets.length < 2) throw invalid(`buckets must have at least two edges, got ${buckets.length}.`);
    if (buckets.some((b) => b === null || b === undefined || (typeof b === "number" && Number.isNaN(b)))) throw invalid("bucket edges cannot be null or NaN.");
    edges = buckets as number[];
    for (let i = 1; i < edges.length; i++) {
      const c = compareValues(edges[i], edges[i - 1]);
      if (c < 0) throw invalid(`buckets must be sorted in ascending order, got [${edges.join(", ")}].`);
      if (c === 0) throw invalid(`buckets must not repeat a value, got ${String(edges[i])} twice.`);
    }
    evenly = false;
    if (edges.every((e) => typeof e === "number")) {
      const steps = edges.slice(1).map((e, i) => e - edges[i]!);
      evenly = Math.max(...steps) - Math.min(...steps) < 1e-10;
    }
  } else {
    throw invalid(`buckets must be a bucket count or a sorted list of edges, got ${describe(buckets)}.`);
  }
  const partials = (await runValues(this, { kind: "histogram", buckets: edges, evenly })) as number[][];
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const part of partials) for (let i = 0; i < counts.length; i++) counts[i]! += part[i]!;
  return [edges, counts];
};

