/**
 * JobRunner: the driver's shell around the pure DAG scheduler. It feeds the scheduler events (a
 * job submitted, a task ended, an executor lost, a shuffle cleaned up) and carries out its
 * commands, each by the part that owns the concept: tasks go to the TaskScheduler, which sends
 * them to executors as slots free (the TaskBuilder describes each one then); map outputs are
 * recorded by the MapOutputTracker; results and endings go to the ActiveJobs the callers wait
 * on; accumulator updates, progress and warnings go to the Context's hooks. Speculation watches
 * running tasks for stragglers when it is on.
 */
import { EngineError } from "../core/engine-error.js";
import type { ExecutorDeath } from "../core/executor-exit.js";
import type { ResultOp } from "../core/operations/results.js";
import type { ActionScope } from "../core/rdd/ops/action-scope.js";
import type { RDD } from "../core/rdd/rdd.js";
import type { TaskEndReason } from "../core/task/task-end-reason.js";
import type { SchedulerBackend } from "./backends/scheduler-backend.js";
import { jobError, outOfMemory } from "./job-failure.js";
import { ActiveJobs } from "./jobs/active-jobs.js";
import { TaskBuilder } from "./jobs/task-builder.js";
import type { ProgressListener } from "./progress/progress-events.js";
import { DAGScheduler } from "./scheduler/dag-scheduler.js";
import type { DagCommand, DagEvent, TaskLaunch } from "./scheduler/dag-events.js";
import { MapOutputTracker } from "./scheduler/map-output-tracker.js";
import { SpeculationMonitor, type SpeculationSettings } from "./scheduler/speculation.js";
import { TaskScheduler } from "./scheduler/task-scheduler.js";
import { encodeResultPlan, encodeShufflePlan, planStages, prepareLineage } from "./stage-planner.js";

export interface JobRunnerHooks {
  applyAccumulator(id: number, amount: number): void;
  /** start copies of straggling tasks (off when absent) */
  speculation?: SpeculationSettings;
  /** progress of stages and tasks, for the console progress bar */
  progress?: ProgressListener;
  /** a line for the user about something that went wrong and was handled (a task that runs again) */
  warn?: (line: string) => void;
}

export class JobRunner {
  private readonly dag: DAGScheduler;
  private readonly tasks: TaskScheduler;
  private readonly jobs = new ActiveJobs();
  private readonly outputs = new MapOutputTracker();
  private readonly builder: TaskBuilder;
  private readonly launches = new Map<number, TaskLaunch>();
  private nextJobId = 0;
  /** the executor the task being handled ran on (for messages) */
  private endedOn: string | undefined;
  private readonly speculation: SpeculationMonitor | undefined;
  private speculationTimer: NodeJS.Timeout | undefined;

  constructor(private readonly backend: SchedulerBackend, maxFailures: number, baseDir: string, private readonly hooks: JobRunnerHooks) {
    this.dag = new DAGScheduler(maxFailures);
    this.builder = new TaskBuilder(this.outputs, (id) => backend.addressOf(id), baseDir);
    if (hooks.speculation) this.speculation = new SpeculationMonitor(hooks.speculation);
    this.tasks = new TaskScheduler({
      executors: () => backend.executors(),
      send: (executorId, launch) => this.send(executorId, launch),
      kill: (executorId, taskId) => backend.kill(executorId, taskId),
    });
  }

  /** How long jobs wait for an executor when none is left. */
  set executorWaitMs(ms: number) {
    this.jobs.executorWaitMs = ms;
  }

  async runJob(rdd: RDD<unknown>, op: ResultOp, partitions: number[], action: ActionScope): Promise<Uint8Array[]> {
    const operation = action.name;
    this.backend.wake?.();
    await prepareLineage(rdd);
    const id = this.nextJobId++;
    const planned = planStages(rdd, partitions);
    const shuffles = new Map([...planned.shuffles].map(([shuffleId, dep]) => [shuffleId, { dep, plan: () => encodeShufflePlan(dep, operation) }]));
    this.builder.addJob(id, rdd, encodeResultPlan(rdd, op, operation), shuffles);
    const done = this.jobs.add(id, action, partitions.length);
    this.handle({ kind: "jobSubmitted", jobId: id, graph: planned.graph });
    return done;
  }

  /** An executor reported how a task ended. */
  taskEnded(taskId: number, reason: TaskEndReason, runMs = 0): void {
    const ranOn = this.tasks.ended(taskId, runMs, reason.kind === "exception");
    if (ranOn === undefined && !this.launches.has(taskId)) return;
    this.endedOn = ranOn;
    const launch = this.launches.get(taskId);
    this.launches.delete(taskId);
    const succeeded = reason.kind === "mapSuccess" || reason.kind === "resultSuccess";
    if (launch) {
      this.hooks.progress?.onProgress({ kind: "taskEnded", stageId: launch.stageId, succeeded });
      this.speculation?.taskEnded(launch.stageId, taskId, succeeded, performance.now());
    }
    this.handle({ kind: "taskEnded", taskId, reason });
    this.tasks.dispatch();
  }

  executorAdded(): void {
    this.jobs.executorsBack();
    this.tasks.dispatch();
  }

