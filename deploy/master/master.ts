/**
 * MasterDaemon: the standalone cluster manager (`spate master`). Serves the Master service:
 * workers register and heartbeat; drivers (driver/backends/standalone-launcher.ts) register
 * their applications, and the master asks workers (Worker service) to launch executors for them
 * and, when the application unregisters, to kill them. Bookkeeping is MasterState (pure); this
 * class is the shell around it: the RPC server, one RpcClient per worker and the timer that
 * declares silent workers lost.
 *
 * Called by api/cli/commands/master.ts (which stays up until SIGINT/SIGTERM) and by tests,
 * in-process. Hands on: LaunchExecutor / KillApplication calls to workers; executors themselves
 * connect to their driver, never to the master.
 *
 * Keys: workers and drivers register with the cluster's secret. Each worker then gets its own
 * key (sealed to its public key): its heartbeats and the master's calls to it are signed with
 * it, so nobody else can speak for it or to it as the master. Each application gets its own key
 * (sealed to its driver and to the workers that start its executors): UnregisterApplication and
 * KillApplication need it, so a holder of the cluster's secret cannot stop another's application.
 * Applications that find the cores taken wait in line (application-queue.ts).
 *
 * Timing: workers heartbeat every `heartbeatIntervalMs` (default 2 s, told to them at
 * registration); one silent for `workerTimeoutMs` (default 15 s: seven missed heartbeats, so a
 * busy node or a short network hiccup does not cost its executors) is lost.
 */
import { hostname } from "node:os";
import type { ClusterStateResult } from "../../proto/generated/spate/ClusterStateResult.js";
import type { RegisterApplicationParams__Output } from "../../proto/generated/spate/RegisterApplicationParams.js";
import type { RegisterApplicationResult } from "../../proto/generated/spate/RegisterApplicationResult.js";
import type { RegisterWorkerParams__Output } from "../../proto/generated/spate/RegisterWorkerParams.js";
import type { RegisterWorkerResult } from "../../proto/generated/spate/RegisterWorkerResult.js";
import type { UnregisterApplicationParams__Output } from "../../proto/generated/spate/UnregisterApplicationParams.js";
import type { WorkerHeartbeatParams__Output } from "../../proto/generated/spate/WorkerHeartbeatParams.js";
import type { WorkerHeartbeatResult } from "../../proto/generated/spate/WorkerHeartbeatResult.js";
import type { KillApplicationResult__Output } from "../../proto/generated/spate/KillApplicationResult.js";
import type { UnregisterWorkerParams__Output } from "../../proto/generated/spate/UnregisterWorkerParams.js";
import type { Principal } from "../../core/rpc/call-auth.js";
import { EngineError } from "../../core/engine-error.js";
import { RpcClient } from "../../core/rpc/rpc-client.js";
import { type CallContext, RpcServer } from "../../core/rpc/rpc-server.js";
import { seal } from "../../core/rpc/seal.js";
import { ApplicationQueue } from "./application-queue.js";
import { formatBytes } from "../../core/units.js";
import type { Placement, WorkerView } from "./master-records.js";
import { MasterState } from "./master-state.js";
import { checkRegisterApplication, checkRegisterWorker } from "./master-validation.js";

export const DEFAULT_MASTER_PORT = 7077;

export interface MasterDaemonOptions {
  secret: string;
  /** the name workers and drivers reach this master by (default os.hostname()) */
  host?: string;
  /** the address to listen on (default: `host`, which defaults to the host's name; nothing listens on 0.0.0.0 unless asked) */
  bindHost?: string;
  /** default 7077; 0: any free port */
  port?: number;
  heartbeatIntervalMs?: number;
  workerTimeoutMs?: number;
  /** default 1 GiB, for applications that ask for 0 */
  defaultExecutorMemoryBytes?: number;
  /** how long LaunchExecutor may take (default 15 s) */
  launchTimeoutMs?: number;
  log?: (line: string) => void;
}

function hostPort(host: string, port: number): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
}

export class MasterDaemon {
  private readonly state: MasterState;
  private readonly server: RpcServer;
  private readonly clients = new Map<string, RpcClient>();
  private readonly host: string;
  private readonly bindHost: string;
  private readonly heartbeatIntervalMs: number;
  private readonly launchTimeoutMs: number;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private boundPort = 0;
  private stopped = false;
  private readonly queue = new ApplicationQueue<RegisterApplicationResult>();

