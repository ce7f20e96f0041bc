/** MasterState, event by event: placement, core accounting, heartbeats' reconciliation, lost workers, keys, impostors. */
import test from "ava";
import type { EngineError } from "../../../core/engine-error.js";
import type { ApplicationRequest, Placement } from "../../../deploy/master/master-records.js";
import { MasterState } from "../../../deploy/master/master-state.js";
import { spreadCores } from "../../../deploy/master/placement.js";

const GiB = 2 ** 30;
const TIMEOUT = 1000;
const GRACE = 100;

function state(): MasterState {
  return new MasterState({ workerTimeoutMs: TIMEOUT, launchGraceMs: GRACE });
}

const PUBLIC_KEY = new Uint8Array(32);

function worker(s: MasterState, id: string, cores: number, now = 0, memoryBytes = 16 * GiB): void {
  s.registerWorker({ workerId: id, host: "10.0.0.1", port: 1000 + Number(id.replace(/\D/g, "") || 0), cores, memoryBytes, publicKey: PUBLIC_KEY }, now);
}

/** Registers an application that must be placed. */
function place(s: MasterState, req: ApplicationRequest, now: number): { appId: string; key: string; placements: Placement[] } {
  const r = s.registerApplication(req, now);
  if ("busy" in r) throw new Error(`busy: ${r.busy}`);
  return r;
}

function app(over: Partial<ApplicationRequest> = {}): ApplicationRequest {
  return { appName: "a", driverUrl: "driver:1", maxCores: 0, coresPerExecutor: 0, executorMemoryBytes: GiB, ...over };
}

function used(s: MasterState): Record<string, number> {
  return Object.fromEntries(s.workerList().map((w) => [w.workerId, w.coresUsed]));
}

test("an application gets one executor per alive worker with every free core", (t) => {
  const s = state();
  worker(s, "w1", 4);
  worker(s, "w2", 2);
  const { appId, placements } = place(s, app(), 0);
  t.regex(appId, /^app-\d{14}-0000$/);
  t.deepEqual(placements.map((p) => [p.workerId, p.cores, p.executorId]), [["w1", 4, "exec-0"], ["w2", 2, "exec-1"]]);
  t.deepEqual(used(s), { w1: 4, w2: 2 });
  t.deepEqual(s.appIds(), [appId]);
});

test("maxCores is dealt round the workers, and coresPerExecutor caps each executor", (t) => {
  const s = state();
  worker(s, "w1", 4);
  worker(s, "w2", 4);
  t.deepEqual(place(s, app({ maxCores: 4 }), 0).placements.map((p) => p.cores), [2, 2]);
  t.deepEqual(place(s, app({ coresPerExecutor: 1 }), 0).placements.map((p) => p.cores), [1, 1]);
  t.deepEqual(used(s), { w1: 3, w2: 3 });
  t.deepEqual(place(s, app({ maxCores: 1 }), 0).placements.map((p) => [p.workerId, p.cores]), [["w1", 1]]);
  t.deepEqual(used(s), { w1: 4, w2: 3 });
});

test("no worker, every worker lost, every core taken, no memory: errors that say so", (t) => {
  const s = state();
  let err = t.throws(() => place(s, app(), 0)) as EngineError;
  t.is(err.code, "UNREACHABLE");
  t.regex(err.message, /no worker has registered.*spate worker/);
  worker(s, "w1", 2);
  s.expireWorkers(TIMEOUT + 1);
  err = t.throws(() => place(s, app(), TIMEOUT + 1)) as EngineError;
  t.regex(err.message, /every worker is lost \(w1 at 10\.0\.0\.1:1001\)/);
  worker(s, "w1", 2, 2000);
  const first = place(s, app({ appName: "first" }), 2000);
  const busy = s.registerApplication(app({ appName: "second" }), 2000);
  t.true("busy" in busy, "the cores are taken: it waits (the daemon queues it)");
  t.regex((busy as { busy: string }).busy, /all cores are taken.*w1 at 10\.0\.0\.1:1001: 2 of 2 cores.*running applications: app-/);
  t.true((busy as { busy: string }).busy.includes(first.appId));
  s.unregisterApplication(first.appId, 2000);
  err = t.throws(() => place(s, app({ executorMemoryBytes: 32 * GiB }), 2000)) as EngineError;
  t.regex(err.message, /no worker has 32\.0 GiB of memory for one/);
  err = t.throws(() => place(s, app({ driverUrl: "" }), 2000)) as EngineError;
  t.is(err.code, "INVALID_ARGUMENT");
});

