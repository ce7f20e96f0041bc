/**
 * WorkerDaemon: one node's share of a standalone cluster (`spate worker spate://host:port`).
 * Serves the Worker service on an ephemeral port (LaunchExecutor, KillApplication) for the
 * master, keeps registered with the master (MasterLink: backoff, heartbeats, re-registration)
 * and runs the executor processes of the applications the master places here (ExecutorRunner).
 * Only the master that registered this worker can launch executors (LaunchExecutor is signed
 * with this worker's key); only whoever holds an application's key can kill its executors. Each
 * executor gets its application's key, opened here from what the master sealed to this worker,
 * never the cluster's secret. On SIGTERM the worker tells the master it stops.
 *
 * Called by api/cli/commands/worker.ts (which stops it on SIGINT/SIGTERM and exits non-zero
 * when `wait()` rejects) and by tests, in-process. Hands on: executor processes, which connect
 * to their driver themselves.
 */
import { availableParallelism, homedir, hostname } from "node:os";
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { KillApplicationParams__Output } from "../../proto/generated/spate/KillApplicationParams.js";
import type { KillApplicationResult } from "../../proto/generated/spate/KillApplicationResult.js";
import type { LaunchExecutorParams__Output } from "../../proto/generated/spate/LaunchExecutorParams.js";
import { EngineError } from "../../core/engine-error.js";
import type { Principal } from "../../core/rpc/call-auth.js";
import { SealKeyPair } from "../../core/rpc/seal.js";
import type { CallContext } from "../../core/rpc/rpc-server.js";
import { entryPoint } from "../../core/package-layout.js";
import type { ExecutorDeath } from "../../core/executor-exit.js";
import { RpcClient } from "../../core/rpc/rpc-client.js";
import { RpcServer } from "../../core/rpc/rpc-server.js";
import { defaultWorkerMemory } from "./byte-size.js";
import { ExecutorRunner, type LaunchRequest, type RunningExecutor } from "./executor-runner.js";
import { MasterLink } from "./master-link.js";

export interface WorkerDaemonOptions {
  master: { host: string; port: number };
  secret: string;
  /** where the secret came from, named when the master refuses it */
  secretFile?: string;
  /** the name the master and drivers reach this worker and its executors by (default os.hostname()) */
  host?: string;
  /** the address the Worker service listens on (default: `host`, which defaults to the host's name; 0.0.0.0 only when asked) */
  bindHost?: string;
  /** default os.availableParallelism() */
  cores?: number;
  /** default: total memory minus 1 GiB, at least 512 MiB */
  memoryBytes?: number;
  /** default ~/.spate/work; executors run in <workDir>/<appId>/<executorId> */
  workDir?: string;
  /** what starts an executor (default: this node's `node dist/executor/executor-main.js`) */
  executorCommand?: string[];
  /** SIGTERM to SIGKILL (default 3 s) */
  killGraceMs?: number;
  /** registration retries: default 500 ms doubling to 10 s */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  workerId?: string;
  log?: (line: string) => void;
}

function stamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export class WorkerDaemon {
  readonly host: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly workDir: string;
  private readonly log: (line: string) => void;
  private readonly server: RpcServer;
  private readonly runner: ExecutorRunner;
  private link: MasterLink | undefined;
  private id: string | undefined;
  private boundPort = 0;
  private stopping: Promise<void> | undefined;
  private settle!: { resolve: () => void; reject: (e: EngineError) => void };
  private readonly done: Promise<void>;
  /** this worker process's key pair: the master seals this worker's key and applications' keys to it */
  private readonly keys = new SealKeyPair();
  /** the keys of the applications whose executors run (or ran) here */
  private readonly appKeys = new Map<string, string>();

  constructor(private readonly o: WorkerDaemonOptions) {
    this.host = o.host ?? hostname();
    this.cores = o.cores ?? availableParallelism();
    this.memoryBytes = o.memoryBytes ?? defaultWorkerMemory();
    this.workDir = path.resolve(o.workDir ?? path.join(homedir(), ".spate", "work"));
    this.log = o.log ?? ((line) => process.stderr.write(`${new Date().toISOString()} spate worker: ${line}\n`));
    this.done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.done.catch(() => undefined); // observed through wait()
    this.runner = new ExecutorRunner({
      command: o.executorCommand ?? [process.execPath, entryPoint("executor-main")],
      workDir: this.workDir, host: this.host, cores: this.cores, memoryBytes: this.memoryBytes,
      killGraceMs: o.killGraceMs ?? 3000, log: this.log,
      onExit: (req, death) => void this.tellDriver(req, death),
    });
    this.server = new RpcServer({ policy: (method, who) => this.keyFor(method, who) });
    this.server.addService("Worker", {
      LaunchExecutor: (req: LaunchExecutorParams__Output) => this.launch(req),
      KillApplication: async (req: KillApplicationParams__Output, ctx: CallContext): Promise<KillApplicationResult> => {
        if (req.appId !== ctx.principal.appId) throw new EngineError("AUTH_FAILED", `the key of '${ctx.principal.appId}' cannot kill application '${req.appId}'`);
        const killed = await this.runner.killApplication(req.appId);
        this.appKeys.delete(req.appId);
        return { killed };
      },
    });
  }

  /** LaunchExecutor only from the master this worker registered with; KillApplication only with the application's key. */
  private keyFor(method: string, who: Principal): string | undefined {
    const name = method.slice(method.lastIndexOf("/") + 1);
    if (name === "LaunchExecutor") return who.kind === "worker" && who.workerId === this.id ? this.link?.workerKey : undefined;
    if (name === "KillApplication") return who.kind === "app" && who.executorId === "" ? this.appKeys.get(who.appId) : undefined;
    return undefined;
  }

  private async launch(req: LaunchExecutorParams__Output): Promise<Record<string, never>> {
    const appKey = this.keys.open(req.sealedAppKey);
    const known = this.appKeys.get(req.appId);
    if (known !== undefined && known !== appKey) throw new EngineError("INVALID_ARGUMENT", `LaunchExecutor: application ${req.appId} already runs here with another key`);
    await this.runner.launch({ appId: req.appId, executorId: req.executorId, driverUrl: req.driverUrl, cores: req.cores, memoryBytes: req.memoryBytes, appKey });
    this.appKeys.set(req.appId, appKey);
    return {};
  }

  /** Serves the Worker service and starts registering with the master (it need not be up yet). */
  async start(): Promise<void> {
    mkdirSync(this.workDir, { recursive: true, mode: 0o700 });
    this.boundPort = await this.server.listen(this.o.bindHost ?? this.o.host ?? hostname(), 0);
    this.id = this.o.workerId ?? `worker-${stamp(new Date())}-${this.host}-${this.boundPort}`;
    this.log(`${this.id} serving on ${this.host}:${this.boundPort}: ${this.cores} cores, ${Math.round(this.memoryBytes / 2 ** 20)} MiB, work dir ${this.workDir}`);
    this.link = new MasterLink({
      masterHost: this.o.master.host, masterPort: this.o.master.port, secret: this.o.secret,
      ...(this.o.secretFile !== undefined ? { secretSource: this.o.secretFile } : {}),
      registration: { workerId: this.id, host: this.host, port: this.boundPort, cores: this.cores, memoryBytes: this.memoryBytes },
      keys: this.keys,
      executors: () => this.runner.holding(), // an executor being killed still holds its cores
      backoffInitialMs: this.o.backoffInitialMs ?? 500,
      backoffMaxMs: this.o.backoffMaxMs ?? 10_000,
      log: this.log,
      onFatal: (e) => {
        this.log(e.message);
        void this.shutdown().then(() => this.settle.reject(e));
      },
    });
    this.link.start();
  }

  /** Tells an executor's driver why it ended (best effort: the driver may be gone too). */
  private async tellDriver(req: LaunchRequest, death: ExecutorDeath): Promise<void> {
    const driver = new RpcClient(req.driverUrl, "Driver", { credential: { kind: "app", scope: req.appId, key: req.appKey }, peerName: `the driver at ${req.driverUrl}` });
    try {
      await driver.unary("ExecutorExited", { appId: req.appId, executorId: req.executorId, cause: death.cause, outOfMemory: death.outOfMemory }, 3000);
    } catch (e) {
      this.log(`could not tell the driver at ${req.driverUrl} that executor ${req.executorId} ${death.cause}: ${(e as Error).message}`);
    } finally {
      driver.close();
    }
  }

  get workerId(): string {
    if (!this.id) throw new Error("the worker is not started");
    return this.id;
  }

  get port(): number {
    return this.boundPort;
  }

  /** Registered with the master and heartbeating now. */
  get registered(): boolean {
    return this.link?.registered ?? false;
  }

  /** How many times it has registered with a master (re-registrations count). */
  get registrationCount(): number {
    return this.link?.registrationCount ?? 0;
  }

  /** The executors running here, as heartbeats list them. */
  executors(): RunningExecutor[] {
    return this.runner.running();
  }

  /** Resolves once stopped; rejects (AUTH_FAILED) when the master refused this worker's secret. */
  wait(): Promise<void> {
    return this.done;
  }

  /**
   * Kills the executors, stops serving and talking to the master. It tells the master it stops
   * (so its cores are no longer offered) unless `tellMaster` is false (as a node that crashes).
   */
  async stop(tellMaster = true): Promise<void> {
    await this.shutdown(tellMaster);
    this.settle.resolve();
  }

  /** SIGKILLs the executors at once (a process 'exit' hook's last resort). */
  killExecutorsNow(): void {
    this.runner.killAllNow();
  }

  private shutdown(tellMaster = true): Promise<void> {
    this.stopping ??= (async () => {
      if (tellMaster) await this.link?.unregister();
      const link = this.link?.stop();
      const killed = await this.runner.stopAll();
      if (killed > 0) this.log(`stopped ${killed} executors`);
      await Promise.all([link, this.server.close(500)]);
    })();
    return this.stopping;
  }
}
