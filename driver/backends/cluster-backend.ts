/**
 * ClusterBackend: the driver's side of distributed execution (local-cluster and standalone).
 * Serves the Driver service: each executor opens one long-lived stream, registers, and reports
 * task status in batches; tasks go out on the same stream, batched per executor once per turn of
 * the event loop. Broadcast values are served on request. An executor whose stream ends is lost.
 * Where executors come from is the launcher's business (local processes or a master's workers).
 *
 * Trust: every call must be signed with this application's key, and only the executors launched
 * for it may register, each once, under the id its key speaks for; a task's status is taken only
 * from the executor the task was sent to. On a standalone cluster, an application that runs no
 * task for `idleReleaseMs` gives its executors back (saying so on stderr) and asks for new ones at
 * its next job, so an idle REPL does not hold a cluster's cores for ever.
 */
import type { ExecutorMessage__Output } from "../../proto/generated/spate/ExecutorMessage.js";
import type { TaskDescription as TaskDescriptionMsg } from "../../proto/generated/spate/TaskDescription.js";
import { EngineError } from "../../core/engine-error.js";
import { type BidiStream, MAX_MESSAGE_BYTES, RpcServer } from "../../core/rpc/rpc-server.js";
import { reasonFromProto, taskToProto } from "../../core/rpc/task-wire.js";
import type { BlockStats } from "../../core/task/block-stats.js";
import type { TaskDescription } from "../../core/task/task-description.js";
import type { Principal } from "../../core/rpc/call-auth.js";
import type { ExecutorExitedParams__Output } from "../../proto/generated/spate/ExecutorExitedParams.js";
import { formatDuration } from "../../core/units.js";
import { ExecutorDeaths } from "./executor-deaths.js";
import type { ExecutorLauncher } from "./executor-launcher.js";
import type { BackendListener, DriverServices, ExecutorInfo, SchedulerBackend } from "./scheduler-backend.js";

export const HEARTBEAT_INTERVAL_MS = 2000;

interface RemoteExecutor {
  id: string;
  address: string;
  slots: number;
  stream: BidiStream<ExecutorMessage__Output, unknown>;
  outbox: TaskDescriptionMsg[];
  lastSeen: number;
  /** what its block store held at its last heartbeat */
  blocks?: BlockStats;
}

export interface ClusterBackendOptions {
  /** how long to wait for the launched executors to register */
  registrationTimeoutMs: number;
  /** an executor silent this long (no heartbeat, no status) is lost, even if its connection looks open */
  executorTimeoutMs: number;
  /** with a releasable launcher: give executors back after this long without a task (0: never) */
  idleReleaseMs?: number;
}

export class ClusterBackend implements SchedulerBackend {
  private readonly server: RpcServer;
  private readonly live = new Map<string, RemoteExecutor>();
  private listener: BackendListener | undefined;
  private services: DriverServices | undefined;
  private appId = "";
  private appKey: string | undefined;
  private driverUrl = "";
  /** executors launched for the application and not yet registered: only these may */
  private readonly admissible = new Set<string>();
  /** task id -> the executor it was sent to: the only one whose status for it counts */
  private readonly sentTo = new Map<number, string>();
  private lastActivity = Date.now();
  private released = false;
  private reacquiring: Promise<void> | undefined;
  private flushQueued = false;
  private stopped = false;
  private registered: (() => void) | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly deaths: ExecutorDeaths;

  constructor(private readonly launcher: ExecutorLauncher, private readonly options: ClusterBackendOptions) {
    this.deaths = new ExecutorDeaths(launcher);
    this.server = new RpcServer({ policy: (method, who) => this.keyFor(method, who), maxMessageBytes: MAX_MESSAGE_BYTES, maxConcurrentStreams: 256 });
    this.server.addService("Driver", {
      Connect: (stream: BidiStream<ExecutorMessage__Output, unknown>) => this.onConnect(stream),
      FetchBroadcast: async (req: { broadcastId: number }) => ({ value: await this.services!.broadcastBytes(req.broadcastId) }),
      ExecutorExited: (req: ExecutorExitedParams__Output) => {
        if (req.appId === this.appId) this.deaths.report(req.executorId, req.cause, req.outOfMemory);
        return {};
      },
    });
  }

  /** Every call needs this application's key; Connect only from an executor launched for it and not yet registered. */
  private keyFor(method: string, who: Principal): string | undefined {
    if (who.kind !== "app" || who.appId !== this.appId || this.appId === "") return undefined;
    if (method.endsWith("/Connect") && !this.admissible.has(who.executorId)) return undefined;
    return this.appKey;
  }

