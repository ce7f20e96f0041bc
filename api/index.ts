/**
 * spate's public API: the one door scripts, the REPL, examples and tests import from.
 * Importing it installs every RDD transformation and action (core/rdd/ops/*) and registers the
 * in-process executor of local[N] (executor/executor.ts, through core/local-executor.ts: the
 * driver does not import executor/).
 */
import "../core/rdd/ops/transformations.js";
import "../core/rdd/ops/pair-transformations.js";
import "../core/rdd/ops/set-transformations.js";
import "../core/rdd/ops/actions.js";
import "../core/rdd/ops/tree-actions.js";
import "../core/rdd/ops/numeric-actions.js";
import "../core/rdd/ops/pair-actions.js";
import { installActionScopes } from "../core/rdd/ops/action-scope.js";
import { registerLocalExecutorFactory } from "../core/local-executor.js";
import { Executor } from "../executor/executor.js";

installActionScopes();
registerLocalExecutorFactory((options) => new Executor(options));

export { Context, type ContextOptions } from "../driver/context.js";
export { RDD } from "../core/rdd/rdd.js";
export { EngineError, type EngineErrorCode, type RemoteCause } from "../core/engine-error.js";
export { Broadcast } from "../core/shared-vars/broadcast.js";
export { Accumulator } from "../core/shared-vars/accumulator.js";
export type { Partitioner } from "../core/operations/partitioners.js";
export type { Stats } from "../core/rdd/ops/numeric-actions.js";