test("unregistering frees the cores and names the workers to kill on", (t) => {
  const s = state();
  worker(s, "w1", 2);
  worker(s, "w2", 2);
  const a = place(s, app({ maxCores: 2 }), 0);
  const b = place(s, app({ maxCores: 2 }), 0);
  t.not(a.appId, b.appId);
  t.deepEqual(used(s), { w1: 2, w2: 2 });
  t.deepEqual(s.unregisterApplication(a.appId, 0).map((h) => h.workerId).sort(), ["w1", "w2"]);
  t.deepEqual(used(s), { w1: 1, w2: 1 });
  t.deepEqual(s.unregisterApplication(a.appId, 0), []);
  t.deepEqual(s.appIds(), [b.appId]);
});

test("a heartbeat that no longer lists an executor frees its cores, after the launch grace", (t) => {
  const s = state();
  worker(s, "w1", 4);
  const { appId, placements } = place(s, app({ maxCores: 2 }), 0);
  // launching: not freed by a heartbeat sent before the launch
  t.deepEqual(s.heartbeat("w1", [], 500).freed, []);
  s.launched(appId, placements[0]!.executorId, 500);
  t.deepEqual(s.heartbeat("w1", [], 500 + GRACE / 2).freed, []);
  const ref = { appId, executorId: "exec-0", cores: 2 };
  t.deepEqual(s.heartbeat("w1", [ref], 700), { reregister: false, freed: [], adopted: [] });
  t.deepEqual(used(s), { w1: 2 });
  t.deepEqual(s.heartbeat("w1", [], 800).freed, [ref]);
  t.deepEqual(used(s), { w1: 0 });
  t.deepEqual(s.appIds(), [], "an application without executors is finished");
  t.deepEqual(s.heartbeat("w1", [ref], 900).adopted, [], "a finished application is not adopted back");
});

test("a failed launch frees its cores at once", (t) => {
  const s = state();
  worker(s, "w1", 4);
  const { appId } = place(s, app(), 0);
  s.launchFailed(appId, "exec-0", 0);
  t.deepEqual(used(s), { w1: 0 });
});

test("a worker silent past the timeout is lost with its executors; its next heartbeat is told to register again", (t) => {
  const s = state();
  worker(s, "w1", 2);
  worker(s, "w2", 2);
  const { appId } = place(s, app(), 0);
  s.heartbeat("w2", [{ appId, executorId: "exec-1", cores: 2 }], 900);
  t.deepEqual(s.expireWorkers(TIMEOUT), []);
  const lost = s.expireWorkers(TIMEOUT + 1);
  t.deepEqual(lost.map((w) => [w.workerId, w.executors.map((e) => e.executorId)]), [["w1", ["exec-0"]]]);
  t.deepEqual(s.workerList().map((w) => [w.workerId, w.alive, w.coresUsed]), [["w1", false, 0], ["w2", true, 2]]);
  t.deepEqual(s.appIds(), [appId], "it still has an executor on w2");
  t.true(s.heartbeat("w1", [], TIMEOUT + 2).reregister);
  t.true(s.heartbeat("nobody", [], TIMEOUT + 2).reregister);
  worker(s, "w1", 2, TIMEOUT + 3);
  t.true(s.worker("w1")!.alive);
});

