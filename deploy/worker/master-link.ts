/**
 * MasterLink: a worker's tie to its master. Registers (RegisterWorker, signed with the cluster's
 * secret, with this worker's public key), opens the worker key the master sealed to it, then
 * heartbeats every interval the master named, signed with that key, listing the executors still
 * running. A master that cannot be reached (not up yet, or the network broke) is tried again with
 * exponential backoff (0.5 s doubling to at most 10 s by default); one that answers `reregister`
 * or no longer knows this worker's key (it restarted) gets a new registration. A master that
 * refuses the secret is fatal: `onFatal` gets an error that says to use the master's secret
 * file, and the link stops. On SIGTERM the worker says it stops (UnregisterWorker).
 *
 * Owned by WorkerDaemon (worker.ts); calls the Master service only.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { RegisterWorkerResult__Output } from "../../proto/generated/spate/RegisterWorkerResult.js";
import type { WorkerHeartbeatResult__Output } from "../../proto/generated/spate/WorkerHeartbeatResult.js";
import { EngineError } from "../../core/engine-error.js";
import type { Credential } from "../../core/rpc/call-auth.js";
import { RpcClient } from "../../core/rpc/rpc-client.js";
import type { SealKeyPair } from "../../core/rpc/seal.js";
import type { RunningExecutor } from "./executor-runner.js";

export interface WorkerRegistration {
  workerId: string;
  host: string;
  port: number;
  cores: number;
  memoryBytes: number;
}

export interface MasterLinkOptions {
  masterHost: string;
  masterPort: number;
  secret: string;
  /** where the secret came from, for the refusal message (e.g. the secret file's path) */
  secretSource?: string;
  registration: WorkerRegistration;
  /** the worker's key pair: the master seals the worker's key to its public half */
  keys: SealKeyPair;
  executors(): RunningExecutor[];
  backoffInitialMs: number;
  backoffMaxMs: number;
  log(line: string): void;
  onFatal(error: EngineError): void;
}

/** How long one RegisterWorker or WorkerHeartbeat call may take. */
const CALL_TIMEOUT_MS = 5000;

export class MasterLink {
  private readonly client: RpcClient;
  private readonly abort = new AbortController();
  private readonly masterUrl: string;
  private registeredNow = false;
  private registrations = 0;
  private running: Promise<void> | undefined;
  /** the key the master gave this registration (undefined until registered) */
  private key: string | undefined;

  constructor(private readonly o: MasterLinkOptions) {
    const address = o.masterHost.includes(":") && !o.masterHost.startsWith("[") ? `[${o.masterHost}]:${o.masterPort}` : `${o.masterHost}:${o.masterPort}`;
    this.masterUrl = `spate://${address}`;
    this.client = new RpcClient(address, "Master", { credential: { kind: "cluster", scope: "", key: o.secret }, peerName: `the master at ${this.masterUrl}` });
  }

  /** The key of this worker's current registration: the master signs its calls to the worker with it. */
  get workerKey(): string | undefined {
    return this.key;
  }

  private workerCredential(): Credential {
    return { kind: "worker", scope: this.o.registration.workerId, key: this.key ?? "" };
  }

  /** Tells the master this worker stops (best effort: the master may be gone). */
  async unregister(timeoutMs = 3000): Promise<void> {
    if (this.key === undefined || !this.registeredNow) return;
    try {
      await this.client.unary("UnregisterWorker", { workerId: this.o.registration.workerId }, timeoutMs, this.workerCredential());
      this.registeredNow = false;
    } catch (e) {
      this.o.log(`could not tell the master at ${this.masterUrl} that this worker stops: ${(e as Error).message}`);
    }
  }

  /** Registered with the master and heartbeating now. */
  get registered(): boolean {
    return this.registeredNow;
  }

  /** How many times it has registered (a re-registration counts again). */
  get registrationCount(): number {
    return this.registrations;
  }

