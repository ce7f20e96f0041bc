/**
 * Shared by the deploy tests (test/deploy/, test/api/cli/master-worker.test.ts, and the standalone
 * e2e tests for their CLI path): a master and workers in-process on 127.0.0.1 with ephemeral ports
 * and short timings, workers whose executors are test/fixtures/deploy/fake-executor.mjs (it
 * records its argv and env), temp directories, a Master client, and `waitFor` (every wait has a
 * deadline). Everything a test starts is stopped in its teardown.
 */
import type { ExecutionContext } from "ava";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ClusterStateResult__Output } from "../../proto/generated/spate/ClusterStateResult.js";
import type { RegisterApplicationResult__Output } from "../../proto/generated/spate/RegisterApplicationResult.js";
import { RpcClient } from "../../core/rpc/rpc-client.js";
import { SealKeyPair } from "../../core/rpc/seal.js";
import { MasterDaemon, type MasterDaemonOptions } from "../../deploy/master/master.js";
import { WorkerDaemon, type WorkerDaemonOptions } from "../../deploy/worker/worker.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const FAKE_EXECUTOR = path.join(ROOT, "test", "fixtures", "deploy", "fake-executor.mjs");
export const CLI = path.join(ROOT, "dist", "api", "cli", "bin.js");
export const SECRET = "deploy-test-secret-0123456789abcdef";
export const HEARTBEAT_MS = 100;
/**
 * How long a worker may be silent before the master drops it, unless a test says otherwise:
 * long enough that a test process stalled by a loaded machine (master and workers share its
 * event loop) does not lose live workers. Tests of a worker's loss set a shorter one.
 */
export const WORKER_TIMEOUT_MS = 5000;

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function tempDir(t: ExecutionContext, prefix = "spate-deploy-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface LaunchRecord {
  argv: string[];
  args: Record<string, string>;
  /** the application key the executor read on its standard input */
  appKey: string | null;
  /** whether SPATE_SECRET or SPATE_SECRET_FILE was in its environment */
  secretInEnv: boolean;
  pid: number;
}

/** The fake executors' records in `dir`, by "<appId>__<executorId>". */
export function records(dir: string): Map<string, LaunchRecord> {
  const out = new Map<string, LaunchRecord>();
  for (const f of readdirSync(dir)) if (f.endsWith(".json")) out.set(f.slice(0, -5), JSON.parse(readFileSync(path.join(dir, f), "utf8")) as LaunchRecord);
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class Cluster {
  readonly logs: string[] = [];
  readonly recordDir: string;
  readonly workDirRoot: string;
  private readonly masters: MasterDaemon[] = [];
  private readonly workers: WorkerDaemon[] = [];
  private readonly clients: RpcClient[] = [];

  constructor(private readonly t: ExecutionContext) {
    this.recordDir = tempDir(t);
    this.workDirRoot = tempDir(t);
    t.teardown(() => this.close());
  }

  async master(options: Partial<MasterDaemonOptions> = {}): Promise<MasterDaemon> {
    const m = new MasterDaemon({ secret: SECRET, host: "127.0.0.1", port: 0, heartbeatIntervalMs: HEARTBEAT_MS, workerTimeoutMs: WORKER_TIMEOUT_MS, log: (l) => this.logs.push(`master: ${l}`), ...options });
    this.masters.push(m);
    await m.start();
    return m;
  }

  /** A worker whose executors are the fake executor (extra leading options in `fakeOptions`). */
  async worker(masterPort: number, options: Partial<WorkerDaemonOptions> & { fakeOptions?: string[] } = {}): Promise<WorkerDaemon> {
    const { fakeOptions = [], ...rest } = options;
    const w = new WorkerDaemon({
      master: { host: "127.0.0.1", port: masterPort }, secret: SECRET, host: "127.0.0.1", cores: 4, memoryBytes: 8 * 2 ** 30,
      workDir: path.join(this.workDirRoot, `w${this.workers.length}`),
      executorCommand: [process.execPath, FAKE_EXECUTOR, "--record-dir", this.recordDir, ...fakeOptions],
      backoffInitialMs: 50, backoffMaxMs: 200, killGraceMs: 2000,
      log: (l) => this.logs.push(`worker ${this.workers.length}: ${l}`),
      ...rest,
    });
    this.workers.push(w);
    await w.start();
    return w;
  }

  client(masterPort: number, secret = SECRET): RpcClient {
    const c = new RpcClient(`127.0.0.1:${masterPort}`, "Master", { credential: { kind: "cluster", scope: "", key: secret } });
    this.clients.push(c);
    return c;
  }

  async state(masterPort: number): Promise<ClusterStateResult__Output> {
    return this.client(masterPort).unary<ClusterStateResult__Output>("ClusterState", {}, 5000);
  }

  /** Registers an application as a driver does; `keys` is its driver's key pair (the app key is sealed to it). */
  registerApp(
    masterPort: number,
    params: { appName?: string; driverUrl?: string; maxCores?: number; coresPerExecutor?: number; executorMemoryBytes?: number; waitMs?: number } = {},
    keys = new SealKeyPair(),
  ): Promise<RegisterApplicationResult__Output> {
    return this.client(masterPort).unary<RegisterApplicationResult__Output>(
      "RegisterApplication",
      { appName: "test-app", driverUrl: "127.0.0.1:1", maxCores: 0, coresPerExecutor: 0, executorMemoryBytes: 2 ** 30, driverPublicKey: keys.publicKey, ...params },
      10_000 + (params.waitMs ?? 0),
    );
  }

  /** Unregisters an application as its driver does: with the application's key, opened from what the master sealed to `keys`. */
  unregisterApp(masterPort: number, app: RegisterApplicationResult__Output, keys: SealKeyPair): Promise<unknown> {
    const key = keys.open(app.sealedAppKey);
    return this.client(masterPort).unary("UnregisterApplication", { appId: app.appId }, 10_000, { kind: "app", scope: app.appId, key });
  }

  /** Waits until the master lists `n` alive workers. */
  aliveWorkers(masterPort: number, n: number): Promise<ClusterStateResult__Output> {
    return waitFor(`${n} alive workers`, async () => {
      const s = await this.state(masterPort);
      return s.workers.filter((w) => w.alive).length === n ? s : undefined;
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
    await Promise.all(this.masters.map((m) => m.stop()));
    for (const c of this.clients) c.close();
    if (this.logs.length > 0 && !this.t.passed) console.error(`--- ${this.t.title}: cluster log\n${this.logs.join("\n")}`);
  }
}
