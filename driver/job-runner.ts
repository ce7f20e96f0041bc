/**
 * JobRunner: the driver's shell around the pure DAG scheduler. It plans a job's stages, feeds
 * the scheduler events (job submitted, task ended, executor lost) and carries out its commands:
 * tasks are encoded and sent through the TaskScheduler to the backend, results fill the job's
 * slots, accumulator updates are applied, and the job's promise settles.
 */
import { EngineError } from "../core/engine-error.js";
import type { RDD, ShuffleDependency } from "../core/rdd/rdd.js";
import type { ResultOp } from "../core/operations/results.js";
import type { ShuffleRead, TaskDescription } from "../core/task/task-description.js";
import type { TaskEndReason } from "../core/task/task-end-reason.js";
import type { SchedulerBackend } from "./backends/scheduler-backend.js";
import type { ActionScope } from "../core/rdd/ops/action-scope.js";
import type { ExecutorDeath } from "../core/executor-exit.js";
import { jobError, outOfMemory } from "./job-failure.js";
import { DAGScheduler } from "./scheduler/dag-scheduler.js";
import type { DagCommand, DagEvent, TaskLaunch } from "./scheduler/dag-events.js";
import { TaskScheduler } from "./scheduler/task-scheduler.js";
import type { ProgressListener } from "./progress/progress-events.js";
import { SpeculationMonitor, type SpeculationSettings } from "./scheduler/speculation.js";
import { encodeResultPlan, encodeShufflePlan, planStages, prepareLineage } from "./stage-planner.js";

