/**
 * DAGScheduler: a pure state machine (no I/O, no timers, no threads) that turns jobs into
 * stages and stages into tasks, and reacts to how tasks end: retries a failed task up to
 * maxFailures, reuses shuffle outputs that exist, resubmits only the missing map partitions
 * after a fetch failure or a lost executor, and fails the jobs that depend on a stage that
 * cannot finish. `handle(event)` returns the commands for the shell (driver/job-runner) to run.
 */
import type { TaskEndReason } from "../../core/task/task-end-reason.js";
import type { DagCommand, DagEvent, JobFailure, StageGraphSpec, TaskLaunch } from "./dag-events.js";
import { type Stage, StageGraph } from "./stage-graph.js";

/** A stage resubmitted after fetch failures more than this many times in a row aborts its jobs. */
export const MAX_CONSECUTIVE_STAGE_ATTEMPTS = 4;

interface Job {
  id: number;
  stageId: number;
  partitions: number[];
  /** partition -> its index in `partitions` */
  indexOf: Map<number, number>;
  finished: boolean[];
  remaining: number;
}

interface RunningTask {
  stageId: number;
  stageAttempt: number;
  partition: number;
  attempt: number;
}

export class DAGScheduler {
  private nextTaskId = 0;
  private readonly stages = new StageGraph();
  private readonly jobs = new Map<number, Job>();
  private readonly tasks = new Map<number, RunningTask>();
  private readonly failures = new Map<string, number>(); // `${stageId}:${partition}`
  private readonly counted = new Set<string>(); // accumulators applied once per `${stageId}:${partition}`
  private readonly speculated = new Set<string>(); // `${stageId}:${partition}` copies started
  private out: DagCommand[] = [];

  constructor(private readonly maxFailures: number) {}

  handle(event: DagEvent): DagCommand[] {
    this.out = [];
    switch (event.kind) {
      case "jobSubmitted":
        this.onJobSubmitted(event.jobId, event.graph);
        break;
      case "taskEnded":
        this.onTaskEnded(event.taskId, event.reason);
        break;
      case "executorLost":
        this.removeOutputsOn(event.executorId);
        break;
      case "shuffleRemoved":
        this.removeShuffle(event.shuffleId);
        break;
      case "jobCancelled":
        if (this.jobs.has(event.jobId)) this.failJobs([event.jobId], { code: "JOB_CANCELLED", message: event.reason });
        break;
      case "speculate":
        this.onSpeculate(event.stageId, event.partition);
        break;
    }
    return this.out;
  }

  get activeJobs(): number {
    return this.jobs.size;
  }

  /** How much the scheduler holds (for tests that it stays bounded). */
  get stateSize(): { stages: number; shuffles: number; tasks: number; keys: number } {
    return { ...this.stages.size, tasks: this.tasks.size, keys: this.failures.size + this.counted.size + this.speculated.size };
  }

  private onJobSubmitted(jobId: number, graph: StageGraphSpec): void {
    const stages = this.stages;
    for (const s of graph.shuffles) stages.shuffleStage(s.shuffleId, s.rddId, s.numMapPartitions);
    for (const s of graph.shuffles) stages.stageOfShuffle(s.shuffleId).parents = s.parents.map((p) => stages.stageOfShuffle(p).id);
    const r = graph.result;
    const stage = stages.newStage(r.rddId, null, jobId, r.numPartitions, r.parents.map((p) => stages.stageOfShuffle(p).id));
    const job: Job = {
      id: jobId, stageId: stage.id, partitions: r.partitions, indexOf: new Map(r.partitions.map((p, i) => [p, i])),
      finished: r.partitions.map(() => false), remaining: r.partitions.length,
    };
    this.jobs.set(jobId, job);
    stages.markNeeded(stage, jobId);
    if (job.remaining === 0) {
      this.finishJob(job);
      return;
    }
    this.submitStage(stage);
  }

  private submitStage(stage: Stage): void {
    if (stage.status === "running" || stage.jobs.size === 0) return;
    if (stage.shuffleId !== null && this.stages.available(stage)) return;
    const missing = stage.parents.map((p) => this.stages.get(p)!).filter((p) => !this.stages.available(p));
    if (missing.length === 0) {
      this.submitMissingTasks(stage);
      return;
    }
    stage.status = "waiting";
    for (const parent of missing) this.submitStage(parent);
  }

  private missingPartitions(stage: Stage): number[] {
    if (stage.shuffleId !== null) return this.stages.missingOutputs(stage);
    const job = this.jobs.get(stage.jobId!)!;
    return job.partitions.filter((_, i) => !job.finished[i]);
  }