  executorLost(executorId: string, message: string, death?: ExecutorDeath): void {
    for (const taskId of this.tasks.runningOn(executorId)) {
      const launch = this.launches.get(taskId);
      this.tasks.ended(taskId);
      this.launches.delete(taskId);
      // A task that ran its executor out of memory would do it again elsewhere: it fails its job at once.
      const reason: TaskEndReason = death?.outOfMemory && launch !== undefined ? outOfMemory(launch, executorId, death) : { kind: "executorLost", executorId, message };
      this.handle({ kind: "taskEnded", taskId, reason });
    }
    this.tasks.forgetExecutor(executorId);
    this.handle({ kind: "executorLost", executorId });
    this.tasks.dispatch();
    if (this.backend.executors().length === 0) this.jobs.awaitExecutors(message, () => this.backend.executors().length === 0, (e) => this.abortAll(e));
  }

  /** A shuffle no program can reach any more: the scheduler, the tracker and the executors forget it. */
  shuffleUnreachable(shuffleId: number): void {
    this.handle({ kind: "shuffleRemoved", shuffleId });
    this.outputs.forget(shuffleId);
    this.backend.removeShuffle(shuffleId);
  }

  /** What the driver holds for jobs and shuffles (for tests that it stays bounded). */
  get stateSize(): { scheduler: DAGScheduler["stateSize"]; trackedShuffles: number; plans: number; jobs: number } {
    return { scheduler: this.dag.stateSize, trackedShuffles: this.outputs.size, plans: this.builder.size, jobs: this.jobs.size };
  }

  /** While jobs run with speculation on, looks for stragglers every 100 ms. */
  private watchStragglers(): void {
    if (!this.speculation || this.speculationTimer) return;
    this.speculationTimer = setInterval(() => {
      if (this.jobs.size === 0) {
        clearInterval(this.speculationTimer);
        this.speculationTimer = undefined;
        return;
      }
      for (const [stageId, partition] of this.speculation!.stragglers(performance.now())) this.handle({ kind: "speculate", stageId, partition });
      this.tasks.dispatch();
    }, 100);
    this.speculationTimer.unref();
  }

  /** Fails every running job (the Context is stopping). */
  abortAll(error: EngineError): void {
    for (const jobId of this.jobs.ids()) {
      this.jobs.fail(jobId, () => error);
      this.handle({ kind: "jobCancelled", jobId, reason: error.message });
    }
  }

  /** Cancels every running job: each rejects with JOB_CANCELLED; the Context stays usable. */
  cancelAll(reason: string): void {
    for (const jobId of this.jobs.ids()) this.handle({ kind: "jobCancelled", jobId, reason });
  }

  private handle(event: DagEvent): void {
    for (const command of this.dag.handle(event)) this.run(command);
  }

  private run(command: DagCommand): void {
    switch (command.kind) {
      case "launchTasks":
        for (const t of command.tasks) this.launches.set(t.taskId, t);
        this.tasks.submit(command.tasks);
        return;
      case "killTasks":
        for (const id of command.taskIds) this.launches.delete(id);
        this.tasks.kill(command.taskIds);
        return;
      case "mapOutput":
        this.outputs.register(command.shuffleId, command.mapIndex, command.status);
        return;
      case "mapOutputsLost":
        this.outputs.lost(command.lost);
        return;
      case "partitionResult":
        this.jobs.result(command.jobId, command.outputIndex, command.result);
        return;
      case "applyAccumulators":
        for (const [id, amount] of command.updates) this.hooks.applyAccumulator(id, amount);
        return;
      case "taskRetried": {
        const where = this.endedOn === undefined ? "" : ` on executor ${this.endedOn}`;
        const first = command.message.split("\n")[0]!.slice(0, 500);
        this.hooks.warn?.(`partition ${command.partition} of stage ${command.stageId} failed${where} (failure ${command.failures} of ${command.maxFailures} allowed), running it again: ${first}`);
        return;
      }
      case "stageSubmitted":
        this.speculation?.stageSubmitted(command.stageId, command.numTasks);
        this.watchStragglers();
        this.hooks.progress?.onProgress({ kind: "stageSubmitted", stageId: command.stageId, jobIds: command.jobIds, numTasks: command.numTasks, totalTasks: command.totalTasks });
        return;
      case "stageCompleted":
        this.speculation?.stageCompleted(command.stageId);
        this.hooks.progress?.onProgress({ kind: "stageCompleted", stageId: command.stageId });
        return;
      case "jobSucceeded":
        this.builder.endJob(command.jobId);
        this.tasks.prune();
        this.hooks.progress?.onProgress({ kind: "jobEnded", jobId: command.jobId, succeeded: true });
        this.jobs.succeed(command.jobId);
        return;
      case "jobFailed":
        this.builder.endJob(command.jobId);
        this.tasks.prune();
        this.hooks.progress?.onProgress({ kind: "jobEnded", jobId: command.jobId, succeeded: false });
        this.jobs.fail(command.jobId, (action) => jobError(command.failure, action));
        return;
    }
  }

  /** Describes one task and hands it to the backend; false when it cannot be built (it then fails, not retriable). */
  private send(executorId: string, launch: TaskLaunch): boolean {
    let description;
    try {
      description = this.builder.describe(launch);
    } catch (e) {
      const error = e as Error;
      queueMicrotask(() => {
        this.launches.delete(launch.taskId);
        this.handle({
          kind: "taskEnded", taskId: launch.taskId,
          reason: { kind: "exception", code: e instanceof EngineError ? e.code : "INTERNAL", message: error.message, cause: { name: error.name, message: error.message }, retriable: false },
        });
      });
      return false;
    }
    this.backend.launch(executorId, description);
    this.hooks.progress?.onProgress({ kind: "taskStarted", stageId: launch.stageId });
    this.speculation?.taskStarted(launch.stageId, launch.taskId, launch.partition, performance.now());
    return true;
  }
}
