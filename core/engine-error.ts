/**
 * EngineError: the one error class of spate. Every failure a user can see carries a `code`
 * (a closed set, below) and a message that names the offending input and says what to do.
 * Created by every layer (api, driver, executors). A failure on an executor crosses to the driver
 * as a task end reason (its code, message and `causeOf` the thrown value: name, message, stack),
 * and the driver makes the EngineError the action rejects with from it (driver/job-failure.ts),
 * so a remote failure keeps its fields.
 */
import { inspect } from "node:util";

import { debugStacks, isInternalFrame, parseFrames } from "./user-stack.js";

export type EngineErrorCode =
  | "INVALID_ARGUMENT"
  | "UNBOUND_IDENTIFIER"
  | "UNSERIALIZABLE"
  | "TASK_FAILED"
  | "JOB_ABORTED"
  | "JOB_CANCELLED"
  | "CONTEXT_STOPPED"
  | "EMPTY_RDD"
  | "UNREACHABLE"
  | "AUTH_FAILED"
  | "CORRUPT_DATA"
  | "INTERNAL";

/** The remote error a user function threw, as it crossed the wire. */
export interface RemoteCause {
  name: string;
  message: string;
  stack?: string;
}

export interface EngineErrorFields {
  stage?: number;
  partition?: number;
  attempts?: number;
  fnSource?: string;
  cause?: RemoteCause;
}

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  stage?: number;
  partition?: number;
  attempts?: number;
  fnSource?: string;
  override cause?: RemoteCause;

  constructor(code: EngineErrorCode, message: string, fields: EngineErrorFields = {}) {
    super(message);
    this.name = "EngineError";
    this.code = code;
    if (fields.stage !== undefined) this.stage = fields.stage;
    if (fields.partition !== undefined) this.partition = fields.partition;
    if (fields.attempts !== undefined) this.attempts = fields.attempts;
    if (fields.fnSource !== undefined) this.fnSource = fields.fnSource;
    if (fields.cause !== undefined) this.cause = fields.cause;
    this.stack = userFramesOnly(this.stack);
  }

  /** `util.inspect(err)` shows the code, the task coordinates, the function and the remote stack. */
  [inspect.custom](): string {
    const lines = [`${this.stack ?? `EngineError: ${this.message}`}`, `  code: ${this.code}`];
    if (this.stage !== undefined) lines.push(`  stage: ${this.stage}`);
    if (this.partition !== undefined) lines.push(`  partition: ${this.partition}`);
    if (this.attempts !== undefined) lines.push(`  attempts: ${this.attempts}`);
    if (this.fnSource !== undefined) lines.push(`  fnSource: ${this.fnSource}`);
    if (this.cause !== undefined) {
      lines.push(`  cause: ${this.cause.name}: ${this.cause.message}`);
      if (this.cause.stack) lines.push(this.cause.stack.split("\n").map((l) => `    ${l}`).join("\n"));
    }
    return lines.join("\n");
  }
}

/**
 * An error thrown at the user's call (a bad argument, a function that cannot ship) points at
 * their line, not at spate's: spate's own frames are dropped when the user's are there
 * (SPATE_DEBUG=1 keeps them).
 */
function userFramesOnly(stack: string | undefined): string | undefined {
  if (stack === undefined || debugStacks()) return stack;
  const { frames } = parseFrames(stack);
  const user = frames.filter((f) => !isInternalFrame(f));
  if (user.length === 0 || user.length === frames.length) return stack;
  const lines = stack.split("\n");
  const head = lines.slice(0, lines.findIndex((l) => /^\s*at /.test(l)));
  return [...head, ...user.map((f) => f.raw)].join("\n");
}

/** Turns anything a user function threw into the `cause` that crosses the wire. */
export function causeOf(thrown: unknown): RemoteCause {
  if (thrown instanceof Error) {
    const cause: RemoteCause = { name: thrown.name, message: thrown.message };
    if (thrown.stack !== undefined) cause.stack = thrown.stack;
    return cause;
  }
  return { name: "Error", message: String(thrown) };
}
