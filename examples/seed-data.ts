/**
 * The seed workload's data (the research-computing workshop's generate_data_files.py):
 * `data_<i>.csv` files with a header `#idx;c0;c1;...` and rows `n;v0;v1;...` where
 * v = 4·i·sin(2π·i·n·dt) + 6·i·cos(−2·2π·i·m·dt), dt = 0.01, for file i, row n, channel m.
 * Numbers are written as Python writes floats (repr), so files have the workshop's format; a value
 * may differ from Python's in its last digit, as V8's Math.sin and libm's differ by an ulp.
 * Used by examples/file-means.ts, the benchmarks and `spate generate-data`.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface SeedDataOptions {
  numFiles?: number;
  numRows?: number;
  numChannels?: number;
}

/** A float as Python's repr() writes it (shortest round trip, ".0" on integers, 2-digit exponents). */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const abs = Math.abs(x);
  if (Number.isInteger(x) && abs < 1e16) return Object.is(x, -0) ? "-0.0" : `${x}.0`;
  let s = abs !== 0 && (abs < 1e-4 || abs >= 1e16) ? x.toExponential() : String(x);
  const e = s.indexOf("e");
  if (e >= 0) {
    let mantissa = s.slice(0, e);
    const sign = s[e + 1] === "-" ? "-" : "+";
    const digits = s.slice(e + 2).padStart(2, "0");
    if (mantissa.endsWith(".0")) mantissa = mantissa.slice(0, -2);
    s = `${mantissa}e${sign}${digits}`;
  }
  return s;
}

/** The text of file `i`. */
export function seedFileText(i: number, numRows: number, numChannels: number): string {
  const dt = 0.01;
  const freq = 2 * Math.PI * i;
  let header = "#idx";
  for (let m = 0; m < numChannels; m++) header += `;c${m}`;
  const parts: string[] = [header, "\n"];
  const channelTerms: number[] = [];
  for (let m = 0; m < numChannels; m++) channelTerms.push(6.0 * i * Math.cos(-2.0 * freq * m * dt));
  for (let n = 0; n < numRows; n++) {
    let row = String(n);
    const wave = 4 * i * Math.sin(freq * n * dt);
    for (let m = 0; m < numChannels; m++) row += `;${pythonFloat(wave + channelTerms[m]!)}`;
    parts.push(row, "\n");
  }
  return parts.join("");
}

/** Writes the files into `dir` (created if missing) and returns their paths, sorted by index. */
export function generateSeedData(dir: string, options: SeedDataOptions = {}): string[] {
  const numFiles = options.numFiles ?? 20;
  const numRows = options.numRows ?? 1000;
  const numChannels = options.numChannels ?? 4;
  for (const [name, v] of [["numFiles", numFiles], ["numRows", numRows], ["numChannels", numChannels]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`generate-data: ${name} must be a positive integer, got ${v}`);
  }
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < numFiles; i++) {
    const file = path.join(dir, `data_${i}.csv`);
    writeFileSync(file, seedFileText(i, numRows, numChannels));
    files.push(file);
  }
  return files;
}

/** The seed files already in `dir`, in index order (empty if there are none). */
export function listSeedFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => /^data_\d+\.csv$/.test(n))
    .sort((a, b) => Number(a.slice(5, -4)) - Number(b.slice(5, -4)))
    .map((n) => path.join(path.resolve(dir), n));
}
