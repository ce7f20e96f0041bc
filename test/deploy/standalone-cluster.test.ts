/**
 * A standalone cluster in-process on 127.0.0.1 (real gRPC, ephemeral ports): MasterDaemon and
 * WorkerDaemons whose executors are the fake executor fixture. Registration, placement over
 * workers, several applications, unregistering, a master that starts late or restarts, a refused
 * secret, lost workers and executors that exit by themselves.
 */
import test from "ava";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { EngineError } from "../../core/engine-error.js";
import { SealKeyPair } from "../../core/rpc/seal.js";
import { alive, Cluster, records, SECRET, waitFor } from "./deploy-harness.js";

test("a worker registers with a master", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  t.regex(m.url, /^spate:\/\/127\.0\.0\.1:\d+$/);
  const w = await c.worker(m.port, { cores: 3, memoryBytes: 5 * 2 ** 30 });
  const s = await c.aliveWorkers(m.port, 1);
  t.like(s.workers[0], { workerId: w.workerId, host: "127.0.0.1", port: w.port, cores: 3, coresUsed: 0, alive: true });
  t.deepEqual(s.appIds, []);
  await waitFor("the worker to know it is registered", () => w.registered);
  t.is(w.registrationCount, 1);
});

test("an application gets executors spread over two workers, started with the right arguments and its own key on their standard input, never the secret", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  const w1 = await c.worker(m.port, { cores: 4 });
  const w2 = await c.worker(m.port, { cores: 2 });
  await c.aliveWorkers(m.port, 2);
  const driverKeys = new SealKeyPair();
  const res = await c.registerApp(m.port, { appName: "spread", driverUrl: "127.0.0.1:4040", executorMemoryBytes: 2 ** 30 }, driverKeys);
  const appKey = driverKeys.open(res.sealedAppKey);
  t.regex(res.appId, /^app-\d{14}-\d{4}$/);
  t.deepEqual(res.executors.map((e) => [e.appId, e.executorId, e.cores]), [[res.appId, "exec-0", 4], [res.appId, "exec-1", 2]]);
  const recs = await waitFor("two fake executors", () => (records(c.recordDir).size === 2 ? records(c.recordDir) : undefined));
  for (const [w, e] of [[w1, res.executors[0]!], [w2, res.executors[1]!]] as const) {
    const rec = recs.get(`${res.appId}__${e.executorId}`)!;
    const dir = path.join(w.workDir, res.appId, e.executorId);
    t.deepEqual(rec.args, {
      driver: "127.0.0.1:4040", "app-id": res.appId, "executor-id": e.executorId, cores: String(e.cores),
      "memory-bytes": String(2 ** 30), "work-dir": dir, host: "127.0.0.1",
    });
    t.is(rec.appKey, appKey, "the executor got its application's key, the one sealed to the driver");
    t.false(rec.secretInEnv, "no secret in the executor's environment");
    t.false(rec.argv.some((a) => a.includes(SECRET) || a.includes(appKey)), "no key on the command line");
    t.true(alive(rec.pid));
    const log = await waitFor("the executor's log", () => {
      const text = existsSync(path.join(dir, "executor.log")) ? readFileSync(path.join(dir, "executor.log"), "utf8") : "";
      return text.includes("stderr line") && text.includes("started") ? text : undefined;
    });
    t.regex(log, new RegExp(`fake executor ${e.executorId} of ${res.appId} started`));
    t.deepEqual(w.executors(), [{ appId: res.appId, executorId: e.executorId, cores: e.cores }]);
  }
  const s = await c.state(m.port);
  t.deepEqual(s.workers.map((w) => w.coresUsed).sort(), [2, 4]);
  t.deepEqual(s.appIds, [res.appId]);
});

test("two applications at once get separate executors and cores; a third that will not wait finds every core taken", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  await c.worker(m.port, { cores: 2 });
  await c.worker(m.port, { cores: 2 });
  await c.aliveWorkers(m.port, 2);
  const [a, b] = await Promise.all([c.registerApp(m.port, { appName: "a", maxCores: 2 }), c.registerApp(m.port, { appName: "b", maxCores: 2 })]);
  t.not(a.appId, b.appId);
  t.is(a.executors.reduce((n, e) => n + e.cores, 0), 2);
  t.is(b.executors.reduce((n, e) => n + e.cores, 0), 2);
  await waitFor("four fake executors", () => records(c.recordDir).size === 4);
  const s = await c.state(m.port);
  t.deepEqual(s.workers.map((w) => w.coresUsed), [2, 2]);
  t.deepEqual(s.appIds, [a.appId, b.appId].sort());
  const err = (await t.throwsAsync(c.registerApp(m.port, { appName: "third" }))) as EngineError;
  t.is(err.code, "INVALID_ARGUMENT");
  t.regex(err.message, /'third'.*all cores are taken/);
});

test("unregistering kills the executor processes, deletes their work dirs and frees the cores for the next application", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  const w1 = await c.worker(m.port, { cores: 2 });
  const w2 = await c.worker(m.port, { cores: 2 });
  await c.aliveWorkers(m.port, 2);
  const keys = new SealKeyPair();
  const first = await c.registerApp(m.port, {}, keys);
  const recs = await waitFor("two fake executors", () => (records(c.recordDir).size === 2 ? records(c.recordDir) : undefined));
  const pids = [...recs.values()].map((r) => r.pid);
  const dirs = [...recs.values()].map((r) => r.args["work-dir"]!);
  t.true(dirs.every((d) => existsSync(d)));
  await c.unregisterApp(m.port, first, keys);
  t.deepEqual(pids.filter(alive), [], "the processes are gone");
  t.deepEqual(dirs.filter((d) => existsSync(d)), [], "their work dirs are deleted");
  t.false(existsSync(path.join(w1.workDir, first.appId)));
  t.deepEqual([...w1.executors(), ...w2.executors()], []);
  const s = await c.state(m.port);
  t.deepEqual(s.workers.map((w) => w.coresUsed), [0, 0]);
  t.deepEqual(s.appIds, []);
  const next = await c.registerApp(m.port, { appName: "next" });
  t.deepEqual(next.executors.map((e) => e.cores), [2, 2]);
});

