/**
 * What a result task does with its partition's stream, and the bytes it sends back: rows as a
 * row block (collect, take, takeOrdered), one value through the value codec (count, fold,
 * aggregate, reduce, stats, histogram, sampled keys), or nothing (foreach, save). The result
 * operations' kinds, their guard, and their code on executors.
 */
import { formatTextLine } from "../io/text-line-format.js";
import { writePartFileAsync } from "../io/text-sink.js";
import { compareValues } from "../keys/key-order.js";
import { shippedFn } from "../plan/shipped-fn-guard.js";
import { anything, bool, type Infer, int, list, nullable, num, str, variants } from "../plan/schema.js";
import { SeededRandom } from "../random/seeded-random.js";
import { asAsync, materialize, type Stream } from "../task/stream.js";
import { type FunctionTable, isThenable } from "../task/user-fn.js";
import { encodeRowBlock } from "../wire/row-block.js";
import { encodeValue } from "../wire/value-codec.js";
import { zeroFactory } from "./aggregators.js";

export const resultOpGuard = variants("a result operation", {
  collect: {},
  count: {},
  take: { n: int() },
  fold: { zero: anything, fn: shippedFn },
  aggregate: { zero: anything, seqOp: shippedFn },
  reduce: { fn: shippedFn },
  foreach: { fn: shippedFn, isAsync: bool },
  foreachPartition: { fn: shippedFn },
  save: { dir: str },
  takeOrdered: { n: int(), keyFn: nullable(shippedFn), ascending: bool },
  sampleKeys: { size: int(), seed: num },
  stats: {},
  histogram: { buckets: list(anything, 2), evenly: bool },
});

/** What a result task does with its partition and sends back. */
export type ResultOp = Infer<typeof resultOpGuard>;

export interface ResultContext {
  fns: FunctionTable;
  partition: number;
  attemptId: string;
  operation: string;
}

/** Runs `f` on every element, sync when the stream is. */
async function each(stream: Stream, f: (x: unknown) => void): Promise<void> {
  if (stream.async) for await (const x of stream.iter) f(x);
  else for (const x of stream.iter) f(x);
}

function numberOf(v: unknown, operation: string): number {
  if (typeof v !== "number") throw new TypeError(`${operation}: needs an RDD of numbers, got ${v === null ? "null" : typeof v} ${String(v).slice(0, 40)}. Map the elements to numbers first.`);
  return v;
}

export async function runResultOp(op: ResultOp, stream: Stream, rc: ResultContext): Promise<Uint8Array> {
  const name = rc.operation;
  switch (op.kind) {
    case "collect":
      return encodeRowBlock(await materialize(stream), name);
    case "count": {
      let n = 0;
      await each(stream, () => {
        n++;
      });
      return encodeValue(n, name);
    }
    case "take": {
      const rows: unknown[] = [];
      if (op.n > 0) {
        for await (const x of asAsync(stream)) {
          rows.push(x);
          if (rows.length >= op.n) break;
        }
      }
      return encodeRowBlock(rows, name);
    }
    case "fold":
    case "aggregate": {
      // fold(zero, f) and aggregate(zero, seqOp, _) are the same per partition
      const f = rc.fns.syncFn(op.kind === "fold" ? op.fn : op.seqOp, name);
      let acc = zeroFactory(op.zero)();
      await each(stream, (x) => {
        acc = f(acc, x);
      });
      return encodeValue(acc, name, `the ${op.kind === "fold" ? "folded" : "aggregated"} value`);
    }
    case "reduce": {
      const f = rc.fns.syncFn(op.fn, name);
      let empty = true;
      let acc: unknown;
      await each(stream, (x) => {
        if (empty) {
          acc = x;
          empty = false;
        } else acc = f(acc, x);
      });
      return encodeValue(empty ? { empty } : { empty, value: acc }, name, "the reduced value");
    }
    case "foreach": {
      const f = rc.fns.fn(op.fn);
      for await (const x of asAsync(stream)) {
        const r = f(x);
        if (isThenable(r)) await r;
      }
      return encodeValue(null, name);
    }
    case "foreachPartition": {
      const f = rc.fns.fn(op.fn);
      const r = f(stream.async ? await materialize(stream) : stream.iter);
      if (isThenable(r)) await r;
      return encodeValue(null, name);
    }
    case "save": {
      const lines = (async function* () {
        for await (const x of asAsync(stream)) yield formatTextLine(x);
      })();
      await writePartFileAsync(op.dir, rc.partition, lines, rc.attemptId);
      return encodeValue(null, name);
    }
    case "takeOrdered": {
      const key = op.keyFn ? rc.fns.syncFn(op.keyFn, name) : null;
      const sign = op.ascending ? 1 : -1;
      const keyed = (await materialize(stream)).map((x) => ({ x, k: key ? key(x) : x }));
      keyed.sort((a, b) => sign * compareValues(a.k, b.k));
      return encodeRowBlock(keyed.slice(0, op.n).map((e) => e.x), name);
    }
    case "sampleKeys": {
      // reservoir sample of the keys, and the partition's size to weight them
      const rng = new SeededRandom(op.seed, rc.partition);
      const sample: unknown[] = [];
      let count = 0;
      await each(stream, (row) => {
        const key = (row as unknown[])[0];
        if (sample.length < op.size) sample.push(key);
        else {
          const j = rng.nextInt(count + 1);
          if (j < op.size) sample[j] = key;
        }
        count++;
      });
      return encodeValue({ count, sample }, name);
    }
    case "stats": {
      let count = 0;
      let mean = 0;
      let m2 = 0;
      let max = -Infinity;
      let min = Infinity;
      let sum = 0;
      await each(stream, (v) => {
        const x = numberOf(v, name);
        count++;
        const delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
        if (x > max) max = x;
        if (x < min) min = x;
        sum += x;
      });
      return encodeValue({ count, mean, m2, max, min, sum }, name);
    }
    case "histogram": {
      const edges = op.buckets as unknown[];
      const min = edges[0];
      const max = edges[edges.length - 1];
      const inc = op.evenly ? ((max as number) - (min as number)) / (edges.length - 1) : 0;
      const counters = new Array<number>(edges.length).fill(0);
      await each(stream, (x) => {
        if (x === null || x === undefined || (typeof x === "number" && Number.isNaN(x))) return;
        if (compareValues(x, max) > 0 || compareValues(x, min) < 0) return;
        let t: number;
        if (op.evenly) t = Math.trunc((numberOf(x, name) - (min as number)) / inc);
        else {
          // bisect_right(edges, x) - 1
          let lo = 0;
          let hi = edges.length;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (compareValues(x, edges[mid]) < 0) hi = mid;
            else lo = mid + 1;
          }
          t = lo - 1;
        }
        counters[t]!++;
      });
      const last = counters.pop()!;
      counters[counters.length - 1]! += last;
      return encodeValue(counters, name);
    }
  }
}
