/**
 * ExecutorRunner: the executor processes one worker runs. It starts one per LaunchExecutor
 *
 *   <command...> --driver <driverUrl> --app-id <appId> --executor-id <executorId> --cores <n>
 *                --memory-bytes <n> --work-dir <workDir>/<appId>/<executorId> --host <worker host>
 *
 * (command: `node <package>/dist/executor/executor-main.js`, or a test's stand-in) with its
 * application's key on its standard input (never the cluster's secret, never on the command line
 * or in its environment; core/rpc/key-pipe.ts) and stdout/stderr appended to executor.log in its
 * work directory. The pipe stays open: if this worker dies, its executors read end-of-file and exit. It never hands out more cores or memory than the worker
 * offered. A process that exits by itself is forgotten and its work directory deleted (the tail
 * of its log is logged first when it failed); killApplication stops an application's processes
 * (SIGTERM, then SIGKILL after `killGraceMs`) and deletes their directories.
 *
 * Owned by WorkerDaemon (worker.ts), which reports `holding()` in its heartbeats.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { EngineError } from "../../core/engine-error.js";
import { describeExit, EXECUTOR_LOG, type ExecutorDeath } from "../../core/executor-exit.js";
import { writeAppKey } from "../../core/rpc/key-pipe.js";

/** The environment executors start with: this worker's, without anything that names the cluster's secret. */
export function executorEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["SPATE_SECRET", "SPATE_SECRET_FILE"]) delete env[name];
  return env;
}

export interface LaunchRequest {
  appId: string;
  executorId: string;
  driverUrl: string;
  cores: number;
  memoryBytes: number;
  /** the application's key, handed to the executor on its standard input */
  appKey: string;
}

export interface RunningExecutor {
  appId: string;
  executorId: string;
  cores: number;
}

export interface ExecutorRunnerOptions {
  /** the command before the executor's own arguments */
  command: readonly string[];
  workDir: string;
  /** passed as --host: where the executor's block service listens */
  host: string;
  cores: number;
  memoryBytes: number;
  killGraceMs: number;
  log(line: string): void;
  /** an executor ended by itself (not stopped by us): why, for its driver */
  onExit?(req: LaunchRequest, death: ExecutorDeath): void;
}

interface Proc extends LaunchRequest {
  child: ChildProcess;
  dir: string;
  exited: Promise<void>;
  /** being stopped by us (not exiting by itself) */
  killing: boolean;
}

/** An id that is safe as one path component. */
const SAFE_ID = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,128}$/;


export class ExecutorRunner {
  private readonly procs = new Map<string, Proc>();
  private closed = false;

  constructor(private readonly o: ExecutorRunnerOptions) {}

  get coresUsed(): number {
    let n = 0;
    for (const p of this.procs.values()) n += p.cores;
    return n;
  }

  get memoryUsed(): number {
    let n = 0;
    for (const p of this.procs.values()) n += p.memoryBytes;
    return n;
  }

  /** Executors started and not yet exited or being killed. */
  running(): RunningExecutor[] {
    return [...this.procs.values()].filter((p) => !p.killing).map((p) => ({ appId: p.appId, executorId: p.executorId, cores: p.cores }));
  }

  /** Executors whose processes hold cores here: running, or being killed and not yet exited (what heartbeats report). */
  holding(): RunningExecutor[] {
    return [...this.procs.values()].map((p) => ({ appId: p.appId, executorId: p.executorId, cores: p.cores }));
  }

