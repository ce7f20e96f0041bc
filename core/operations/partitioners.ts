/**
 * Where a key goes in a shuffle: hash partitioning (a portable hash, the same in every process)
 * or range partitioning (sortByKey: bounds sampled by the driver, as Spark's RangePartitioner).
 * The kinds, their guard, the function from key to partition, and when two partitioners place
 * every key alike (then data partitioned by one is already partitioned by the other).
 */
import { hashPartition } from "../keys/portable-hash.js";
import { compareValues } from "../keys/key-order.js";
import { anything, bool, type Infer, int, list, variants } from "../plan/schema.js";

export const partitionerGuard = variants("a partitioner", {
  hash: { numPartitions: int() },
  range: { numPartitions: int(), bounds: list(anything), ascending: bool },
});

export type Partitioner = Infer<typeof partitionerGuard>;

/** A function from key to partition. */
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

/** Whether every key lands in the same partition under both (Spark's Partitioner.equals). */
export function samePartitioner(a: Partitioner | undefined, b: Partitioner | undefined): boolean {
  if (a === undefined || b === undefined || a.kind !== b.kind || a.numPartitions !== b.numPartitions) return false;
  if (a.kind === "hash") return true;
  const r = b as Extract<Partitioner, { kind: "range" }>;
  return a === b || (a.ascending === r.ascending && a.bounds.length === r.bounds.length && a.bounds.every((x, i) => compareValues(x, r.bounds[i]) === 0));
}

/** How lineage output shows a partitioner. */
export function describePartitioner(p: Partitioner): string {
  return p.kind === "hash" ? `HashPartitioner(${p.numPartitions})` : `RangePartitioner(${p.numPartitions}, ${p.ascending ? "ascending" : "descending"})`;
}
