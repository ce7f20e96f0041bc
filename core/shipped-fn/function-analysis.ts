/**
 * The analysis of a function's source (source-form.ts), cached per function object and per
 * source text, since the same arrow is shipped thousands of times; and the UNSERIALIZABLE error
 * for a function whose source cannot stand alone. Called by closure-builder.ts and ship.ts.
 */
import { EngineError } from "../engine-error.js";
import { analyzeSource, type AnalyzedSource, type Problem } from "./source-form.js";

const SOURCE_CACHE_LIMIT = 10_000;
const LABEL_LENGTH = 500;

const bySource = new Map<string, AnalyzedSource | Problem>();
const byFunction = new WeakMap<Function, { source: string; analysis: AnalyzedSource | Problem }>();

export function isNativeSource(source: string): boolean {
  return source.endsWith("{ [native code] }");
}

/** The source of `fn` and what it parses to (cached). */
export function analysisOf(fn: Function): { source: string; analysis: AnalyzedSource | Problem } {
  const known = byFunction.get(fn);
  if (known !== undefined) return known;
  const source = Function.prototype.toString.call(fn);
  let analysis = bySource.get(source);
  if (analysis === undefined) {
    analysis = isNativeSource(source) ? { ok: false, reason: "" } : analyzeSource(source);
    if (bySource.size >= SOURCE_CACHE_LIMIT) bySource.clear();
    bySource.set(source, analysis);
  }
  const entry = { source, analysis };
  byFunction.set(fn, entry);
  return entry;
}

/** UNSERIALIZABLE for a function of the call (`subject`) that cannot be shipped, and why. */
export function unshippable(fn: Function, subject: string, reason: string, operation: string): EngineError {
  const source = Function.prototype.toString.call(fn);
  let why = reason;
  if (isNativeSource(source)) {
    why = fn.name.startsWith("bound ")
      ? `it is a bound function (${fn.name}), whose source is not available. Pass an arrow function that calls it instead, e.g. rdd.${operation}((x) => obj.method(x))`
      : `it is native code (${fn.name || "anonymous"}), whose source is not available. Pass an arrow function instead, e.g. rdd.${operation}((x) => ...)`;
  }
  return new EngineError("UNSERIALIZABLE", `${operation}: ${subject} cannot be shipped to executors: ${why}`, {
    fnSource: source.length <= LABEL_LENGTH ? source : `${source.slice(0, LABEL_LENGTH)}…`,
  });
}
