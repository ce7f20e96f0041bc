/**
 * A standalone cluster on 127.0.0.1 with real executor processes: a master and two workers
 * (in-process daemons), applications one after another and at the same time, each with its own
 * executors; ending one frees its cores and deletes its executors' files; a driver with a wrong
 * secret is refused.
 */
import test from "ava";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Context, EngineError } from "../../api/index.js";
import { MasterDaemon } from "../../deploy/master/master.js";
import { WorkerDaemon } from "../../deploy/worker/worker.js";

const SECRET = "standalone-e2e-secret-0123456789abcdef";
const dir = mkdtempSync(path.join(tmpdir(), "spate-standalone-"));
let master: MasterDaemon;
const workers: WorkerDaemon[] = [];
let url = "";

test.before(async () => {
  master = new MasterDaemon({ secret: SECRET, host: "127.0.0.1", port: 0, heartbeatIntervalMs: 200, log: () => undefined });
  const port = await master.start();
  url = `spate://127.0.0.1:${port}`;
  for (const name of ["w1", "w2"]) {
    const w = new WorkerDaemon({ master: { host: "127.0.0.1", port }, secret: SECRET, host: "127.0.0.1", cores: 2, memoryBytes: 2 * 1024 ** 3, workDir: path.join(dir, name), log: () => undefined });
    await w.start();
    workers.push(w);
  }
  const deadline = Date.now() + 15_000;
  while (master.clusterState().workers.filter((w) => w.alive).length < 2) {
    if (Date.now() > deadline) throw new Error("workers did not register");
    await new Promise((r) => setTimeout(r, 50));
  }
});

test.after.always(async () => {
  for (const w of workers) await w.stop();
  await master?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function executorDirs(): string[] {
  return ["w1", "w2"].flatMap((w) => {
    const base = path.join(dir, w);
    return existsSync(base) ? readdirSync(base).map((app) => path.join(base, app)) : [];
  });
}

async function until(what: string, probe: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test.serial("an application gets executors on both workers, runs a shuffle and frees everything when it stops", async (t) => {
  const sc = await Context.create({ master: url, secret: SECRET, appName: "first" });
  t.is(sc.defaultParallelism, 4);
  const counts = await sc.parallelize(["a b", "b c", "c a", "a a"], 4).flatMap((l) => l.split(" ")).map((w) => [w, 1] as [string, number]).reduceByKey((a, b) => a + b).collectAsMap();
  t.deepEqual([...counts.entries()].sort(), [["a", 4], ["b", 2], ["c", 2]]);
  t.is(master.clusterState().workers.reduce((n, w) => n + (w.coresUsed ?? 0), 0), 4);
  t.true(executorDirs().length > 0);
  await sc.stop();
  await until("cores to be freed", () => master.clusterState().workers.every((w) => w.coresUsed === 0));
  await until("executor files to be deleted", () => executorDirs().every((d) => !existsSync(d) || readdirSync(d).length === 0));
  t.pass();
});

test.serial("two applications at once get separate executors and cores", async (t) => {
  const a = await Context.create({ master: url, secret: SECRET, appName: "a", maxCores: 2 });
  const b = await Context.create({ master: url, secret: SECRET, appName: "b", maxCores: 2 });
  try {
    t.is(a.defaultParallelism, 2);
    t.is(b.defaultParallelism, 2);
    t.is(master.clusterState().appIds.length, 2);
    const [x, y] = await Promise.all([a.range(0, 1000, 1, 4).sum(), b.range(0, 100, 1, 4).map((v) => v * 2).sum()]);
    t.is(x, 499500);
    t.is(y, 9900);
  } finally {
    await a.stop();
    await b.stop();
  }
  await until("cores to be freed", () => master.clusterState().workers.every((w) => w.coresUsed === 0));
});

test.serial("a partition that runs its executor out of memory fails the job at once, named; the worker tells the driver why", async (t) => {
  // 512 MiB executors with 2 slots: 128 MiB of heap per task slot
  const sc = await Context.create({ master: url, secret: SECRET, appName: "oom", executorMemoryBytes: 512 * 1024 ** 2, executorWaitMs: 60_000 });
  try {
    const err = (await t.throwsAsync(sc.range(0, 3e7, 1, 1).glom().count())) as EngineError;
    t.is(err.code, "TASK_FAILED");
    t.regex(err.message, /partition 0 of stage \d+ was too big for its task slot: executor \S+ ran out of memory: the JavaScript heap of a task slot is limited to 128 MiB/);
    t.is(await sc.range(0, 10, 1, 2).sum(), 45, "the other executor still runs jobs");
  } finally {
    await sc.stop();
  }
  await until("cores to be freed", () => master.clusterState().workers.every((w) => w.coresUsed === 0));
});

test.serial("a driver with a wrong secret is refused with AUTH_FAILED", async (t) => {
  const err = (await t.throwsAsync(Context.create({ master: url, secret: "wrong-secret-0123456789abcdef0123" }))) as EngineError;
  t.is(err.code, "AUTH_FAILED");
  t.regex(err.message, /secret/);
});

test.serial("after a master restart, workers register again and new applications run", async (t) => {
  const port = master.port;
  await master.stop();
  master = new MasterDaemon({ secret: SECRET, host: "127.0.0.1", port, heartbeatIntervalMs: 200, log: () => undefined });
  await master.start();
  await until("workers to register with the new master", () => master.clusterState().workers.filter((w) => w.alive).length === 2);
  const sc = await Context.create({ master: url, secret: SECRET, appName: "after-restart" });
  try {
    t.is(await sc.parallelize([1, 2, 3, 4], 4).map((x) => x * x).sum(), 30);
  } finally {
    await sc.stop();
  }
});
