/**
 * DriverLink: an executor's side of its one long-lived stream to the driver (proto:
 * Driver.Connect). It registers, batches task status updates (flushed once per turn of the event
 * loop), sends heartbeats, and hands the driver's messages (task launches, kills, clean-ups,
 * shutdown) to the executor. When the stream ends or fails, the driver is gone: `onLost` fires
 * and the executor process exits.
 */
import type { DriverMessage__Output } from "../proto/generated/spate/DriverMessage.js";
import type { TaskStatus } from "../proto/generated/spate/TaskStatus.js";
import type { EngineError } from "../core/engine-error.js";
import type { BlockStats } from "../core/task/block-stats.js";
import type { Credential } from "../core/rpc/call-auth.js";
import { type ClientBidi, RpcClient } from "../core/rpc/rpc-client.js";
import { reasonToProto } from "../core/rpc/task-wire.js";
import type { TaskEndReason } from "../core/task/task-end-reason.js";

export interface DriverLinkOptions {
  driverUrl: string;
  /** the application's key, scoped to this executor */
  credential: Credential;
  executorId: string;
  host: string;
  port: number;
  cores: number;
  onMessage(msg: DriverMessage__Output): void;
  onLost(error: EngineError | null): void;
  /** what its block store holds, for heartbeats */
  blockStats(): BlockStats;
}

export class DriverLink {
  readonly client: RpcClient;
  private stream: ClientBidi<unknown, DriverMessage__Output> | undefined;
  private pending: TaskStatus[] = [];
  private flushQueued = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private lost = false;

  constructor(private readonly options: DriverLinkOptions) {
    this.client = new RpcClient(options.driverUrl, "Driver", { credential: options.credential, peerName: `the driver at ${options.driverUrl}` });
  }

  /**
   * Opens the stream and registers; resolves when the driver acknowledges. A driver learns which
   * executors were launched for it only when its master answers, which may be after an executor
   * is up: a refused proof is tried again (with backoff) until `timeoutMs`.
   */
  async connect(timeoutMs: number): Promise<{ appId: string; heartbeatIntervalMs: number }> {
    const deadline = Date.now() + timeoutMs;
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      try {
        return await this.connectOnce(Math.max(1, deadline - Date.now()));
      } catch (e) {
        if ((e as EngineError).code !== "AUTH_FAILED" || Date.now() + wait >= deadline) throw e;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  private async connectOnce(timeoutMs: number): Promise<{ appId: string; heartbeatIntervalMs: number }> {
    const stream = await this.client.bidi<unknown, DriverMessage__Output>("Connect", timeoutMs);
    this.stream = stream;
    return new Promise((resolve, reject) => {
      let registered = false;
      const timer = setTimeout(() => {
        if (!registered) {
          reject(new Error(`the driver at ${this.options.driverUrl} did not answer within ${timeoutMs} ms`));
          stream.cancel();
        }
      }, timeoutMs);
      stream.onMessage((msg) => {
        if (!registered && msg.body === "registered") {
          registered = true;
          clearTimeout(timer);
          const interval = msg.registered!.heartbeatIntervalMs || 2000;
          this.heartbeat = setInterval(() => {
            const blocks = this.options.blockStats();
            this.send({ heartbeat: { sentAtMs: Date.now(), memoryUsedBytes: blocks.memoryBytes, blocks } });
          }, interval);
          resolve({ appId: msg.registered!.appId, heartbeatIntervalMs: interval });
          return;
        }
        this.options.onMessage(msg);
      });
      stream.onClose((error) => {
        clearTimeout(timer);
        if (!registered) {
          reject(error ?? new Error("the driver closed the stream"));
          return;
        }
        this.markLost(error);
      });
      const o = this.options;
      stream.send({ register: { executorId: o.executorId, host: o.host, port: o.port, cores: o.cores } });
    });
  }

  private send(msg: unknown): void {
    if (!this.lost) this.stream?.send(msg);
  }

  /** Queues a task's status; queued statuses go to the driver together. */
  taskEnded(taskId: number, reason: TaskEndReason, runMs: number): void {
    this.pending.push({ taskId, runMs, reason: reasonToProto(reason) });
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      const tasks = this.pending;
      this.pending = [];
      if (tasks.length > 0) this.send({ status: { tasks } });
    });
  }

  private markLost(error: EngineError | null): void {
    if (this.lost) return;
    this.lost = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.options.onLost(error);
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.lost = true;
    this.stream?.end();
    this.client.close();
  }
}
