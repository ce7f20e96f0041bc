/**
 * Context: the driver's entry point (SparkContext). Creates RDDs from collections, ranges and
 * files, broadcasts and accumulators, and runs jobs through its JobRunner on the backend that the
 * master URL names. Implements core's RDDContext, so RDDs reach the scheduler without core
 * importing the driver.
 */
import path from "node:path";
import { EngineError } from "../core/engine-error.js";
import { expandPaths } from "../core/io/path-expansion.js";
import { planTextSplits, statFiles } from "../core/io/text-splits.js";
import { planWholeFileSplits } from "../core/io/whole-files.js";
import { EmptyRDD, ParallelCollectionRDD, RangeRDD, TextFileRDD, WholeTextFilesRDD } from "../core/operations/sources.js";
import { unionOf } from "../core/operations/unions-and-pairs.js";
import { currentAction } from "../core/rdd/ops/action-scope.js";
import { describe } from "../core/rdd/ops/call-args.js";
import type { RDD, RDDContext } from "../core/rdd/rdd.js";
import type { ResultOp } from "../core/operations/results.js";
import type { Accumulator } from "../core/shared-vars/accumulator.js";
import type { Broadcast } from "../core/shared-vars/broadcast.js";
import { shipClassesOf } from "../core/shipped-fn/class-table.js";
import { warmUpCapture } from "../core/shipped-fn/inspector-session.js";
import { driverSecret } from "../core/rpc/secret.js";
import { useTls } from "../core/rpc/tls.js";
import { createBackend } from "./backends/create-backend.js";
import type { SchedulerBackend } from "./backends/scheduler-backend.js";
import type { BlockStats } from "../core/task/block-stats.js";
import { ContextCleaner } from "./context-cleaner.js";
import { JobRunner } from "./job-runner.js";
import { SharedVariables } from "./shared-variables.js";
import { ConsoleProgressBar } from "./progress/console-progress-bar.js";
import type { ProgressListener } from "./progress/progress-events.js";
import { checkNumbers, type ContextOptions } from "./context-options.js";
import { parseMaster, type Master } from "./master-url.js";

export type { ContextOptions } from "./context-options.js";

/** What Context.engineState() reports. */
export interface EngineState {
  scheduler: { stages: number; shuffles: number; tasks: number; keys: number };
  trackedShuffles: number;
  plans: number;
  jobs: number;
  shared: { broadcasts: number; accumulators: number };
  executors: Record<string, BlockStats>;
}

export class Context implements RDDContext {
  private nextRddId = 0;
  private nextShuffleId = 0;
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private readonly cleaner: ContextCleaner;
  private readonly shared: SharedVariables;
  private readonly runner: JobRunner;
  private progressBar: ConsoleProgressBar | undefined;

  private constructor(
    readonly master: string,
    readonly appName: string,
    private readonly backend: SchedulerBackend,
    readonly maxFailures: number,
    /** Context.create({ baseDir }) resolved, or "" when not given */
    readonly shipBaseDir: string,
    speculation: boolean,
  ) {
    const progress: ProgressListener = { onProgress: (e) => this.progressBar?.onProgress(e) };
    this.cleaner = new ContextCleaner({
      shuffle: (id) => this.runner.shuffleUnreachable(id),
      rdd: (id) => this.backend.removeRdd(id),
      broadcast: (id) => this.shared.forgetBroadcast(id),
      accumulator: (id) => this.shared.forgetAccumulator(id),
    });
    this.shared = new SharedVariables(this.cleaner, (id) => this.backend.dropBroadcast(id));
    this.runner = new JobRunner(backend, maxFailures, shipBaseDir, {
      applyAccumulator: (id, amount) => this.shared.applyAccumulator(id, amount),
      progress,
      warn: (line) => void process.stderr.write(`spate: ${line}\n`),
      ...(speculation ? { speculation: { multiplier: 1.5, quantile: 0.75 } } : {}),
    });
  }

