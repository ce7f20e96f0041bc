/**
 * What kind of thing a captured value is, as capture must know it: a well-known global
 * function, a function or class of the user's code (shipped as source), a built-in module object
 * (shipped by reference), data (shipped by value), or something that cannot cross, described in
 * the user's words with what to do instead. Called by closure-builder.ts for each captured name
 * and, through the value codec's hooks, for the functions and instances inside captured data.
 */
import { builtinModules, createRequire } from "node:module";
import { types } from "node:util";

import { describeUnclonable } from "../wire/value-path.js";
import { codeKindOf, describeCodeKind } from "./code-origin.js";
import { globalPathOf } from "./known-globals.js";

export type ValueKind =
  | { kind: "global"; path: string }
  | { kind: "userFunction" }
  | { kind: "userClass" }
  | { kind: "builtinModule"; specifier: string }
  | { kind: "data" }
  | { kind: "refused"; what: string; advice: string };

const BROADCAST_ADVICE = "create it inside the function, or broadcast the data it holds (sc.broadcast(data))";
const IMPORT_ADVICE = "import it at the top of the file where the function is written (import { x } from \"package\"), so executors import it too, or create it inside the function";

/** Built-in modules a value may be, by identity (the REPL's `fs`, `const p = path`). */
const COMMON_BUILTINS = [
  "assert", "buffer", "child_process", "crypto", "dns", "events", "fs", "fs/promises", "http", "https", "module",
  "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "querystring", "readline", "stream",
  "stream/promises", "string_decoder", "timers", "timers/promises", "tty", "url", "util", "util/types", "v8", "vm",
  "worker_threads", "zlib",
];
let builtinByExports: Map<unknown, string> | undefined;

/** The `node:` specifier of a built-in module whose exports object is `value`, if it is one. */
export function builtinModuleOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (builtinByExports === undefined) {
    builtinByExports = new Map();
    const require = createRequire(import.meta.url);
    const known = new Set(builtinModules);
    for (const name of COMMON_BUILTINS) {
      if (!known.has(name)) continue;
      try {
        const exports = require(`node:${name}`) as unknown;
        if (!builtinByExports.has(exports)) builtinByExports.set(exports, `node:${name}`);
      } catch {
        // not in this Node
      }
    }
  }
  return builtinByExports.get(value);
}

function isClass(fn: Function): boolean {
  return /^class\b/.test(Function.prototype.toString.call(fn));
}

function constructorName(o: object): string {
  const ctor = (Object.getPrototypeOf(o) as { constructor?: { name?: unknown } } | null)?.constructor;
  return typeof ctor?.name === "string" && ctor.name !== "" ? ctor.name : "an anonymous class";
}

/** Objects of spate's own API, which exist only on the driver. */
function spateObject(o: object): ValueKind | undefined {
  const name = constructorName(o);
  if (name === "Context" && typeof (o as { parallelize?: unknown }).parallelize === "function") {
    return { kind: "refused", what: "the spate Context", advice: "the Context exists only on the driver (as SparkContext in Spark): use it outside the function, and give the function the data it needs" };
  }
  if (typeof (o as { toDebugString?: unknown }).toDebugString === "function" && typeof (o as { getNumPartitions?: unknown }).getNumPartitions === "function") {
    return { kind: "refused", what: "an RDD", advice: "RDDs cannot be used inside tasks (as in Spark): collect or broadcast what the function needs, or combine the RDDs with join, zip or cartesian" };
  }
  return undefined;
}

