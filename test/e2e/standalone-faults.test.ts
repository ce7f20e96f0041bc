/**
 * A standalone cluster on 127.0.0.1 with real executor processes, in trouble: application code
 * looking for the cluster's secret, a worker whose disk fills while shuffle blocks spill, a worker
 * killed outright (SIGKILL), and an application that sits idle holding every core.
 */
import test, { type ExecutionContext } from "ava";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Context } from "../../api/index.js";
import { MasterDaemon } from "../../deploy/master/master.js";
import { WorkerDaemon } from "../../deploy/worker/worker.js";
import { spawnTracked } from "../helpers/children.js";
import { CLI } from "../deploy/deploy-harness.js";

const SECRET = "faults-e2e-secret-0123456789abcdef";
const MIB = 1024 * 1024;

function temp(t: ExecutionContext): string {
  const dir = mkdtempSync(path.join(tmpdir(), "spate-faults-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Processes whose command line mentions `text` (executors name their work dir on theirs). */
function processesMentioning(text: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(text)) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A master and in-process workers with real executors; all stopped in teardown. */
async function cluster(t: ExecutionContext, workDirs: string[], cores = 1): Promise<{ url: string; master: MasterDaemon; workers: WorkerDaemon[] }> {
  const master = new MasterDaemon({ secret: SECRET, host: "127.0.0.1", port: 0, heartbeatIntervalMs: 200, log: () => undefined });
  const port = await master.start();
  const workers: WorkerDaemon[] = [];
  t.teardown(async () => {
    for (const w of workers) await w.stop();
    await master.stop();
  });
  for (const workDir of workDirs) {
    const w = new WorkerDaemon({ master: { host: "127.0.0.1", port }, secret: SECRET, host: "127.0.0.1", cores, memoryBytes: 2 * 1024 ** 3, workDir, log: () => undefined });
    await w.start();
    workers.push(w);
  }
  await until("the workers to register", () => master.clusterState().workers.filter((w) => w.alive).length === workDirs.length);
  return { url: `spate://127.0.0.1:${port}`, master, workers };
}

/** What a task can see of its own process: its environment as the kernel keeps it, its command line, its variables. */
function whatTheTaskSees(): { environ: string; cmdline: string; env: string; cwd: string } {
  return {
    environ: readFileSync("/proc/self/environ", "latin1"),
    cmdline: readFileSync("/proc/self/cmdline", "latin1"),
    env: JSON.stringify(process.env),
    cwd: process.cwd(),
  };
}

test.serial("application code on an executor finds no secret: not in its environment, /proc/<pid>/environ, its command line or its files", async (t) => {
  const dir = temp(t);
  const had = process.env.SPATE_SECRET;
  process.env.SPATE_SECRET = SECRET; // as a worker started with the secret in its environment would have it
  t.teardown(() => (had === undefined ? delete process.env.SPATE_SECRET : (process.env.SPATE_SECRET = had)));
  const { url } = await cluster(t, [path.join(dir, "w1"), path.join(dir, "w2")]);
  const sc = await Context.create({ master: url, secret: SECRET, appName: "curious" });
  try {
    const seen = await sc.parallelize([0, 1, 2, 3], 4).map(() => whatTheTaskSees()).collect();
    t.is(seen.length, 4);
    for (const s of seen) {
      t.false(s.environ.includes(SECRET), "/proc/self/environ");
      t.false(s.environ.includes("SPATE_SECRET"), "not even the variable's name");
      t.false(s.cmdline.includes(SECRET), "command line");
      t.false(s.env.includes(SECRET), "process.env");
    }
    const executors = processesMentioning(dir);
    t.is(executors.length, 2, "one executor process per worker");
    for (const pid of executors) {
      t.false(readFileSync(`/proc/${pid}/environ`, "latin1").includes(SECRET), `/proc/${pid}/environ`);
      t.false(readFileSync(`/proc/${pid}/cmdline`, "latin1").includes(SECRET), `/proc/${pid}/cmdline`);
    }
    const files = filesUnder(dir);
    t.true(files.some((f) => f.endsWith("executor.log")), "the executors' files are there to look at");
    for (const f of files) t.false(readFileSync(f, "latin1").includes(SECRET), f);
  } finally {
    await sc.stop();
  }
});

/** A tmpfs of `size` at a new directory (needs root, as .ci/run has), unmounted in teardown. */
function smallDisk(t: ExecutionContext, parent: string, size: string): string {
  if (process.getuid?.() !== 0) throw new Error("this test mounts a small tmpfs to fill it: run it as root (as .ci/run does)");
  const dir = path.join(parent, "small-disk");
  mkdirSync(dir);
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0700`, "spate-test-tmpfs", dir]);
  t.teardown(() => {
    try {
      execFileSync("umount", ["-l", dir]);
    } catch {
      // already gone
    }
  });
  return dir;
}

test.serial("a full disk while shuffle blocks spill fails the task, not the executor: it runs again on the other executor and the job is right", async (t) => {
  const dir = temp(t);
  const full = smallDisk(t, dir, "3m");
  const { url, workers } = await cluster(t, [full, path.join(dir, "roomy")]);
  const warnings: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    warnings.push(String(chunk));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  t.teardown(() => void (process.stderr.write = write));
  // 32 MiB executors keep 16 MiB of blocks in memory and spill the rest to their work dirs; each
  // map task makes 17 MiB (values of 512 KiB that neither compress nor repeat), so every one
  // spills, and each executor gets one of the first two
  const sc = await Context.create({ master: url, secret: SECRET, appName: "spill", executorMemoryBytes: 32 * MIB });
  try {
    const onFull = workers[0]!.executors()[0]!.executorId;
    const before = processesMentioning(full);
    t.is(before.length, 1);
    const [count, chars] = await sc
      .parallelize([0, 1, 2, 3], 4)
      .flatMap((i) => [...Array(34).keys()].map((j) => [i * 34 + j, randomBytes(384 * 1024).toString("base64")] as [number, string]))
      .partitionBy(4)
      .mapPartitions(function* (rows) {
        let n = 0;
        let c = 0;
        for (const [, v] of rows) {
          n++;
          c += v.length;
        }
        yield [n, c] as [number, number];
      })
      .reduce(([a, b], [c, d]) => [a + c, b + d]);
    t.is(count, 136);
    t.is(chars, 136 * 512 * 1024);
    const said = warnings.join("");
    t.regex(said, new RegExp(`failed on executor ${onFull} \\(failure 1 of 4 allowed\\), running it again: cannot write a shuffle block of [\\d.]+ [KM]iB to ${full.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}/\\S+/blocks \\(the disk is full, [\\d.]+ \\S+ free\\)`));
    t.notRegex(said, /lost|disconnected/, "no executor was lost");
    t.deepEqual(processesMentioning(full), before, "the executor on the full disk is the same process");
    t.is(await sc.range(0, 100, 1, 4).sum(), 4950, "and it still runs tasks");
  } finally {
    await sc.stop();
  }
});

test.serial("a worker killed outright (SIGKILL) leaves no executor process and no directory behind", async (t) => {
  const dir = temp(t);
  const master = new MasterDaemon({ secret: SECRET, host: "127.0.0.1", port: 0, heartbeatIntervalMs: 200, log: () => undefined });
  const port = await master.start();
  t.teardown(() => master.stop());
  const secretFile = path.join(dir, "secret");
  writeFileSync(secretFile, `${SECRET}\n`, { mode: 0o600 });
  const workDir = path.join(dir, "work");
  const worker = spawnTracked(process.execPath, [CLI, "worker", `spate://127.0.0.1:${port}`, "--secret-file", secretFile, "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--work-dir", workDir], { stdio: "ignore" });
  t.teardown(() => void worker.kill("SIGKILL"));
  await until("the worker to register", () => master.clusterState().workers.some((w) => w.alive));
  const sc = await Context.create({ master: url(port), secret: SECRET, appName: "orphan", executorWaitMs: 1000 });
  try {
    t.is(await sc.range(0, 10, 1, 2).sum(), 45);
    const ofApps = `${workDir}${path.sep}app-`; // executors' work dirs (the worker names only its own)
    t.is(processesMentioning(ofApps).length, 1);
    t.is(readdirSync(workDir).length, 1, "the application's directory");
    worker.kill("SIGKILL");
    await until("the executor to exit", () => processesMentioning(ofApps).length === 0);
    await until("its directories to go", () => readdirSync(workDir).length === 0);
    t.true(statSync(workDir).isDirectory(), "only the worker's own directory is left");
  } finally {
    await sc.stop();
  }
});

function url(port: number): string {
  return `spate://127.0.0.1:${port}`;
}

test.serial("an application idle past idleReleaseMs gives its cores back, and gets executors again for its next job", async (t) => {
  const dir = temp(t);
  const { url: masterUrl, master } = await cluster(t, [path.join(dir, "w1"), path.join(dir, "w2")]);
  const sc = await Context.create({ master: masterUrl, secret: SECRET, appName: "idle", idleReleaseMs: 1000 });
  try {
    t.is(await sc.range(0, 10, 1, 2).sum(), 45);
    const cores = (): number => master.clusterState().workers.reduce((n, w) => n + (w.coresUsed ?? 0), 0);
    t.is(cores(), 2);
    await until("the idle application to give its cores back", () => cores() === 0 && master.clusterState().appIds.length === 0);
    const other = await Context.create({ master: masterUrl, secret: SECRET, appName: "other" });
    t.is(await other.range(0, 4, 1, 2).sum(), 6, "another application gets the cores meanwhile");
    await other.stop();
    t.is(await sc.range(0, 100, 1, 4).map((x) => x * 2).sum(), 9900, "the idle application's next job gets executors again");
    t.is(master.clusterState().appIds.length, 1);
  } finally {
    await sc.stop();
  }
});
