/**
 * The registry of scheduler backends: which SchedulerBackend a master URL gets — slot threads
 * in this process (local), executor processes this driver starts (local-cluster), or executors
 * a standalone master's workers start (spate://).
 */
import type { Master } from "../master-url.js";
import { ClusterBackend } from "./cluster-backend.js";
import { LocalBackend } from "./local-backend.js";
import { LocalClusterLauncher } from "./local-cluster-launcher.js";
import type { SchedulerBackend } from "./scheduler-backend.js";
import { StandaloneLauncher } from "./standalone-launcher.js";

export interface BackendSettings {
  appName: string;
  /** the cluster's secret (standalone); local-cluster needs none (its executors get an application key) */
  secret: () => string;
  /** how long to wait for a master and for executors to register */
  connectTimeoutMs: number;
  executorMemoryBytes: number;
  maxCores: number;
  /** an executor silent this long is lost */
  executorTimeoutMs: number;
  /** standalone: how long to wait in the master's queue for cores */
  queueWaitMs: number;
  /** standalone: give executors back after this long without a task (0: never) */
  idleReleaseMs: number;
}

export function createBackend(master: Master, settings: BackendSettings): SchedulerBackend {
  switch (master.kind) {
    case "local":
      return new LocalBackend(master.threads);
    case "local-cluster":
      return new ClusterBackend(new LocalClusterLauncher(master.executors, master.coresPerExecutor, settings.executorMemoryBytes), {
        registrationTimeoutMs: Math.max(settings.connectTimeoutMs, 30_000),
        executorTimeoutMs: settings.executorTimeoutMs,
      });
    case "standalone": {
      const secret = settings.secret();
      const launcher = new StandaloneLauncher({
        host: master.host, port: master.port, secret, appName: settings.appName, maxCores: settings.maxCores, coresPerExecutor: 0,
        executorMemoryBytes: settings.executorMemoryBytes, connectTimeoutMs: settings.connectTimeoutMs, queueWaitMs: settings.queueWaitMs,
      });
      return new ClusterBackend(launcher, {
        registrationTimeoutMs: Math.max(settings.connectTimeoutMs, 30_000), executorTimeoutMs: settings.executorTimeoutMs, idleReleaseMs: settings.idleReleaseMs,
      });
    }
  }
}
