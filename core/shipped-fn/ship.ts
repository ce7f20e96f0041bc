/**
 * shipFunction: the driver side of shipping a user function, called synchronously at the call
 * site (`rdd.map(fn, env)`; actions before any task runs) by the RDD API. Checks the optional
 * env object, ships a well-known global function (Number, Math.max) by its path, and any other
 * function as a ShippedClosure built by closure-builder.ts: the function with the values it
 * uses, found where it was written. Throws the errors the API contract words: INVALID_ARGUMENT
 * (not a function, a bad env), UNBOUND_IDENTIFIER, UNSERIALIZABLE.
 */
import { parse } from "acorn";

import { EngineError } from "../engine-error.js";
import { ClosureBuilder } from "./closure-builder.js";
import { globalPathOf } from "./known-globals.js";
import type { ShippedFn } from "./types.js";

const validKeys = new Map<string, boolean>();

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

/**
 * Ships `fn` with `env` for `operation` (the RDD method's name, used in messages). The values it
 * captures are taken now: later changes on the driver are not seen.
 */
export function shipFunction(fn: Function, env: Record<string, unknown> | undefined, operation: string): ShippedFn {
  if (typeof fn !== "function") {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: expected a function, got ${fn === null ? "null" : typeof fn}`);
  }
  const record = checkEnv(env, operation);
  const path = globalPathOf(fn);
  if (path !== undefined) return { kind: "global", path, label: path };
  return new ClosureBuilder(record, operation).build(fn);
}