  private submitMissingTasks(stage: Stage): void {
    const partitions = this.missingPartitions(stage);
    if (partitions.length === 0) {
      stage.status = "idle";
      this.stageDone(stage);
      return;
    }
    stage.attempt++;
    stage.status = "running";
    stage.pending = new Set(partitions);
    this.out.push({ kind: "stageSubmitted", stageId: stage.id, jobIds: [...stage.jobs], numTasks: partitions.length, totalTasks: stage.numPartitions });
    this.launch(stage, partitions.map((p) => ({ partition: p, attempt: this.failures.get(`${stage.id}:${p}`) ?? 0 })));
  }

  private launch(stage: Stage, parts: Array<{ partition: number; attempt: number }>): void {
    const priority = Math.min(...stage.jobs);
    const tasks: TaskLaunch[] = parts.map(({ partition, attempt }) => {
      const taskId = this.nextTaskId++;
      this.tasks.set(taskId, { stageId: stage.id, stageAttempt: stage.attempt, partition, attempt });
      return {
        taskId, stageId: stage.id, stageAttempt: stage.attempt, partition, attempt, priority,
        target: stage.shuffleId !== null ? { kind: "shuffleMap", shuffleId: stage.shuffleId } : { kind: "result", jobId: stage.jobId! },
      };
    });
    this.out.push({ kind: "launchTasks", tasks });
  }

