/**
 * How a task ended: a closed union that crosses the wire from executors to the driver (as
 * Spark's TaskEndReason). Only `fetchFailed` makes the scheduler resubmit a parent stage;
 * `executorLost` and `killed` do not count towards the task's maxFailures; `exception` does
 * unless it is not retriable (a result that cannot be encoded fails the job at once).
 * `reasonOf` checks a decoded value is one (a peer may send anything).
 */
import { EngineError, type EngineErrorCode, type RemoteCause } from "../engine-error.js";

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

const CODES = new Set<string>([
  "INVALID_ARGUMENT", "UNBOUND_IDENTIFIER", "UNSERIALIZABLE", "TASK_FAILED", "JOB_ABORTED", "JOB_CANCELLED",
  "CONTEXT_STOPPED", "EMPTY_RDD", "UNREACHABLE", "AUTH_FAILED", "CORRUPT_DATA", "INTERNAL",
]);

function bad(what: string): never {
  throw new EngineError("CORRUPT_DATA", `task end reason: ${what}`);
}

function str(v: unknown, what: string): string {
  return typeof v === "string" ? v : bad(`${what} is not a string`);
}

function nat(v: unknown, what: string): number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : bad(`${what} is not a non-negative integer`);
}

function updates(v: unknown): Array<[number, number]> {
  if (!Array.isArray(v)) bad("accumulators is not a list");
  return v.map((u) => (Array.isArray(u) && u.length === 2 && typeof u[0] === "number" && typeof u[1] === "number" ? (u as [number, number]) : bad("bad accumulator update")));
}

function strings(v: unknown, what: string): string[] {
  if (!Array.isArray(v)) bad(`${what} is not a list`);
  return v.map((s) => str(s, what));
}

/** Checks a decoded value is a TaskEndReason; anything else is CORRUPT_DATA. */
export function reasonOf(v: unknown): TaskEndReason {
  if (typeof v !== "object" || v === null) bad("not a record");
  const r = v as Record<string, unknown>;
  switch (r.kind) {
    case "mapSuccess": {
      const s = r.status as Record<string, unknown> | null;
      if (typeof s !== "object" || s === null || !Array.isArray(s.sizes)) bad("map status is malformed");
      return {
        kind: "mapSuccess", status: { executorId: str(s.executorId, "executorId"), sizes: s.sizes.map((x) => nat(x, "block size")) },
        accumulators: updates(r.accumulators), cached: strings(r.cached, "cached"),
      };
    }
    case "resultSuccess":
      if (!(r.result instanceof Uint8Array)) bad("result is not bytes");
      return { kind: "resultSuccess", result: r.result, accumulators: updates(r.accumulators), cached: strings(r.cached, "cached") };
    case "exception": {
      const cause = (r.cause ?? {}) as Record<string, unknown>;
      const out: TaskEndReason = {
        kind: "exception",
        code: (CODES.has(r.code as string) ? r.code : "TASK_FAILED") as EngineErrorCode,
        message: str(r.message, "message"),
        cause: { name: String(cause.name ?? "Error"), message: String(cause.message ?? r.message), ...(typeof cause.stack === "string" ? { stack: cause.stack } : {}) },
        retriable: r.retriable !== false,
      };
      if (typeof r.fnSource === "string") out.fnSource = r.fnSource;
      return out;
    }
    case "fetchFailed":
      return { kind: "fetchFailed", shuffleId: nat(r.shuffleId, "shuffleId"), mapIndex: nat(r.mapIndex, "mapIndex"), executorId: str(r.executorId, "executorId"), message: str(r.message, "message") };
    case "executorLost":
      return { kind: "executorLost", executorId: str(r.executorId, "executorId"), message: str(r.message, "message") };
    case "killed":
      return { kind: "killed", reason: str(r.reason, "reason") };
    default:
      return bad(`unknown kind ${String(r.kind)}`);
  }
}

