/**
 * How `saveAsTextFile` writes one element as one line of text (executor side).
 *
 * - a string is written as it is (a string holding "\n" therefore spans several lines, as in
 *   Spark);
 * - every other value is written as JSON, with the structured-clone types JSON lacks mapped so
 *   that nothing is lost silently:
 *   bigint -> its digits, also nested (`[1n, "a"]` -> `[1,"a"]`, `12n` -> `12`);
 *   Map -> array of [key, value] entries; Set -> array of its values;
 *   typed arrays -> arrays of their elements (BigInt64Array elements as digits);
 *   ArrayBuffer / DataView -> arrays of their bytes;
 *   boxed primitives -> their primitive; objects with toJSON (Date included) -> what toJSON
 *   returns, as JSON.stringify does (an invalid Date -> null);
 *   NaN, Infinity, -Infinity -> null (also at top level), as JSON does;
 *   undefined, functions and symbols -> null inside arrays, left out inside objects (as JSON);
 * - at top level, where JSON has no text for them: undefined -> "undefined", a function or symbol
 *   -> String(value). (PySpark writes str(x); Scala Spark writes toString. spate writes JSON for
 *   structured values because JavaScript's String(x) gives "[object Object]" and "1,a".)
 * A value that contains itself (a cycle) cannot be written: EngineError UNSERIALIZABLE.
 *
 * Called by text-sink.ts's part-file writers; hands on one string per element, without "\n".
 */
import { EngineError } from "../engine-error.js";

/** The text line saveAsTextFile writes for `value` (without its "\n"). */
export function formatTextLine(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "undefined";
  if (typeof value === "function" || typeof value === "symbol") return String(value);
  return toJson(value, "", []) ?? "undefined";
}

function numberJson(n: number): string {
  return Number.isFinite(n) ? String(n) : "null";
}

function isBoxed(value: object): value is Number | String | Boolean | BigInt {
  return value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt;
}

/** JSON text for `value`, or undefined where JSON.stringify would skip it. */
function toJson(value: unknown, key: string, ancestors: object[]): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return numberJson(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  const obj = value as object;
  if (typeof (obj as { toJSON?: unknown }).toJSON === "function") {
    return toJson((obj as { toJSON(key: string): unknown }).toJSON(key), key, ancestors);
  }
  if (isBoxed(obj)) return toJson(obj.valueOf(), key, ancestors);
  if (ancestors.includes(obj)) {
    throw new EngineError(
      "UNSERIALIZABLE",
      "saveAsTextFile: an element contains itself (a cycle) and cannot be written as a line of text; map it to a string first.",
    );
  }
  ancestors.push(obj);
  try {
    return structuredJson(obj, ancestors);
  } finally {
    ancestors.pop();
  }
}

function arrayJson(items: Iterable<unknown>, ancestors: object[]): string {
  const parts: string[] = [];
  let i = 0;
  for (const item of items) {
    parts.push(toJson(item, String(i), ancestors) ?? "null");
    i++;
  }
  return `[${parts.join(",")}]`;
}

function structuredJson(obj: object, ancestors: object[]): string {
  if (Array.isArray(obj)) {
    // Holes count as undefined (-> null), as JSON does; Array.from visits them.
    return arrayJson(Array.from(obj as unknown[]), ancestors);
  }
  if (obj instanceof Map) {
    const parts: string[] = [];
    for (const [k, v] of obj) {
      parts.push(`[${toJson(k, "0", ancestors) ?? "null"},${toJson(v, "1", ancestors) ?? "null"}]`);
    }
    return `[${parts.join(",")}]`;
  }
  if (obj instanceof Set) return arrayJson(obj, ancestors);
  if (ArrayBuffer.isView(obj)) {
    if (obj instanceof DataView) return arrayJson(new Uint8Array(obj.buffer, obj.byteOffset, obj.byteLength), ancestors);
    return arrayJson(obj as unknown as Iterable<unknown>, ancestors);
  }
  if (obj instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && obj instanceof SharedArrayBuffer)) {
    return arrayJson(new Uint8Array(obj), ancestors);
  }
  const parts: string[] = [];
  for (const k of Object.keys(obj)) {
    const v = toJson((obj as Record<string, unknown>)[k], k, ancestors);
    if (v !== undefined) parts.push(`${JSON.stringify(k)}:${v}`);
  }
  return `{${parts.join(",")}}`;
}
