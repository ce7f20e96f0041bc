/**
 * The shapes a shipped user function takes between the driver and the executors.
 * Produced by ship.ts and closure-builder.ts (`shipFunction`, on the driver at the call site),
 * consumed by revive.ts (`reviveFunction`, on executors and for the driver's own final merges). A
 * ShippedClosure is a small graph: the function, the user functions and classes it reaches
 * (each once, cycles allowed), the modules it imports (by reference), and the data it captured
 * (one value-encoded array, so shared references stay shared).
 */

/** Name bound on executors to the dynamic import shim (see revive.ts). */
export const IMPORT_SHIM = "__spate_import__";
/** Name bound on executors to the function that picks the one method out of a wrapper object. */
export const METHOD_PICKER = "__spate_method__";

/** Where a function was written: its script's URL (a file: URL, or "REPL3") and 0-based position. */
export interface Origin {
  url: string;
  line: number;
  column: number;
  /** Where relative require()/import() calls inside it resolve from: its file's directory, else the driver's cwd. */
  dir: string;
}

/** How one name a function uses is bound on executors. */
export type Capture =
  | { kind: "data"; index: number } // an element of the closure's data array
  | { kind: "fn"; entry: number } // a user function or class of the closure's table
  | { kind: "module"; module: number } // a module binding of the closure's module table
  | { kind: "global"; path: string }; // a well-known global function (Math.max)

/** A user function or class, as source. */
export interface ShippedEntry {
  kind: "function" | "class";
  /** The function's own source text, every dynamic `import()` rewritten to IMPORT_SHIM. */
  source: string;
  /** "method" sources (`foo(x) {...}`) are wrapped in an object literal and picked out. */
  wrap: "expression" | "method";
  /** False only when the source does not parse as strict (module) code. */
  strict: boolean;
  name: string;
  captures: Record<string, Capture>;
  origin: Origin | null;
  /** A class's identity across processes (class-registry.ts); "" for functions. */
  classId: string;
  /** The entry of a class's superclass when it is user code too, else -1. */
  heritage: number;
}

/** How a module binding takes its value (script-bindings.ts). */
export type ModuleForm = "namespace" | "default" | "named" | "require" | "requireMember" | "toESM";

/** A module imported by the user's file, imported again on executors by the same specifier. */
export interface ModuleRef {
  specifier: string;
  /** The importing file (absolute path), or a directory followed by "/" (the REPL). */
  from: string;
  form: ModuleForm;
  /** The export or property taken ("" when none). */
  member: string;
  /** esbuild's __toESM interop flag. */
  nodeMode: boolean;
}

/** A function shipped with what it closes over. */
export interface ShippedClosure {
  kind: "closure";
  /** The entry of the function itself. */
  root: number;
  entries: ShippedEntry[];
  modules: ModuleRef[];
  /** The value-encoded array of captured data (FNREF/INSTANCE tags point into `entries`). */
  data: Uint8Array;
  /** The call's env: it wins over every entry's own captures of the same names. */
  env: Record<string, Capture>;
  /** A short readable source for error messages (`fnSource`). */
  label: string;
}

/** A well-known native global function (Number, Math.max, JSON.stringify, ...), shipped by path. */
export interface ShippedGlobalFn {
  kind: "global";
  /** Dotted path from globalThis, at most two names deep: "Number", "Math.max". */
  path: string;
  label: string;
}

export type ShippedFn = ShippedClosure | ShippedGlobalFn;

/** What an executor knows when it revives functions. */
export interface ReviveContext {
  /**
   * Context.create({ baseDir }) when given: relative `require()` and `import()` calls inside every
   * shipped function resolve from it. "" when not given: each function's own `origin.dir`.
   */
  baseDir: string;
  /** Rebuilds the Broadcasts and Accumulators inside captured data (the value codec's wireRef). */
  resolveRef?: (kind: string, id: number) => unknown;
}

const HELD = Symbol("spate.heldRefs");

/**
 * Keeps the Broadcasts and Accumulators a shipped function's captured data refers to alive as
 * long as the function is (its RDD holds it): the driver's cleaner must not drop a broadcast a
 * lineage still uses. Held under a symbol, so the function's wire form does not carry it.
 */
export function holdRefs<T extends object>(shipped: T, refs: ReadonlySet<object>): T {
  if (refs.size > 0) Object.defineProperty(shipped, HELD, { value: [...refs], enumerable: false });
  return shipped;
}
