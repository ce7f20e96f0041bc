/**
 * Scripts as users run them, in child processes: the examples (the seed workload and word count)
 * and a TypeScript script whose functions carry tsx's __name helper. Each child has a timeout and
 * is killed if the test ends first.
 */
import test from "ava";
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "./harness.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const children = new Set<ChildProcess>();
test.after.always(() => {
  for (const c of children) c.kill("SIGKILL");
});

function run(args: string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: root, env: { ...process.env, SPATE_MASTER: "local[2]" } });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

test("examples/file-means.ts generates the seed data and prints each file's mean of c1", async (t) => {
  const dir = tempDir();
  const r = await run(["examples/file-means.ts", dir, "--files", "4", "--rows", "200"]);
  t.is(r.code, 0, r.stderr);
  const means = new Map([...r.stdout.matchAll(/^(data_\d+\.csv): (\S+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
  t.is(means.size, 4);
  for (let i = 0; i < 4; i++) {
    const rows = readFileSync(path.join(dir, `data_${i}.csv`), "utf8").trim().split("\n").slice(1);
    const expected = rows.reduce((s, row) => s + Number(row.split(";")[2]), 0) / rows.length;
    t.true(Math.abs(means.get(`data_${i}.csv`)! - expected) < 1e-9, `data_${i}.csv`);
  }
  t.regex(r.stdout, /Elapsed time \(seconds\): \d+\.\d+/);
});

test("examples/word-count.ts counts words through a shuffle", async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, "a.txt"), "the cat and the hat\nThe end\n");
  writeFileSync(path.join(dir, "b.txt"), "a cat, a hat\n");
  const r = await run(["examples/word-count.ts", dir, "--top", "3", "--out", path.join(dir, "counts")]);
  t.is(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n").slice(0, 3).map((l) => l.trim().split(/\s+/));
  t.deepEqual(lines, [["3", "the"], ["2", "a"], ["2", "cat"]]);
});

test("a TypeScript script's inner named functions ship and run on executors", async (t) => {
  const r = await run(["test/fixtures/e2e/typescript-script.ts"]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout.trim(), JSON.stringify([[1, 18], [2, 32]]));
});
