/**
 * The registry of scheduler backends: which SchedulerBackend a master URL gets.
 */
import { EngineError } from "../../core/engine-error.js";
import type { Master } from "../master-url.js";
import { LocalBackend } from "./local-backend.js";
import type { SchedulerBackend } from "./scheduler-backend.js";

export function createBackend(master: Master, url: string): SchedulerBackend {
  switch (master.kind) {
    case "local":
      return new LocalBackend(master.threads);
    case "local-cluster":
    case "standalone":
      throw new EngineError("INVALID_ARGUMENT", `master '${url}': this build of spate runs local[N] only; the distributed masters (local-cluster, spate://) come with the executor service`);
  }
}