  /** Starts an executor process; resolves once it is spawned. */
  async launch(req: LaunchRequest): Promise<void> {
    if (this.closed) throw new EngineError("UNREACHABLE", "this worker is shutting down");
    for (const [what, id] of [["appId", req.appId], ["executorId", req.executorId]] as const) {
      if (!SAFE_ID.test(id)) throw new EngineError("INVALID_ARGUMENT", `LaunchExecutor: ${what} '${id}' is not a valid id (letters, digits, '.', '_', '-')`);
    }
    if (!req.driverUrl) throw new EngineError("INVALID_ARGUMENT", "LaunchExecutor: driverUrl is empty");
    const key = `${req.appId}/${req.executorId}`;
    if (this.procs.has(key)) throw new EngineError("INVALID_ARGUMENT", `LaunchExecutor: executor ${req.executorId} of ${req.appId} already runs on this worker`);
    if (!Number.isInteger(req.cores) || req.cores < 1) throw new EngineError("INVALID_ARGUMENT", `LaunchExecutor: cores must be at least 1, got ${req.cores}`);
    if (req.memoryBytes < 1) throw new EngineError("INVALID_ARGUMENT", `LaunchExecutor: memoryBytes must be positive, got ${req.memoryBytes}`);
    if (this.coresUsed + req.cores > this.o.cores) {
      throw new EngineError("INVALID_ARGUMENT", `LaunchExecutor: this worker offers ${this.o.cores} cores and ${this.coresUsed} are in use; ${req.cores} more do not fit`);
    }
    if (this.memoryUsed + req.memoryBytes > this.o.memoryBytes) {
      throw new EngineError("INVALID_ARGUMENT", `LaunchExecutor: this worker offers ${this.o.memoryBytes} bytes of memory and ${this.memoryUsed} are in use; ${req.memoryBytes} more do not fit`);
    }
    const dir = path.join(this.o.workDir, req.appId, req.executorId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const logFd = openSync(path.join(dir, EXECUTOR_LOG), "a");
    const [cmd, ...pre] = this.o.command;
    const args = [
      ...pre, "--driver", req.driverUrl, "--app-id", req.appId, "--executor-id", req.executorId, "--cores", String(req.cores),
      "--memory-bytes", String(req.memoryBytes), "--work-dir", dir, "--host", this.o.host,
    ];
    let child: ChildProcess;
    try {
      child = spawn(cmd!, args, { env: executorEnv(), stdio: ["pipe", logFd, logFd] });
    } finally {
      closeSync(logFd);
    }
    const proc: Proc = { ...req, child, dir, killing: false, exited: new Promise((resolve) => child.once("close", () => resolve())) };
    this.procs.set(key, proc);
    try {
      await new Promise<void>((resolve, reject) => {
        child.once("spawn", resolve);
        child.once("error", reject);
      });
    } catch (e) {
      this.procs.delete(key);
      this.removeDir(proc);
      throw new EngineError("INTERNAL", `LaunchExecutor: cannot start ${cmd}: ${(e as Error).message}`);
    }
    writeAppKey(child.stdin!, req.appKey);
    child.once("exit", (code, signal) => this.exited(key, proc, code, signal));
    this.o.log(`started executor ${req.executorId} of ${req.appId} (pid ${child.pid}, ${req.cores} cores, driver ${req.driverUrl}); log: ${path.join(dir, EXECUTOR_LOG)}`);
  }

  /** Stops an application's executors and deletes their directories; resolves with how many it stopped. */
  async killApplication(appId: string): Promise<number> {
    const procs = [...this.procs.values()].filter((p) => p.appId === appId && !p.killing);
    await Promise.all(procs.map((p) => this.kill(p)));
    if (procs.length > 0) this.o.log(`stopped ${procs.length} executors of ${appId}`);
    return procs.length;
  }

  /** Stops every executor (the worker is shutting down); later launches are refused. */
  async stopAll(): Promise<number> {
    this.closed = true;
    const procs = [...this.procs.values()].filter((p) => !p.killing);
    await Promise.all(procs.map((p) => this.kill(p)));
    return procs.length;
  }

  /** SIGKILLs every executor at once (for a process 'exit' hook, where nothing can wait). */
  killAllNow(): void {
    for (const p of this.procs.values()) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
  }

  private async kill(p: Proc): Promise<void> {
    p.killing = true;
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill("SIGTERM");
      const timer = setTimeout(() => p.child.kill("SIGKILL"), this.o.killGraceMs);
      await p.exited;
      clearTimeout(timer);
    } else {
      await p.exited;
    }
    this.procs.delete(`${p.appId}/${p.executorId}`);
    this.removeDir(p);
  }

  private exited(key: string, p: Proc, code: number | null, signal: NodeJS.Signals | null): void {
    if (p.killing) return;
    this.procs.delete(key);
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (code !== 0) {
      let tail = "";
      try {
        tail = readFileSync(path.join(p.dir, EXECUTOR_LOG), "utf8").trim().split("\n").slice(-30).join("\n");
      } catch {
        // no log
      }
      this.o.log(`executor ${p.executorId} of ${p.appId} ${how}${tail ? `; the end of its log:\n  ${tail.split("\n").slice(-10).join("\n  ")}` : ""}`);
      this.o.onExit?.(p, describeExit(code, signal, tail, p.memoryBytes, p.cores));
    } else {
      this.o.log(`executor ${p.executorId} of ${p.appId} ${how}`);
    }
    // its stdio may still be flushing: delete once the process is fully closed
    void p.exited.then(() => this.removeDir(p));
  }

  private removeDir(p: Proc): void {
    rmSync(p.dir, { recursive: true, force: true });
    try {
      rmdirSync(path.dirname(p.dir)); // the application's directory, once empty
    } catch {
      // other executors of the application still use it
    }
  }
}
