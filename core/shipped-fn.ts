/**
 * Shipping user functions from the driver to executors (API.md, "Shipping functions").
 * The RDD API calls `shipFunction(fn, env, operation)` at the call site: it finds what the
 * function uses where it was written (closure, module and REPL scopes, imports) and hands back a
 * ShippedFn, or throws UNBOUND_IDENTIFIER / UNSERIALIZABLE there. Executors (and the driver, for
 * its final merges) call `prepareShipped` then `reviveFunction` to get a callable function back.
 * The work lives in core/shipped-fn/: ship.ts and closure-builder.ts (driver), revive.ts and
 * module-loader.ts (executors), and the modules they use.
 */
export { shipFunction } from "./shipped-fn/ship.js";
export { prepareShipped, reviveFunction } from "./shipped-fn/revive.js";
export type { Capture, ModuleRef, Origin, ReviveContext, ShippedClosure, ShippedEntry, ShippedFn, ShippedGlobalFn } from "./shipped-fn/types.js";
