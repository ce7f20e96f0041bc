/**
 * How the narrow RDD kinds map their partitions onto their parents'. One function per kind,
 * shared by the driver (to find which source partitions a task needs) and by executors (to
 * compute them), so both always agree.
 */

/** Union: partition `p` is partition `index` of child `child`. */
export function unionParent(childCounts: readonly number[], p: number): { child: number; index: number } {
  let rest = p;
  for (let c = 0; c < childCounts.length; c++) {
    const n = childCounts[c]!;
    if (rest < n) return { child: c, index: rest };
    rest -= n;
  }
  throw new RangeError(`union has no partition ${p}`);
}

/** Coalesce from `parentCount` to `count` partitions: contiguous ranges, as Spark without locality. */
export function coalesceParents(parentCount: number, count: number, p: number): number[] {
  const from = Math.floor((p * parentCount) / count);
  const to = Math.floor(((p + 1) * parentCount) / count);
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** Cartesian: partition `p` pairs left partition `p / rightCount` with right partition `p % rightCount`. */
export function cartesianParents(rightCount: number, p: number): { left: number; right: number } {
  return { left: Math.floor(p / rightCount), right: p % rightCount };
}

/** Parallelize and range slicing, as Spark: slice i holds elements [i·len/n, (i+1)·len/n). */
export function sliceBounds(length: number, numSlices: number, i: number): { start: number; end: number } {
  return { start: Math.floor((i * length) / numSlices), end: Math.floor(((i + 1) * length) / numSlices) };
}