interface ActiveJob {
  id: number;
  rdd: RDD<unknown>;
  /** the action that started the job, as the user called it */
  action: ActionScope;
  planKey: string;
  plan: Uint8Array;
  results: Uint8Array[];
  resolve(results: Uint8Array[]): void;
  reject(error: Error): void;
}

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
  private readonly jobs = new Map<number, ActiveJob>();
  private readonly shufflePlans = new Map<number, { dep: ShuffleDependency; planKey: string; plan: Uint8Array }>();
  private readonly launches = new Map<number, TaskLaunch>();
  private nextJobId = 0;
  /** the executor the task being handled ran on (for messages) */
  private endedOn: string | undefined;
  private noExecutors: NodeJS.Timeout | undefined;
  private readonly speculation: SpeculationMonitor | undefined;
  private speculationTimer: NodeJS.Timeout | undefined;
  /** how long jobs wait for an executor when none is left */
  executorWaitMs = 30_000;

  constructor(
    private readonly backend: SchedulerBackend,
    maxFailures: number,
    private readonly baseDir: string,
    private readonly hooks: JobRunnerHooks,
  ) {
    this.dag = new DAGScheduler(maxFailures);
    if (hooks.speculation) this.speculation = new SpeculationMonitor(hooks.speculation);
    this.tasks = new TaskScheduler({
      executors: () => backend.executors(),
      send: (executorId, launch) => this.send(executorId, launch),
      kill: (executorId, taskId) => backend.kill(executorId, taskId),
    });
  }

  async runJob(rdd: RDD<unknown>, op: ResultOp, partitions: number[], action: ActionScope): Promise<Uint8Array[]> {
    const operation = action.name;
    this.backend.wake?.();
    await prepareLineage(rdd);
    const id = this.nextJobId++;
    const planned = planStages(rdd, partitions);
    const plan = encodeResultPlan(rdd, op, operation);
    for (const [shuffleId, dep] of planned.shuffles) {
      this.shufflePlans.set(shuffleId, { dep, planKey: `s${shuffleId}.j${id}`, plan: encodeShufflePlan(dep, operation) });
    }
    return new Promise<Uint8Array[]>((resolve, reject) => {
      this.jobs.set(id, { id, rdd, action, planKey: `r${id}`, plan, results: new Array<Uint8Array>(partitions.length), resolve, reject });
      this.handle({ kind: "jobSubmitted", jobId: id, graph: planned.graph });
    });
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
    if (this.noExecutors) clearTimeout(this.noExecutors);
    this.noExecutors = undefined;
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
    if (this.backend.executors().length === 0) this.awaitExecutors(message);
  }

  /**
   * With no executor left, jobs wait up to `executorWaitMs` for one to (re)register, then fail
   * with UNREACHABLE saying so: a job never hangs on executors that are gone.
   */
  private awaitExecutors(lastLoss: string): void {
    if (this.noExecutors) return;
    this.noExecutors = setTimeout(() => {
      this.noExecutors = undefined;
      if (this.backend.executors().length > 0 || this.jobs.size === 0) return;
      this.abortAll(new EngineError("UNREACHABLE", `every executor of this application was lost and none came back within ${Math.round(this.executorWaitMs / 1000)} s (last: ${lastLoss}); check the workers and the network, then run the action again`));
    }, this.executorWaitMs);
    this.noExecutors.unref();
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
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of jobs) {
      job.reject(error);
      this.handle({ kind: "jobCancelled", jobId: job.id, reason: error.message });
    }
  }

  cancelJob(jobId: number, reason: string): void {
    if (this.jobs.has(jobId)) this.handle({ kind: "jobCancelled", jobId, reason });
  }

  /** Cancels every running job: each rejects with JOB_CANCELLED; the Context stays usable. */
  cancelAll(reason: string): void {
    for (const jobId of [...this.jobs.keys()]) this.cancelJob(jobId, reason);
  }

  get activeJobIds(): number[] {
    return [...this.jobs.keys()];
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
      case "partitionResult": {
        const job = this.jobs.get(command.jobId);
        if (job) job.results[command.outputIndex] = command.result;
        return;
      }
      case "applyAccumulators":
        for (const [id, amount] of command.updates) this.hooks.applyAccumulator(id, amount);
        return;
      case "cacheStored":
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
      case "jobSucceeded": {
        const job = this.jobs.get(command.jobId);
        this.jobs.delete(command.jobId);
        this.hooks.progress?.onProgress({ kind: "jobEnded", jobId: command.jobId, succeeded: true });
        job?.resolve(job.results);
        return;
      }
      case "jobFailed": {
        const job = this.jobs.get(command.jobId);
        this.jobs.delete(command.jobId);
        this.hooks.progress?.onProgress({ kind: "jobEnded", jobId: command.jobId, succeeded: false });
        if (job) job.reject(jobError(command.failure, job.action));
        return;
      }
    }
  }

  /** Encodes one task and hands it to the backend. */
  private send(executorId: string, launch: TaskLaunch): boolean {
    let description: TaskDescription;
    try {
      description = this.describe(launch);
    } catch (e) {
      // the task cannot be built (a value that cannot cross): fail it, not retriable
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

  private describe(launch: TaskLaunch): TaskDescription {
    let root: RDD<unknown>;
    let planKey: string;
    let plan: Uint8Array;
    if (launch.target.kind === "shuffleMap") {
      const entry = this.shufflePlans.get(launch.target.shuffleId)!;
      ({ planKey, plan } = entry);
      root = entry.dep.rdd;
    } else {
      const job = this.jobs.get(launch.target.jobId)!;
      ({ planKey, plan } = job);
      root = job.rdd;
    }
    const needs = root.taskNeeds(launch.partition);
    const shuffleReads: ShuffleRead[] = needs.shuffleReads.map(({ shuffleId, reducePartition }) => ({
      shuffleId,
      reducePartition,
      locations: this.dag.mapOutputs(shuffleId).map((status, mapIndex) =>
        status
          ? { mapIndex, executorId: status.executorId, address: this.backend.addressOf(status.executorId), size: status.sizes[reducePartition] ?? 0 }
          : { mapIndex, executorId: "(lost)", address: "", size: 1 },
      ),
    }));
    return {
      taskId: launch.taskId, jobId: launch.priority, stageId: launch.stageId, stageAttempt: launch.stageAttempt,
      partition: launch.partition, attempt: launch.attempt, planKey, plan,
      inputs: needs.sources.map((s) => ({ rddId: s.rdd.id, partition: s.partition, data: s.rdd.sourceInput(s.partition) })),
      shuffleReads, cacheKeys: needs.cacheKeys, baseDir: this.baseDir,
    };
  }
}
