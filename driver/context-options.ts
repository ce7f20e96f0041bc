/**
 * What Context.create() takes: every option with its default (documented for users in
 * docs/api.md), and the check of the numeric ones (an integer in range, or INVALID_ARGUMENT
 * naming the option).
 */
import { EngineError } from "../core/engine-error.js";
import { describe } from "../core/rdd/ops/call-args.js";

export interface ContextOptions {
  /** master URL; default process.env.SPATE_MASTER, else "local[*]" */
  master?: string;
  appName?: string;
  /** attempts per task before its job fails (default 4; local[N,F] sets F) */
  maxFailures?: number;
  /**
   * directory that relative require()/import() calls inside shipped functions resolve from
   * (default: the directory of the file each function was written in; the current directory for the REPL)
   */
  baseDir?: string;
  /** the cluster's secret (spate:// masters); default SPATE_SECRET, the file SPATE_SECRET_FILE, ~/.spate/secret */
  secret?: string;
  /** how long to wait for a master to answer (default 10 s) */
  connectTimeoutMs?: number;
  /** memory of each executor on a cluster (default 1 GiB); past half of it, shuffle blocks spill to disk */
  executorMemoryBytes?: number;
  /** TLS for every connection of the application (certificate, key and CA files; default SPATE_TLS_*) */
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  /** cores to take from a standalone cluster (default 0: every free core) */
  maxCores?: number;
  /**
   * speculative execution (default false): a task running far longer than the median of its
   * stage (1.5x, once 75% finished) is started again elsewhere and the first copy wins
   */
  speculation?: boolean;
  /** with every executor lost, how long jobs wait for one to register before failing (default 30 s) */
  executorWaitMs?: number;
  /** standalone: how long to wait in the master's queue while other applications hold the cores (default 10 min) */
  queueWaitMs?: number;
  /**
   * standalone: give the executors back to the cluster after this long without a task (default
   * 5 min; 0: never); the next job asks for them again
   */
  idleReleaseMs?: number;
  /** an executor that sends nothing (not even a heartbeat, every 2 s) this long is lost (default SPATE_EXECUTOR_TIMEOUT_MS, else 15 s) */
  executorTimeoutMs?: number;
  /**
   * console progress bar on stderr, when it is a terminal (default: on in `spate submit` and the
   * REPL, which set SPATE_PROGRESS=1; off otherwise)
   */
  progress?: boolean;
}

/** The numeric options: integers in range, or INVALID_ARGUMENT naming the option. */
export function checkNumbers(options: ContextOptions): void {
  const DAY = 24 * 3600 * 1000;
  const ranges: Array<[keyof ContextOptions, number, number]> = [
    ["connectTimeoutMs", 1, DAY], ["executorTimeoutMs", 1, DAY], ["executorWaitMs", 0, DAY], ["queueWaitMs", 0, DAY],
    ["idleReleaseMs", 0, 30 * DAY], ["maxCores", 0, 1_000_000], ["executorMemoryBytes", 1024 * 1024, 2 ** 50],
  ];
  for (const [name, min, max] of ranges) {
    const v = options[name];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
      throw new EngineError("INVALID_ARGUMENT", `Context.create: ${name} must be an integer from ${min} to ${max}, got ${describe(v)}.`);
    }
  }
}
