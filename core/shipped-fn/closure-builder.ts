/**
 * ClosureBuilder: the driver side of capture (docs/api.md, "Shipping functions"). Starting from the
 * function a call was given, finds every name it uses that is neither its own, a global nor in
 * env, reads each one's value where the function was written (scope-reader.ts), and decides how
 * it crosses: an import as a module reference (script-bindings.ts), a user function or class as
 * source with its own captures (recursively; each once, so cycles and shared helpers are fine),
 * a well-known global function by path, anything else as data, encoded once for the whole
 * closure with the value codec (whose hooks reach the functions and class instances inside).
 * What cannot cross, or a name bound nowhere, is an EngineError here, at the call (capture-errors.ts).
 *
 * One builder per call (ship.ts); hands back a ShippedClosure (types.ts) for revive.ts.
 */
import { createHash } from "node:crypto";

import { classIdOf, registerClass } from "../wire/class-registry.js";
import { encodeValueWith, Unclonable } from "../wire/value-codec.js";
import { dataError, quoted, Refused, refusal, type Subject, unboundError } from "./capture-errors.js";
import { builtinModuleOf, foreignInstance, valueKind } from "./captured-value.js";
import { filePathOf, lazyOrigin, locationOf, originAt, rememberLocation } from "./code-origin.js";
import { analysisOf, unshippable } from "./function-analysis.js";
import { isLanguageGlobal, isReplModuleGlobal, isStandardGlobal } from "./known-globals.js";
import { rememberClass } from "./remembered-classes.js";
import { type ModuleBinding, type NameResolution, replModuleBinding, resolveNames } from "./script-bindings.js";
import { textPosition } from "./script-index.js";
import { type FunctionLocation, type ScopeRead, ScopeReader } from "./scope-reader.js";
import { TRANSPILER_HELPER_NAMES } from "./transpiler-helpers.js";
import { type Capture, holdRefs, IMPORT_SHIM, METHOD_PICKER, type ModuleRef, type ShippedClosure, type ShippedEntry } from "./types.js";

/** Names every shipped function has on executors, never looked up on the driver. */
const BOUND_ON_EXECUTORS: ReadonlySet<string> = new Set(["require", "module", "exports", "arguments", IMPORT_SHIM, METHOD_PICKER, ...TRANSPILER_HELPER_NAMES]);
/** Names executors bind when the driver has no value for them (ES modules have no __dirname). */
const DEFAULTED_ON_EXECUTORS: ReadonlySet<string> = new Set(["__dirname", "__filename"]);

const LABEL_LENGTH = 500;

export function labelOf(source: string): string {
  return source.length <= LABEL_LENGTH ? source : `${source.slice(0, LABEL_LENGTH)}…`;
}

export class ClosureBuilder {
  private readonly entries: ShippedEntry[] = [];
  private readonly entryOf = new Map<Function, number>();
  private readonly data: unknown[] = [];
  private readonly dataUsers: Subject[] = [];
  private readonly modules: ModuleRef[] = [];
  private readonly moduleOf = new Map<string, number>();
  private readonly envKeys: ReadonlySet<string>;
  private readonly scopes = new ScopeReader();
  /** the Broadcasts and Accumulators the captured data refers to */
  private readonly refs = new Set<object>();

  constructor(private readonly env: Record<string, unknown>, private readonly operation: string) {
    this.envKeys = new Set(Object.keys(env));
  }

  /** Ships `fn` (the call's function) with everything it reaches and the call's env. */
  build(fn: Function): ShippedClosure {
    try {
      const root = this.visit(fn, "the function");
      const env: Record<string, Capture> = {};
      for (const key of this.envKeys) {
        env[key] = this.capture(this.env[key], { text: "env", name: `env.${key}` }, "env");
      }
      const data = this.encodeData();
      const closure: ShippedClosure = { kind: "closure", root, entries: this.entries, modules: this.modules, data, env, label: labelOf(Function.prototype.toString.call(fn)) };
      return holdRefs(closure, this.refs);
    } finally {
      this.scopes.release();
    }
  }

