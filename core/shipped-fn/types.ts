/**
 * The shapes a shipped user function takes between the driver and the executors.
 * Produced by ship.ts (`shipFunction`, on the driver at the call site), consumed by
 * revive.ts (`reviveFunction`, on executors). Callers keep a ShippedFn as a plain
 * object and encode `env` values with the value codec themselves; every other field is
 * a string, a boolean or a nested ShippedFn.
 */

/** Name bound on executors to the dynamic import shim (see revive.ts). */
export const IMPORT_SHIM = "__spate_import__";
/** Name bound on executors to the function that picks the one method out of a wrapper object. */
export const METHOD_PICKER = "__spate_method__";

/** A function shipped as JavaScript source text plus the values it names. */
export interface ShippedSourceFn {
  kind: "source";
  /**
   * A JavaScript expression that evaluates to the function, with every dynamic `import()`
   * already rewritten to the executor's import shim. Evaluated inside a scope that binds
   * the keys of `env` and `envFns`, `require`, `__name` and the transpiler helpers.
   */
  source: string;
  /** Whether `source` runs in strict mode (false only when it does not parse as strict code). */
  strict: boolean;
  /** The function's `name` as the driver saw it; the revived function gets the same name. */
  name: string;
  /**
   * The non-function values of the env the function was shipped with (keys are valid
   * identifiers). Empty in the entries of `envFns`: those share the top function's scope.
   */
  env: Record<string, unknown>;
  /**
   * The function-valued entries of env, shipped themselves. They are revived in the same
   * scope as the top function, so they see `env`, each other and themselves. Empty in
   * nested entries.
   */
  envFns: Record<string, ShippedFn>;
  /** A short readable source for error messages (`fnSource`): the source, truncated. */
  label: string;
}

/** A well-known native global function (Number, Math.max, JSON.stringify, ...), shipped by path. */
export interface ShippedGlobalFn {
  kind: "global";
  /** Dotted path from globalThis, at most two names deep: "Number", "Math.max". */
  path: string;
  label: string;
}

export type ShippedFn = ShippedSourceFn | ShippedGlobalFn;

/** What an executor knows when it revives functions. */
export interface ReviveContext {
  /**
   * Absolute directory that relative `require()` and `import()` specifiers resolve from
   * (Context.create({ baseDir }); the main script's directory by default).
   */
  baseDir: string;
}
