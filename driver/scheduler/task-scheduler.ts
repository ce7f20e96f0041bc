/**
 * TaskScheduler: the shell between the DAG scheduler's launch commands and the executors. Keeps
 * pending tasks in priority order (oldest job first) and sends each executor as many as it has
 * slots; when an executor's tasks turn out to be short (a moving average of their run times),
 * several per slot, so tiny tasks stream without a round trip each. Builds each task when it is
 * sent and forgets tasks as they end. A partition whose task failed on an executor is tried on
 * another one next, while there is another (as Spark excludes a failed task's executor): a full
 * disk or a broken node then costs one attempt, not all of them.
 */
import { RunTimes, TASKS_IN_FLIGHT_PER_SLOT } from "../../core/task/batching.js";
import type { TaskLaunch } from "./dag-events.js";
import type { ExecutorInfo } from "../backends/scheduler-backend.js";


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
  private readonly running = new Map<number, { executorId: string; key: string }>();
  /** "<stage>:<partition>" -> the executors its tasks failed on */
  private readonly failedOn = new Map<string, Set<string>>();
  private readonly load = new Map<string, number>();
  /** task run times per executor (core/task/batching.ts: short tasks go several per slot) */
  private readonly runTimes = new Map<string, RunTimes>();

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
    const room = new Map<string, number>();
    let free = 0;
    for (const ex of executors) {
      const capacity = ex.slots * (this.runTimes.get(ex.executorId)?.short ? TASKS_IN_FLIGHT_PER_SLOT : 1);
      const n = Math.max(0, capacity - (this.load.get(ex.executorId) ?? 0));
      room.set(ex.executorId, n);
      free += n;
    }
    // in priority order, each task to the first executor with room (one it has not failed on, if any has room)
    const deferred: TaskLaunch[] = [];
    let next = this.head;
    while (free > 0 && next < this.pending.length) {
      const task = this.pending[next++]!;
      const key = `${task.stageId}:${task.partition}`;
      const avoid = this.failedOn.get(key);
      let target: string | undefined;
      for (const ex of executors) {
        if ((room.get(ex.executorId) ?? 0) === 0) continue;
        if (avoid?.has(ex.executorId) && executors.some((o) => !avoid.has(o.executorId))) continue;
        target = ex.executorId;
        break;
      }
      if (target === undefined) {
        deferred.push(task); // only executors it failed on have room now: it waits for another
        continue;
      }
      if (!this.sink.send(target, task)) continue;
      this.running.set(task.taskId, { executorId: target, key });
      room.set(target, room.get(target)! - 1);
      this.load.set(target, (this.load.get(target) ?? 0) + 1);
      free--;
    }
    if (deferred.length > 0) {
      this.pending = [...deferred, ...this.pending.slice(next)];
      next = 0;
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

  /** A task ended (however; `failed`: by an exception): frees its place. Returns the executor it ran on. */
  ended(taskId: number, runMs = 0, failed = false): string | undefined {
    const run = this.running.get(taskId);
    if (run === undefined) return undefined;
    const executorId = run.executorId;
    this.running.delete(taskId);
    if (failed) {
      let on = this.failedOn.get(run.key);
      if (on === undefined) this.failedOn.set(run.key, (on = new Set()));
      on.add(executorId);
    } else {
      this.failedOn.delete(run.key);
    }
    let times = this.runTimes.get(executorId);
    if (times === undefined) this.runTimes.set(executorId, (times = new RunTimes()));
    times.add(runMs);
    this.load.set(executorId, (this.load.get(executorId) ?? 1) - 1);
    return executorId;
  }

  kill(taskIds: readonly number[]): void {
    const ids = new Set(taskIds);
    this.pending = this.pending.slice(this.head).filter((t) => !ids.has(t.taskId));
    this.head = 0;
    for (const id of ids) {
      const run = this.running.get(id);
      if (run !== undefined) this.sink.kill(run.executorId, id);
    }
  }

  /** Tasks running on an executor that was lost. */
  runningOn(executorId: string): number[] {
    return [...this.running].filter(([, r]) => r.executorId === executorId).map(([id]) => id);
  }

  /** Forgets where partitions failed once no task of theirs waits or runs (their jobs ended). */
  prune(): void {
    if (this.failedOn.size === 0) return;
    const live = new Set<string>();
    for (let i = this.head; i < this.pending.length; i++) live.add(`${this.pending[i]!.stageId}:${this.pending[i]!.partition}`);
    for (const run of this.running.values()) live.add(run.key);
    for (const key of this.failedOn.keys()) if (!live.has(key)) this.failedOn.delete(key);
  }

  forgetExecutor(executorId: string): void {
    this.load.delete(executorId);
    this.runTimes.delete(executorId);
  }

  get pendingCount(): number {
    return this.pending.length - this.head;
  }
}