  /** Adds `fn` (a user function or class) to the table, with its captures; returns its entry. */
  private visit(fn: Function, subject: string): number {
    const known = this.entryOf.get(fn);
    if (known !== undefined) return known;
    const { source, analysis } = analysisOf(fn);
    if (!analysis.ok) throw unshippable(fn, subject, analysis.reason, this.operation);
    const id = this.entries.length;
    this.entryOf.set(fn, id);
    const entry: ShippedEntry = {
      kind: analysis.isClass ? "class" : "function", source: analysis.body, wrap: analysis.wrap, strict: analysis.strict,
      name: fn.name, captures: {}, origin: null, classId: "", heritage: -1,
    };
    this.entries.push(entry);

    const names = analysis.freeNames.filter((n) => !this.envKeys.has(n) && !BOUND_ON_EXECUTORS.has(n));
    const lookedUp = names.filter((n) => !isLanguageGlobal(n));
    let read: ScopeRead | undefined;
    let loc: FunctionLocation | null;
    if (lookedUp.length > 0) {
      read = this.scopes.read(fn, lookedUp);
      rememberLocation(fn, read.location);
      loc = read.location ?? null;
    } else {
      loc = locationOf(fn);
    }
    if (lookedUp.length === 0 && entry.kind === "function" && analysis.loadsOnlyBuiltins) {
      // Nothing of its script matters to it: where it was written is named on the driver only if it fails.
      entry.origin = lazyOrigin(loc, source);
    } else {
      entry.origin = originAt(loc);
      if (entry.origin !== null && loc !== null) {
        const start = textPosition(loc, source);
        if (start !== undefined) Object.assign(entry.origin, start);
      }
    }

    let resolved: Map<string, NameResolution> | undefined | null = null;
    const resolution = (name: string): NameResolution | undefined => {
      if (resolved === null) resolved = loc === null ? undefined : resolveNames(loc, source, lookedUp);
      return resolved?.get(name);
    };
    const who = (name: string): Subject => ({ text: subject, name });
    const unbound: string[] = [];
    for (const name of lookedUp) {
      const found = read?.found.get(name);
      if (found !== undefined) {
        const binding = found.scope === "script" ? replModuleBinding(name) : resolution(name)?.module;
        if (binding !== undefined) {
          entry.captures[name] = this.moduleCapture(binding, found.scope === "script" ? "" : (resolution(name)?.file ?? ""));
        } else {
          entry.captures[name] = this.capture(found.value, who(name), subject);
        }
        continue;
      }
      const global = this.globalCapture(name, who(name), subject);
      if (global === "unbound") unbound.push(name);
      else if (global !== undefined) entry.captures[name] = global;
    }
    if (unbound.length > 0) throw unboundError(this.operation, unbound, subject);
    if (entry.kind === "class") this.describeClass(fn, entry);
    return id;
  }

  /** A name found in no scope of the function: a global (standard, the REPL's, the user's), "unbound", or undefined (executors have it). */
  private globalCapture(name: string, who: Subject, subject: string): Capture | "unbound" | undefined {
    if (isReplModuleGlobal(name)) return this.moduleCapture({ specifier: `node:${name}`, form: "require" }, "");
    if (name in globalThis) {
      if (isStandardGlobal(name)) return undefined;
      const binding = replModuleBinding(name);
      if (binding !== undefined) return this.moduleCapture(binding, "");
      return this.capture((globalThis as Record<string, unknown>)[name], who, subject);
    }
    if (DEFAULTED_ON_EXECUTORS.has(name)) return undefined;
    return "unbound";
  }

  private moduleCapture(binding: ModuleBinding, file: string): Capture {
    const from = filePathOf(file) ?? `${process.cwd()}/`;
    const ref: ModuleRef = {
      specifier: binding.specifier, from: binding.specifier.startsWith("node:") ? "" : from, form: binding.form,
      member: binding.member ?? "", nodeMode: binding.nodeMode ?? false,
    };
    const key = JSON.stringify(ref);
    let index = this.moduleOf.get(key);
    if (index === undefined) {
      index = this.modules.length;
      this.modules.push(ref);
      this.moduleOf.set(key, index);
    }
    return { kind: "module", module: index };
  }