  start(): void {
    this.running ??= this.run().catch((e: unknown) => {
      if (!this.abort.signal.aborted) this.o.log(`the link to the master failed: ${(e as Error).message}`);
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.client.close();
  }

  private async pause(ms: number): Promise<boolean> {
    if (ms <= 0) return !this.abort.signal.aborted;
    try {
      await sleep(ms, undefined, { signal: this.abort.signal });
      return true;
    } catch {
      return false;
    }
  }

  /** A master that no longer knows this worker's key (it restarted, or lost the worker): register again. */
  private forgotten(e: unknown): boolean {
    return e instanceof EngineError && e.code === "AUTH_FAILED" && /no worker key here|stale audience|for another server/.test(e.message);
  }

  /** AUTH_FAILED on registering ends the link; anything else is worth another try. */
  private fatal(e: unknown): boolean {
    if (!(e instanceof EngineError) || e.code !== "AUTH_FAILED") return false;
    const source = this.o.secretSource ? ` (read from ${this.o.secretSource})` : "";
    this.o.onFatal(new EngineError("AUTH_FAILED",
      `the master at ${this.masterUrl} refused this worker's secret${source}. Start the worker with the master's secret file: --secret-file <file> ` +
      "(the master writes ~/.spate/secret on its node unless given --secret-file; copy it here if home directories are not shared)."));
    this.abort.abort();
    return true;
  }

  private async run(): Promise<void> {
    const o = this.o;
    let delay = 0;
    while (!this.abort.signal.aborted) {
      if (!(await this.pause(delay))) return;
      let res: RegisterWorkerResult__Output;
      try {
        res = await this.client.unary<RegisterWorkerResult__Output>("RegisterWorker", { ...o.registration, publicKey: o.keys.publicKey }, CALL_TIMEOUT_MS);
        this.key = o.keys.open(res.sealedWorkerKey);
      } catch (e) {
        if (this.abort.signal.aborted || this.fatal(e)) return;
        delay = delay === 0 ? o.backoffInitialMs : Math.min(delay * 2, o.backoffMaxMs);
        o.log(`cannot register with the master at ${this.masterUrl} (${(e as Error).message}); trying again in ${(delay / 1000).toFixed(1)} s`);
        continue;
      }
      if (this.abort.signal.aborted) return;
      this.registeredNow = true;
      this.registrations++;
      const interval = res.heartbeatIntervalMs > 0 ? res.heartbeatIntervalMs : 2000;
      o.log(`registered with the master at ${this.masterUrl} as ${o.registration.workerId} (${o.registration.cores} cores); heartbeat every ${interval} ms`);
      delay = await this.heartbeats(interval);
      this.registeredNow = false;
    }
  }

  /** Heartbeats until the master is lost; returns how long to wait before registering again. */
  private async heartbeats(interval: number): Promise<number> {
    let wait = 0; // the first one at once, so the master counts running executors early
    let failures = 0;
    for (;;) {
      if (!(await this.pause(wait))) return 0;
      let res: WorkerHeartbeatResult__Output;
      try {
        res = await this.client.unary<WorkerHeartbeatResult__Output>("WorkerHeartbeat", { workerId: this.o.registration.workerId, executors: this.o.executors() }, CALL_TIMEOUT_MS, this.workerCredential());
        failures = 0;
      } catch (e) {
        if (this.abort.signal.aborted) return 0;
        if (this.forgotten(e)) {
          this.o.log(`the master at ${this.masterUrl} no longer knows this worker (it restarted, or lost it); registering again`);
          return 0;
        }
        // not reachable now: keep heartbeating (the master keeps this worker for its timeout)
        failures++;
        wait = Math.min(this.o.backoffInitialMs * 2 ** (failures - 1), this.o.backoffMaxMs, interval);
        this.o.log(`cannot reach the master at ${this.masterUrl} (${(e as Error).message}); trying again in ${(wait / 1000).toFixed(1)} s`);
        continue;
      }
      if (res.reregister) {
        this.o.log(`the master at ${this.masterUrl} does not know this worker (it restarted, or lost it); registering again`);
        return 0;
      }
      wait = interval;
    }
  }
}