  static async create(options: ContextOptions = {}): Promise<Context> {
    if (typeof options !== "object" || options === null) throw new EngineError("INVALID_ARGUMENT", `Context.create: options must be an object, got ${describe(options)}.`);
    const url = options.master ?? process.env.SPATE_MASTER ?? "local[*]";
    const master: Master = parseMaster(url);
    const maxFailures = options.maxFailures ?? (master.kind === "local" ? master.maxFailures : undefined) ?? 4;
    if (!Number.isInteger(maxFailures) || maxFailures < 1) throw new EngineError("INVALID_ARGUMENT", `Context.create: maxFailures must be an integer >= 1, got ${String(maxFailures)}.`);
    checkNumbers(options);
    const baseDir = options.baseDir === undefined ? "" : path.resolve(options.baseDir);
    if (options.tlsCert || options.tlsKey || options.tlsCa) {
      if (!options.tlsCert || !options.tlsKey || !options.tlsCa) throw new EngineError("INVALID_ARGUMENT", "Context.create: TLS needs tlsCert, tlsKey and tlsCa together");
      useTls({ cert: options.tlsCert, key: options.tlsKey, ca: options.tlsCa });
    }
    const backend = createBackend(master, {
      appName: options.appName ?? "spate",
      secret: () => driverSecret(options.secret),
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      executorMemoryBytes: options.executorMemoryBytes ?? 1024 * 1024 * 1024,
      maxCores: options.maxCores ?? 0,
      executorTimeoutMs: options.executorTimeoutMs ?? (Number(process.env.SPATE_EXECUTOR_TIMEOUT_MS) || 15_000),
      queueWaitMs: options.queueWaitMs ?? 10 * 60_000,
      idleReleaseMs: options.idleReleaseMs ?? 5 * 60_000,
    });
    const ctx = new Context(url, options.appName ?? "spate", backend, maxFailures, baseDir, options.speculation ?? false);
    if (options.executorWaitMs !== undefined) ctx.runner.executorWaitMs = options.executorWaitMs;
    if ((options.progress ?? process.env.SPATE_PROGRESS === "1") && process.stderr.isTTY) ctx.progressBar = new ConsoleProgressBar(process.stderr);
    await backend.start(
      {
        taskEnded: (taskId, reason, runMs) => queueMicrotask(() => ctx.runner.taskEnded(taskId, reason, runMs)),
        executorAdded: () => queueMicrotask(() => ctx.runner.executorAdded()),
        executorLost: (id, message, death) => queueMicrotask(() => ctx.runner.executorLost(id, message, death)),
      },
      // capture's inspector session costs tens of milliseconds to open: open it while executors boot
      { broadcastBytes: (id) => ctx.broadcastBytes(id), whileStarting: warmUpCapture },
    );
    return ctx;
  }

  /** Where relative require()/import() calls inside shipped functions resolve: baseDir when given, else each function's own directory (the current directory in the REPL). */
  get baseDir(): string {
    return this.shipBaseDir === "" ? process.cwd() : this.shipBaseDir;
  }

