/**
 * The seed workload: the mean of channel c1 of every data file, one task per slice of files.
 *
 *   npx tsx examples/file-means.ts [dataDir] [--channel 1] [--files 20] [--rows 1000] [--slices N]
 *
 * Generates the data first when dataDir (default ./data) holds none. Runs on SPATE_MASTER,
 * else local[*].
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Context } from "spate";
import { generateSeedData, listSeedFiles } from "./seed-data.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    channel: { type: "string", default: "1" },
    files: { type: "string", default: "20" },
    rows: { type: "string", default: "1000" },
    slices: { type: "string" },
  },
});
const dataDir = path.resolve(positionals[0] ?? "data");
const ch = Number(values.channel);

/** The mean of channel `ch` of one file: a plain function, shipped to executors with what it uses (readFileSync, path, ch). */
function meanOfChannel(file: string): [string, number] {
  const text = readFileSync(file, "utf8");
  let sum = 0;
  let count = 0;
  let lineStart = text.indexOf("\n") + 1; // skip the header
  while (lineStart < text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let field = lineStart;
    for (let k = 0; k <= ch; k++) field = text.indexOf(";", field) + 1;
    const fieldEnd = text.indexOf(";", field);
    sum += Number(text.slice(field, fieldEnd < 0 || fieldEnd > lineEnd ? lineEnd : fieldEnd));
    count++;
    lineStart = lineEnd + 1;
  }
  return [path.basename(file), sum / count];
}

let files = listSeedFiles(dataDir);
if (files.length === 0) {
  console.log(`No data in ${dataDir}: generating ${values.files} files of ${values.rows} rows`);
  files = generateSeedData(dataDir, { numFiles: Number(values.files), numRows: Number(values.rows) });
}

const sc = await Context.create({ appName: "file-means" });
try {
  const slices = values.slices ? Number(values.slices) : 2 * sc.defaultParallelism;
  const start = performance.now();
  const means = await sc.parallelize(files, slices).map(meanOfChannel).collect();
  const elapsed = (performance.now() - start) / 1000;
  for (const [name, mean] of means) console.log(`${name}: ${mean}`);
  console.log(`Elapsed time (seconds): ${elapsed.toFixed(3)} on ${sc.master} (${files.length} files, ${slices} slices)`);
} finally {
  await sc.stop();
}
