/**
 * What counts as a global for shipped functions. Questions asked by closure-builder.ts, ship.ts
 * and revive.ts:
 *  - is a name a global of the language (never looked up in the function's scopes), of Node or
 *    the language as they were when spate loaded (executors have it too), or one the user made
 *    (captured by value), or one of the REPL's shortcuts for a built-in module (`fs`)?
 *  - is a native function a well-known global (Number, Math.max, JSON.stringify, ...) that can
 *    travel as its dotted path, and which function does such a path name on an executor?
 * The path table is built once at module load by walking globalThis's own data properties
 * two levels deep (getters are never invoked).
 */
import { builtinModules } from "node:module";
import vm from "node:vm";

import { EngineError } from "../engine-error.js";
import { TRANSPILER_HELPER_NAMES } from "./transpiler-helpers.js";

/** Names that are not properties of globalThis in an ES module but exist in CommonJS or are always allowed. */
const EXTRA_GLOBALS: ReadonlySet<string> = new Set([
  "require",
  "module",
  "exports",
  "__filename",
  "__dirname",
  "arguments",
  "undefined",
  "NaN",
  "Infinity",
  "globalThis",
  "Buffer",
  "process",
  "console",
  ...TRANSPILER_HELPER_NAMES,
]);

/**
 * Node's REPL (and `node -e`) defines every built-in module as a lazy global (`fs`, `path`, ...).
 * Executors have no such globals: a function that uses one gets the module imported there.
 * `crypto`, `process`, `console` and `module` are real globals (or allowed) everywhere.
 */
const ALWAYS_GLOBAL_MODULE_NAMES: ReadonlySet<string> = new Set(["crypto", "process", "console", "module"]);
const BUILTIN_MODULES: ReadonlySet<string> = new Set(builtinModules);

/** The globals of the JavaScript language itself (those of a fresh vm context): Math, JSON, Array, ... */
const LANGUAGE_GLOBALS: ReadonlySet<string> = new Set([
  ...(vm.runInNewContext("Object.getOwnPropertyNames(globalThis)") as string[]),
  "undefined", "NaN", "Infinity", "globalThis",
]);

/** Node's and the language's globals, as they were when spate loaded: anything added later is the user's. */
const STANDARD_GLOBALS: ReadonlySet<string> = new Set([...LANGUAGE_GLOBALS, ...Object.getOwnPropertyNames(globalThis), ...EXTRA_GLOBALS]);

/** Whether a name is a global of the language itself, which no user code is expected to shadow. */
export function isLanguageGlobal(name: string): boolean {
  return LANGUAGE_GLOBALS.has(name);
}

/** Whether a global name is JavaScript's or Node's own (present on every executor), not one the user made. */
export function isStandardGlobal(name: string): boolean {
  return STANDARD_GLOBALS.has(name);
}

/** Whether `name` is one of the REPL's module shortcuts (`fs`, `path`, ...), which executors import. */
export function isReplModuleGlobal(name: string): boolean {
  if (!BUILTIN_MODULES.has(name) || ALWAYS_GLOBAL_MODULE_NAMES.has(name)) return false;
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
  return descriptor !== undefined && descriptor.get !== undefined;
}

/** Own data properties of `holder` whose values are functions or objects, without invoking getters. */
function dataProperties(holder: object): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const key of Object.getOwnPropertyNames(holder)) {
    const descriptor = Object.getOwnPropertyDescriptor(holder, key);
    if (descriptor === undefined || !("value" in descriptor)) continue;
    out.push([key, descriptor.value]);
  }
  return out;
}

function buildGlobalPaths(): Map<Function, string> {
  const paths = new Map<Function, string>();
  const level1 = dataProperties(globalThis);
  for (const [name, value] of level1) {
    if (typeof value === "function" && !paths.has(value)) paths.set(value, name);
  }
  for (const [name, value] of level1) {
    if (name === "globalThis" || name === "global" || name === "self") continue;
    if ((typeof value !== "object" && typeof value !== "function") || value === null) continue;
    for (const [key, member] of dataProperties(value)) {
      if (typeof member === "function" && !paths.has(member)) paths.set(member, `${name}.${key}`);
    }
  }
  return paths;
}

const GLOBAL_PATHS: Map<Function, string> = buildGlobalPaths();

/** The dotted path of a well-known global function ("Number", "Math.max"), or undefined. */
export function globalPathOf(fn: Function): string | undefined {
  return GLOBAL_PATHS.get(fn);
}

/** The function a global path names in this process; UNSERIALIZABLE when there is none. */
export function resolveGlobalPath(path: string): Function {
  let value: unknown = globalThis;
  for (const part of path.split(".")) {
    if ((typeof value !== "object" && typeof value !== "function") || value === null) {
      value = undefined;
      break;
    }
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value !== "function") {
    throw new EngineError(
      "UNSERIALIZABLE",
      `the shipped global function '${path}' does not exist on this executor; pass an arrow function instead`,
    );
  }
  return value;
}
