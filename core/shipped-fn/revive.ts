/**
 * reviveFunction: the executor side of shipping (and the driver's, for its own final merges).
 * Rebuilds a ShippedClosure in this thread: its modules (loaded beforehand by prepareShipped),
 * its user functions and classes, compiled with vm.compileFunction so that a stack trace through
 * them names the user's file and the line and column the code was written at, and its captured
 * data, decoded with the closure's functions and classes in place. Each entry's captured names
 * are `var`s of its own factory, set once every function exists, so helpers may call each other
 * (cycles included); classes are made after their superclasses, and keep their identity in this
 * thread across plans (class-registry.ts), as cloudpickle tracks classes by id.
 *
 * The call's env wins over every entry's captures of the same names. Names every shipped
 * function may use are bound too: `require` and `import()` from the function's directory (or
 * Context.create({ baseDir })), `__dirname`, `module`, and the transpiler helpers.
 */
import path from "node:path";
import vm from "node:vm";

import { EngineError } from "../engine-error.js";
import { classById, placeholderIdOf, registerClass } from "../wire/class-registry.js";
import { decodeValue } from "../wire/value-codec.js";
import { resolveGlobalPath } from "./known-globals.js";
import { enableTypeScript, importFrom, isTypeScriptFile, loadModule, moduleValue, requireFrom } from "./module-loader.js";
import { wrapExpression } from "./source-form.js";
import { TRANSPILER_HELPER_NAMES, transpilerHelpers } from "./transpiler-helpers.js";
import { IMPORT_SHIM, METHOD_PICKER } from "./types.js";
import type { Capture, ReviveContext, ShippedClosure, ShippedEntry, ShippedFn } from "./types.js";

const FACTORY_CACHE_LIMIT = 2_000;
const REVIVED_CACHE_LIMIT = 1_000;
const VALUES = "__spate_values__";

interface Factory {
  set(values: Record<string, unknown>): void;
  make(): Function;
}

const factories = new Map<string, Function>();
const revived = new Map<string, Function>();
const bindingsByDir = new Map<string, Map<string, unknown>>();
/** The capture setter of each class revived in this thread, so a later plan refreshes its captures. */
const classSetters = new WeakMap<Function, (values: Record<string, unknown>) => void>();

/** Picks the one method (or getter/setter) out of the object literal a method's source was wrapped in. */
function pickMethod(holder: object): unknown {
  const key = Reflect.ownKeys(holder)[0]!;
  const descriptor = Object.getOwnPropertyDescriptor(holder, key)!;
  return descriptor.value ?? descriptor.get ?? descriptor.set;
}

/** Values bound to the always-available names, per directory. */
function bindingsFor(dir: string): Map<string, unknown> {
  let bindings = bindingsByDir.get(dir);
  if (bindings === undefined) {
    const module = { exports: {} };
    bindings = new Map<string, unknown>([
      ["require", requireFrom(dir)],
      ["module", module],
      ["exports", module.exports],
      ["__dirname", dir],
      ["__filename", path.join(dir, "[shipped function]")],
      [IMPORT_SHIM, importFrom(dir)],
      [METHOD_PICKER, pickMethod],
    ]);
    for (const name of TRANSPILER_HELPER_NAMES) bindings.set(name, transpilerHelpers().get(name));
    bindingsByDir.set(dir, bindings);
  }
  return bindings;
}

