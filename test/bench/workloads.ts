/**
 * The benchmark workloads of BENCHMARKS.md (W1 seed, W2 tasks, W3 shuffle, W5 cold start), each
 * measured on spate and on its hand-written Node reference in the same run, answers checked;
 * and J1, a co-partitioned join against the same join shuffled.
 */
import { createRequire } from "node:module";
import { Context } from "../../api/index.js";
import { check, type Figure, interleaved, timed } from "./measure.js";
import { roundTrips, runOnThreads } from "./thread-pool.js";

// the serial reference calls meanOfC1 here; shipped copies get the executor's require
const require = createRequire(import.meta.url);

/** W1's per-file function: the mean of channel c1 (the same function on every side). */
export function meanOfC1(file: string): [string, number] {
  const text: string = require("node:fs").readFileSync(file, "utf8");
  let sum = 0;
  let count = 0;
  let pos = text.indexOf("\n") + 1;
  const n = text.length;
  while (pos < n) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = n;
    const a = text.indexOf(";", pos) + 1;
    const b = text.indexOf(";", a);
    sum += Number(text.slice(a, b < 0 || b > end ? end : b));
    count++;
    pos = end + 1;
  }
  return [require("node:path").basename(file), sum / count];
}

export interface BenchOptions {
  /** masters measured side by side (local[2], local-cluster[2]) */
  masters: string[];
  runs: number;
}

export async function w1(files: string[], opts: BenchOptions): Promise<Figure[]> {
  const source = meanOfC1.toString();
  const expected = files.map((f) => meanOfC1(f));
  const [serial, threads, ...spate] = await interleaved(opts.runs, [
    () => timed(async () => files.map((f) => meanOfC1(f))),
    () =>
      timed(async () => {
        const out = await runOnThreads<string, [string, number]>(source, files, 2);
        check(out.length === files.length, "W1 threads");
      }),
    ...opts.masters.map((master) => () =>
      timed(async () => {
        const sc = await Context.create({ master, progress: false });
        try {
          const out = await sc.parallelize(files, 2 * sc.defaultParallelism).map(meanOfC1).collect();
          check(JSON.stringify(out) === JSON.stringify(expected), "W1 spate means");
        } finally {
          await sc.stop();
        }
      }),
    ),
  ]);
  return [
    { workload: "W1", system: "node, 1 thread (loop)", seconds: serial! },
    { workload: "W1", system: "node, 2 worker threads", seconds: threads! },
    ...opts.masters.map((master, i) => ({ workload: "W1", system: `spate ${master} (create + job + stop)`, seconds: spate[i]! })),
  ];
}

export async function w2(opts: BenchOptions, tasks = 10_000): Promise<Figure[]> {
  const contexts = await Promise.all(opts.masters.map((master) => Context.create({ master, progress: false })));
  try {
    const data = Array.from({ length: tasks }, (_, i) => i);
    for (const sc of contexts) await sc.parallelize(data.slice(0, 100), 100).map((x) => x).count(); // warm the slots
    const [threads, ...spate] = await interleaved(opts.runs, [
      () => timed(async () => check((await roundTrips("(x) => x", tasks, 2)) === tasks, "W2 threads")),
      ...contexts.map((sc) => () => timed(async () => check((await sc.parallelize(data, tasks).map((x) => x).count()) === tasks, "W2 spate count"))),
    ]);
    return [
      { workload: "W2", system: "node worker threads, 1 in flight each", seconds: threads!, rate: tasks / threads!, unit: "tasks/s" },
      ...opts.masters.map((master, i) => ({ workload: "W2", system: `spate ${master}`, seconds: spate[i]!, rate: tasks / spate[i]!, unit: "tasks/s" })),
    ];
  } finally {
    await Promise.all(contexts.map((sc) => sc.stop()));
  }
}

export async function w3(opts: BenchOptions, records = 5_000_000, keys = 100_000): Promise<Figure[]> {
  const chunkSource = `([lo, hi, keys]) => { const m = new Map(); for (let i = lo; i < hi; i++) { const k = "k" + (i % keys); m.set(k, (m.get(k) ?? 0) + 1); } return [...m]; }`;
  const chunks = Array.from({ length: 8 }, (_, i) => [Math.floor((i * records) / 8), Math.floor(((i + 1) * records) / 8), keys]);
  const contexts = await Promise.all(opts.masters.map((master) => Context.create({ master, progress: false })));
  try {
    const [threads, ...spate] = await interleaved(opts.runs, [
      () =>
        timed(async () => {
          const parts = await runOnThreads<number[], Array<[string, number]>>(chunkSource, chunks, 2);
          const merged = new Map<string, number>();
          for (const part of parts) for (const [k, v] of part) merged.set(k, (merged.get(k) ?? 0) + v);
          check(merged.size === keys, "W3 threads keys");
        }),
      ...contexts.map((sc) => () =>
        timed(async () => {
          const n = await sc
            .range(0, records, 1, 8)
            .map((i) => ["k" + (i % keys), 1] as [string, number], { keys })
            .reduceByKey((a, b) => a + b, 8)
            .count();
          check(n === keys, "W3 spate keys");
        }),
      ),
    ]);
    return [
      { workload: "W3", system: "node, 2 threads, hand-written combine", seconds: threads!, rate: records / threads!, unit: "records/s" },
      ...opts.masters.map((master, i) => ({ workload: "W3", system: `spate ${master}`, seconds: spate[i]!, rate: records / spate[i]!, unit: "records/s" })),
    ];
  } finally {
    await Promise.all(contexts.map((sc) => sc.stop()));
  }
}

