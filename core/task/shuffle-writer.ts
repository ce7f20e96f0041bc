/**
 * The map side of a shuffle: partitions a map task's rows by key (hash, or range for
 * sortByKey), combining values of the same key first when the aggregator allows (reduceByKey,
 * foldByKey, aggregateByKey, combineByKey, groupByKey), and encodes one Arrow block per reduce
 * partition. Empty reduce partitions get no block (size 0).
 */
import { EngineError } from "../engine-error.js";
import { KeyMap } from "../keys/key-identity.js";
import { compareValues } from "../keys/key-order.js";
import { hashPartition } from "../keys/portable-hash.js";
import type { Aggregator, Partitioner } from "../plan/plan-node.js";
import { encodeColumns } from "../wire/row-codec.js";
import { combinerFns } from "./aggregator-fns.js";
import type { Stream } from "./stream.js";
import type { FunctionTable } from "./user-fn.js";

export interface ShuffleOutput {
  /** one block per reduce partition; null where nothing goes */
  blocks: (Uint8Array | null)[];
  sizes: number[];
}

/** A function from key to reduce partition. */
export function partitionFunction(partitioner: Partitioner): (key: unknown) => number {
  const n = partitioner.numPartitions;
  if (partitioner.kind === "hash") return (key) => hashPartition(key, n);
  const bounds = partitioner.bounds;
  const ascending = partitioner.ascending;
  return (key) => {
    // first bound >= key (binary search), as Spark's RangePartitioner
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareValues(bounds[mid], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return ascending ? lo : bounds.length - lo;
  };
}

function pairOf(row: unknown): unknown[] {
  if (!Array.isArray(row) || row.length !== 2) {
    throw new EngineError("INVALID_ARGUMENT", `shuffle: this operation needs [key, value] pairs, got ${Array.isArray(row) ? `an array of ${row.length}` : typeof row}. Use map((x) => [key, value]) or keyBy first.`);
  }
  return row;
}

export async function writeShuffle(
  input: Stream, partitioner: Partitioner, aggregator: Aggregator | null, mapSideCombine: boolean, fns: FunctionTable,
): Promise<ShuffleOutput> {
  const n = partitioner.numPartitions;
  const partitionOf = partitionFunction(partitioner);
  const keys: unknown[][] = Array.from({ length: n }, () => []);
  const values: unknown[][] = Array.from({ length: n }, () => []);
  if (aggregator !== null && mapSideCombine) {
    const c = combinerFns(aggregator, fns, "shuffle");
    const combined = new KeyMap<unknown>();
    const add = (row: unknown): void => {
      const kv = pairOf(row);
      const k = kv[0];
      const existing = combined.get(k);
      if (existing === undefined && !combined.has(k)) combined.set(k, c.createCombiner(kv[1]));
      else combined.set(k, c.mergeValue(existing, kv[1]));
    };
    if (input.async) for await (const row of input.iter) add(row);
    else for (const row of input.iter) add(row);
    combined.forEach((v, k) => {
      const p = partitionOf(k);
      keys[p]!.push(k);
      values[p]!.push(v);
    });
  } else {
    const add = (row: unknown): void => {
      const kv = pairOf(row);
      const p = partitionOf(kv[0]);
      keys[p]!.push(kv[0]);
      values[p]!.push(kv[1]);
    };
    if (input.async) for await (const row of input.iter) add(row);
    else for (const row of input.iter) add(row);
  }
  const blocks: (Uint8Array | null)[] = [];
  const sizes: number[] = [];
  for (let p = 0; p < n; p++) {
    if (keys[p]!.length === 0) {
      blocks.push(null);
      sizes.push(0);
      continue;
    }
    const block = encodeColumns({ keys: keys[p]!, values: values[p]! }, "shuffle");
    blocks.push(block);
    sizes.push(block.length);
  }
  return { blocks, sizes };
}