  constructor(private readonly o: MasterDaemonOptions) {
    this.host = o.host ?? hostname();
    this.bindHost = o.bindHost ?? o.host ?? hostname();
    this.heartbeatIntervalMs = o.heartbeatIntervalMs ?? 2000;
    this.launchTimeoutMs = o.launchTimeoutMs ?? 15_000;
    this.log = o.log ?? ((line) => process.stderr.write(`${new Date().toISOString()} spate master: ${line}\n`));
    const workerTimeoutMs = o.workerTimeoutMs ?? 15_000;
    this.state = new MasterState({
      workerTimeoutMs,
      launchGraceMs: Math.max(this.heartbeatIntervalMs, 1000),
      ...(o.defaultExecutorMemoryBytes !== undefined ? { defaultExecutorMemoryBytes: o.defaultExecutorMemoryBytes } : {}),
    });
    this.server = new RpcServer({ policy: (method, who) => this.keyFor(method, who) });
    this.server.addService("Master", {
      RegisterWorker: (req: RegisterWorkerParams__Output) => this.registerWorker(req),
      UnregisterWorker: (req: UnregisterWorkerParams__Output, ctx: CallContext) => this.unregisterWorker(sameWorker(req.workerId, ctx)),
      WorkerHeartbeat: (req: WorkerHeartbeatParams__Output, ctx: CallContext) => this.heartbeat({ ...req, workerId: sameWorker(req.workerId, ctx) }),
      RegisterApplication: (req: RegisterApplicationParams__Output) => this.registerApplication(req),
      UnregisterApplication: (req: UnregisterApplicationParams__Output, ctx: CallContext) => this.unregisterApplication(sameApp(req.appId, ctx)),
      ClusterState: () => this.clusterState(),
    });
  }

  /** Which key each method takes: the cluster's secret to join, a worker's or an application's own key to speak for it. */
  private keyFor(method: string, who: Principal): string | undefined {
    const name = method.slice(method.lastIndexOf("/") + 1);
    switch (name) {
      case "RegisterWorker":
      case "RegisterApplication":
      case "ClusterState":
        return who.kind === "cluster" ? this.o.secret : undefined;
      case "WorkerHeartbeat":
      case "UnregisterWorker":
        return who.kind === "worker" ? this.state.workerKey(who.workerId) : undefined;
      case "UnregisterApplication":
        return who.kind === "app" && who.executorId === "" ? this.state.appKey(who.appId) : undefined;
      default:
        return undefined;
    }
  }

  /** Listens; resolves with the port bound (the one asked for, or a free one for port 0). */
  async start(): Promise<number> {
    this.boundPort = await this.server.listen(this.bindHost, this.o.port ?? DEFAULT_MASTER_PORT);
    const every = Math.max(50, Math.min(this.heartbeatIntervalMs, this.o.workerTimeoutMs ?? 15_000));
    this.timer = setInterval(() => this.expire(), every);
    this.timer.unref();
    return this.boundPort;
  }

  get port(): number {
    return this.boundPort;
  }

  /** spate://host:port, the URL workers and drivers use. */
  get url(): string {
    return `spate://${hostPort(this.host, this.boundPort)}`;
  }

  /** Stops serving. Executors keep running: workers re-register with the next master on this port. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.queue.close("the master stopped");
    await this.server.close(500);
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  /** Workers (alive or lately lost) and running applications, as ClusterState answers. */
  clusterState(): ClusterStateResult & { workers: WorkerView[]; appIds: string[] } {
    return { workers: this.state.workerList(), appIds: this.state.appIds() };
  }

  private registerWorker(req: RegisterWorkerParams__Output): RegisterWorkerResult {
    const spec = checkRegisterWorker(req);
    const known = this.state.worker(spec.workerId);
    const { key, replaced } = this.state.registerWorker(spec, Date.now());
    for (const id of replaced) {
      this.dropClient(id);
      this.log(`lost worker ${id} is replaced by ${spec.workerId} at the same address`);
    }
    const address = hostPort(spec.host, spec.port);
    this.dropClient(spec.workerId);
    const workerId = spec.workerId;
    this.clients.set(workerId, new RpcClient(address, "Worker", {
      credential: () => ({ kind: "worker", scope: workerId, key: this.state.workerKey(workerId) ?? "" }),
      peerName: `worker ${workerId} at ${address}`,
    }));
    this.log(`worker ${workerId} ${known ? "registered again" : "registered"} at ${address}: ${spec.cores} cores, ${formatBytes(spec.memoryBytes)}`);
    void this.queue.pump();
    return { heartbeatIntervalMs: this.heartbeatIntervalMs, sealedWorkerKey: seal(spec.publicKey, key) };
  }

  private unregisterWorker(workerId: string): Record<string, never> {
    const executors = this.state.unregisterWorker(workerId, Date.now());
    this.dropClient(workerId);
    this.log(`worker ${workerId} stops${executors.length ? `; its executors are forgotten: ${executors.map((e) => `${e.executorId} of ${e.appId}`).join(", ")}` : ""}`);
    return {};
  }

  private heartbeat(req: WorkerHeartbeatParams__Output): WorkerHeartbeatResult {
    const res = this.state.heartbeat(req.workerId, req.executors, Date.now());
    if (res.reregister) this.log(`heartbeat from unknown or lost worker ${req.workerId}: asking it to register again`);
    for (const e of res.freed) this.log(`executor ${e.executorId} of ${e.appId} is no longer running on worker ${req.workerId}: ${e.cores} cores freed`);
    for (const e of res.adopted) this.log(`executor ${e.executorId} of ${e.appId} (${e.cores} cores) is running on worker ${req.workerId}: counted`);
    if (res.freed.length > 0) void this.queue.pump();
    return { reregister: res.reregister };
  }

