/**
 * How RDD methods read their arguments: the optional `env` object at the end of any call that
 * takes functions (told apart from optional numbers and booleans as a plain object), function
 * checks, and shipping each function at the call site so a missing name fails there.
 */
import { EngineError } from "../../engine-error.js";
import { prepareShipped, reviveFunction, shipFunction, type ShippedFn } from "../../shipped-fn.js";
import { encodeValue } from "../../wire/value-codec.js";
import type { RDDContext } from "../rdd.js";

export type Env = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Env {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Splits `[a, b, env?]`: returns the positional arguments and the env (if the last one is a plain object). */
export function splitEnv(args: readonly unknown[]): { positional: unknown[]; env: Env | undefined } {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  const last = args[end - 1];
  if (end > 0 && isPlainObject(last)) return { positional: args.slice(0, end - 1), env: last };
  return { positional: args.slice(0, end), env: undefined };
}

/** Ships a user function for `operation`, with the same env as the call's other functions. */
export function ship(fn: unknown, env: Env | undefined, operation: string, what = "the function"): ShippedFn {
  if (typeof fn !== "function") {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: ${what} must be a function, got ${describe(fn)}. Pass a function such as (x) => x * 2.`);
  }
  return shipFunction(fn, env, operation);
}

/**
 * A shipped function as executors run it (with its env and captures), for the driver's own
 * final merges (reduce, fold, aggregate, tree merges, keyed max/min): the same function wherever it runs.
 */
export async function onDriver(shipped: ShippedFn, ctx: RDDContext): Promise<(...args: unknown[]) => unknown> {
  await prepareShipped(shipped);
  return reviveFunction(shipped, { baseDir: ctx.shipBaseDir, resolveRef: (kind, id) => ctx.resolveRef(kind, id) }) as (...args: unknown[]) => unknown;
}

/** A zero value (fold, aggregate and their ByKey forms), checked at the call: it must cross to executors. */
export function zeroValue<T>(zero: T, operation: string): T {
  encodeValue(zero, operation, "the zero value");
  return zero;
}

/** True for `async function` / `async () =>` / async generators: their results are awaited. */
export function isAsyncFn(fn: unknown): boolean {
  const name = (fn as { constructor?: { name?: string } } | undefined)?.constructor?.name;
  return name === "AsyncFunction" || name === "AsyncGeneratorFunction";
}

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

/** An optional boolean argument (ascending, withReplacement). */
export function optionalBoolean(v: unknown, fallback: boolean, operation: string, what: string): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw new EngineError("INVALID_ARGUMENT", `${operation}: ${what} must be true or false, got ${describe(v)}.`);
  return v;
}

/** An integer argument within bounds. */
export function integerArg(v: unknown, operation: string, what: string, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: ${what} must be an integer >= ${min}, got ${describe(v)}.`);
  }
  return v;
}

/** The other RDD of a binary operation must come from the same Context. */
export function sameContext(a: { ctx: unknown }, b: unknown, operation: string): void {
  if (typeof b !== "object" || b === null || !("ctx" in b) || !("numPartitions" in b)) {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: the other argument must be an RDD, got ${describe(b)}.`);
  }
  if ((b as { ctx: unknown }).ctx !== a.ctx) {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: both RDDs must come from the same Context.`);
  }
}