/** What a function value is. */
function functionKind(fn: Function): ValueKind {
  const path = globalPathOf(fn);
  if (path !== undefined) return { kind: "global", path };
  const source = Function.prototype.toString.call(fn);
  if (source.endsWith("{ [native code] }")) {
    if (fn.name.startsWith("bound ")) return { kind: "refused", what: `a bound function (${fn.name})`, advice: "pass an arrow function that calls it instead: (x) => obj.method(x)" };
    return { kind: "refused", what: `native code (${fn.name || "anonymous"})`, advice: IMPORT_ADVICE };
  }
  const origin = codeKindOf(fn);
  if (origin.kind === "user" || origin.kind === "unknown") return { kind: isClass(fn) ? "userClass" : "userFunction" };
  // spate's own helpers that it ships around the user's functions (tree merges, joins) are written to ship.
  if (origin.kind === "spate" && !isClass(fn)) return { kind: "userFunction" };
  const what = `${isClass(fn) ? "a class" : "a function"}${fn.name ? ` (${fn.name})` : ""} from ${describeCodeKind(origin)}`;
  return { kind: "refused", what, advice: origin.kind === "spate" ? "spate's own objects exist only on the driver" : IMPORT_ADVICE };
}

/** What an object value is (its contents are looked at by the codec hooks, not here). */
function objectKind(o: object): ValueKind {
  const builtin = builtinModuleOf(o);
  if (builtin !== undefined) return { kind: "builtinModule", specifier: builtin };
  const described = describeUnclonable(o);
  if (described !== null) return { kind: "refused", what: described, advice: BROADCAST_ADVICE };
  if ((o as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === "Module" && Object.getPrototypeOf(o) === null) {
    return { kind: "refused", what: "a module namespace object", advice: "import the module at the top of the file where the function is written, so executors import it too" };
  }
  const spate = spateObject(o);
  if (spate !== undefined) return spate;
  const streamy = describeResource(o);
  if (streamy !== undefined) return { kind: "refused", what: streamy, advice: BROADCAST_ADVICE };
  return { kind: "data" };
}

/** Sockets, streams, servers, workers, child processes, handles: live resources of this process. */
export function describeResource(o: object): string | undefined {
  const name = constructorName(o);
  const has = (k: string): boolean => typeof (o as Record<string, unknown>)[k] === "function";
  if (types.isProxy(o)) return "a Proxy";
  if (name === "Socket" || name === "TLSSocket") return `a ${name} (an open network connection)`;
  if (name === "Server") return "a Server (a listening socket)";
  if (name === "Worker" || name === "ChildProcess") return `a ${name} (a running ${name === "Worker" ? "thread" : "process"})`;
  if (has("pipe") && has("on")) return `a stream (${name})`;
  if (name === "FileHandle") return "a FileHandle (an open file)";
  if (has("on") && has("emit") && has("removeListener")) return `an event emitter (${name})`;
  return undefined;
}

/** Classifies one captured value. */
export function valueKind(value: unknown): ValueKind {
  if (typeof value === "function") return functionKind(value);
  if (typeof value === "symbol") return { kind: "refused", what: `a symbol (${value.toString()})`, advice: "symbols do not cross between processes: use a string" };
  if (typeof value === "object" && value !== null) return objectKind(value);
  return { kind: "data" };
}

/** For an instance whose class is not user code: why it cannot cross, or undefined when the class is the user's. */
export function foreignInstance(o: object): ValueKind | undefined {
  const proto = Object.getPrototypeOf(o) as { constructor?: unknown } | null;
  const ctor = proto?.constructor;
  if (typeof ctor !== "function") return undefined;
  const kind = functionKind(ctor);
  if (kind.kind === "userClass" || kind.kind === "userFunction") return undefined;
  const resource = describeResource(o);
  if (resource !== undefined) return { kind: "refused", what: resource, advice: BROADCAST_ADVICE };
  if (kind.kind === "global") {
    // Map, Set, Date, typed arrays, Error... never reach here: the codec carries them itself.
    return { kind: "refused", what: `an instance of ${constructorName(o)}`, advice: "pass the plain data it holds instead (for a URL, its href)" };
  }
  const spate = spateObject(o);
  if (spate !== undefined) return spate;
  const what = `an instance of ${constructorName(o)}${kind.kind === "refused" ? kind.what.replace(/^an? (class|function)( \([^)]*\))?/, "") : ""}`;
  return { kind: "refused", what, advice: BROADCAST_ADVICE };
}
