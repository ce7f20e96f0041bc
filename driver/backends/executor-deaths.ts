/**
 * Why a cluster's executors died, as the driver learns it: from the launcher that saw the
 * process end (local-cluster), or from the worker that ran it (standalone: Driver.ExecutorExited,
 * which may arrive a moment after the executor's stream broke). The cluster backend asks here
 * when an executor is lost, and waits a moment for the cause.
 */
import type { ExecutorDeath } from "../../core/executor-exit.js";
import type { ExecutorLauncher } from "./executor-launcher.js";

/** How long a lost executor's cause of death is waited for (its process exit, its worker's report). */
const DEATH_WAIT_MS = 1500;

export class ExecutorDeaths {
  /** why executors ended, as their workers reported it (standalone) */
  private readonly reported = new Map<string, ExecutorDeath>();

  constructor(private readonly launcher: ExecutorLauncher) {}

  /** A worker's report (its fields checked and bounded: the worker may be wrong). */
  report(executorId: unknown, cause: unknown, outOfMemory: unknown): void {
    if (typeof executorId !== "string" || executorId.length > 256) return;
    this.reported.set(executorId, { cause: String(cause).slice(0, 2000), outOfMemory: outOfMemory === true });
  }

  /** Why an executor's process ended, if its launcher or worker can tell within a moment. */
  async of(executorId: string): Promise<ExecutorDeath | undefined> {
    const fromLauncher = await this.launcher.exitOf(executorId, DEATH_WAIT_MS);
    if (fromLauncher !== undefined) return fromLauncher;
    for (let waited = 0; waited < DEATH_WAIT_MS; waited += 100) {
      const reported = this.reported.get(executorId);
      if (reported !== undefined) return reported;
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.reported.get(executorId);
  }
}
