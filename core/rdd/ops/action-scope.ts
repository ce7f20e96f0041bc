/**
 * Which action a job belongs to, as the user called it: every public action runs inside an
 * action scope (AsyncLocalStorage) holding its name and the user's call site, so that a job it
 * starts, however deep (sum -> stats -> runJob, takeSample -> count + collect), reports as
 * `sum at means.ts:14` in errors and cancellations, as Spark names `collect at <console>:26`.
 * Installed on RDD.prototype by api/index.ts (installActionScopes) once the actions are defined;
 * read by the Context when it runs a job.
 */
import { AsyncLocalStorage } from "node:async_hooks";

import { userCallSite } from "../../user-stack.js";
import { RDD } from "../rdd.js";

export interface ActionScope {
  /** The action the user called: "collect", "sum" */
  name: string;
  /** "collect at means.ts:14", or the name alone when no frame of the user's was found */
  label: string;
  /** The user's frames of the stack the action was called from, formatted as stack lines. */
  frames: string[];
}

/** The public actions, each of which starts one scope. */
export const ACTIONS = [
  "collect", "count", "take", "first", "isEmpty", "reduce", "fold", "aggregate", "foreach", "foreachPartition",
  "takeOrdered", "top", "max", "min", "takeSample", "saveAsTextFile", "sum", "mean", "variance", "stdev",
  "sampleVariance", "sampleStdev", "stats", "histogram", "countByValue", "countByKey", "collectAsMap", "lookup",
  "treeAggregate", "treeReduce",
] as const;

const storage = new AsyncLocalStorage<ActionScope>();

/** The action the running code belongs to, if any. */
export function currentAction(): ActionScope | undefined {
  return storage.getStore();
}

/** Runs `body` as the action `name` called from the user's current stack (an outer action wins). */
export function inAction<T>(name: string, body: () => T): T {
  if (storage.getStore() !== undefined) return body();
  const site = userCallSite();
  const scope: ActionScope = { name, label: site === null ? name : `${name} at ${site.label}`, frames: site?.frames ?? [] };
  return storage.run(scope, body);
}

let installed = false;

/** Wraps every public action of RDD.prototype in its scope (once; after the ops modules defined them). */
export function installActionScopes(): void {
  if (installed) return;
  installed = true;
  const proto = RDD.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ACTIONS) {
    const action = proto[name];
    if (typeof action !== "function") throw new Error(`spate: the action ${name} is not defined`);
    // async: an action's errors are rejections, never throws (API.md), and tools see an async method
    proto[name] = async function (this: unknown, ...args: unknown[]) {
      return inAction(name, () => action.apply(this, args));
    };
  }
}
