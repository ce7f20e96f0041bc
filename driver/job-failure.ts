/**
 * From what crossed the wire to what the user sees: validates a decoded TaskEndReason (a peer
 * may send anything) and turns the DAG scheduler's JobFailure into the EngineError an action
 * rejects with, keeping the remote message, stack, stage, partition and function source.
 */
import { EngineError, type EngineErrorCode } from "../core/engine-error.js";
import type { TaskEndReason } from "../core/task/task-end-reason.js";
import type { JobFailure } from "./scheduler/dag-events.js";

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

/** Checks a decoded value is a TaskEndReason. */
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

/** The error an action rejects with when its job fails. */
export function jobError(f: JobFailure, operation: string): EngineError {
  let message: string;
  if (f.code === "TASK_FAILED" && f.cause) {
    message = `${operation}: task for partition ${f.partition} of stage ${f.stage} failed ${f.attempts} time${f.attempts === 1 ? "" : "s"}; last error: ${f.cause.name}: ${f.message}`;
    if (f.fnSource) message += `\n  in function: ${f.fnSource.length > 300 ? `${f.fnSource.slice(0, 300)}…` : f.fnSource}`;
  } else {
    message = f.message.startsWith(`${operation}:`) ? f.message : `${operation}: ${f.message}`;
  }
  const fields: ConstructorParameters<typeof EngineError>[2] = {};
  if (f.stage !== undefined) fields.stage = f.stage;
  if (f.partition !== undefined) fields.partition = f.partition;
  if (f.attempts !== undefined) fields.attempts = f.attempts;
  if (f.fnSource !== undefined) fields.fnSource = f.fnSource;
  if (f.cause !== undefined) fields.cause = f.cause;
  return new EngineError(f.code, message, fields);
}
