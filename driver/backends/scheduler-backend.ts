/**
 * SchedulerBackend: what the driver needs from wherever tasks run — local slot threads,
 * local-cluster executor processes, or a standalone cluster's executors — behind one interface.
 * The task scheduler launches encoded tasks on executors; the backend reports how they ended
 * and which executors come and go.
 */
import type { TaskDescription } from "../../core/task/task-description.js";
import type { BlockStats } from "../../core/task/block-stats.js";
import type { ExecutorDeath } from "../../core/executor-exit.js";
import type { TaskEndReason } from "../../core/task/task-end-reason.js";

export interface BackendListener {
  /** a task ended (the reason was validated as it came off the wire); it ran `runMs` */
  taskEnded(taskId: number, reason: TaskEndReason, runMs: number): void;
  executorAdded(executorId: string, slots: number): void;
  /** an executor is gone; `death` says why its process ended, when that is known */
  executorLost(executorId: string, message: string, death?: ExecutorDeath): void;
}

/** What executors may ask of the driver. */
export interface DriverServices {
  /** a broadcast's encoded value; rejects when it was destroyed */
  broadcastBytes(id: number): Promise<Uint8Array>;
  /** work the driver may do while executors start (they boot in other threads or processes) */
  whileStarting?(): void;
}

export interface ExecutorInfo {
  executorId: string;
  slots: number;
}

export interface SchedulerBackend {
  /** total task slots once started (defaultParallelism) */
  readonly totalSlots: number;
  start(listener: BackendListener, services: DriverServices): Promise<void>;
  executors(): ExecutorInfo[];
  /** what each executor's block store held at its last report (a cluster's executors report with heartbeats, every 2 s) */
  blockStats(): Map<string, BlockStats>;
  /** host:port of an executor's block service, for peers fetching its shuffle blocks ("" when in-process) */
  addressOf(executorId: string): string;
  launch(executorId: string, task: TaskDescription): void;
  kill(executorId: string, taskId: number): void;
  removeShuffle(shuffleId: number): void;
  removeRdd(rddId: number): void;
  dropBroadcast(id: number): void;
  /** a job wants executors (a backend that gave them back asks again) */
  wake?(): void;
  stop(): Promise<void>;
}
