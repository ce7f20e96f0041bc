/**
 * A real multi-host run, on hosts made of network namespaces (root and iproute2, as in CI):
 * `spate master` on one host, `spate worker` on two others (each with its own address), and
 * scripts submitted from a fourth: the seed workload and a word count (a shuffle between
 * executors on different hosts), answers checked.
 */
import test from "ava";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateSeedData } from "../../examples/seed-data.js";
import { tempDir } from "./harness.js";
import { TestNetwork, waitForOutput } from "./netns.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const cli = path.join(root, "dist/api/cli/bin.js");
const tag = `${process.pid % 100000}`;
const net = new TestNetwork(tag, `10.231.${(process.pid % 200) + 20}`);
const dir = tempDir();
const secretFile = path.join(dir, "secret");
let masterUrl = "";

test.before(async () => {
  writeFileSync(secretFile, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
  net.create(["master", "w1", "w2", "client"]);
  const m = net.host("master").address;
  masterUrl = `spate://${m}:7077`;
  const master = net.run("master", [process.execPath, cli, "master", "--host", m, "--port", "7077", "--secret-file", secretFile]);
  await waitForOutput(master, (out) => /7077/.test(out), 30_000, "the master to listen");
  for (const w of ["w1", "w2"]) {
    const worker = net.run(w, [process.execPath, cli, "worker", masterUrl, "--host", net.host(w).address, "--cores", "1", "--memory", "1g", "--work-dir", path.join(dir, `work-${w}`), "--secret-file", secretFile]);
    await waitForOutput(worker, (out) => /registered/i.test(out), 30_000, `worker ${w} to register`);
  }
});

test.after.always(() => net.destroy());

function submit(script: string, args: string[]): Promise<{ code: number | null; out: string }> {
  const child = net.run("client", [process.execPath, cli, "submit", script, "--master", masterUrl, "--no-progress", "--", ...args], {
    cwd: root,
    env: { ...process.env, SPATE_SECRET_FILE: secretFile, SPATE_SECRET: "" },
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out: child.output() });
    });
  });
}

test.serial("the seed workload runs on two workers on two hosts", async (t) => {
  const data = path.join(dir, "seed");
  generateSeedData(data, { numFiles: 6, numRows: 400 });
  const r = await submit(path.join(root, "examples/file-means.ts"), [data]);
  t.is(r.code, 0, r.out);
  t.regex(r.out, /on spate:\/\//);
  for (let i = 0; i < 6; i++) {
    const rows = readFileSync(path.join(data, `data_${i}.csv`), "utf8").trim().split("\n").slice(1);
    const expected = rows.reduce((s, row) => s + Number(row.split(";")[2]), 0) / rows.length;
    const m = new RegExp(`^data_${i}\\.csv: (\\S+)$`, "m").exec(r.out);
    t.truthy(m, `data_${i}.csv missing in:\n${r.out}`);
    t.true(Math.abs(Number(m![1]) - expected) < 1e-9);
  }
});

test.serial("a word count shuffles between executors on different hosts", async (t) => {
  const text = path.join(dir, "text");
  const words = ["alpha", "beta", "gamma", "delta", "epsilon"];
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++) lines.push(`${words[i % 5]} ${words[(i * 3) % 5]} ${i % 7 === 0 ? "alpha" : "zeta"}`);
  writeFileSync(path.join(dir, "text.txt"), lines.join("\n"));
  const r = await submit(path.join(root, "examples/word-count.ts"), [path.join(dir, "text.txt"), "--top", "3", "--out", text]);
  t.is(r.code, 0, r.out);
  const counts = new Map<string, number>();
  for (const line of lines) for (const w of line.split(" ")) counts.set(w, (counts.get(w) ?? 0) + 1);
  const expected = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
  const got = r.out.split("\n").filter((l) => /^\s+\d+\s+\S+$/.test(l)).slice(0, 3).map((l) => l.trim().split(/\s+/));
  t.deepEqual(got, expected.map(([w, n]) => [String(n), w]));
});

test.serial("a worker's link cut mid-job: its executor is lost, its work reruns on the other host, the answer is right", async (t) => {
  const expected: Array<[string, number]> = [];
  for (let k = 0; k < 50; k++) {
    let sum = 0;
    for (let i = k; i < 16_000; i += 50) sum += i;
    expected.push([`k${k}`, sum]);
  }
  expected.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const child = net.run("client", [process.execPath, cli, "submit", path.join(root, "test/fixtures/e2e/slow-shuffle.mjs"), "--master", masterUrl, "--no-progress"], {
    cwd: root,
    env: { ...process.env, SPATE_SECRET_FILE: secretFile, SPATE_SECRET: "", SPATE_EXECUTOR_TIMEOUT_MS: "3000" },
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  try {
    await waitForOutput(child, (out) => /started with 2 slots/.test(out), 60_000, "the job to start");
    await new Promise((r) => setTimeout(r, 1200));
    net.setLink("w2", false);
    // the answer, computed while one of the two executors was cut off
    await waitForOutput(child, (out) => out.split("\n").some((l) => l.startsWith("[[")), 100_000, "the job's answer");
    const line = child.output().split("\n").find((l) => l.startsWith("[["))!;
    t.deepEqual(JSON.parse(line), expected);
    t.notRegex(child.output(), /EngineError|failed/);
  } finally {
    clearTimeout(timer);
    child.kill("SIGKILL");
    net.setLink("w2", true);
  }
});
