import type { ExecutorDeath } from "../../core/executor-exit.js";

/**
 * How a cluster backend's executors come to exist: started by the driver itself as local
 * processes (local-cluster[N,C]), or by the workers of a standalone cluster at the master's
 * request (spate://host:port). Either way they connect back to the driver's service.
 */

export interface LaunchedApp {
  appId: string;
  /** the application's key: its executors sign with it, and the driver takes nothing else */
  appKey: string;
  /** the executors launched for it: only these may connect, each once */
  executorIds: string[];
}

export interface ExecutorLauncher {
  /** the address the driver's service should listen on and advertise */
  driverHost(): Promise<string>;
  /** starts executors that will connect to `driverUrl` */
  launch(driverUrl: string): Promise<LaunchedApp>;
  /** whether `release` gives the executors' cores back to a cluster the next launch asks again (standalone) */
  readonly releasable: boolean;
  /** stops the executors of the application, keeping the launcher usable for another launch */
  release(): Promise<void>;
  /** a message to add when executors did not all come up, e.g. an executor's stderr */
  diagnostics(): string;
  /**
   * Why an executor's process ended, when this launcher sees its processes (local-cluster),
   * waiting up to `waitMs` for it to end; undefined otherwise (a standalone worker reports it).
   */
  exitOf(executorId: string, waitMs: number): Promise<ExecutorDeath | undefined>;
  /** stops the executors (and releases them from the cluster) */
  stop(): Promise<void>;
}