  get defaultParallelism(): number {
    return this.backend.totalSlots;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  newRddId(): number {
    return this.nextRddId++;
  }

  newShuffleId(): number {
    return this.nextShuffleId++;
  }

  assertActive(operation: string): void {
    if (this.stopped) throw new EngineError("CONTEXT_STOPPED", `${operation}: the Context was stopped; create a new one with Context.create()`);
  }

  async runJob(rdd: RDD<unknown>, op: ResultOp, partitions?: number[]): Promise<Uint8Array[]> {
    const action = currentAction();
    this.assertActive(action?.name ?? op.kind);
    const parts = partitions ?? Array.from({ length: rdd.numPartitions }, (_, i) => i);
    return this.runner.runJob(rdd, op, parts, action ?? { name: op.kind, label: op.kind, frames: [] });
  }

  uncache(rddId: number): void {
    if (!this.stopped) this.backend.removeRdd(rddId);
  }

  whenUnreachable(owner: object, resource: { kind: "shuffle" | "rdd"; id: number }): void {
    this.cleaner.track(owner, resource);
  }

  parallelize<T>(data: Iterable<T>, numSlices?: number): RDD<T> {
    this.assertActive("parallelize");
    if (data === null || data === undefined || typeof (data as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function") {
      throw new EngineError("INVALID_ARGUMENT", `parallelize: data must be iterable (an array, a Set, a generator...), got ${describe(data)}.`);
    }
    const slices = numSlices ?? this.defaultParallelism;
    if (!Number.isInteger(slices) || slices < 1) throw new EngineError("INVALID_ARGUMENT", `parallelize: numSlices must be a positive integer, got ${String(numSlices)}. Leave it out for ${this.defaultParallelism} (the number of task slots).`);
    const items = Array.isArray(data) ? data.slice() : [...data];
    shipClassesOf(items, "parallelize");
    return new ParallelCollectionRDD<T>(this, items, slices);
  }

  range(start: number, end?: number, step = 1, numSlices?: number): RDD<number> {
    this.assertActive("range");
    let from = start;
    let to = end;
    if (to === undefined) {
      to = start;
      from = 0;
    }
    for (const [name, v] of [["start", from], ["end", to], ["step", step]] as const) {
      if (typeof v !== "number" || !Number.isFinite(v)) throw new EngineError("INVALID_ARGUMENT", `range: ${name} must be a finite number, got ${describe(v)}.`);
    }
    if (step === 0) throw new EngineError("INVALID_ARGUMENT", "range: step must not be 0.");
    const slices = numSlices ?? this.defaultParallelism;
    if (!Number.isInteger(slices) || slices < 1) throw new EngineError("INVALID_ARGUMENT", `range: numSlices must be a positive integer, got ${String(numSlices)}.`);
    return new RangeRDD(this, from, to, step, slices);
  }

  textFile(spec: string, minPartitions?: number): RDD<string> {
    this.assertActive("textFile");
    if (typeof spec !== "string") throw new EngineError("INVALID_ARGUMENT", `textFile: path must be a string, got ${describe(spec)}.`);
    const files = statFiles(expandPaths(spec, "textFile"), "textFile");
    const splits = planTextSplits(files, minPartitions ?? Math.min(this.defaultParallelism, 2), { operation: "textFile" });
    return new TextFileRDD(this, splits);
  }

  wholeTextFiles(spec: string, minPartitions?: number): RDD<[string, string]> {
    this.assertActive("wholeTextFiles");
    if (typeof spec !== "string") throw new EngineError("INVALID_ARGUMENT", `wholeTextFiles: path must be a string, got ${describe(spec)}.`);
    const files = statFiles(expandPaths(spec, "wholeTextFiles"), "wholeTextFiles");
    return new WholeTextFilesRDD(this, planWholeFileSplits(files, minPartitions ?? Math.min(this.defaultParallelism, 2), "wholeTextFiles"));
  }

  emptyRDD<T>(): RDD<T> {
    this.assertActive("emptyRDD");
    return new EmptyRDD<T>(this);
  }

  union<T>(rdds: RDD<T>[]): RDD<T> {
    this.assertActive("union");
    if (!Array.isArray(rdds) || rdds.length === 0) throw new EngineError("INVALID_ARGUMENT", `union: pass a non-empty array of RDDs, got ${describe(rdds)}.`);
    for (const r of rdds) if ((r as { ctx?: unknown })?.ctx !== this) throw new EngineError("INVALID_ARGUMENT", "union: every RDD must come from this Context.");
    return rdds.length === 1 ? rdds[0]! : unionOf<T>(rdds as RDD<unknown>[]);
  }

  broadcast<T>(value: T): Broadcast<T> {
    this.assertActive("broadcast");
    return this.shared.broadcast(value, () => !this.stopped);
  }

  /** The driver's Broadcast or Accumulator of a reference inside a shipped function the driver runs itself. */
  resolveRef(kind: string, id: number): unknown {
    return this.shared.resolveRef(kind, id);
  }

  accumulator(initial: number): Accumulator {
    this.assertActive("accumulator");
    return this.shared.accumulator(initial);
  }

  private broadcastBytes(id: number): Promise<Uint8Array> {
    return Promise.resolve().then(() => this.shared.broadcastBytes(id));
  }

  /**
   * What the application holds now: the scheduler's state, tracked shuffles, plans of running
   * jobs, broadcasts and accumulators on the driver, and each executor's blocks as it last
   * reported them (every 2 s on a cluster). For watching a long session's memory, and for tests.
   */
  engineState(): EngineState {
    return { ...this.runner.stateSize, shared: this.shared.size, executors: Object.fromEntries(this.backend.blockStats()) };
  }

  /** Cancels every running job (each rejects with JOB_CANCELLED); the Context stays usable. */
  cancelAllJobs(): void {
    this.runner.cancelAll("the job was cancelled (cancelAllJobs)");
  }

  /** Stops every job and executor and releases the Context's resources. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopped = true;
      this.cleaner.stop();
      this.progressBar?.stop();
      this.runner.abortAll(new EngineError("CONTEXT_STOPPED", "the Context was stopped while the job ran"));
      await this.backend.stop();
    })();
    return this.stopping;
  }
}