function remember(cache: Map<string, Function>, limit: number, key: string, value: Function): void {
  if (cache.size >= limit) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

/**
 * The factory of one entry: a function of the always-bound names returning { set, make }. The
 * body places the entry's source at the line and column it was written at in `origin.url`.
 */
function factoryOf(entry: ShippedEntry, names: readonly string[], params: readonly string[]): Function {
  const origin = entry.origin;
  const column = origin?.column ?? 0;
  const setter = names.map((n) => `${n}=${VALUES}.${n};`).join("");
  const head = `${entry.strict ? '"use strict";' : ""}return{set(${VALUES}){${setter}},make(){return `;
  const body = `${head}${wrapExpression(entry.source, entry.wrap, column)}}};${names.length > 0 ? `var ${names.join(",")};` : ""}`;
  const filename = origin?.url || `spate-shipped:${entry.name || "anonymous"}`;
  const lineOffset = origin === null ? 0 : origin.line - 1;
  const key = `${filename}\u0000${lineOffset}\u0000${params.join(",")}\u0000${body}`;
  let factory = factories.get(key);
  if (factory === undefined) {
    factory = vm.compileFunction(body, [...params], { filename, lineOffset });
    remember(factories, FACTORY_CACHE_LIMIT, key, factory);
  }
  return factory;
}

/** The order classes are made in: each after the classes it extends or captures (cycles broken). */
function classOrder(closure: ShippedClosure, env: Record<string, Capture>): number[] {
  const order: number[] = [];
  const state = new Map<number, "visiting" | "done">();
  const visit = (i: number): void => {
    if (state.has(i)) return;
    state.set(i, "visiting");
    const entry = closure.entries[i]!;
    const deps = [entry.heritage, ...Object.values({ ...entry.captures, ...env }).map((c) => (c.kind === "fn" ? c.entry : -1))];
    for (const d of deps) if (d >= 0 && closure.entries[d]?.kind === "class") visit(d);
    state.set(i, "done");
    order.push(i);
  };
  closure.entries.forEach((e, i) => {
    if (e.kind === "class") visit(i);
  });
  return order;
}

function reviveClosure(closure: ShippedClosure, ctx: ReviveContext): Function {
  const { entries, env } = closure;
  const made: Array<Function | undefined> = new Array(entries.length);
  const factoriesOf: Array<Factory | undefined> = new Array(entries.length);
  let data: unknown[] | undefined;
  const instances: Array<{ obj: object; id: string }> = [];

  const namesOf = (entry: ShippedEntry): Record<string, Capture> => ({ ...entry.captures, ...env });
  const factory = (i: number): Factory => {
    let f = factoriesOf[i];
    if (f === undefined) {
      const entry = entries[i]!;
      const names = Object.keys(namesOf(entry));
      const dir = ctx.baseDir !== "" ? ctx.baseDir : (entry.origin?.dir ?? process.cwd());
      if (entry.origin !== null && isTypeScriptFile(entry.origin.url)) enableTypeScript();
      const bindings = bindingsFor(dir);
      const params: string[] = [];
      const args: unknown[] = [];
      for (const [name, value] of bindings) {
        if (names.includes(name)) continue;
        params.push(name);
        args.push(value);
      }
      f = factoryOf(entry, names, params)(...args) as Factory;
      factoriesOf[i] = f;
    }
    return f;
  };
  const valueOf = (c: Capture): unknown => {
    switch (c.kind) {
      case "data":
        return data?.[c.index];
      case "fn":
        return made[c.entry];
      case "module":
        return moduleValue(closure.modules[c.module]!);
      case "global":
        return resolveGlobalPath(c.path);
    }
  };
  const valuesFor = (entry: ShippedEntry): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [name, c] of Object.entries(namesOf(entry))) out[name] = valueOf(c);
    return out;
  };

  // 1. Functions exist before anything runs (their captures are set last).
  entries.forEach((entry, i) => {
    if (entry.kind === "function") made[i] = factory(i).make();
  });
  // 2. Captured data, with its functions; instances get their class's prototype once classes exist.
  data = decodeValue(closure.data, {
    ...(ctx.resolveRef === undefined ? {} : { resolveRef: ctx.resolveRef }),
    resolveFn: (i) => {
      if (entries[i] === undefined) throw new EngineError("CORRUPT_DATA", `shipped function: a reference to function #${i} of ${entries.length}`);
      return made[i];
    },
    resolveClass: (id) => {
      const known = classById(id);
      return known === undefined ? undefined : (known.prototype as object);
    },
  }) as unknown[];
  if (!Array.isArray(data)) throw new EngineError("CORRUPT_DATA", "shipped function: its captured data is not a list");
  collectPlaceholders(data, instances);
  // 3. Classes, superclasses first; a class this thread already has keeps its identity, with fresh captures.
  for (const i of classOrder(closure, env)) {
    const entry = entries[i]!;
    const existing = entry.classId === "" ? undefined : classById(entry.classId);
    if (existing !== undefined) {
      classSetters.get(existing)?.(valuesFor(entry));
      made[i] = existing;
      continue;
    }
    const f = factory(i);
    f.set(valuesFor(entry));
    const cls = f.make();
    made[i] = cls;
    classSetters.set(cls, (values) => f.set(values));
    if (entry.classId !== "") registerClass(entry.classId, cls);
  }
  for (const { obj, id } of instances) {
    const cls = classById(id);
    if (cls !== undefined) Object.setPrototypeOf(obj, cls.prototype as object);
  }
  // 4. Every function's captures, now that everything they name exists.
  entries.forEach((entry, i) => {
    if (entry.kind === "function") factory(i).set(valuesFor(entry));
  });
  const root = made[closure.root];
  if (typeof root !== "function") throw new EngineError("CORRUPT_DATA", `shipped function: its root #${closure.root} is not a function`);
  return root;
}

/** Instances decoded before their class existed here carry a placeholder prototype: find them. */
function collectPlaceholders(data: unknown[], out: Array<{ obj: object; id: string }>): void {
  const seen = new Set<object>();
  const stack: unknown[] = [...data];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || seen.has(v) || ArrayBuffer.isView(v)) continue;
    seen.add(v);
    const id = placeholderIdOf(v);
    if (id !== undefined) out.push({ obj: v, id });
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (v instanceof Set) for (const x of v) stack.push(x);
    else for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
}

/** Loads the modules a shipped function imports (needed before reviveFunction). */
export async function prepareShipped(shipped: ShippedFn): Promise<void> {
  if (shipped.kind !== "closure") return;
  await Promise.all(shipped.modules.map((m) => loadModule(m)));
}

/**
 * Turns a ShippedFn back into a function in this thread (prepareShipped must have run). With
 * `cacheKey` (unique per shipped function and decoded plan), the same function object is handed
 * back for later calls with that key.
 */
export function reviveFunction(shipped: ShippedFn, ctx: ReviveContext, cacheKey?: string): Function {
  if (cacheKey !== undefined) {
    const cached = revived.get(cacheKey);
    if (cached !== undefined) return cached;
  }
  const fn = shipped.kind === "global" ? resolveGlobalPath(shipped.path) : reviveClosure(shipped, ctx);
  if (cacheKey !== undefined) remember(revived, REVIVED_CACHE_LIMIT, cacheKey, fn);
  return fn;
}