  /** How one captured value crosses. */
  private capture(value: unknown, who: Subject, subject: string): Capture {
    const kind = valueKind(value);
    switch (kind.kind) {
      case "global":
        return { kind: "global", path: kind.path };
      case "userFunction":
      case "userClass":
        return { kind: "fn", entry: this.visit(value as Function, `the ${kind.kind === "userClass" ? "class" : "function"} ${quoted(who.name)} (used by ${subject})`) };
      case "builtinModule":
        return this.moduleCapture({ specifier: kind.specifier, form: "require" }, "");
      case "refused":
        throw refusal(this.operation, who, kind.what, kind.advice, "");
      case "data":
        this.data.push(value);
        this.dataUsers.push(who);
        return { kind: "data", index: this.data.length - 1 };
    }
  }

  /** A class's id (the same in every process) and superclass entry; registers it on the driver. */
  private describeClass(cls: Function, entry: ShippedEntry): void {
    let id = classIdOf(cls);
    if (id === undefined) {
      const where = entry.origin === null ? "" : `${entry.origin.url}:${entry.origin.line}:${entry.origin.column}`;
      id = `${cls.name || "class"}:${createHash("sha256").update(where).update("\n").update(entry.source).digest("hex").slice(0, 20)}`;
      registerClass(id, cls);
      rememberClass(id, cls);
    }
    entry.classId = id;
    const parent = Object.getPrototypeOf(cls) as unknown;
    if (typeof parent === "function") entry.heritage = this.entryOf.get(parent) ?? -1;
  }

  /** Encodes every captured value at once; functions and class instances inside them join the table. */
  private encodeData(): Uint8Array {
    const hooks = {
      fn: (f: Function): number => this.dataFunction(f),
      instance: (o: object): string | undefined => this.dataInstance(o),
      ref: (o: object): void => void this.refs.add(o),
    };
    for (;;) {
      const entriesBefore = this.entries.length;
      let bytes: Uint8Array;
      try {
        bytes = encodeValueWith(this.data, hooks);
      } catch (e) {
        if (e instanceof Unclonable) throw dataError(this.operation, e, this.data, this.dataUsers);
        throw e;
      }
      // Functions first met inside the data were added (with their own captures) while it was
      // written: write it again, with them.
      if (this.entries.length === entriesBefore) return bytes;
    }
  }

  private dataFunction(f: Function): number {
    const kind = valueKind(f);
    if (kind.kind === "userFunction" || kind.kind === "userClass") return this.visit(f, `the function '${f.name || "anonymous"}' (held in captured data)`);
    if (kind.kind === "global") return this.globalEntry(f, kind.path);
    if (kind.kind === "refused") throw new Refused(kind.what, kind.advice);
    throw new Refused(`a function (${f.name})`, "pass it by name instead");
  }

  /** A well-known global function inside data: an entry whose source is its path. */
  private globalEntry(f: Function, path: string): number {
    const known = this.entryOf.get(f);
    if (known !== undefined) return known;
    this.entryOf.set(f, this.entries.length);
    this.entries.push({ kind: "function", source: path, wrap: "expression", strict: true, name: f.name, captures: {}, origin: null, classId: "", heritage: -1 });
    return this.entries.length - 1;
  }

  private dataInstance(o: object): string | undefined {
    if (builtinModuleOf(o) !== undefined) throw new Refused("a built-in module", "import it at the top of the file where the function is written and use it there");
    const foreign = foreignInstance(o);
    if (foreign !== undefined) {
      if (foreign.kind === "refused") throw new Refused(foreign.what, foreign.advice);
      return undefined;
    }
    const ctor = (Object.getPrototypeOf(o) as { constructor: Function }).constructor;
    const entry = this.visit(ctor, `the class '${ctor.name}' (of a captured instance)`);
    return this.entries[entry]!.classId;
  }
}
