/**
 * TaskScheduler: the shell between the DAG scheduler's launch commands and the executors. Keeps
 * pending tasks in priority order (oldest job first) and sends each executor as many as it has
 * slots; when an executor's tasks turn out to be short (a moving average of their run times),
 * several per slot, so tiny tasks stream without a round trip each. Builds each task when it is
 * sent and forgets tasks as they end.
 */
import type { TaskLaunch } from "./dag-events.js";
import type { ExecutorInfo } from "../backends/scheduler-backend.js";

/** Tasks shorter than this (moving average) are sent SHORT_IN_FLIGHT per slot, longer ones one per slot. */
const SHORT_TASK_MS = 5;
const SHORT_IN_FLIGHT = 16;

export interface TaskSink {
  executors(): ExecutorInfo[];
  /** encodes and sends one task; returns false if it could not be built (the job already failed) */
  send(executorId: string, task: TaskLaunch): boolean;
  kill(executorId: string, taskId: number): void;
}

export class TaskScheduler {
  /** tasks waiting for room, in priority order from `head` on */
  private pending: TaskLaunch[] = [];
  private head = 0;
  private readonly running = new Map<number, string>(); // taskId -> executorId
  private readonly load = new Map<string, number>();
  /** moving average of task run times per executor, ms (starts long: no early over-commitment) */
  private readonly runMs = new Map<string, number>();

  constructor(private readonly sink: TaskSink) {}

  submit(tasks: readonly TaskLaunch[]): void {
    if (tasks.length === 0) return;
    const sorted = this.pendingCount === 0 || tasks[0]!.priority >= this.pending[this.pending.length - 1]!.priority;
    for (const t of tasks) this.pending.push(t);
    if (!sorted) {
      this.pending = this.pending.slice(this.head).sort((a, b) => a.priority - b.priority || a.stageId - b.stageId);
      this.head = 0;
    }
    this.dispatch();
  }

  dispatch(): void {
    if (this.pendingCount === 0) return;
    const executors = this.sink.executors();
    let next = this.head;
    for (const ex of executors) {
      const capacity = ex.slots * ((this.runMs.get(ex.executorId) ?? 100) < SHORT_TASK_MS ? SHORT_IN_FLIGHT : 1);
      let used = this.load.get(ex.executorId) ?? 0;
      while (used < capacity && next < this.pending.length) {
        const task = this.pending[next++]!;
        if (!this.sink.send(ex.executorId, task)) continue;
        this.running.set(task.taskId, ex.executorId);
        used++;
      }
      this.load.set(ex.executorId, used);
    }
    this.head = next;
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
  }

  /** A task ended (however): frees its place. Returns the executor it ran on. */
  ended(taskId: number, runMs = 0): string | undefined {
    const executorId = this.running.get(taskId);
    if (executorId === undefined) return undefined;
    this.running.delete(taskId);
    this.runMs.set(executorId, 0.8 * (this.runMs.get(executorId) ?? 100) + 0.2 * runMs);
    this.load.set(executorId, (this.load.get(executorId) ?? 1) - 1);
    return executorId;
  }

  kill(taskIds: readonly number[]): void {
    const ids = new Set(taskIds);
    this.pending = this.pending.slice(this.head).filter((t) => !ids.has(t.taskId));
    this.head = 0;
    for (const id of ids) {
      const executorId = this.running.get(id);
      if (executorId !== undefined) this.sink.kill(executorId, id);
    }
  }

  /** Tasks running on an executor that was lost. */
  runningOn(executorId: string): number[] {
    return [...this.running].filter(([, e]) => e === executorId).map(([id]) => id);
  }

  forgetExecutor(executorId: string): void {
    this.load.delete(executorId);
    this.runMs.delete(executorId);
  }

  get pendingCount(): number {
    return this.pending.length - this.head;
  }
}
