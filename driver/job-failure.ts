/**
 * From a failed job to what the user sees: turns the DAG scheduler's JobFailure into the
 * EngineError an action rejects with, keeping the remote message, stack, stage, partition and
 * function source.
 */
import { EngineError } from "../core/engine-error.js";
import type { JobFailure } from "./scheduler/dag-events.js";

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
