/**
 * From a failed job to what the user sees: turns the DAG scheduler's JobFailure into the
 * EngineError an action rejects with, keeping the remote message, stack, stage, partition and
 * function source. The message names the action as the user called it (`collect at
 * means.ts:14: ...`); a user function's failure gets a stack in the user's terms: the lines of
 * their function that failed on the executor (mapped to their TypeScript), then the lines that
 * called the action, without spate's own frames (SPATE_DEBUG=1 keeps everything).
 */
import { EngineError, type RemoteCause } from "../core/engine-error.js";
import { type ExecutorDeath, OUT_OF_MEMORY_ADVICE } from "../core/executor-exit.js";
import type { TaskEndReason } from "../core/task/task-end-reason.js";
import type { ActionScope } from "../core/rdd/ops/action-scope.js";
import { SCRIPT_REF } from "../core/shipped-fn/code-origin.js";
import { scriptUrl } from "../core/shipped-fn/inspector-session.js";
import { debugStacks, userStack } from "../core/user-stack.js";
import type { JobFailure, TaskLaunch } from "./scheduler/dag-events.js";

/** The script a `spate-script:<id>` frame stands for (code-origin.ts's lazy origins), by its URL. */
function scriptFile(file: string): string {
  if (!file.startsWith(SCRIPT_REF)) return file;
  const url = scriptUrl(file.slice(SCRIPT_REF.length));
  return url === "" ? file : url;
}

function userCause(cause: RemoteCause): RemoteCause {
  if (cause.stack === undefined) return cause;
  return { ...cause, stack: userStack(cause.stack, scriptFile) };
}

/** The error an action rejects with when its job fails. */
export function jobError(f: JobFailure, action: ActionScope): EngineError {
  const operation = action.label;
  let message: string;
  const cause = f.cause === undefined ? undefined : userCause(f.cause);
  if (f.code === "TASK_FAILED" && cause) {
    message = `${operation}: task for partition ${f.partition} of stage ${f.stage} failed ${f.attempts} time${f.attempts === 1 ? "" : "s"}; last error: ${cause.name}: ${f.message}`;
    if (f.fnSource) message += `\n  in function: ${f.fnSource.length > 300 ? `${f.fnSource.slice(0, 300)}…` : f.fnSource}`;
  } else {
    const own = f.message.startsWith(`${action.name}:`) ? f.message.slice(action.name.length + 1).trimStart() : f.message;
    message = `${operation}: ${own}`;
  }
  const fields: ConstructorParameters<typeof EngineError>[2] = {};
  if (f.stage !== undefined) fields.stage = f.stage;
  if (f.partition !== undefined) fields.partition = f.partition;
  if (f.attempts !== undefined) fields.attempts = f.attempts;
  if (f.fnSource !== undefined) fields.fnSource = f.fnSource;
  if (cause !== undefined) fields.cause = cause;
  const error = new EngineError(f.code, message, fields);
  if (!debugStacks()) {
    const remote = cause?.stack === undefined ? [] : cause.stack.split("\n").filter((l) => /^\s*at /.test(l));
    error.stack = [`EngineError: ${message}`, ...remote, ...action.frames].join("\n");
  }
  return error;
}

/** How a task ended whose executor ran out of memory while running it: failed, not to be retried. */
export function outOfMemory(launch: TaskLaunch, executorId: string, death: ExecutorDeath): TaskEndReason {
  const message = `partition ${launch.partition} of stage ${launch.stageId} was too big for its task slot: executor ${executorId} ${death.cause} while running it. ${OUT_OF_MEMORY_ADVICE}.`;
  return { kind: "exception", code: "TASK_FAILED", message, cause: { name: "OutOfMemoryError", message }, retriable: false };
}