/**
 * J1, a join of two reduced RDDs (Spark's co-partitioned join): each side is `records` pairs
 * reduced by key into 8 hash partitions, then they are joined and counted. Partitioned alike, the
 * join needs no shuffle; the same join after a `map` (which drops the partitioner, as every join
 * did before RDDs knew their partitioner) shuffles both sides again. Measured in the same run.
 */
export async function j1(opts: BenchOptions, records = 1_000_000, keys = 50_000): Promise<Figure[]> {
  const contexts = await Promise.all(opts.masters.map((master) => Context.create({ master, progress: false })));
  try {
    const join = (sc: Context, keepPartitioner: boolean) => async () => {
      const side = (salt: number) => {
        const reduced = sc.range(0, records, 1, 8).map((i) => [(i * salt) % keys, 1] as [number, number], { keys, salt }).reduceByKey((a, b) => a + b, 8);
        return keepPartitioner ? reduced : reduced.map((kv) => kv);
      };
      check((await side(7).join(side(13)).count()) === keys, "J1 joined keys");
    };
    const runs = await interleaved(opts.runs, contexts.flatMap((sc) => [() => timed(join(sc, true)), () => timed(join(sc, false))]));
    return opts.masters.flatMap((master, i) => [
      { workload: "J1", system: `spate ${master}, co-partitioned (no shuffle for the join)`, seconds: runs[2 * i]!, rate: (2 * records) / runs[2 * i]!, unit: "records/s" },
      { workload: "J1", system: `spate ${master}, partitioner dropped (join shuffles)`, seconds: runs[2 * i + 1]!, rate: (2 * records) / runs[2 * i + 1]!, unit: "records/s" },
    ]);
  } finally {
    await Promise.all(contexts.map((sc) => sc.stop()));
  }
}

export async function w5(opts: BenchOptions): Promise<Figure[]> {
  const spate = await interleaved(
    opts.runs,
    opts.masters.map((master) => () =>
      timed(async () => {
        const sc = await Context.create({ master, progress: false });
        try {
          check((await sc.parallelize([1], 1).map((x) => x + 1).collect())[0] === 2, "W5 answer");
        } finally {
          await sc.stop();
        }
      }),
    ),
  );
  return opts.masters.map((master, i) => ({ workload: "W5", system: `spate ${master} (create + 1 task + stop)`, seconds: spate[i]! }));
}

/**
 * C1, capture cost: shipping a function that uses 10 captured values and 3 helper functions, as
 * `rdd.map(fn)` does at the call (scopes read, data encoded). Median over batches, per call.
 */
export async function captureCost(opts: BenchOptions, calls = 2000): Promise<Figure[]> {
  const { shipFunction } = await import("../../core/shipped-fn.js");
  const a = 1, b = 2.5, c = "three", d = [4, 4], e = { five: 5 }, f = new Map([["six", 6]]), g = new Set([7]), h = 8n, i = true, j = new Float64Array([10]);
  const scale = (x: number): number => x * a + b;
  const label = (x: number): string => `${c}:${x}`;
  const combine = (x: number): number => scale(x) + d.length + e.five + (f.get("six") ?? 0) + (g.has(7) ? 1 : 0) + Number(h) + (i ? 1 : 0) + j[0]!;
  const fn = (x: number): [string, number] => [label(x), combine(x)];
  const batch = Math.max(1, Math.floor(calls / 20));
  const perCall: number[] = [];
  for (let run = 0; run < Math.max(20, opts.runs); run++) {
    const start = performance.now();
    for (let k = 0; k < batch; k++) shipFunction(fn, undefined, "map");
    perCall.push((performance.now() - start) / batch / 1000);
  }
  perCall.sort((x, y) => x - y);
  const median = perCall[Math.floor(perCall.length / 2)]!;
  return [{ workload: "C1", system: "capture: 10 values + 3 helpers, per call", seconds: median, note: `${(median * 1e6).toFixed(0)} µs` }];
}
