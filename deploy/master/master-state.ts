/**
 * MasterState: the standalone master's bookkeeping as a pure class: which workers are registered
 * and alive, how many of their cores and how much of their memory each application's executors
 * hold, and which applications run. No sockets, no timers: every call takes the current time
 * (`now`, in ms) and returns what the caller must do (which workers to ask to start or kill
 * executors). MasterDaemon (master.ts) owns one and turns RPCs and its expiry timer into calls.
 *
 * Rules:
 * - A worker is alive from its registration until it is silent for `workerTimeoutMs` or says it
 *   stops (UnregisterWorker); then it is lost: its executors are forgotten (their drivers notice
 *   through their own streams) and a later heartbeat from it is answered `reregister`. A
 *   registration at a lost worker's address removes the old record; one under the id or at the
 *   address of a live worker is refused (an impostor cannot evict a worker).
 * - Each worker gets its own key at registration (its heartbeats are signed with it, and the
 *   master's calls to it); each application gets its own key (its executors, its driver and every
 *   call about it use it). Keys are random; the daemon seals them to their holders.
 * - A heartbeat lists the executors still running on its worker. One the master placed there but
 *   the heartbeat no longer lists is gone: its cores and memory are freed (unless its launch is in
 *   flight or ended less than `launchGraceMs` ago, since the heartbeat may have been sent before).
 *   One the heartbeat lists but the master does not know (the master restarted) is adopted, with
 *   its application, so that its cores stay counted and UnregisterApplication still reaches it.
 * - An application is placed on alive workers with a free core and enough free memory, one
 *   executor per worker, the most free cores first. Cores are spread round the workers (as
 *   Spark's spreadOut; placement.ts computes it) up to min(free cores, coresPerExecutor if > 0),
 *   until maxCores (if > 0); so maxCores 4 over two idle 4-core workers gives 2 + 2, not 4 + 0.
 *   When the cores or memory it needs are taken by other applications, it is `busy`: the daemon
 *   queues it (first come, first served) until they free.
 * - An application whose executors are all gone (killed, exited with their driver, or on lost
 *   workers) is finished and forgotten; its id is remembered a while so it is not adopted again.
 */
import { EngineError } from "../../core/engine-error.js";
import { formatBytes } from "../../core/units.js";
import { newKey } from "../../core/rpc/seal.js";
import type { AppRecord, ApplicationRequest, ExecutorRef, MasterStateOptions, Placement, WorkerAddress, WorkerRecord, WorkerSpec, WorkerView } from "./master-records.js";
import { spreadCores } from "./placement.js";

const GiB = 1024 * 1024 * 1024;

const keyOf = (appId: string, executorId: string): string => `${appId}\u0000${executorId}`;

