/**
 * The DAG scheduler's language: events in, commands out (closed unions on `kind`). The driver's
 * shell (job-runner) turns RDDs into a StageGraphSpec, feeds events from executors and acts on
 * the commands: launching and killing tasks, delivering results, finishing jobs.
 */
import type { EngineErrorCode, RemoteCause } from "../../core/engine-error.js";
import type { AccumulatorUpdates, MapStatus, TaskEndReason } from "../../core/task/task-end-reason.js";

/** A job's stages, as plain data: the result stage and every shuffle it depends on (transitively). */
export interface StageGraphSpec {
  result: { rddId: number; numPartitions: number; partitions: number[]; parents: number[] };
  shuffles: Array<{ shuffleId: number; rddId: number; numMapPartitions: number; parents: number[] }>;
}

export type DagEvent =
  | { kind: "jobSubmitted"; jobId: number; graph: StageGraphSpec }
  | { kind: "taskEnded"; taskId: number; reason: TaskEndReason }
  | { kind: "executorLost"; executorId: string }
  | { kind: "jobCancelled"; jobId: number; reason: string }
  /** a shuffle can no longer be reached from the program (the cleaner): forget its stage and outputs */
  | { kind: "shuffleRemoved"; shuffleId: number }
  /** a running task is far slower than its stage's others: start a copy (speculative execution) */
  | { kind: "speculate"; stageId: number; partition: number };

export type TaskTarget = { kind: "shuffleMap"; shuffleId: number } | { kind: "result"; jobId: number };

export interface TaskLaunch {
  taskId: number;
  stageId: number;
  stageAttempt: number;
  partition: number;
  /** 0 for the first try of this partition in this stage */
  attempt: number;
  target: TaskTarget;
  /** lower runs first: the oldest job that needs the stage */
  priority: number;
}

export interface JobFailure {
  code: EngineErrorCode;
  message: string;
  stage?: number;
  partition?: number;
  attempts?: number;
  fnSource?: string;
  cause?: RemoteCause;
}

export type DagCommand =
  | { kind: "launchTasks"; tasks: TaskLaunch[] }
  | { kind: "killTasks"; taskIds: number[]; reason: string }
  | { kind: "partitionResult"; jobId: number; outputIndex: number; result: Uint8Array }
  | { kind: "applyAccumulators"; updates: AccumulatorUpdates }
  /** a map task's output is kept (where, and each reduce partition's block size) */
  | { kind: "mapOutput"; shuffleId: number; mapIndex: number; status: MapStatus }
  /** map outputs are gone: one (its fetch failed), or every one on an executor */
  | { kind: "mapOutputsLost"; lost: { shuffleId: number; mapIndex: number } | { executorId: string } }
  /** a task failed and runs again (failures so far, of maxFailures allowed) */
  | { kind: "taskRetried"; stageId: number; partition: number; failures: number; maxFailures: number; message: string }
  | { kind: "stageSubmitted"; stageId: number; jobIds: number[]; numTasks: number; totalTasks: number }
  | { kind: "stageCompleted"; stageId: number }
  | { kind: "jobSucceeded"; jobId: number }
  | { kind: "jobFailed"; jobId: number; failure: JobFailure };
