/**
 * Shipping user functions from the driver to executors (API.md, "Shipping functions").
 * The RDD API calls `shipFunction(fn, env, operation)` at the call site, which checks the
 * function's free identifiers against env and globals and hands back a ShippedFn (source text
 * plus env as plain JS values; the caller encodes env with the value codec). Executors call
 * `reviveFunction(shipped, { baseDir }, cacheKey?)` to get a callable function back.
 * The work lives in core/shipped-fn/: ship.ts, revive.ts, source-form.ts (parsing),
 * free-identifiers.ts (scope analysis), known-globals.ts, transpiler-helpers.ts.
 */
export { shipFunction } from "./shipped-fn/ship.js";
export { reviveFunction } from "./shipped-fn/revive.js";
export type { ReviveContext, ShippedFn, ShippedGlobalFn, ShippedSourceFn } from "./shipped-fn/types.js";
