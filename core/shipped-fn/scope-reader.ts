/**
 * Reads, for one function, where it was written ([[FunctionLocation]]) and the current values of
 * the names it uses from the scopes it closes over ([[Scopes]]: closures, block, module and REPL
 * script scopes, innermost first; the global scope is left to the caller). One inspector round
 * per scope plus one to fetch every object value at once; about half a millisecond a function.
 * Called by capture.ts, once per function per call that ships it.
 */
import { post } from "./inspector-session.js";

/** Where a function's source starts in its script: 0-based line and column, as V8 counts them. */
export interface FunctionLocation {
  scriptId: string;
  line: number;
  column: number;
}

/** The scope a name was found in: "closure", "block", "module", "script" (REPL lines), ... */
export type ScopeKind = "closure" | "block" | "module" | "script" | "catch" | "with" | "eval" | "other";

export interface FoundValue {
  value: unknown;
  scope: ScopeKind;
}

export interface ScopeRead {
  location: FunctionLocation | undefined;
  /** The names found in a non-global scope, with their values now. */
  found: Map<string, FoundValue>;
}

interface RemoteObject {
  type: string;
  subtype?: string;
  value?: unknown;
  unserializableValue?: string;
  description?: string;
  objectId?: string;
}

interface PropertyDescriptor {
  name: string;
  value?: RemoteObject;
}

interface Properties {
  result: PropertyDescriptor[];
  internalProperties?: PropertyDescriptor[];
}

let readers = 0;
const HOLDER = Symbol.for("spate.capture.values");
const SLOT = "__spate_capture_target__";

function scopeKind(description: string | undefined): ScopeKind | "global" {
  const word = (description ?? "").split(" ")[0]!.toLowerCase();
  switch (word) {
    case "global":
      return "global";
    case "closure":
    case "block":
    case "module":
    case "script":
    case "catch":
    case "with":
    case "eval":
      return word;
    default:
      return "other";
  }
}

/** A primitive remote value, or NOT_PRIMITIVE when it must be fetched by object id. */
const NOT_PRIMITIVE = Symbol("not primitive");

function primitiveOf(remote: RemoteObject): unknown {
  if (remote.unserializableValue !== undefined) {
    const u = remote.unserializableValue;
    if (u.endsWith("n")) return BigInt(u.slice(0, -1));
    return Number(u);
  }
  switch (remote.type) {
    case "undefined":
      return undefined;
    case "number":
    case "string":
    case "boolean":
      return remote.value;
    case "object":
      if (remote.subtype === "null") return null;
      return NOT_PRIMITIVE;
    default:
      return NOT_PRIMITIVE;
  }
}

/**
 * Reads scopes for the functions of one capture. A module's scope (and the REPL's script scope)
 * is shared by every function written there: it is listed once per capture, not once per
 * function (listing it is most of the cost: every function in it comes with its source text).
 * Remote objects live until release(), which the capture calls once at its end.
 */
export class ScopeReader {
  private readonly shared = new Map<string, Map<string, RemoteObject>>();
  private released = false;
  /** Each reader's handles in a group of its own: a nested one-shot reader must not free them. */
  private readonly group = `spate-capture-${readers++}`;

  /** Reads the location of `fn` and the values of `names` in the scopes it closes over. */
  read(fn: Function, names: readonly string[]): ScopeRead {
    const g = globalThis as Record<string | symbol, unknown>;
    g[SLOT] = fn;
    let target: RemoteObject;
    try {
      target = post<{ result: RemoteObject }>("Runtime.evaluate", { expression: `globalThis.${SLOT}`, objectGroup: this.group, silent: true }).result;
    } finally {
      delete g[SLOT];
    }
    this.released = false;
    if (target.objectId === undefined) return { location: undefined, found: new Map() };
    const own = post<Properties>("Runtime.getProperties", { objectId: target.objectId, ownProperties: true });
    let location: FunctionLocation | undefined;
    let scopesId: string | undefined;
    for (const p of own.internalProperties ?? []) {
      if (p.name === "[[FunctionLocation]]") {
        const v = p.value?.value as { scriptId: string; lineNumber: number; columnNumber: number } | undefined;
        if (v !== undefined) location = { scriptId: v.scriptId, line: v.lineNumber, column: v.columnNumber };
      } else if (p.name === "[[Scopes]]") {
        scopesId = p.value?.objectId;
      }
    }
    const found = new Map<string, FoundValue>();
    if (scopesId === undefined || names.length === 0) return { location, found };
    const wanted = new Set(names);
    const objects: Array<{ name: string; scope: ScopeKind; objectId: string }> = [];
    const scopes = post<Properties>("Runtime.getProperties", { objectId: scopesId, ownProperties: true });
    for (const entry of scopes.result) {
      if (wanted.size === 0) break;
      if (!/^\d+$/.test(entry.name) || entry.value?.objectId === undefined) continue;
      const kind = scopeKind(entry.value.description);
      if (kind === "global") continue;
      const vars = this.variables(entry.value.objectId, kind, location);
      for (const [name, remote] of vars) {
        if (!wanted.has(name)) continue;
        wanted.delete(name);
        const primitive = primitiveOf(remote);
        if (primitive !== NOT_PRIMITIVE) found.set(name, { value: primitive, scope: kind });
        else if (remote.objectId !== undefined) objects.push({ name, scope: kind, objectId: remote.objectId });
      }
    }
    if (objects.length > 0) {
      post("Runtime.callFunctionOn", {
        objectId: target.objectId,
        functionDeclaration: `function (...values) { globalThis[Symbol.for("spate.capture.values")] = values; }`,
        arguments: objects.map((o) => ({ objectId: o.objectId })),
        silent: true,
      });
      const values = g[HOLDER] as unknown[];
      delete g[HOLDER];
      objects.forEach((o, i) => found.set(o.name, { value: values[i], scope: o.scope }));
    }
    return { location, found };
  }

  /** The variables of one scope: a module's or the script scope listed once per capture. */
  private variables(objectId: string, kind: ScopeKind, location: FunctionLocation | undefined): Map<string, RemoteObject> {
    const key = kind === "module" && location !== undefined ? `module:${location.scriptId}` : kind === "script" ? "script" : undefined;
    if (key !== undefined) {
      const known = this.shared.get(key);
      if (known !== undefined) return known;
    }
    const vars = new Map<string, RemoteObject>();
    for (const v of post<Properties>("Runtime.getProperties", { objectId, ownProperties: true }).result) {
      if (v.value !== undefined) vars.set(v.name, v.value);
    }
    if (key !== undefined) this.shared.set(key, vars);
    return vars;
  }

  /** Frees the inspector's handles on everything read. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.shared.clear();
    post("Runtime.releaseObjectGroup", { objectGroup: this.group });
  }
}

/** Reads one function's location and the values of `names` (a reader of its own, released at once). */
export function readScopes(fn: Function, names: readonly string[]): ScopeRead {
  const reader = new ScopeReader();
  try {
    return reader.read(fn, names);
  } finally {
    reader.release();
  }
}