function stamp(now: number): string {
  const d = new Date(now);
  const p = (n: number, w = 2): string => String(n).padStart(w, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export class MasterState {
  private readonly workers = new Map<string, WorkerRecord>();
  private readonly apps = new Map<string, AppRecord>();
  /** finished application id -> when it finished */
  private readonly finished = new Map<string, number>();
  private appCounter = 0;
  private readonly o: Required<MasterStateOptions>;

  constructor(options: MasterStateOptions) {
    this.o = {
      defaultExecutorMemoryBytes: GiB,
      deadWorkerRetentionMs: 10 * 60_000,
      finishedAppRetentionMs: 10 * 60_000,
      ...options,
    };
  }

  /**
   * Records a worker with a new key; returns the key and the lost records it replaced at its
   * address. A live worker with the same id or at the same address is not replaced: INVALID_ARGUMENT.
   */
  registerWorker(spec: WorkerSpec, now: number): { key: string; replaced: string[] } {
    const old = this.workers.get(spec.workerId);
    if (old?.alive) {
      throw new EngineError("INVALID_ARGUMENT", `RegisterWorker: a live worker is registered as '${spec.workerId}' (at ${old.host}:${old.port}); a worker registers again only once the master has lost it`);
    }
    const replaced: string[] = [];
    for (const w of this.workers.values()) {
      if (w.workerId === spec.workerId || w.host !== spec.host || w.port !== spec.port) continue;
      if (w.alive) throw new EngineError("INVALID_ARGUMENT", `RegisterWorker: the live worker '${w.workerId}' is registered at ${spec.host}:${spec.port}; one address, one worker`);
      replaced.push(w.workerId);
    }
    for (const id of replaced) this.removeWorker(this.workers.get(id)!, now);
    const key = newKey();
    if (old) {
      Object.assign(old, spec, { key, alive: true, lastSeen: now, diedAt: 0 });
    } else {
      this.workers.set(spec.workerId, { ...spec, key, alive: true, lastSeen: now, diedAt: 0, executors: new Map() });
    }
    return { key, replaced };
  }

  /** A worker that stops: lost at once, its executors forgotten. Returns them. */
  unregisterWorker(workerId: string, now: number): ExecutorRef[] {
    const w = this.workers.get(workerId);
    if (!w || !w.alive) return [];
    const executors = [...w.executors.values()].map((e) => ({ appId: e.appId, executorId: e.executorId, cores: e.cores }));
    for (const key of [...w.executors.keys()]) this.removeExecutor(w, key, now);
    w.alive = false;
    w.diedAt = now;
    return executors;
  }

  /** The key of a live worker's registration. */
  workerKey(workerId: string): string | undefined {
    const w = this.workers.get(workerId);
    return w?.alive ? w.key : undefined;
  }

  /** A live worker's public key. */
  workerPublicKey(workerId: string): Uint8Array | undefined {
    const w = this.workers.get(workerId);
    return w?.alive ? w.publicKey : undefined;
  }

  /** The key of a running application ("" or undefined: none known here). */
  appKey(appId: string): string | undefined {
    const key = this.apps.get(appId)?.key;
    return key === "" ? undefined : key;
  }

  /** A worker's heartbeat: marks it alive and reconciles its executors with the ones it lists. */
  heartbeat(workerId: string, running: readonly ExecutorRef[], now: number): { reregister: boolean; freed: ExecutorRef[]; adopted: ExecutorRef[] } {
    const w = this.workers.get(workerId);
    if (!w || !w.alive) return { reregister: true, freed: [], adopted: [] };
    w.lastSeen = now;
    const listed = new Map(running.map((r) => [keyOf(r.appId, r.executorId), r]));
    const freed: ExecutorRef[] = [];
    for (const [key, e] of w.executors) {
      if (listed.has(key) || e.launching || now - e.since < this.o.launchGraceMs) continue;
      this.removeExecutor(w, key, now);
      freed.push({ appId: e.appId, executorId: e.executorId, cores: e.cores });
    }
    const adopted: ExecutorRef[] = [];
    for (const [key, r] of listed) {
      if (w.executors.has(key) || this.finished.has(r.appId)) continue;
      let app = this.apps.get(r.appId);
      if (app?.executors.has(key)) continue; // known on another worker: not ours to count
      if (!app) {
        app = { appId: r.appId, key: "", appName: "", driverUrl: "", executorMemoryBytes: 0, executors: new Map(), nextExecutor: 0 };
        this.apps.set(r.appId, app);
      }
      const memoryBytes = app.executorMemoryBytes || Math.max(0, Math.min(this.o.defaultExecutorMemoryBytes, w.memoryBytes - this.memoryUsed(w)));
      w.executors.set(key, { appId: r.appId, executorId: r.executorId, workerId, cores: r.cores, memoryBytes, launching: false, since: now });
      app.executors.set(key, workerId);
      const n = /(\d+)$/.exec(r.executorId);
      if (n) app.nextExecutor = Math.max(app.nextExecutor, Number(n[1]) + 1);
      adopted.push({ appId: r.appId, executorId: r.executorId, cores: r.cores });
    }
    return { reregister: false, freed, adopted };
  }

  /** Declares workers silent for longer than the timeout lost; forgets old records. */
  expireWorkers(now: number): { workerId: string; host: string; port: number; executors: ExecutorRef[] }[] {
    const lost = [];
    for (const w of [...this.workers.values()]) {
      if (w.alive && now - w.lastSeen > this.o.workerTimeoutMs) {
        const executors = [...w.executors.values()].map((e) => ({ appId: e.appId, executorId: e.executorId, cores: e.cores }));
        for (const key of [...w.executors.keys()]) this.removeExecutor(w, key, now);
        w.alive = false;
        w.diedAt = now;
        lost.push({ workerId: w.workerId, host: w.host, port: w.port, executors });
      } else if (!w.alive && now - w.diedAt > this.o.deadWorkerRetentionMs) {
        this.workers.delete(w.workerId);
      }
    }
    for (const [appId, at] of this.finished) if (now - at > this.o.finishedAppRetentionMs) this.finished.delete(appId);
    return lost;
  }

  /**
   * Gives an application an id and a key and places its executors (their cores and memory are
   * held from now on); `busy` (with why) when other applications hold what it needs. Throws an
   * EngineError saying why when it can never be placed.
   */
  registerApplication(req: ApplicationRequest, now: number): { appId: string; key: string; placements: Placement[] } | { busy: string } {
    if (!req.driverUrl) throw new EngineError("INVALID_ARGUMENT", "RegisterApplication: driverUrl is empty; it must be the host:port of the application's Driver service");
    const memoryBytes = req.executorMemoryBytes > 0 ? req.executorMemoryBytes : this.o.defaultExecutorMemoryBytes;
    const alive = [...this.workers.values()].filter((w) => w.alive);
    if (alive.length === 0) {
      const lost = this.workers.size === 0 ? "no worker has registered" : `every worker is lost (${[...this.workers.values()].map((w) => `${w.workerId} at ${w.host}:${w.port}`).join(", ")})`;
      throw new EngineError("UNREACHABLE", `the master has no alive worker to start executors on: ${lost}. Start \`spate worker spate://<master host>:<port>\` on the cluster's nodes (with the master's secret file) and try again.`);
    }
    const free = (w: WorkerRecord): number => Math.max(0, w.cores - this.coresUsed(w));
    const freeMemory = (w: WorkerRecord): number => w.memoryBytes - this.memoryUsed(w);
    const candidates = alive.filter((w) => free(w) > 0 && freeMemory(w) >= memoryBytes).sort((a, b) => free(b) - free(a) || (a.workerId < b.workerId ? -1 : 1));
    if (candidates.length === 0) {
      const listing = alive.map((w) => `${w.workerId} at ${w.host}:${w.port}: ${this.coresUsed(w)} of ${w.cores} cores and ${formatBytes(this.memoryUsed(w))} of ${formatBytes(w.memoryBytes)} in use`).join("; ");
      if (!alive.some((w) => w.memoryBytes >= memoryBytes)) {
        throw new EngineError("INVALID_ARGUMENT", `no executor can ever be started for '${req.appName}': no worker has ${formatBytes(memoryBytes)} of memory for one (executorMemoryBytes; ${listing}). Ask for less, or start workers with more --memory.`);
      }
      const why = alive.every((w) => free(w) === 0)
        ? "all cores are taken by other applications"
        : `no worker with a free core has ${formatBytes(memoryBytes)} of memory free for an executor (executorMemoryBytes)`;
      return { busy: `${why} (${listing}; running applications: ${[...this.apps.keys()].join(", ") || "none"})` };
    }
    const cap = (w: WorkerRecord): number => Math.min(free(w), req.coresPerExecutor > 0 ? req.coresPerExecutor : Infinity);
    const shares = spreadCores(candidates.map(cap), req.maxCores > 0 ? req.maxCores : Infinity);
    const dealt = new Map<WorkerRecord, number>();
    candidates.forEach((w, i) => {
      if (shares[i]! > 0) dealt.set(w, shares[i]!);
    });
    const appId = this.newAppId(now);
    const key = newKey();
    const app: AppRecord = { appId, key, appName: req.appName, driverUrl: req.driverUrl, executorMemoryBytes: memoryBytes, executors: new Map(), nextExecutor: 0 };
    this.apps.set(appId, app);
    const placements: Placement[] = [];
    for (const [w, cores] of dealt) {
      const executorId = `exec-${app.nextExecutor++}`;
      const key = keyOf(appId, executorId);
      w.executors.set(key, { appId, executorId, workerId: w.workerId, cores, memoryBytes, launching: true, since: now });
      app.executors.set(key, w.workerId);
      placements.push({ appId, executorId, workerId: w.workerId, host: w.host, port: w.port, cores, memoryBytes });
    }
    return { appId, key, placements };
  }

  /** The worker started the executor. */
  launched(appId: string, executorId: string, now: number): void {
    const key = keyOf(appId, executorId);
    const workerId = this.apps.get(appId)?.executors.get(key);
    const e = workerId === undefined ? undefined : this.workers.get(workerId)?.executors.get(key);
    if (e) {
      e.launching = false;
      e.since = now;
    }
  }

  /** The worker could not start the executor: its cores and memory are free again. */
  launchFailed(appId: string, executorId: string, now: number): void {
    const key = keyOf(appId, executorId);
    const workerId = this.apps.get(appId)?.executors.get(key);
    const w = workerId === undefined ? undefined : this.workers.get(workerId);
    if (w) this.removeExecutor(w, key, now, false);
  }

  /** Forgets an application and its executors; returns the alive workers that host it (to kill them there). */
  /** The alive workers an application has executors on. */
  hostsOf(appId: string): WorkerAddress[] {
    const hosts = new Map<string, WorkerAddress>();
    for (const workerId of this.apps.get(appId)?.executors.values() ?? []) {
      const w = this.workers.get(workerId);
      if (w?.alive) hosts.set(w.workerId, { workerId: w.workerId, host: w.host, port: w.port });
    }
    return [...hosts.values()];
  }

  /** Forgets an application and frees its executors' cores; returns the alive workers they were on. */
  unregisterApplication(appId: string, now: number): WorkerAddress[] {
    const app = this.apps.get(appId);
    if (!app) return [];
    const hosts = this.hostsOf(appId);
    for (const [key, workerId] of app.executors) this.workers.get(workerId)?.executors.delete(key);
    this.apps.delete(appId);
    this.finished.set(appId, now);
    return hosts;
  }

  hasApplication(appId: string): boolean {
    return this.apps.has(appId);
  }

  worker(workerId: string): WorkerView | undefined {
    const w = this.workers.get(workerId);
    return w && this.view(w);
  }

  workerList(): WorkerView[] {
    return [...this.workers.values()].sort((a, b) => (a.workerId < b.workerId ? -1 : 1)).map((w) => this.view(w));
  }

  appIds(): string[] {
    return [...this.apps.keys()].sort();
  }

  private view(w: WorkerRecord): WorkerView {
    return {
      workerId: w.workerId, host: w.host, port: w.port, cores: w.cores, memoryBytes: w.memoryBytes,
      coresUsed: this.coresUsed(w), memoryUsed: this.memoryUsed(w), alive: w.alive,
      executors: [...w.executors.values()].map((e) => ({ appId: e.appId, executorId: e.executorId, cores: e.cores })),
    };
  }

  private coresUsed(w: WorkerRecord): number {
    let n = 0;
    for (const e of w.executors.values()) n += e.cores;
    return n;
  }

  private memoryUsed(w: WorkerRecord): number {
    let n = 0;
    for (const e of w.executors.values()) n += e.memoryBytes;
    return n;
  }

  private newAppId(now: number): string {
    for (;;) {
      const id = `app-${stamp(now)}-${String(this.appCounter++).padStart(4, "0")}`;
      if (!this.apps.has(id) && !this.finished.has(id)) return id;
    }
  }

  /** Removes one executor; an application left without executors is finished (unless `finish` is false). */
  private removeExecutor(w: WorkerRecord, key: string, now: number, finish = true): void {
    const e = w.executors.get(key);
    if (!e) return;
    w.executors.delete(key);
    const app = this.apps.get(e.appId);
    if (!app) return;
    app.executors.delete(key);
    if (finish && app.executors.size === 0) {
      this.apps.delete(app.appId);
      this.finished.set(app.appId, now);
    }
  }

  private removeWorker(w: WorkerRecord, now: number): void {
    for (const key of [...w.executors.keys()]) this.removeExecutor(w, key, now);
    this.workers.delete(w.workerId);
  }
}
