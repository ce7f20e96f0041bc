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
import { EngineError } from "../../core/engine-error.js";
import { RpcClient } from "../../core/rpc/rpc-client.js";
import { RpcServer } from "../../core/rpc/rpc-server.js";
import { formatBytes, MasterState, type Placement, type WorkerView } from "./master-state.js";

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
    this.server = new RpcServer({ secret: o.secret });
    this.server.addService("Master", {
      RegisterWorker: (req: RegisterWorkerParams__Output) => this.registerWorker(req),
      WorkerHeartbeat: (req: WorkerHeartbeatParams__Output) => this.heartbeat(req),
      RegisterApplication: (req: RegisterApplicationParams__Output) => this.registerApplication(req),
      UnregisterApplication: (req: UnregisterApplicationParams__Output) => this.unregisterApplication(req.appId),
      ClusterState: () => this.clusterState(),
    });
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
    await this.server.close(500);
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  /** Workers (alive or lately lost) and running applications, as ClusterState answers. */
  clusterState(): ClusterStateResult & { workers: WorkerView[]; appIds: string[] } {
    return { workers: this.state.workerList(), appIds: this.state.appIds() };
  }

  private registerWorker(req: RegisterWorkerParams__Output): RegisterWorkerResult {
    if (!req.workerId || !req.host || req.port < 1 || req.cores < 1) {
      throw new EngineError("INVALID_ARGUMENT", `RegisterWorker: a worker needs an id, a host, a port and at least one core (got id '${req.workerId}', ${req.host}:${req.port}, ${req.cores} cores)`);
    }
    const known = this.state.worker(req.workerId);
    const replaced = this.state.registerWorker(req, Date.now());
    for (const id of replaced) {
      this.dropClient(id);
      this.log(`worker ${id} is replaced by ${req.workerId} at the same address`);
    }
    const address = hostPort(req.host, req.port);
    const client = this.clients.get(req.workerId);
    if (!client || client.address !== address) {
      client?.close();
      this.clients.set(req.workerId, new RpcClient(address, "Worker", { secret: this.o.secret, peerName: `worker ${req.workerId} at ${address}` }));
    }
    this.log(`worker ${req.workerId} ${known ? "registered again" : "registered"} at ${address}: ${req.cores} cores, ${formatBytes(req.memoryBytes)}`);
    return { heartbeatIntervalMs: this.heartbeatIntervalMs };
  }

  private heartbeat(req: WorkerHeartbeatParams__Output): WorkerHeartbeatResult {
    const res = this.state.heartbeat(req.workerId, req.executors, Date.now());
    if (res.reregister) this.log(`heartbeat from unknown or lost worker ${req.workerId}: asking it to register again`);
    for (const e of res.freed) this.log(`executor ${e.executorId} of ${e.appId} is no longer running on worker ${req.workerId}: ${e.cores} cores freed`);
    for (const e of res.adopted) this.log(`executor ${e.executorId} of ${e.appId} (${e.cores} cores) is running on worker ${req.workerId}: counted`);
    return { reregister: res.reregister };
  }

  private async registerApplication(req: RegisterApplicationParams__Output): Promise<RegisterApplicationResult> {
    const { appId, placements } = this.state.registerApplication(req, Date.now());
    this.log(`application ${appId} ('${req.appName}', driver ${req.driverUrl}): starting ${placements.length} executors`);
    const failures: string[] = [];
    const launched = await Promise.all(placements.map(async (p) => {
      try {
        await this.launch(p, req.driverUrl);
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
      throw new EngineError("UNREACHABLE", `no worker could start an executor for '${req.appName}': ${failures.join("; ")}`);
    }
    return { appId, executors: ok.map((p) => ({ appId, executorId: p.executorId, cores: p.cores })) };
  }

  private launch(p: Placement, driverUrl: string): Promise<unknown> {
    const client = this.clients.get(p.workerId);
    if (!client) return Promise.reject(new EngineError("UNREACHABLE", `no connection to worker ${p.workerId}`));
    return client.unary("LaunchExecutor", { appId: p.appId, executorId: p.executorId, driverUrl, cores: p.cores, memoryBytes: p.memoryBytes }, this.launchTimeoutMs);
  }

  private async unregisterApplication(appId: string): Promise<Record<string, never>> {
    const hosts = this.state.unregisterApplication(appId, Date.now());
    if (hosts.length > 0) this.log(`application ${appId} unregistered: stopping its executors on ${hosts.map((h) => h.workerId).join(", ")}`);
    await Promise.all(hosts.map(async (h) => {
      try {
        await this.clients.get(h.workerId)?.unary<KillApplicationResult__Output>("KillApplication", { appId }, 20_000);
      } catch (e) {
        this.log(`cannot stop the executors of ${appId} on worker ${h.workerId}: ${(e as Error).message} (they exit by themselves once their driver is gone)`);
      }
    }));
    return {};
  }

  private expire(): void {
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
