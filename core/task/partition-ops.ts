/**
 * Operations that see a whole partition: mapPartitions(WithIndex), mapAsync (bounded
 * concurrency, order kept), glom, sample (seeded per partition), zipWithIndex,
 * zipWithUniqueId and the sort of a range-partitioned shuffle's output.
 */
import { compareValues } from "../keys/key-order.js";
import type { PartitionOp } from "../plan/plan-node.js";
import { SeededRandom } from "../random/seeded-random.js";
import { asyncStream, materialize, type Stream, streamOfResult, syncStream } from "./stream.js";
import { type FunctionTable, UserFunctionError } from "./user-fn.js";

export interface PartitionInfo {
  index: number;
  numPartitions: number;
}

function mapStream(input: Stream, fn: (x: unknown, i: number) => unknown): Stream {
  if (!input.async) {
    const src = input.iter;
    return syncStream({
      *[Symbol.iterator]() {
        let i = 0;
        for (const x of src) yield fn(x, i++);
      },
    });
  }
  const src = input.iter;
  return asyncStream({
    async *[Symbol.asyncIterator]() {
      let i = 0;
      for await (const x of src) yield fn(x, i++);
    },
  });
}

export function applyPartitionOp(op: PartitionOp, input: Stream, part: PartitionInfo, fns: FunctionTable): Stream {
  switch (op.kind) {
    case "mapPartitions": {
      const f = fns.fn(op.fn);
      const label = op.fn.label;
      const call = (it: Iterable<unknown>): Stream => {
        const r = op.withIndex ? f(part.index, it) : f(it);
        try {
          return streamOfResult(r, op.withIndex ? "mapPartitionsWithIndex" : "mapPartitions");
        } catch (e) {
          throw new UserFunctionError(e, label);
        }
      };
      if (!input.async) return call(input.iter);
      // the function is given a plain iterable: an async input is gathered first
      return asyncStream({
        async *[Symbol.asyncIterator]() {
          const out = call(await materialize(input));
          if (out.async) yield* out.iter;
          else yield* out.iter;
        },
      });
    }
    case "mapAsync":
      return asyncStream(mapAsync(input, fns.fn(op.fn) as (x: unknown) => unknown, op.concurrency));
    case "glom":
      return asyncOrSync(input, (all) => [all]);
    case "sample": {
      const rng = new SeededRandom(op.seed, part.index);
      const keep = op.withReplacement
        ? (x: unknown, out: unknown[]) => {
            for (let n = rng.poisson(op.fraction); n > 0; n--) out.push(x);
          }
        : (x: unknown, out: unknown[]) => {
            if (rng.next() < op.fraction) out.push(x);
          };
      return asyncOrSync(input, (all) => {
        const out: unknown[] = [];
        for (const x of all) keep(x, out);
        return out;
      });
    }
    case "zipWithIndex": {
      const offset = op.offsets[part.index] ?? 0;
      return mapStream(input, (x, i) => [x, offset + i]);
    }
    case "zipWithUniqueId":
      return mapStream(input, (x, i) => [x, i * part.numPartitions + part.index]);
    case "sortByKey": {
      const sign = op.ascending ? 1 : -1;
      return asyncOrSync(input, (all) => {
        const sorted = all.slice();
        sorted.sort((a, b) => sign * compareValues((a as unknown[])[0], (b as unknown[])[0]));
        return sorted;
      });
    }
  }
}

/** Applies a whole-partition function to the materialized input, keeping the stream's kind. */
function asyncOrSync(input: Stream, f: (all: unknown[]) => unknown[]): Stream {
  if (!input.async) {
    const src = input.iter;
    return syncStream({
      *[Symbol.iterator]() {
        yield* f(Array.isArray(src) ? src : [...src]);
      },
    });
  }
  return asyncStream({
    async *[Symbol.asyncIterator]() {
      yield* f(await materialize(input));
    },
  });
}

/** Up to `concurrency` calls in flight; results come out in input order. */
async function* mapAsync(input: Stream, f: (x: unknown) => unknown, concurrency: number): AsyncGenerator<unknown> {
  const inflight: Promise<unknown>[] = [];
  const src = input.iter as AsyncIterable<unknown> | Iterable<unknown>;
  for await (const x of src) {
    const p = Promise.resolve(f(x));
    p.catch(() => undefined); // rejections are rethrown in order below
    inflight.push(p);
    if (inflight.length >= concurrency) yield await inflight.shift()!;
  }
  while (inflight.length > 0) yield await inflight.shift()!;
}
