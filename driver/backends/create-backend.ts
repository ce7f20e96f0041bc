/**
 * The registry of scheduler backends: which SchedulerBackend a master URL gets — slot threads
 * in this process (local), executor processes this driver starts (local-cluster), or executors
 * a standalone master's workers start (spate://).
 */
import { newSecret } from "../../core/rpc/secret.js";
import type { Master } from "../master-url.js";
import { ClusterBackend } from "./cluster-backend.js";
import { LocalBackend } from "./local-backend.js";
import { LocalClusterLauncher } from "./local-cluster-launcher.js";
import type { SchedulerBackend } from "./scheduler-backend.js";
import { StandaloneLauncher } from "./standalone-launcher.js";

export interface BackendSettings {
  appName: string;
  /** the cluster's secret (standalone); local-cluster makes its own */
  secret: () => string;
  /** how long to wait for a master and for executors to register */
  connectTimeoutMs: number;
  executorMemoryBytes: number;
  maxCores: number;
  /** an executor silent this long is lost */
  executorTimeoutMs: number;
}

export function createBackend(master: Master, settings: BackendSettings): SchedulerBackend {
  switch (master.kind) {
    case "local":
      return new LocalBackend(master.threads);
    case "local-cluster":
      return new ClusterBackend(new LocalClusterLauncher(master.executors, master.coresPerExecutor, settings.executorMemoryBytes), {
        secret: newSecret(),
        registrationTimeoutMs: Math.max(settings.connectTimeoutMs, 30_000),
        executorTimeoutMs: settings.executorTimeoutMs,
      });
    case "standalone": {
      const secret = settings.secret();
      const launcher = new StandaloneLauncher({
        host: master.host, port: master.port, secret, appName: settings.appName, maxCores: settings.maxCores, coresPerExecutor: 0,
        executorMemoryBytes: settings.executorMemoryBytes, connectTimeoutMs: settings.connectTimeoutMs,
      });
      return new ClusterBackend(launcher, { secret, registrationTimeoutMs: Math.max(settings.connectTimeoutMs, 30_000), executorTimeoutMs: settings.executorTimeoutMs });
    }
  }
}