test("after a master restart, running executors are adopted with their applications", (t) => {
  const s = state();
  worker(s, "w1", 4);
  const refs = [{ appId: "app-20240101000000-0000", executorId: "exec-3", cores: 3 }];
  t.deepEqual(s.heartbeat("w1", refs, 10).adopted, refs);
  t.deepEqual(used(s), { w1: 3 });
  t.deepEqual(s.appIds(), ["app-20240101000000-0000"]);
  t.deepEqual(place(s, app(), 10).placements.map((p) => p.cores), [1]);
  t.deepEqual(s.unregisterApplication("app-20240101000000-0000", 20).map((h) => h.workerId), ["w1"]);
  t.deepEqual(used(s), { w1: 1 });
});

test("a worker registering at a lost worker's address removes the old record; a live one cannot be replaced", (t) => {
  const s = state();
  const spec = { host: "h", port: 5, cores: 2, memoryBytes: GiB * 4, publicKey: PUBLIC_KEY };
  const first = s.registerWorker({ workerId: "old", ...spec }, 0);
  place(s, app(), 0);
  let err = t.throws(() => s.registerWorker({ workerId: "impostor", ...spec }, 1)) as EngineError;
  t.is(err.code, "INVALID_ARGUMENT");
  t.regex(err.message, /the live worker 'old' is registered at h:5/);
  err = t.throws(() => s.registerWorker({ workerId: "old", ...spec, host: "elsewhere" }, 1)) as EngineError;
  t.regex(err.message, /a live worker is registered as 'old'/);
  t.is(s.workerKey("old"), first.key, "the live worker keeps its key");
  s.expireWorkers(TIMEOUT + 1);
  t.is(s.workerKey("old"), undefined, "a lost worker's key is no longer taken");
  const next = s.registerWorker({ workerId: "new", ...spec }, TIMEOUT + 2);
  t.deepEqual(next.replaced, ["old"]);
  t.not(next.key, first.key);
  t.deepEqual(s.workerList().map((w) => [w.workerId, w.coresUsed]), [["new", 0]]);
  t.deepEqual(s.appIds(), []);
});

test("each application gets its own key; a worker that stops frees its cores at once", (t) => {
  const s = state();
  worker(s, "w1", 2);
  worker(s, "w2", 2);
  const a = place(s, app({ maxCores: 2 }), 0);
  const b = place(s, app({ maxCores: 2 }), 0);
  t.regex(a.key, /^[0-9a-f]{64}$/);
  t.not(a.key, b.key);
  t.is(s.appKey(a.appId), a.key);
  t.deepEqual(s.unregisterWorker("w1", 5).map((e) => e.appId).sort(), [a.appId, b.appId].sort());
  t.false(s.worker("w1")!.alive);
  t.deepEqual(used(s), { w1: 0, w2: 2 });
  s.unregisterApplication(a.appId, 6);
  t.is(s.appKey(a.appId), undefined);
});

test("placement is arithmetic: a huge claim costs nothing, and spreads as dealing one core at a time would", (t) => {
  t.deepEqual(spreadCores([4, 4], 4), [2, 2]);
  t.deepEqual(spreadCores([4, 4], 5), [3, 2]);
  t.deepEqual(spreadCores([1, 4, 2], 6), [1, 3, 2]);
  t.deepEqual(spreadCores([3, 3], Infinity), [3, 3]);
  t.deepEqual(spreadCores([2 ** 32, 2 ** 31], 2 ** 32), [2 ** 31, 2 ** 31]);
  // against dealing one at a time, on random cases
  for (let trial = 0; trial < 200; trial++) {
    const caps = Array.from({ length: 1 + (trial % 5) }, (_, i) => (trial * 7 + i * 13) % 9);
    const wanted = (trial * 5) % 30;
    const dealt = caps.map(() => 0);
    let left = wanted;
    for (let progress = true; progress && left > 0; ) {
      progress = false;
      for (let i = 0; i < caps.length && left > 0; i++) if (dealt[i]! < caps[i]!) (dealt[i]! += 1), left--, (progress = true);
    }
    t.deepEqual(spreadCores(caps, wanted), dealt, JSON.stringify({ caps, wanted }));
  }
});
