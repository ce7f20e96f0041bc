/**
 * The local[N] backend: one in-process executor with N slot threads. Tasks and their end
 * reasons still go through the cluster's wire form (the same protobuf messages a driver and an
 * executor exchange over gRPC, encoded and decoded; rows as Arrow blocks), so a function, a
 * value or a task that cannot cross fails on a laptop as it would on a cluster. The executor
 * comes from the factory registered in core/local-executor.ts (api/index.ts registers
 * executor/executor.ts's Executor), so the driver never imports executor/.
 */
import { serviceMethods } from "../../core/rpc/proto-schema.js";
import { malformedTask, reasonFromProto, reasonToProto, taskFromProto, taskToProto } from "../../core/rpc/task-wire.js";
import type { BlockStats } from "../../core/task/block-stats.js";
import type { TaskDescription } from "../../core/task/task-description.js";
import type { TaskEndReason } from "../../core/task/task-end-reason.js";
import { createLocalExecutor, type LocalExecutor } from "../../core/local-executor.js";
import type { DriverMessage__Output } from "../../proto/generated/spate/DriverMessage.js";
import type { ExecutorMessage__Output } from "../../proto/generated/spate/ExecutorMessage.js";
import type { TaskDescription as TaskDescriptionMsg } from "../../proto/generated/spate/TaskDescription.js";
import type { BackendListener, DriverServices, ExecutorInfo, SchedulerBackend } from "./scheduler-backend.js";

export const LOCAL_EXECUTOR_ID = "driver";

/** The driver's stream to an executor carries DriverMessages one way and ExecutorMessages the other. */
const CONNECT = serviceMethods("Driver").get("Connect")!;

export class LocalBackend implements SchedulerBackend {
  private executor: LocalExecutor | undefined;
  private listener: BackendListener | undefined;
  private outbox: TaskDescriptionMsg[] = [];

  constructor(readonly totalSlots: number) {}

  async start(listener: BackendListener, services: DriverServices): Promise<void> {
    this.listener = listener;
    this.executor = createLocalExecutor({
      executorId: LOCAL_EXECUTOR_ID,
      slots: this.totalSlots,
      fetchBroadcast: (id) => services.broadcastBytes(id),
      onTaskEnded: (taskId, reason, runMs) => this.ended(taskId, reason, runMs),
    });
    await this.executor.ready();
    listener.executorAdded(LOCAL_EXECUTOR_ID, this.totalSlots);
  }

  executors(): ExecutorInfo[] {
    return this.executor ? [{ executorId: LOCAL_EXECUTOR_ID, slots: this.totalSlots }] : [];
  }

  blockStats(): Map<string, BlockStats> {
    return new Map(this.executor ? [[LOCAL_EXECUTOR_ID, this.executor.blockStats()]] : []);
  }

  addressOf(): string {
    return "";
  }

  /** Tasks launched in one turn of the event loop cross together, as over a stream. */
  launch(_executorId: string, task: TaskDescription): void {
    this.outbox.push(taskToProto(task));
    if (this.outbox.length > 1) return;
    queueMicrotask(() => {
      const bytes = CONNECT.encodeResponse({ launch: { tasks: this.outbox } });
      this.outbox = [];
      const msg = CONNECT.decodeResponse(bytes) as DriverMessage__Output;
      for (const t of msg.launch?.tasks ?? []) {
        let decoded: TaskDescription;
        try {
          decoded = taskFromProto(t);
        } catch (e) {
          this.listener?.taskEnded(t.taskId, malformedTask(e), 0);
          continue;
        }
        this.executor?.launch(decoded);
      }
    });
  }

  private ended(taskId: number, reason: TaskEndReason, runMs: number): void {
    const bytes = CONNECT.encodeRequest({ status: { tasks: [{ taskId, runMs, reason: reasonToProto(reason) }] } });
    const msg = CONNECT.decodeRequest(bytes) as ExecutorMessage__Output;
    for (const s of msg.status?.tasks ?? []) this.listener?.taskEnded(s.taskId, reasonFromProto(s.reason ?? {}), s.runMs);
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