  private onTaskEnded(taskId: number, reason: TaskEndReason): void {
    const task = this.tasks.get(taskId);
    if (!task) return; // a task of a job that already ended: nothing to do
    this.tasks.delete(taskId);
    const stage = this.stages.get(task.stageId);
    if (!stage || stage.jobs.size === 0) return;
    switch (reason.kind) {
      case "mapSuccess":
      case "resultSuccess":
        this.onSuccess(stage, task, reason);
        return;
      case "exception": {
        const key = `${stage.id}:${task.partition}`;
        const failures = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, failures);
        if (!reason.retriable || failures >= this.maxFailures) {
          const failure: JobFailure = {
            code: reason.retriable ? "TASK_FAILED" : reason.code,
            message: reason.message, stage: stage.id, partition: task.partition, attempts: failures, cause: reason.cause,
          };
          if (reason.fnSource !== undefined) failure.fnSource = reason.fnSource;
          this.failJobs([...stage.jobs], failure);
          return;
        }
        this.out.push({ kind: "taskRetried", stageId: stage.id, partition: task.partition, failures, maxFailures: this.maxFailures, message: reason.message });
        this.launch(stage, [{ partition: task.partition, attempt: failures }]);
        return;
      }
      case "fetchFailed":
        this.onFetchFailed(stage, task, reason.shuffleId, reason.mapIndex, reason.executorId);
        return;
      case "executorLost":
      case "killed":
        if (stage.status === "running" && stage.pending.has(task.partition)) {
          this.launch(stage, [{ partition: task.partition, attempt: task.attempt }]);
        }
        return;
    }
  }

  /** Starts one copy of a still-pending partition's task; the first copy to succeed wins. */
  private onSpeculate(stageId: number, partition: number): void {
    const stage = this.stages.get(stageId);
    const key = `${stageId}:${partition}`;
    if (!stage || stage.status !== "running" || !stage.pending.has(partition) || this.speculated.has(key)) return;
    this.speculated.add(key);
    this.launch(stage, [{ partition, attempt: this.failures.get(key) ?? 0 }]);
  }

  /** Kills the other running copies of a partition that just succeeded. */
  private killCopies(stageId: number, partition: number): void {
    const copies: number[] = [];
    for (const [taskId, t] of this.tasks) {
      if (t.stageId === stageId && t.partition === partition) {
        copies.push(taskId);
        this.tasks.delete(taskId);
      }
    }
    if (copies.length > 0) this.out.push({ kind: "killTasks", taskIds: copies, reason: "another copy of the task finished first" });
  }

  private onSuccess(stage: Stage, task: RunningTask, reason: Extract<TaskEndReason, { kind: "mapSuccess" | "resultSuccess" }>): void {
    const key = `${stage.id}:${task.partition}`;
    this.killCopies(stage.id, task.partition);
    if (reason.kind === "mapSuccess" && stage.shuffleId !== null) {
      if (this.stages.recordOutput(stage.shuffleId, task.partition, reason.status.executorId)) {
        this.out.push({ kind: "mapOutput", shuffleId: stage.shuffleId, mapIndex: task.partition, status: reason.status });
      }
    } else if (reason.kind === "resultSuccess" && stage.jobId !== null) {
      const job = this.jobs.get(stage.jobId)!;
      const index = job.indexOf.get(task.partition);
      if (index === undefined || job.finished[index]) return;
      job.finished[index] = true;
      job.remaining--;
      this.out.push({ kind: "partitionResult", jobId: job.id, outputIndex: index, result: reason.result });
    }
    if (!this.counted.has(key)) {
      this.counted.add(key);
      if (reason.accumulators.length > 0) this.out.push({ kind: "applyAccumulators", updates: reason.accumulators });
    }
    stage.pending.delete(task.partition);
    if (stage.jobId !== null) {
      const job = this.jobs.get(stage.jobId)!;
      if (job.remaining === 0) this.finishJob(job);
      return;
    }
    if (stage.status === "running" && stage.pending.size === 0) {
      stage.status = "idle";
      if (this.stages.available(stage)) this.stageDone(stage);
      else this.submitStage(stage); // outputs were lost meanwhile: run what is missing
    }
  }

  private stageDone(stage: Stage): void {
    stage.fetchFailures = 0;
    this.out.push({ kind: "stageCompleted", stageId: stage.id });
    for (const waiting of this.stages.all()) {
      if (waiting.status === "waiting" && waiting.parents.includes(stage.id)) {
        waiting.status = "idle";
        this.submitStage(waiting);
      }
    }
  }

  private onFetchFailed(stage: Stage, task: RunningTask, shuffleId: number, mapIndex: number, executorId: string): void {
    if (this.stages.loseOutput(shuffleId, mapIndex)) this.out.push({ kind: "mapOutputsLost", lost: { shuffleId, mapIndex } });
    this.removeOutputsOn(executorId);
    // many tasks of one attempt fail to fetch the same lost outputs: that is one failure, and
    // the stage is already being resubmitted
    if (task.stageAttempt <= stage.failedAttempt) return;
    stage.failedAttempt = task.stageAttempt;
    stage.fetchFailures++;
    if (stage.fetchFailures > MAX_CONSECUTIVE_STAGE_ATTEMPTS) {
      this.failJobs([...stage.jobs], {
        code: "JOB_ABORTED", stage: stage.id, partition: task.partition,
        message: `stage ${stage.id} was resubmitted ${MAX_CONSECUTIVE_STAGE_ATTEMPTS} times after fetch failures and still cannot read its shuffle input (last: shuffle ${shuffleId}, map ${mapIndex} on executor ${executorId}); check that executors stay up and can reach each other`,
      });
      return;
    }
    stage.status = "idle";
    stage.pending.clear();
    this.submitStage(stage);
  }

  private removeOutputsOn(executorId: string): void {
    if (this.stages.loseOutputsOn(executorId)) this.out.push({ kind: "mapOutputsLost", lost: { executorId } });
  }

  /** Forgets a shuffle no program can reach any more: its stage, its outputs, what was counted for it. */
  private removeShuffle(shuffleId: number): void {
    const stageId = this.stages.removeShuffle(shuffleId);
    if (stageId !== undefined) this.forgetStage(stageId);
  }

  /** Drops a stage and its per-partition bookkeeping (failures, counted accumulators, speculated copies). */
  private forgetStage(stageId: number): void {
    this.stages.delete(stageId);
    const prefix = `${stageId}:`;
    for (const keys of [this.failures, this.counted, this.speculated]) {
      for (const key of keys.keys()) if (key.startsWith(prefix)) keys.delete(key);
    }
  }

  private finishJob(job: Job): void {
    this.out.push({ kind: "jobSucceeded", jobId: job.id });
    this.endJob(job.id);
  }

  private failJobs(jobIds: number[], failure: JobFailure): void {
    for (const jobId of jobIds) {
      this.out.push({ kind: "jobFailed", jobId, failure });
      this.endJob(jobId);
    }
  }

  /** Forgets a job; stages no job needs any more stop, and their running tasks are killed. */
  private endJob(jobId: number): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    this.jobs.delete(jobId);
    const idle = new Set<number>();
    for (const stage of this.stages.all()) {
      if (!stage.jobs.delete(jobId) || stage.jobs.size > 0) continue;
      idle.add(stage.id);
      stage.status = "idle";
      stage.pending.clear();
    }
    const kill: number[] = [];
    for (const [taskId, t] of this.tasks) {
      if (idle.has(t.stageId)) {
        kill.push(taskId);
        this.tasks.delete(taskId);
      }
    }
    if (kill.length > 0) this.out.push({ kind: "killTasks", taskIds: kill, reason: `job ${jobId} ended` });
    this.forgetStage(job.stageId);
  }
}