  private async registerApplication(req: RegisterApplicationParams__Output): Promise<RegisterApplicationResult> {
    const app = checkRegisterApplication(req);
    const what = `application '${app.appName}' (driver ${app.driverUrl})`;
    let told = false;
    return this.queue.enqueue({
      what,
      deadline: Date.now() + app.waitMs,
      attempt: async () => {
        const placed = this.state.registerApplication(app, Date.now());
        if ("busy" in placed) {
          if (!told && app.waitMs > 0) this.log(`${what} waits in the queue for cores (${placed.busy}), up to ${Math.round(app.waitMs / 1000)} s`);
          told = true;
          return placed;
        }
        return { placed: await this.startExecutors(app.appName, app.driverUrl, app.driverPublicKey, placed) };
      },
    });
  }

  private async startExecutors(appName: string, driverUrl: string, driverKey: Uint8Array, placed: { appId: string; key: string; placements: Placement[] }): Promise<RegisterApplicationResult> {
    const { appId, key, placements } = placed;
    this.log(`application ${appId} ('${appName}', driver ${driverUrl}): starting ${placements.length} executors`);
    const failures: string[] = [];
    const launched = await Promise.all(placements.map(async (p) => {
      try {
        await this.launch(p, driverUrl, key);
        this.state.launched(appId, p.executorId, Date.now());
        return p;
      } catch (e) {
        this.state.launchFailed(appId, p.executorId, Date.now());
        const why = `${p.executorId} on ${p.workerId}: ${(e as Error).message}`;
        failures.push(why);
        this.log(`application ${appId}: cannot start executor ${why}`);
        return undefined;
      }
    }));
    const ok = launched.filter((p): p is Placement => p !== undefined);
    if (ok.length === 0) {
      await this.unregisterApplication(appId);
      throw new EngineError("UNREACHABLE", `no worker could start an executor for '${appName}': ${failures.join("; ")}`);
    }
    return { appId, executors: ok.map((p) => ({ appId, executorId: p.executorId, cores: p.cores })), sealedAppKey: seal(driverKey, key) };
  }

  private launch(p: Placement, driverUrl: string, appKey: string): Promise<unknown> {
    const client = this.clients.get(p.workerId);
    const workerKey = this.state.workerPublicKey(p.workerId);
    if (!client || !workerKey) return Promise.reject(new EngineError("UNREACHABLE", `no connection to worker ${p.workerId}`));
    return client.unary("LaunchExecutor", { appId: p.appId, executorId: p.executorId, driverUrl, cores: p.cores, memoryBytes: p.memoryBytes, sealedAppKey: seal(workerKey, appKey) }, this.launchTimeoutMs);
  }

  /** Stops an application's executors, then frees their cores (a worker takes new executors only once the old ones exited). */
  private async unregisterApplication(appId: string): Promise<Record<string, never>> {
    const key = this.state.appKey(appId);
    const hosts = this.state.hostsOf(appId);
    if (hosts.length > 0) this.log(`application ${appId} unregistered: stopping its executors on ${hosts.map((h) => h.workerId).join(", ")}`);
    await Promise.all(hosts.map(async (h) => {
      try {
        if (key === undefined) throw new EngineError("AUTH_FAILED", "the application's key is not known here (the master restarted)");
        await this.clients.get(h.workerId)?.unary<KillApplicationResult__Output>("KillApplication", { appId }, 20_000, { kind: "app", scope: appId, key });
      } catch (e) {
        this.log(`cannot stop the executors of ${appId} on worker ${h.workerId}: ${(e as Error).message} (they exit by themselves once their driver is gone)`);
      }
    }));
    this.state.unregisterApplication(appId, Date.now());
    void this.queue.pump();
    return {};
  }

  private expire(): void {
    void this.queue.pump(); // waiting applications whose wait ran out are told
    for (const w of this.state.expireWorkers(Date.now())) {
      this.dropClient(w.workerId);
      const lost = w.executors.length ? `; its executors are forgotten: ${w.executors.map((e) => `${e.executorId} of ${e.appId}`).join(", ")}` : "";
      this.log(`worker ${w.workerId} at ${hostPort(w.host, w.port)} sent no heartbeat for ${Math.round((this.o.workerTimeoutMs ?? 15_000) / 1000)} s: lost${lost}`);
    }
  }

  private dropClient(workerId: string): void {
    this.clients.get(workerId)?.close();
    this.clients.delete(workerId);
  }
}

/** The worker a call speaks for must be the one its key belongs to. */
function sameWorker(workerId: string, ctx: CallContext): string {
  if (workerId !== ctx.principal.workerId) throw new EngineError("AUTH_FAILED", `a call signed by worker '${ctx.principal.workerId}' cannot speak for worker '${workerId}'`);
  return workerId;
}

/** The application a call is about must be the one its key belongs to. */
function sameApp(appId: string, ctx: CallContext): string {
  if (appId !== ctx.principal.appId) throw new EngineError("AUTH_FAILED", `a call signed with the key of '${ctx.principal.appId}' cannot act on application '${appId}'`);
  return appId;
}
