/**
 * MapOutputTracker: where each shuffle's map outputs are and how big each block is, as Spark's
 * MapOutputTrackerMaster. The DAG scheduler decides (its `mapOutput` and `mapOutputsLost`
 * commands); the driver's shell applies them here, and the task builder reads block locations
 * for reduce tasks when it sends them, so a task carries the freshest locations and the shell
 * never asks the scheduler for its state. Forgotten per shuffle when the shuffle is cleaned up.
 */
import type { BlockLocation } from "../../core/task/task-description.js";
import type { MapStatus } from "../../core/task/task-end-reason.js";

export class MapOutputTracker {
  /** shuffleId -> one status per map partition (undefined: missing) */
  private readonly outputs = new Map<number, Array<MapStatus | undefined>>();

  register(shuffleId: number, mapIndex: number, status: MapStatus): void {
    let outs = this.outputs.get(shuffleId);
    if (!outs) this.outputs.set(shuffleId, (outs = []));
    outs[mapIndex] = status;
  }

  /** Map outputs that are gone: one of a shuffle (a failed fetch), or every one on an executor. */
  lost(what: { shuffleId: number; mapIndex: number } | { executorId: string }): void {
    if ("executorId" in what) {
      for (const outs of this.outputs.values()) {
        for (let i = 0; i < outs.length; i++) if (outs[i]?.executorId === what.executorId) outs[i] = undefined;
      }
      return;
    }
    const outs = this.outputs.get(what.shuffleId);
    if (outs) outs[what.mapIndex] = undefined;
  }

  forget(shuffleId: number): void {
    this.outputs.delete(shuffleId);
  }

  /**
   * The blocks of reduce partition `reduce` of a shuffle with `numMaps` map partitions, with each
   * holder's address; a missing output is listed as lost (size 1, so the reader reports a fetch
   * failure and the scheduler recomputes it).
   */
  locations(shuffleId: number, numMaps: number, reduce: number, addressOf: (executorId: string) => string): BlockLocation[] {
    const outs = this.outputs.get(shuffleId) ?? [];
    const out: BlockLocation[] = [];
    for (let mapIndex = 0; mapIndex < numMaps; mapIndex++) {
      const status = outs[mapIndex];
      out.push(
        status
          ? { mapIndex, executorId: status.executorId, address: addressOf(status.executorId), size: status.sizes[reduce] ?? 0 }
          : { mapIndex, executorId: "(lost)", address: "", size: 1 },
      );
    }
    return out;
  }

  /** How many shuffles are tracked (for tests of the cleaner). */
  get size(): number {
    return this.outputs.size;
  }
}
