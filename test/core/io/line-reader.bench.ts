/**
 * Throughput of the text-split line reader (core/io/line-reader.ts) against the naive
 * `fs.readFileSync(f).toString().split("\n")`, on a file of seed-workload rows
 * (`n;v0;v1;v2;v3`, floats). Not an ava test (no `.test` in its name); run it with
 *   npx tsc -p . && node dist/test/core/io/line-reader.bench.js [sizeMB=200] [file]
 * It writes the file to the temp directory (kept only when a path is given) and prints lines/s.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readSplitLineBatchesAsync, readSplitLines, readSplitLinesAsync } from "../../../core/io/line-reader.js";
import { planTextSplits } from "../../../core/io/text-splits.js";

const sizeMB = Number(process.argv[2] ?? 200);
const given = process.argv[3];
const file = given ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "spate-bench-")), "rows.csv");

function writeRows(target: string, bytes: number): void {
  const fd = fs.openSync(target, "w");
  const i = 7;
  let n = 0;
  let written = 0;
  fs.writeSync(fd, "#idx;c0;c1;c2;c3\n");
  while (written < bytes) {
    const rows: string[] = [];
    for (let k = 0; k < 10_000; k++, n++) {
      const vals = [0, 1, 2, 3].map(
        (m) => 4 * i * Math.sin(2 * Math.PI * i * n * 0.01) + 6 * i * Math.cos(-2 * 2 * Math.PI * i * m * 0.01),
      );
      rows.push(`${n};${vals.join(";")}\n`);
    }
    const chunk = rows.join("");
    fs.writeSync(fd, chunk);
    written += Buffer.byteLength(chunk);
  }
  fs.closeSync(fd);
}

function time(label: string, fn: () => number, lines?: number): number {
  const t0 = process.hrtime.bigint();
  const count = fn();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label.padEnd(48)} ${count} lines  ${s.toFixed(3)} s  ${(count / s / 1e6).toFixed(2)} M lines/s  ${(fs.statSync(file).size / s / 1e6).toFixed(0)} MB/s`);
  if (lines !== undefined && lines !== count) throw new Error(`line count mismatch: ${count} vs ${lines}`);
  return count;
}

async function main(): Promise<void> {
  if (!fs.existsSync(file) || fs.statSync(file).size < sizeMB * 1e6 * 0.99) writeRows(file, sizeMB * 1e6);
  const size = fs.statSync(file).size;
  console.log(`file ${file}: ${(size / 1e6).toFixed(1)} MB, node ${process.version}`);
  fs.readFileSync(file); // warm the page cache

  const whole = { path: file, start: 0, length: size };
  for (let round = 0; round < 2; round++) {
    console.log(`-- round ${round + 1}`);
    const naive = time("readFileSync().toString().split('\\n')", () => {
      let count = 0;
      let chars = 0;
      const lines = fs.readFileSync(file).toString().split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      for (const line of lines) {
        count++;
        chars += line.length;
      }
      return chars >= 0 ? count : -1;
    });
    time("readSplitLines, one split", () => {
      let count = 0;
      let chars = 0;
      for (const line of readSplitLines(whole)) {
        count++;
        chars += line.length;
      }
      return chars >= 0 ? count : -1;
    }, naive);
    const splits = planTextSplits([{ path: file, size }], 2);
    time(`readSplitLines, ${splits.length} splits (minPartitions 2)`, () => {
      let count = 0;
      for (const split of splits) for (const line of readSplitLines(split)) count += line.length >= 0 ? 1 : 0;
      return count;
    }, naive);
    const tb = process.hrtime.bigint();
    let batched = 0;
    for await (const lines of readSplitLineBatchesAsync(whole)) for (const line of lines) batched += line.length >= 0 ? 1 : 0;
    const sb = Number(process.hrtime.bigint() - tb) / 1e9;
    console.log(`${"readSplitLineBatchesAsync, one split".padEnd(48)} ${batched} lines  ${sb.toFixed(3)} s  ${(batched / sb / 1e6).toFixed(2)} M lines/s`);
    const t0 = process.hrtime.bigint();
    let count = 0;
    for await (const line of readSplitLinesAsync(whole)) count += line.length >= 0 ? 1 : 0;
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`${"readSplitLinesAsync, one split".padEnd(48)} ${count} lines  ${s.toFixed(3)} s  ${(count / s / 1e6).toFixed(2)} M lines/s`);
  }
  if (given === undefined) fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

await main();
