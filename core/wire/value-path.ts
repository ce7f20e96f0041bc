/**
 * What cannot cross between processes, and where it sits inside a value. value-encoder.ts asks
 * `describeUnclonable` about objects it does not know and throws `Unclonable` on one; then
 * value-codec.ts asks `locateUnclonable` to walk the value again (the slow path, off the hot
 * loop) and name the path of the first offending part, e.g. `[2].handler`, for the
 * UNSERIALIZABLE message.
 */
import { types } from "node:util";
import { wireRef } from "./value-tags.js";

/** Thrown inside the encoder when a part of the value cannot be encoded. */
export class Unclonable extends Error {
  constructor(
    readonly what: string,
    readonly tooDeep = false,
  ) {
    super(what);
  }
}

/** A short description of a value that cannot be encoded, or null when it can. */
export function describeUnclonable(v: unknown): string | null {
  if (typeof v === "function") {
    const name = (v as { name?: unknown }).name;
    return typeof name === "string" && name !== "" ? `a function (${name})` : "a function";
  }
  if (typeof v === "symbol") return `a symbol (${v.toString()})`;
  if (typeof v !== "object" || v === null) return null;
  if (types.isPromise(v)) return "a Promise";
  if (types.isWeakMap(v)) return "a WeakMap";
  if (types.isWeakSet(v)) return "a WeakSet";
  if (v instanceof WeakRef) return "a WeakRef";
  if (v instanceof FinalizationRegistry) return "a FinalizationRegistry";
  if (types.isSharedArrayBuffer(v)) return "a SharedArrayBuffer (shared memory cannot be copied between processes)";
  if (types.isSymbolObject(v)) return "a boxed Symbol";
  if (types.isGeneratorObject(v)) return "a generator";
  if (types.isMapIterator(v) || types.isSetIterator(v)) return "an iterator";
  if (types.isExternal(v)) return "a native handle";
  return null;
}

export interface UnclonableLocation {
  what: string;
  /** "" when the value itself is the offender. */
  path: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function keySegment(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function mapKeySegment(key: unknown, index: number): string {
  if (typeof key === "string") return `.get(${JSON.stringify(key)})`;
  if (typeof key === "number" || typeof key === "boolean" || key === null || key === undefined) {
    return `.get(${String(key)})`;
  }
  if (typeof key === "bigint") return `.get(${key}n)`;
  return `.<value of Map entry ${index}>`;
}

/**
 * What a caller's encoder hooks say of a part: a description when it cannot be encoded, null
 * when it can and holds nothing to look into (a shipped function), undefined: as by default.
 */
export type UnclonableJudge = (v: unknown) => string | null | undefined;

/** Walks `value` as the encoder does and returns the first part that cannot be encoded. */
export function locateUnclonable(value: unknown, judge?: UnclonableJudge): UnclonableLocation | null {
  const seen = new Set<object>();
  // An explicit stack (not recursion) so that deep values cannot overflow the call stack.
  const stack: Array<{ v: unknown; path: string }> = [{ v: value, path: "" }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    const verdict = judge?.(v);
    if (verdict === null) continue;
    const what = verdict ?? describeUnclonable(v);
    if (what !== null) return { what, path };
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    if (typeof (v as { [wireRef]?: unknown })[wireRef] === "function") continue;
    const children: Array<{ v: unknown; path: string }> = [];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) children.push({ v: v[i], path: `${path}[${i}]` });
    } else if (types.isMap(v)) {
      let i = 0;
      for (const [k, x] of v as Map<unknown, unknown>) {
        children.push({ v: k, path: `${path}.<key of Map entry ${i}>` });
        children.push({ v: x, path: `${path}${mapKeySegment(k, i)}` });
        i++;
      }
    } else if (types.isSet(v)) {
      let i = 0;
      for (const x of v as Set<unknown>) children.push({ v: x, path: `${path}.<Set element ${i++}>` });
    } else if (types.isNativeError(v) || v instanceof Error) {
      if (Object.hasOwn(v, "cause")) children.push({ v: (v as Error).cause, path: `${path}.cause` });
    } else if (
      types.isDate(v) ||
      types.isRegExp(v) ||
      types.isArrayBufferView(v) ||
      types.isArrayBuffer(v) ||
      types.isBoxedPrimitive(v)
    ) {
      continue;
    } else {
      for (const k of Object.keys(v)) children.push({ v: (v as Record<string, unknown>)[k], path: `${path}${keySegment(k)}` });
    }
    // Reversed, so that the first child is examined first.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return null;
}
