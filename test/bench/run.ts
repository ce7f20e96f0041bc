/**
 * `npm run bench`: measures spate against hand-written Node references and, where python3 has
 * them, pandas, multiprocessing and Dask, all in one run (BENCHMARKS.md). Generates the seed data
 * into a temp dir, prints a table of figures and ratios, writes them as JSON under
 * bench-results/ and compares with the previous run's file.
 *
 *   npm run bench -- [--master local[2] --master local-cluster[2]] [--runs 3] [--quick] [--no-python]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateSeedData } from "../../examples/seed-data.js";
import type { Figure } from "./measure.js";
import { pythonWith, runPython, W1_PANDAS, W2_TASKS, W3_SHUFFLE, W5_DASK } from "./python-peers.js";
import { captureCost, j1, w1, w2, w3, w5 } from "./workloads.js";

const { values } = parseArgs({
  options: {
    master: { type: "string", multiple: true, default: ["local[2]", "local-cluster[2]"] },
    runs: { type: "string", default: "3" },
    quick: { type: "boolean", default: false },
    "no-python": { type: "boolean", default: false },
  },
});

const opts = { masters: values.master!, runs: Number(values.runs) };
const dir = mkdtempSync(path.join(tmpdir(), "spate-bench-"));
const figures: Figure[] = [];
const py = !values["no-python"];
const pandas = py ? pythonWith(["pandas"]) : null;
const dask = py ? pythonWith(["dask", "distributed", "pandas"]) : null;
const plain = py ? pythonWith(["multiprocessing"]) : null;

function peer(workload: string, system: string, r: Record<string, number> | null, unitCount?: number, unit?: string): void {
  if (!r) return;
  const f: Figure = { workload, system, seconds: r.seconds! };
  if (unitCount !== undefined) {
    f.rate = unitCount / r.seconds!;
    f.unit = unit!;
  }
  figures.push(f);
}

try {
  const numFiles = values.quick ? 20 : 200;
  console.error(`generating W1 data: ${numFiles} files x 32,000 rows x 4 channels in ${dir}`);
  const files = generateSeedData(path.join(dir, "seed"), { numFiles, numRows: 32_000, numChannels: 4 });
  console.error("W1 seed workload");
  figures.push(...(await w1(files, opts)));
  if (pandas) {
    peer("W1", "pandas serial", runPython(pandas, dir, "w1", W1_PANDAS, [path.join(dir, "seed"), "serial"]));
    peer("W1", "pandas + multiprocessing.Pool(2)", runPython(pandas, dir, "w1", W1_PANDAS, [path.join(dir, "seed"), "pool"]));
  }
  if (dask) peer("W1", "Dask LocalCluster(2)", runPython(dask, dir, "w1", W1_PANDAS, [path.join(dir, "seed"), "dask"]));
  console.error("W2 tasks");
  const tasks = values.quick ? 2000 : 10_000;
  figures.push(...(await w2(opts, tasks)));
  if (plain) peer("W2", "multiprocessing.Pool(2), chunksize=1", runPython(plain, dir, "w2", W2_TASKS, [String(tasks), "pool"]), tasks, "tasks/s");
  if (dask) peer("W2", "Dask LocalCluster(2) client.map", runPython(dask, dir, "w2", W2_TASKS, [String(tasks), "dask"]), tasks, "tasks/s");
  console.error("W3 shuffle");
  const records = values.quick ? 1_000_000 : 5_000_000;
  figures.push(...(await w3(opts, records)));
  if (plain) peer("W3", "multiprocessing, hand-written", runPython(plain, dir, "w3", W3_SHUFFLE, [String(records), "100000", "pool"]), records, "records/s");
  if (dask) {
    peer("W3", "Dask bag foldby", runPython(dask, dir, "w3", W3_SHUFFLE, [String(records), "100000", "bag"]), records, "records/s");
    peer("W3", "dask.dataframe groupby-sum", runPython(dask, dir, "w3", W3_SHUFFLE, [String(records), "100000", "df"]), records, "records/s");
  }
  console.error("J1 co-partitioned join");
  figures.push(...(await j1(opts, values.quick ? 200_000 : 1_000_000)));
  console.error("C1 capture cost");
  figures.push(...(await captureCost(opts)));
  console.error("W5 cold start");
  figures.push(...(await w5(opts)));
  if (dask) peer("W5", "Dask LocalCluster(2) start + 1 task", runPython(dask, dir, "w5", W5_DASK, []));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const byWorkload = (w: string) => figures.filter((f) => f.workload === w);
const reference: Record<string, string> = { W1: "node, 2 worker threads", W2: "node worker threads, 1 in flight each", W3: "node, 2 threads, hand-written combine" };
const lines = ["| workload | system | seconds | rate | vs hand-written 2 threads (J1: vs the shuffled join) |", "|---|---|---|---|---|"];
for (const w of ["W1", "W2", "W3", "J1", "W5", "C1"]) {
  const ref = byWorkload(w).find((f) => f.system === reference[w]);
  for (const f of byWorkload(w)) {
    const rate = f.rate ? `${Math.round(f.rate).toLocaleString("en-US")} ${f.unit}` : (f.note ?? "");
    let ratio = "";
    if (ref && f !== ref) ratio = f.rate && ref.rate ? `${(f.rate / ref.rate).toFixed(2)}x the rate` : `${(f.seconds / ref.seconds).toFixed(2)}x the time`;
    if (w === "J1" && f.system.includes("co-partitioned")) {
      const shuffled = byWorkload(w).find((g) => g.system === f.system.replace("co-partitioned (no shuffle for the join)", "partitioner dropped (join shuffles)"));
      if (shuffled) ratio = `${(shuffled.seconds / f.seconds).toFixed(2)}x faster`;
    }
    lines.push(`| ${f.workload} | ${f.system} | ${f.seconds.toFixed(3)} | ${rate} | ${ratio} |`);
  }
}
console.log(lines.join("\n"));

const outDir = path.resolve("bench-results");
mkdirSync(outDir, { recursive: true });
const options = { ...opts, quick: values.quick };
// the last run made with the same options, to compare with
const previous = readdirSync(outDir)
  .filter((n) => n.endsWith(".json"))
  .sort()
  .reverse()
  .find((n) => JSON.stringify((JSON.parse(readFileSync(path.join(outDir, n), "utf8")) as { options: unknown }).options) === JSON.stringify(options));
const file = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), options, figures }, null, 2));
console.log(`\nfigures written to ${path.relative(process.cwd(), file)}`);
if (previous) {
  const last = JSON.parse(readFileSync(path.join(outDir, previous), "utf8")) as { figures: Figure[] };
  console.log(`compared with ${previous}, the last run with the same options (seconds now / before):`);
  for (const f of figures) {
    const before = last.figures.find((g) => g.workload === f.workload && g.system === f.system);
    if (before) console.log(`  ${f.workload} ${f.system}: ${(f.seconds / before.seconds).toFixed(2)}x`);
  }
}
