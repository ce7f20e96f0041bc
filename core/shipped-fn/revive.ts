/**
 * reviveFunction: the executor side of shipping. Called by task runners (worker threads and
 * executor processes) with a ShippedFn whose env values they have already decoded. Builds the
 * function with `new Function`: a factory whose parameters are the env keys plus the names
 * every shipped function may use (`require` from baseDir, the `import()` shim, `__name` and the
 * other transpiler helpers, `__dirname`, `module`, ...); functions from env are declared in
 * the factory's body so they see env and each other. Factories are compiled once per process
 * per (parameters, code); revived functions are cached under a caller-given key.
 * Errors the function throws pass through untouched (message and stack as thrown).
 */
import { createRequire } from "node:module";
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { resolveGlobalPath } from "./known-globals.js";
import { IMPORT_SHIM, METHOD_PICKER } from "./types.js";
import { TRANSPILER_HELPER_NAMES, transpilerHelpers } from "./transpiler-helpers.js";
import type { ReviveContext, ShippedFn, ShippedSourceFn } from "./types.js";

const FACTORY_CACHE_LIMIT = 2_000;
const REVIVED_CACHE_LIMIT = 1_000;

const factories = new Map<string, Function>();
const revived = new Map<string, Function>();
const bindingsByBaseDir = new Map<string, Map<string, unknown>>();

/** Picks the one method (or getter/setter) out of the object literal a method's source was wrapped in. */
function pickMethod(holder: object): unknown {
  const key = Reflect.ownKeys(holder)[0]!;
  const descriptor = Object.getOwnPropertyDescriptor(holder, key)!;
  return descriptor.value ?? descriptor.get ?? descriptor.set;
}

function isPathSpecifier(specifier: string): boolean {
  return specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../") ||
    isAbsolute(specifier);
}

function isBareSpecifier(specifier: string): boolean {
  return !isPathSpecifier(specifier) && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(specifier);
}

/** `import()` for shipped code: relative and absolute paths resolve from baseDir; bare names fall back to baseDir's node_modules. */
function makeImportShim(baseDir: string, require: NodeRequire) {
  return async (specifier: unknown, options?: ImportCallOptions): Promise<unknown> => {
    let target = specifier;
    if (typeof specifier === "string" && isPathSpecifier(specifier)) {
      target = pathToFileURL(resolve(baseDir, specifier)).href;
    }
    try {
      return await (options === undefined ? import(target as string) : import(target as string, options));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof specifier !== "string" || !isBareSpecifier(specifier) || code !== "ERR_MODULE_NOT_FOUND") throw error;
      let resolved: string;
      try {
        resolved = require.resolve(specifier);
      } catch {
        throw error;
      }
      const url = pathToFileURL(resolved).href;
      return options === undefined ? import(url) : import(url, options);
    }
  };
}

/** Values bound to the always-available names, per baseDir. */
function bindingsFor(baseDir: string): Map<string, unknown> {
  let bindings = bindingsByBaseDir.get(baseDir);
  if (bindings === undefined) {
    const require = createRequire(join(baseDir, "/"));
    const module = { exports: {} };
    bindings = new Map<string, unknown>([
      ["require", require],
      ["module", module],
      ["exports", module.exports],
      ["__dirname", baseDir],
      ["__filename", join(baseDir, "[shipped function]")],
      [IMPORT_SHIM, makeImportShim(baseDir, require)],
      [METHOD_PICKER, pickMethod],
    ]);
    for (const name of TRANSPILER_HELPER_NAMES) bindings.set(name, transpilerHelpers().get(name));
    bindingsByBaseDir.set(baseDir, bindings);
  }
  return bindings;
}

function remember(cache: Map<string, Function>, limit: number, key: string, value: Function): void {
  if (cache.size >= limit) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

function compileFactory(params: readonly string[], body: string): Function {
  const key = `${params.join(",")}\n${body}`;
  let factory = factories.get(key);
  if (factory === undefined) {
    factory = new Function(...params, body);
    remember(factories, FACTORY_CACHE_LIMIT, key, factory);
  }
  return factory;
}

function reviveSource(shipped: ShippedSourceFn, ctx: ReviveContext): Function {
  const params: string[] = [];
  const args: unknown[] = [];
  for (const key of Object.keys(shipped.env)) {
    params.push(key);
    args.push(shipped.env[key]);
  }
  let strict = shipped.strict;
  let declarations = "";
  for (const key of Object.keys(shipped.envFns)) {
    const inner = shipped.envFns[key]!;
    if (inner.kind === "global") {
      params.push(key);
      args.push(resolveGlobalPath(inner.path));
    } else {
      strict &&= inner.strict;
      declarations += `const ${key} = ${inner.source};\n`;
    }
  }
  for (const [name, value] of bindingsFor(ctx.baseDir)) {
    if (Object.hasOwn(shipped.env, name) || Object.hasOwn(shipped.envFns, name)) continue;
    params.push(name);
    args.push(value);
  }
  const body = `${strict ? '"use strict";\n' : ""}${declarations}return ${shipped.source};`;
  const fn = compileFactory(params, body)(...args) as Function;
  if (shipped.name !== "" && fn.name !== shipped.name) {
    Object.defineProperty(fn, "name", { value: shipped.name, configurable: true });
  }
  return fn;
}

/**
 * Turns a ShippedFn back into a function in this process. With `cacheKey` (which the caller
 * must make unique per shipped function and decoded env, e.g. a task's function id), the same
 * function object is handed back for later calls with that key.
 */
export function reviveFunction(shipped: ShippedFn, ctx: ReviveContext, cacheKey?: string): Function {
  if (cacheKey !== undefined) {
    const cached = revived.get(cacheKey);
    if (cached !== undefined) return cached;
  }
  const fn = shipped.kind === "global" ? resolveGlobalPath(shipped.path) : reviveSource(shipped, ctx);
  if (cacheKey !== undefined) remember(revived, REVIVED_CACHE_LIMIT, cacheKey, fn);
  return fn;
}