  get totalSlots(): number {
    let n = 0;
    for (const e of this.live.values()) n += e.slots;
    return Math.max(n, 1);
  }

  async start(listener: BackendListener, services: DriverServices): Promise<void> {
    this.listener = listener;
    this.services = services;
    const host = await this.launcher.driverHost();
    const port = await this.server.listen(host, 0);
    const url = `${host.includes(":") ? `[${host}]` : host}:${port}`;
    this.driverUrl = url;
    this.watchdog = setInterval(() => this.tick(), Math.min(1000, this.options.executorTimeoutMs / 2));
    this.watchdog.unref();
    try {
      await this.acquire(() => services.whileStarting?.());
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  /** Launches the application's executors and waits for them to register. */
  private async acquire(whileStarting?: () => void): Promise<void> {
    const app = await this.launcher.launch(this.driverUrl);
    this.appId = app.appId;
    this.appKey = app.appKey;
    this.admissible.clear();
    for (const id of app.executorIds) this.admissible.add(id);
    this.released = false;
    this.lastActivity = Date.now();
    whileStarting?.();
    await this.waitForExecutors(app.executorIds.length);
  }

  /** A job wants executors: after an idle release, ask the cluster for them again. */
  wake(): void {
    this.lastActivity = Date.now();
    if (!this.released || this.stopped || this.reacquiring) return;
    process.stderr.write("spate: asking the cluster for executors again\n");
    this.reacquiring = this.acquire()
      .catch((e: unknown) => void process.stderr.write(`spate: could not get executors again: ${(e as Error).message}\n`))
      .finally(() => (this.reacquiring = undefined));
  }

  private tick(): void {
    this.checkHeartbeats();
    const idle = this.options.idleReleaseMs ?? 0;
    if (idle > 0 && this.launcher.releasable && !this.released && !this.stopped && this.live.size > 0 && this.sentTo.size === 0 && Date.now() - this.lastActivity > idle) {
      void this.releaseIdle(idle);
    }
  }

  /** Gives the executors back to the cluster; the next job asks for new ones. */
  private async releaseIdle(idle: number): Promise<void> {
    this.released = true;
    const executors = [...this.live.values()];
    process.stderr.write(`spate: no task ran for ${formatDuration(idle)}: giving the cluster's cores back (${executors.length} executors; idleReleaseMs sets when); the next job asks for them again\n`);
    this.live.clear();
    this.admissible.clear();
    for (const e of executors) {
      e.stream.end();
      this.listener?.executorLost(e.id, `executor ${e.id} was released after ${formatDuration(idle)} without a task`);
    }
    await this.launcher.release();
  }

  private waitForExecutors(expected: number): Promise<void> {
    if (this.live.size >= expected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.registered = undefined;
        if (this.live.size > 0) return resolve(); // go on with the executors that came
        const why = this.launcher.diagnostics();
        reject(new EngineError("UNREACHABLE", `no executor registered within ${Math.round(this.options.registrationTimeoutMs / 1000)} s (expected ${expected}).${why ? `\n${why}` : " Check that the workers can reach this driver (SPATE_DRIVER_HOST sets the address it listens on)."}`));
      }, this.options.registrationTimeoutMs);
      timer.unref();
      this.registered = () => {
        if (this.live.size < expected && !this.stopped) return; // stopping: nobody waits for the rest
        clearTimeout(timer);
        this.registered = undefined;
        resolve();
      };
    });
  }

  /** Executors silent past the timeout are lost (a cut link leaves their connection looking open). */
  private checkHeartbeats(): void {
    const now = Date.now();
    for (const e of [...this.live.values()]) {
      if (now - e.lastSeen <= this.options.executorTimeoutMs) continue;
      this.live.delete(e.id);
      e.stream.fail(new EngineError("UNREACHABLE", `no heartbeat for ${Math.round((now - e.lastSeen) / 1000)} s`));
      this.listener?.executorLost(e.id, `executor ${e.id} at ${e.address} sent nothing for ${Math.round((now - e.lastSeen) / 1000)} s (timeout ${Math.round(this.options.executorTimeoutMs / 1000)} s)`);
    }
  }

  private onConnect(stream: BidiStream<ExecutorMessage__Output, unknown>): void {
    let executor: RemoteExecutor | undefined;
    stream.onMessage((msg) => {
      if (msg.body === "register") {
        const r = msg.register!;
        const refusal = this.stopped ? "the application is stopping"
          : executor !== undefined ? "this stream registered already"
          : r.executorId !== stream.principal.executorId ? `the id '${r.executorId}' is not the one its key speaks for ('${stream.principal.executorId}')`
          : !this.admissible.has(r.executorId) ? `'${r.executorId}' was not launched for this application, or registered already`
          : r.cores < 1 || r.cores > 16_384 ? `${r.cores} cores` : undefined;
        if (refusal !== undefined) {
          stream.fail(new EngineError("INVALID_ARGUMENT", `executor registration refused: ${refusal}`));
          return;
        }
        this.admissible.delete(r.executorId);
        executor = { id: r.executorId, address: `${r.host.includes(":") ? `[${r.host}]` : r.host}:${r.port}`, slots: r.cores, stream, outbox: [], lastSeen: Date.now() };
        this.live.set(executor.id, executor);
        stream.send({ registered: { appId: this.appId, heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS } });
        this.listener?.executorAdded(executor.id, executor.slots);
        this.registered?.();
        return;
      }
      if (!executor) {
        stream.fail(new EngineError("INVALID_ARGUMENT", "an executor must register first"));
        return;
      }
      executor.lastSeen = Date.now();
      if (msg.body === "heartbeat" && msg.heartbeat!.blocks) {
        const b = msg.heartbeat!.blocks;
        executor.blocks = { shuffles: b.shuffles, shuffleBlocks: b.shuffleBlocks, spilledFiles: b.spilledFiles, cachedPartitions: b.cachedPartitions, memoryBytes: b.memoryBytes };
      }
      if (msg.body === "status") {
        for (const s of msg.status!.tasks) {
          if (this.sentTo.get(s.taskId) !== executor.id) continue; // not a task of this executor's: ignored
          this.sentTo.delete(s.taskId);
          this.lastActivity = Date.now();
          this.listener?.taskEnded(s.taskId, reasonFromProto(s.reason ?? {}), s.runMs);
        }
      }
    });
    stream.onClose((error) => {
      if (!executor || this.live.get(executor.id) !== executor) return;
      this.live.delete(executor.id);
      for (const [taskId, on] of this.sentTo) if (on === executor.id) this.sentTo.delete(taskId);
      if (this.stopped) return;
      const lost = executor;
      void this.deaths.of(lost.id).then((death) => {
        if (this.stopped) return;
        const how = death === undefined ? `disconnected${error ? `: ${error.message}` : ""}` : death.cause;
        this.listener?.executorLost(lost.id, `executor ${lost.id} at ${lost.address} ${how}`, death);
      });
    });
  }

  executors(): ExecutorInfo[] {
    return [...this.live.values()].map((e) => ({ executorId: e.id, slots: e.slots }));
  }

  blockStats(): Map<string, BlockStats> {
    const out = new Map<string, BlockStats>();
    for (const e of this.live.values()) if (e.blocks) out.set(e.id, e.blocks);
    return out;
  }

  addressOf(executorId: string): string {
    return this.live.get(executorId)?.address ?? "";
  }

  launch(executorId: string, task: TaskDescription): void {
    const executor = this.live.get(executorId);
    if (!executor) {
      queueMicrotask(() => this.listener?.taskEnded(task.taskId, { kind: "executorLost", executorId, message: `executor ${executorId} is gone` }, 0));
      return;
    }
    this.sentTo.set(task.taskId, executorId);
    this.lastActivity = Date.now();
    executor.outbox.push(taskToProto(task));
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      for (const e of this.live.values()) {
        if (e.outbox.length === 0) continue;
        e.stream.send({ launch: { tasks: e.outbox } });
        e.outbox = [];
      }
    });
  }

  kill(executorId: string, taskId: number): void {
    this.live.get(executorId)?.stream.send({ kill: { taskId } });
  }

  private toAll(msg: unknown): void {
    for (const e of this.live.values()) e.stream.send(msg);
  }

  removeShuffle(shuffleId: number): void {
    this.toAll({ removeShuffle: { shuffleId } });
  }

  removeRdd(rddId: number): void {
    this.toAll({ removeRdd: { rddId } });
  }

  dropBroadcast(id: number): void {
    this.toAll({ dropBroadcast: { broadcastId: id } });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.registered?.();
    await this.reacquiring;
    if (this.watchdog) clearInterval(this.watchdog);
    this.toAll({ shutdown: { reason: "the application stopped" } });
    for (const e of this.live.values()) e.stream.end();
    await this.launcher.stop();
    await this.server.close();
  }
}