test("an executor that ignores SIGTERM is killed when its application is unregistered", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  await c.worker(m.port, { cores: 1, killGraceMs: 300, fakeOptions: ["--ignore-sigterm"] });
  await c.aliveWorkers(m.port, 1);
  const keys = new SealKeyPair();
  const app = await c.registerApp(m.port, {}, keys);
  const rec = await waitFor("the fake executor", () => records(c.recordDir).get(`${app.appId}__exec-0`));
  await c.unregisterApp(m.port, app, keys);
  t.false(alive(rec.pid));
});

test("an executor that exits by itself is forgotten: its work dir is deleted and the master frees its cores", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  const w = await c.worker(m.port, { cores: 2, fakeOptions: ["--exit-after-ms", "300", "--exit-code", "3"] });
  await c.aliveWorkers(m.port, 1);
  const app = await c.registerApp(m.port);
  const rec = await waitFor("the fake executor", () => records(c.recordDir).get(`${app.appId}__exec-0`));
  await waitFor("the executor to be forgotten", () => w.executors().length === 0 && !existsSync(rec.args["work-dir"]!));
  await waitFor("the master to free its cores", async () => {
    const s = await c.state(m.port);
    return s.workers[0]!.coresUsed === 0 && s.appIds.length === 0;
  });
  t.true(c.logs.some((l) => /exec-0 of app-\S+ exited with code 3; the end of its log:\n.*stderr line/s.test(l)));
});

test("with no worker, RegisterApplication fails saying so", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  const err = (await t.throwsAsync(c.registerApp(m.port))) as EngineError;
  t.is(err.code, "UNREACHABLE");
  t.regex(err.message, /no alive worker.*no worker has registered/);
});

test("a worker started before its master registers once the master comes up", async (t) => {
  const c = new Cluster(t);
  const probe = await c.master();
  const port = probe.port;
  await probe.stop(); // a port that was free a moment ago
  const w = await c.worker(port);
  await waitFor("a failed registration attempt", () => c.logs.some((l) => l.includes("cannot register with the master")));
  t.false(w.registered);
  const m = await c.master({ port });
  const s = await c.aliveWorkers(m.port, 1);
  t.is(s.workers[0]!.workerId, w.workerId);
  t.true(c.logs.some((l) => /trying again in \d/.test(l)));
});

test("after a master restart on the same port, workers register again and their executors are counted", async (t) => {
  const c = new Cluster(t);
  const m1 = await c.master();
  const port = m1.port;
  const w1 = await c.worker(port, { cores: 2 });
  const w2 = await c.worker(port, { cores: 2 });
  await c.aliveWorkers(port, 2);
  const keys = new SealKeyPair();
  const app = await c.registerApp(port, { maxCores: 2 }, keys);
  await waitFor("two fake executors", () => records(c.recordDir).size === 2);
  await m1.stop();
  const m2 = await c.master({ port });
  await waitFor("both workers to register with the new master", () => w1.registrationCount >= 2 && w2.registrationCount >= 2);
  const s = await waitFor("the running executors to be counted", async () => {
    const st = await c.state(port);
    return st.workers.filter((w) => w.alive).length === 2 && st.workers.every((w) => w.coresUsed === 1) ? st : undefined;
  });
  t.deepEqual(s.appIds, [app.appId]);
  // the new master does not know the application's key (a restart forgets it): nobody can stop it
  // through the master; its executors end with their driver
  const err = (await t.throwsAsync(c.unregisterApp(m2.port, app, keys))) as EngineError;
  t.is(err.code, "AUTH_FAILED");
});

test("a worker with the wrong secret fails with AUTH_FAILED", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  const w = await c.worker(m.port, { secret: "not-the-cluster-secret-0123456789", secretFile: "/somewhere/secret" });
  const err = (await t.throwsAsync(w.wait())) as EngineError;
  t.is(err.code, "AUTH_FAILED");
  t.regex(err.message, /refused this worker's secret \(read from \/somewhere\/secret\)/);
  t.regex(err.message, /--secret-file/);
  t.deepEqual((await c.state(m.port)).workers, []);
});

test("a worker that dies is dropped by the master, and its lost executors' cores are not offered", async (t) => {
  const c = new Cluster(t);
  const m = await c.master({ workerTimeoutMs: 2000 }); // short enough to wait for, long enough that a stall loses no live worker
  const w1 = await c.worker(m.port, { cores: 2 });
  await c.worker(m.port, { cores: 2 });
  await c.aliveWorkers(m.port, 2);
  await w1.stop(false); // silent from now on, as a crashed node (it does not tell the master)
  const s = await c.aliveWorkers(m.port, 1);
  t.like(s.workers.find((w) => w.workerId === w1.workerId), { alive: false, coresUsed: 0 });
  const app = await c.registerApp(m.port);
  t.is(app.executors.length, 1);
  t.true(c.logs.some((l) => l.includes(`worker ${w1.workerId}`) && l.includes("lost")));
});
