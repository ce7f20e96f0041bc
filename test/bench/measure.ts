/**
 * Timing helpers of the benchmarks: run a measurement several times and keep the median
 * (this machine is shared and noisy; ratios measured side by side in one run are what count).
 */

export interface Figure {
  workload: string;
  system: string;
  seconds: number;
  /** the workload's natural unit per second (tasks/s, records/s), when it has one */
  rate?: number;
  unit?: string;
  note?: string;
}

export async function median(runs: number, fn: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Medians of several measurements taken in turns (a, b, c, a, b, c, ...), so that the drift of a
 * shared machine falls on every side alike.
 */
export async function interleaved(runs: number, fns: ReadonlyArray<() => Promise<number>>): Promise<number[]> {
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) for (let j = 0; j < fns.length; j++) times[j]!.push(await fns[j]!());
  return times.map((ts) => ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)]!);
}

/** Seconds taken by `fn`. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

export function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`benchmark answer is wrong: ${what}`);
}
