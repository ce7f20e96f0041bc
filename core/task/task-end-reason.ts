/**
 * How a task ended: a closed union that crosses the wire from executors to the driver (as
 * Spark's TaskEndReason). Only `fetchFailed` makes the scheduler resubmit a parent stage;
 * `executorLost` and `killed` do not count towards the task's maxFailures; `exception` does
 * unless it is not retriable (a result that cannot be encoded fails the job at once).
 * The type comes from its guard, which checks what arrives from a peer (`reasonOf`): a peer may
 * send anything, and what does not fit is CORRUPT_DATA. An error code this version does not know
 * is read as TASK_FAILED.
 */
import type { EngineErrorCode, RemoteCause } from "../engine-error.js";
import { bool, bytes, type Guard, type Infer, int, list, num, optional, pair, record, str, validate, variants } from "../plan/schema.js";

const CODES = new Set<string>([
  "INVALID_ARGUMENT", "UNBOUND_IDENTIFIER", "UNSERIALIZABLE", "TASK_FAILED", "JOB_ABORTED", "JOB_CANCELLED",
  "CONTEXT_STOPPED", "EMPTY_RDD", "UNREACHABLE", "AUTH_FAILED", "CORRUPT_DATA", "INTERNAL",
]);

const errorCode: Guard<EngineErrorCode> = {
  check: (v, at, c) => (typeof v === "string" ? ((CODES.has(v) ? v : "TASK_FAILED") as EngineErrorCode) : c.fail(at, "is not an error code")),
};

const remoteCause: Guard<RemoteCause> = record({ name: str, message: str, stack: optional(str) });

const mapStatus = record({ executorId: str, sizes: list(int()) });

/** Accumulator increments a task made: [accumulator id, amount]. */
const accumulatorUpdates = list(pair(int(), num));

export const taskEndReasonGuard = variants("a task end kind", {
  mapSuccess: { status: mapStatus, accumulators: accumulatorUpdates, cached: list(str) },
  resultSuccess: { result: bytes, accumulators: accumulatorUpdates, cached: list(str) },
  exception: { code: errorCode, message: str, cause: remoteCause, fnSource: optional(str), retriable: bool },
  fetchFailed: { shuffleId: int(), mapIndex: int(), executorId: str, message: str },
  executorLost: { executorId: str, message: str },
  killed: { reason: str },
});

export type TaskEndReason = Infer<typeof taskEndReasonGuard>;
/** Where a map task's output lives: one size per reduce partition (0: empty block). */
export type MapStatus = Infer<typeof mapStatus>;
export type AccumulatorUpdates = Infer<typeof accumulatorUpdates>;

/** Checks a decoded value is a TaskEndReason; anything else is CORRUPT_DATA. */
export function reasonOf(v: unknown): TaskEndReason {
  return validate(taskEndReasonGuard, v, "task end reason", "reason", "; the executor may run another spate version");
}
