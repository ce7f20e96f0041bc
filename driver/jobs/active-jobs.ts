/**
 * The jobs an application is running, as their callers wait for them: each job's action (as the
 * user called it), the slots its partitions' results fill, and its promise, settled once. With no
 * executor left, running jobs wait up to `executorWaitMs` for one to (re)register, then fail with
 * UNREACHABLE saying so: a job never hangs on executors that are gone.
 */
import { EngineError } from "../../core/engine-error.js";
import type { ActionScope } from "../../core/rdd/ops/action-scope.js";

interface ActiveJob {
  action: ActionScope;
  results: Uint8Array[];
  resolve(results: Uint8Array[]): void;
  reject(error: Error): void;
}

export class ActiveJobs {
  private readonly jobs = new Map<number, ActiveJob>();
  private noExecutors: NodeJS.Timeout | undefined;
  /** how long jobs wait for an executor when none is left */
  executorWaitMs = 30_000;

  /** A new job with `n` result slots; resolves with them, in order, when it succeeds. */
  add(jobId: number, action: ActionScope, n: number): Promise<Uint8Array[]> {
    return new Promise((resolve, reject) => this.jobs.set(jobId, { action, results: new Array<Uint8Array>(n), resolve, reject }));
  }

  has(jobId: number): boolean {
    return this.jobs.has(jobId);
  }

  get size(): number {
    return this.jobs.size;
  }

  ids(): number[] {
    return [...this.jobs.keys()];
  }

  /** The action that started a job, while it runs. */
  action(jobId: number): ActionScope | undefined {
    return this.jobs.get(jobId)?.action;
  }

  result(jobId: number, index: number, bytes: Uint8Array): void {
    const job = this.jobs.get(jobId);
    if (job) job.results[index] = bytes;
  }

  succeed(jobId: number): void {
    const job = this.jobs.get(jobId);
    this.jobs.delete(jobId);
    job?.resolve(job.results);
  }

  fail(jobId: number, error: (action: ActionScope) => Error): void {
    const job = this.jobs.get(jobId);
    this.jobs.delete(jobId);
    if (job) job.reject(error(job.action));
  }

  /** Executors came: jobs stop waiting for them. */
  executorsBack(): void {
    if (this.noExecutors) clearTimeout(this.noExecutors);
    this.noExecutors = undefined;
  }

  /** No executor is left: unless one comes within executorWaitMs, `abort` fails the jobs. */
  awaitExecutors(lastLoss: string, stillNone: () => boolean, abort: (error: EngineError) => void): void {
    if (this.noExecutors) return;
    this.noExecutors = setTimeout(() => {
      this.noExecutors = undefined;
      if (!stillNone() || this.jobs.size === 0) return;
      abort(new EngineError("UNREACHABLE", `every executor of this application was lost and none came back within ${Math.round(this.executorWaitMs / 1000)} s (last: ${lastLoss}); check the workers and the network, then run the action again`));
    }, this.executorWaitMs);
    this.noExecutors.unref();
  }
}
