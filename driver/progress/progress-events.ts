/**
 * What the driver tells progress displays (the console progress bar) about running jobs:
 * stages as they are submitted and completed, and tasks as they start and end.
 */

export type ProgressEvent =
  | { kind: "stageSubmitted"; stageId: number; jobIds: number[]; numTasks: number; totalTasks: number }
  | { kind: "taskStarted"; stageId: number }
  | { kind: "taskEnded"; stageId: number; succeeded: boolean }
  | { kind: "stageCompleted"; stageId: number }
  | { kind: "jobEnded"; jobId: number; succeeded: boolean };

export interface ProgressListener {
  onProgress(event: ProgressEvent): void;
}
