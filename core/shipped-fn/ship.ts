/**
 * shipFunction: the driver side of shipping a user function. Called synchronously at the
 * call site (`rdd.map(fn, env)`, actions before any task runs) by the RDD API. Checks that
 * every free identifier of the function (and of every function in env) is a parameter, a
 * local, a JS/Node global, a transpiler helper or a key of env, and throws the
 * UNBOUND_IDENTIFIER error the API contract words otherwise. Hands back a ShippedFn (types.ts)
 * whose env values the caller encodes; revive.ts turns it back into a function on executors.
 * Analysis is cached per function object and per source text: the same arrow is shipped
 * thousands of times.
 */
import { parse } from "acorn";

import { EngineError } from "../engine-error.js";
import { globalPathOf, isAllowedGlobal, isReplModuleGlobal } from "./known-globals.js";
import { analyzeSource, type AnalyzedSource, type Problem } from "./source-form.js";
import type { ShippedFn, ShippedSourceFn } from "./types.js";

const LABEL_LENGTH = 500;
const SOURCE_CACHE_LIMIT = 10_000;

const bySource = new Map<string, AnalyzedSource | Problem>();
const byFunction = new WeakMap<Function, { source: string; analysis: AnalyzedSource | Problem }>();
const validKeys = new Map<string, boolean>();

/** A short readable form of a source for error messages. */
function labelOf(source: string): string {
  return source.length <= LABEL_LENGTH ? source : `${source.slice(0, LABEL_LENGTH)}…`;
}

function isNativeSource(source: string): boolean {
  return source.endsWith("{ [native code] }");
}

function analysisOf(fn: Function): { source: string; analysis: AnalyzedSource | Problem } {
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

/** "'a'", "'a' and 'b'", "'a', 'b' and 'c'" */
function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

function unboundError(subject: string, missing: readonly string[], operation: string): EngineError {
  const one = missing.length === 1;
  return new EngineError(
    "UNBOUND_IDENTIFIER",
    `${operation}: ${subject} uses ${quotedList(missing)}, which ${one ? "is" : "are"} not in env. ` +
      `Pass ${one ? "it" : "them"}: rdd.${operation}(fn, { ${missing.join(", ")} })`,
  );
}

function checkFreeNames(analysis: AnalyzedSource, env: Record<string, unknown>, subject: string, operation: string): void {
  const missing: string[] = [];
  const replModules: string[] = [];
  for (const name of analysis.freeNames) {
    if (Object.hasOwn(env, name)) continue;
    if (isReplModuleGlobal(name)) replModules.push(name);
    else if (!isAllowedGlobal(name)) missing.push(name);
  }
  if (missing.length > 0) throw unboundError(subject, missing, operation);
  if (replModules.length > 0) {
    const name = replModules[0]!;
    throw new EngineError(
      "UNBOUND_IDENTIFIER",
      `${operation}: ${subject} uses '${name}', a REPL shortcut for a Node module that executors do not have. ` +
        `Use require("node:${name}") inside the function instead`,
    );
  }
}

/** Whether `key` can be bound as a strict-mode parameter name (checked with acorn, cached). */
function isValidBindingName(key: string): boolean {
  let valid = validKeys.get(key);
  if (valid === undefined) {
    valid = false;
    try {
      const program = parse(`"use strict";(function(${key}){})`, { ecmaVersion: "latest", sourceType: "script" });
      const statement = program.body[1];
      if (program.body.length === 2 && statement?.type === "ExpressionStatement") {
        const fn = statement.expression;
        valid = fn.type === "FunctionExpression" && fn.params.length === 1 &&
          fn.params[0]!.type === "Identifier" && fn.params[0]!.name === key;
      }
    } catch {
      valid = false;
    }
    validKeys.set(key, valid);
  }
  return valid;
}

function checkEnv(env: unknown, operation: string): Record<string, unknown> {
  if (env === undefined) return {};
  const proto = typeof env === "object" && env !== null ? Object.getPrototypeOf(env) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    const what = Array.isArray(env) ? "an array" : env === null ? "null" : typeof env === "object" ? "a class instance" : typeof env;
    throw new EngineError(
      "INVALID_ARGUMENT",
      `${operation}: env must be a plain object naming the values the function uses, e.g. rdd.${operation}(fn, { k }); got ${what}`,
    );
  }
  const record = env as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!isValidBindingName(key)) {
      throw new EngineError(
        "INVALID_ARGUMENT",
        `${operation}: env key '${key}' is not a valid JavaScript variable name, so no function can use it`,
      );
    }
  }
  return record;
}

function unshippable(fn: Function, subject: string, reason: string, operation: string): EngineError {
  return new EngineError("UNSERIALIZABLE", `${operation}: ${subject} cannot be shipped to executors: ${reason}`, {
    fnSource: labelOf(Function.prototype.toString.call(fn)),
  });
}

function shipOne(
  fn: Function,
  env: Record<string, unknown>,
  subject: string,
  operation: string,
): ShippedFn {
  const path = globalPathOf(fn);
  if (path !== undefined) return { kind: "global", path, label: path };
  const { source, analysis } = analysisOf(fn);
  if (!analysis.ok) {
    if (isNativeSource(source)) {
      const what = fn.name.startsWith("bound ") ? "it is a bound function" : `it is native code (${fn.name || "anonymous"})`;
      throw unshippable(fn, subject, `${what}, whose source is not available. Pass an arrow function instead, e.g. rdd.${operation}((x) => ..., { ... })`, operation);
    }
    throw unshippable(fn, subject, analysis.reason, operation);
  }
  checkFreeNames(analysis, env, subject, operation);
  return {
    kind: "source",
    source: analysis.expression,
    strict: analysis.strict,
    name: fn.name,
    env: {},
    envFns: {},
    label: labelOf(source),
  };
}

/**
 * Ships `fn` with `env` for `operation` (the RDD method's name, used in messages). Throws
 * EngineError INVALID_ARGUMENT (fn not a function, env not a plain object), UNSERIALIZABLE
 * (native or bound function, source that cannot stand alone) or UNBOUND_IDENTIFIER.
 */
export function shipFunction(fn: Function, env: Record<string, unknown> | undefined, operation: string): ShippedFn {
  if (typeof fn !== "function") {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: expected a function, got ${fn === null ? "null" : typeof fn}`);
  }
  const record = checkEnv(env, operation);
  const top = shipOne(fn, record, "the function", operation);
  if (top.kind === "global") return top;
  const values: Record<string, unknown> = {};
  const envFns: Record<string, ShippedFn> = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (typeof value === "function") envFns[key] = shipOne(value, record, `the function '${key}' in env`, operation);
    else values[key] = value;
  }
  const shipped: ShippedSourceFn = { ...top, env: values, envFns };
  return shipped;
}
