/**
 * What the standalone master keeps and answers, as types: workers (as they registered, and as
 * ClusterState shows them), executors, applications and the placements the master decides.
 * MasterState (master-state.ts) holds the records; MasterDaemon (master.ts) speaks in the views.
 */

export interface WorkerSpec {
  workerId: string;
  host: string;
  port: number;
  cores: number;
  memoryBytes: number;
  /** X25519 public key (32 bytes) the worker's and its applications' keys are sealed to */
  publicKey: Uint8Array;
}

/** One executor as the wire names it (ExecutorRef). */
export interface ExecutorRef {
  appId: string;
  executorId: string;
  cores: number;
}

export interface ApplicationRequest {
  appName: string;
  driverUrl: string;
  /** 0: every free core */
  maxCores: number;
  /** 0: all of a worker's free cores */
  coresPerExecutor: number;
  /** 0: `defaultExecutorMemoryBytes` */
  executorMemoryBytes: number;
}

/** An executor the master decided to start: ask `workerId` at host:port to launch it. */
export interface Placement {
  appId: string;
  executorId: string;
  workerId: string;
  host: string;
  port: number;
  cores: number;
  memoryBytes: number;
}

export interface WorkerAddress {
  workerId: string;
  host: string;
  port: number;
}

export interface WorkerView extends Omit<WorkerSpec, "publicKey"> {
  coresUsed: number;
  memoryUsed: number;
  alive: boolean;
  executors: ExecutorRef[];
}

export interface MasterStateOptions {
  workerTimeoutMs: number;
  launchGraceMs: number;
  defaultExecutorMemoryBytes?: number;
  /** how long a lost worker stays listed (alive: false) */
  deadWorkerRetentionMs?: number;
  /** how long a finished application's id is kept from adoption and reuse */
  finishedAppRetentionMs?: number;
}

export interface ExecutorRecord {
  appId: string;
  executorId: string;
  workerId: string;
  cores: number;
  memoryBytes: number;
  /** its LaunchExecutor call has not answered yet */
  launching: boolean;
  /** when it was placed, adopted or its launch answered */
  since: number;
}

export interface WorkerRecord extends WorkerSpec {
  /** the key of this registration */
  key: string;
  alive: boolean;
  lastSeen: number;
  diedAt: number;
  executors: Map<string, ExecutorRecord>;
}

export interface AppRecord {
  appId: string;
  /** "" for an application adopted from a heartbeat (its key is not known here) */
  key: string;
  appName: string;
  driverUrl: string;
  executorMemoryBytes: number;
  /** executor key -> worker id */
  executors: Map<string, string>;
  nextExecutor: number;
}
