/**
 * An in-process executor, as the driver's local[N] backend uses it: the interface, and the one
 * place its maker is registered. The driver must not import executor/ (the import rules in
 * .dependency-cruiser.cjs), so the public API module (api/index.ts), which may import both,
 * registers a factory making executor/executor.ts's Executor; LocalBackend asks for one here.
 * Any program that reaches a Context through api/index.js has it registered before its first
 * Context.create().
 */
import { EngineError } from "./engine-error.js";
import type { BlockStats } from "./task/block-stats.js";
import type { TaskDescription } from "./task/task-description.js";
import type { TaskEndReason } from "./task/task-end-reason.js";

export interface LocalExecutorOptions {
  executorId: string;
  /** slot threads: tasks that run at the same time */
  slots: number;
  /** asks the driver for a broadcast's encoded value */
  fetchBroadcast(id: number): Promise<Uint8Array>;
  /** called once per launched task with how it ended and how long it ran (ms) */
  onTaskEnded(taskId: number, reason: TaskEndReason, runMs: number): void;
}

export interface LocalExecutor {
  /** resolves when every slot can take a task */
  ready(): Promise<void>;
  launch(task: TaskDescription): void;
  kill(taskId: number): void;
  removeShuffle(shuffleId: number): void;
  removeRdd(rddId: number): void;
  dropBroadcast(id: number): void;
  /** what its block store holds */
  blockStats(): BlockStats;
  /** ends the slots; tasks still running are abandoned */
  stop(): Promise<void>;
}

export type LocalExecutorFactory = (options: LocalExecutorOptions) => LocalExecutor;

let factory: LocalExecutorFactory | undefined;

/** Sets what makes in-process executors (the last registration wins). */
export function registerLocalExecutorFactory(make: LocalExecutorFactory): void {
  factory = make;
}

/** A new in-process executor, or INTERNAL when nothing registered a factory. */
export function createLocalExecutor(options: LocalExecutorOptions): LocalExecutor {
  if (factory === undefined) {
    throw new EngineError(
      "INTERNAL",
      "local mode needs an in-process executor and none is registered: import spate through its public module " +
        "(import { Context } from \"spate\", or api/index.js in a clone), which registers one, rather than driver/context.js directly",
    );
  }
  return factory(options);
}
