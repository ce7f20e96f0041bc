/**
 * The local[N] backend: one in-process executor with N slot threads. Tasks still go through the
 * cluster's encoding (task descriptions and end reasons as bytes, rows as Arrow blocks), so a
 * function or value that cannot cross fails on a laptop as it would on a cluster. The executor
 * comes from the factory registered in core/local-executor.ts (api/index.ts registers
 * executor/executor.ts's Executor), so the driver never imports executor/.
 */
import type { TaskDescription } from "../../core/task/task-description.js";
import { reasonOf, type TaskEndReason } from "../../core/task/task-end-reason.js";
import { decodeValue } from "../../core/wire/value-codec.js";
import { createLocalExecutor, type LocalExecutor } from "../../core/local-executor.js";
import type { BackendListener, DriverServices, ExecutorInfo, SchedulerBackend } from "./scheduler-backend.js";

export const LOCAL_EXECUTOR_ID = "driver";

/** A slot's encoded end reason, checked; bytes that do not decode become a retriable failure. */
function decodeReason(bytes: Uint8Array): TaskEndReason {
  try {
    return reasonOf(decodeValue(bytes));
  } catch (e) {
    const message = (e as Error).message;
    return { kind: "exception", code: "CORRUPT_DATA", message, cause: { name: "EngineError", message }, retriable: true };
  }
}

export class LocalBackend implements SchedulerBackend {
  private executor: LocalExecutor | undefined;

  constructor(readonly totalSlots: number) {}

  async start(listener: BackendListener, services: DriverServices): Promise<void> {
    this.executor = createLocalExecutor({
      executorId: LOCAL_EXECUTOR_ID,
      slots: this.totalSlots,
      fetchBroadcast: (id) => services.broadcastBytes(id),
      onTaskEnded: (taskId, reason, runMs) => listener.taskEnded(taskId, decodeReason(reason), runMs),
    });
    await this.executor.ready();
    listener.executorAdded(LOCAL_EXECUTOR_ID, this.totalSlots);
  }

  executors(): ExecutorInfo[] {
    return this.executor ? [{ executorId: LOCAL_EXECUTOR_ID, slots: this.totalSlots }] : [];
  }

  addressOf(): string {
    return "";
  }

  launch(_executorId: string, task: TaskDescription): void {
    this.executor!.launch(task);
  }

  kill(_executorId: string, taskId: number): void {
    this.executor?.kill(taskId);
  }

  removeShuffle(shuffleId: number): void {
    this.executor?.removeShuffle(shuffleId);
  }

  removeRdd(rddId: number): void {
    this.executor?.removeRdd(rddId);
  }

  dropBroadcast(id: number): void {
    this.executor?.dropBroadcast(id);
  }

  async stop(): Promise<void> {
    await this.executor?.stop();
  }
}
