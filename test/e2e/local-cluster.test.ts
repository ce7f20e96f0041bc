/**
 * local-cluster[N]: executor processes that never outlive their driver, whether it stops, dies
 * of an unhandled error or is killed with SIGKILL.
 */
import test from "ava";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Context, EngineError } from "../../api/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const fixture = path.join(root, "test/fixtures/e2e/local-cluster-driver.mjs");
const children = new Set<ChildProcess>();
const started: number[] = [];
test.after.always(() => {
  for (const c of children) c.kill("SIGKILL");
  for (const pid of started) {
    try {
      // a pid may have been reused by another process since: only kill our executors
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("executor-main")) process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pids: number[], withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (pids.every((p) => !alive(p))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return pids.every((p) => !alive(p));
}

function startDriver(mode: string): Promise<{ child: ChildProcess; pids: number[]; sum: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture, mode], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let out = "";
    const timer = setTimeout(() => reject(new Error(`driver did not report in time: ${out}`)), 30_000);
    child.stdout!.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        const info = JSON.parse(line) as { pids: number[]; sum: number };
        started.push(...info.pids);
        resolve({ child, ...info });
      }
    });
    child.on("exit", () => clearTimeout(timer));
  });
}

/** The --work-dir of an executor process, from its command line. */
function workDirOf(pid: number): string {
  const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  return args[args.indexOf("--work-dir") + 1]!;
}

test("executors exit within seconds and delete their files when their driver is killed with SIGKILL", async (t) => {
  const { child, pids, sum } = await startDriver("hang");
  t.is(sum, 12);
  t.is(pids.length, 2);
  t.true(pids.every(alive));
  const dirs = pids.map(workDirOf);
  t.true(dirs.every((d) => existsSync(d)));
  child.kill("SIGKILL");
  t.true(await gone(pids, 10_000), "executors still running 10 s after their driver was killed");
  t.deepEqual(dirs.filter((d) => existsSync(d)), []);
});

test("executors are stopped when the driver dies of an unhandled error", async (t) => {
  const { child, pids } = await startDriver("throw");
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  t.not(code, 0);
  t.true(await gone(pids, 10_000));
});

test("sc.stop() stops every executor process", async (t) => {
  const { child, pids } = await startDriver("stop");
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  t.is(code, 0);
  t.true(await gone(pids, 10_000));
});

test("local-cluster[N,C] gives N x C slots", async (t) => {
  const sc = await Context.create({ master: "local-cluster[2,2]" });
  try {
    t.is(sc.defaultParallelism, 4);
    t.deepEqual(await sc.parallelize([1, 2, 3, 4, 5, 6, 7, 8]).glom().map((p) => p.length).collect(), [2, 2, 2, 2]);
  } finally {
    await sc.stop();
  }
});

test.serial("with every executor lost, a job fails UNREACHABLE after the documented wait instead of hanging", async (t) => {
  const sc = await Context.create({ master: "local-cluster[1]", executorWaitMs: 1500 });
  try {
    const own = () =>
      execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" })
        .split("\n").filter((l) => l.includes("executor-main")).map((l) => Number(l.trim().split(/\s+/)[0]));
    const before = new Set(own());
    const job = sc.parallelize([1, 2], 2).map(async (x) => {
      await new Promise((r) => setTimeout(r, 30_000));
      return x;
    }).collect();
    await new Promise((r) => setTimeout(r, 500));
    t.is(before.size, 1);
    for (const pid of before) process.kill(pid, "SIGKILL");
    const err = (await t.throwsAsync(job)) as EngineError;
    t.is(err.code, "UNREACHABLE");
    t.regex(err.message, /every executor of this application was lost/);
  } finally {
    await sc.stop();
  }
});
