/**
 * Calling user functions on executors: revives a ShippedFn once per decoded plan and wraps it
 * so that whatever it throws (or its promise rejects with) is tagged with the function's source
 * label; the task runner turns that into a TASK_FAILED end reason with `fnSource` and `cause`.
 */
import { EngineError } from "../engine-error.js";
import { prepareShipped, reviveFunction } from "../shipped-fn/revive.js";
import type { ShippedFn } from "../shipped-fn/types.js";

/** What a user function threw, with the label of the function that threw it. */
export class UserFunctionError extends Error {
  constructor(readonly thrown: unknown, readonly fnSource: string) {
    super(thrown instanceof Error ? thrown.message : String(thrown));
  }
}

export type AnyFn = (...args: unknown[]) => unknown;

export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

/** Every shipped function inside a decoded plan (any depth of its records and lists). */
function shippedIn(value: unknown, out: ShippedFn[]): ShippedFn[] {
  if (Array.isArray(value)) {
    for (const v of value) shippedIn(v, out);
  } else if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value)) {
    const kind = (value as { kind?: unknown }).kind;
    if (kind === "closure" || (kind === "global" && typeof (value as { path?: unknown }).path === "string")) out.push(value as ShippedFn);
    else for (const v of Object.values(value)) shippedIn(v, out);
  }
  return out;
}

/**
 * Loads the modules every function of a plan imports, then revives them all into `table` (which
 * decodes their captured data: the broadcasts it names are then known to the task runner).
 */
export async function prepareFunctions(plan: unknown, table: FunctionTable): Promise<void> {
  const fns = shippedIn(plan, []);
  await Promise.all(fns.map((f) => prepareShipped(f)));
  for (const f of fns) table.fn(f);
}

/** Revives shipped functions for one plan, each once, wrapped to tag errors. */
export class FunctionTable {
  private readonly revived = new WeakMap<ShippedFn, AnyFn>();

  constructor(private readonly baseDir: string, private readonly resolveRef?: (kind: string, id: number) => unknown) {}

  fn(shipped: ShippedFn): AnyFn {
    let f = this.revived.get(shipped);
    if (!f) {
      const ctx = this.resolveRef === undefined ? { baseDir: this.baseDir } : { baseDir: this.baseDir, resolveRef: this.resolveRef };
      f = wrap(reviveFunction(shipped, ctx) as AnyFn, shipped.label);
      this.revived.set(shipped, f);
    }
    return f;
  }

  /** A function that must return a plain value (shuffle combiners, sort keys, reducers). */
  syncFn(shipped: ShippedFn, operation: string): AnyFn {
    const f = this.fn(shipped);
    return (a?: unknown, b?: unknown) => {
      const r = f(a, b);
      if (isThenable(r)) throw new UserFunctionError(notSync(operation), shipped.label);
      return r;
    };
  }
}

function notSync(operation: string): EngineError {
  return new EngineError("INVALID_ARGUMENT", `${operation}: the function returned a Promise, but ${operation} needs a plain value. Functions of shuffles (combiners, reducers) and sort keys must be synchronous; do async work in map (declared async) or mapAsync first.`);
}

function wrap(f: AnyFn, label: string): AnyFn {
  const rejected = (e: unknown): never => {
    throw e instanceof UserFunctionError ? e : new UserFunctionError(e, label);
  };
  return function (this: unknown, ...args: unknown[]) {
    let r: unknown;
    try {
      r = f.apply(this, args);
    } catch (e) {
      throw e instanceof UserFunctionError ? e : new UserFunctionError(e, label);
    }
    if (isThenable(r)) return Promise.resolve(r).then(undefined, rejected);
    return r;
  } as AnyFn;
}
