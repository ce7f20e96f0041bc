/**
 * How a task ended: a closed union that crosses the wire from executors to the driver (as
 * Spark's TaskEndReason). Only `fetchFailed` makes the scheduler resubmit a parent stage;
 * `executorLost` and `killed` do not count towards the task's maxFailures; `exception` does
 * unless it is not retriable (a result that cannot be encoded fails the job at once).
 */
import type { EngineErrorCode, RemoteCause } from "../engine-error.js";

/** Where a map task's output lives: one size per reduce partition (0: empty block). */
export interface MapStatus {
  executorId: string;
  sizes: number[];
}

/** Accumulator increments a task made: [accumulator id, amount]. */
export type AccumulatorUpdates = Array<[number, number]>;

export type TaskEndReason =
  | { kind: "mapSuccess"; status: MapStatus; accumulators: AccumulatorUpdates; cached: string[] }
  | { kind: "resultSuccess"; result: Uint8Array; accumulators: AccumulatorUpdates; cached: string[] }
  | {
      kind: "exception";
      code: EngineErrorCode;
      message: string;
      cause: RemoteCause;
      fnSource?: string;
      retriable: boolean;
    }
  | { kind: "fetchFailed"; shuffleId: number; mapIndex: number; executorId: string; message: string }
  | { kind: "executorLost"; executorId: string; message: string }
  | { kind: "killed"; reason: string };
