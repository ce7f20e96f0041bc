/**
 * The root of a stage as a task carries it: a shuffle map stage (its partitioner, aggregator and
 * the RDD it computes) or a result stage (the RDD and what to do with each partition), plus the
 * user classes its rows may hold. Built on the driver (driver/stage-planner.ts), value-encoded,
 * and checked here on executors before anything is evaluated: a plan comes from the network and
 * its peer may be wrong or hostile, so a bad one is CORRUPT_DATA naming the field.
 */
import { shippedFn } from "../plan/shipped-fn-guard.js";
import { bool, Checker, type Infer, int, list, variants } from "../plan/schema.js";
import { optionalAggregator } from "./aggregators.js";
import { checkNode, planNode } from "./plan-nodes.js";
import { partitionerGuard } from "./partitioners.js";
import { resultOpGuard } from "./results.js";

const classes = list(shippedFn);

const stagePlanGuard = variants("a stage kind (shuffleMap or result)", {
  shuffleMap: { shuffleId: int(), partitioner: partitionerGuard, aggregator: optionalAggregator, mapSideCombine: bool, rdd: planNode, classes },
  result: { rdd: planNode, op: resultOpGuard, classes },
});

export type StagePlan = Infer<typeof stagePlanGuard>;

/** Checks a decoded stage plan; returns it as a StagePlan (only its declared fields). */
export function validateStagePlan(v: unknown): StagePlan {
  return stagePlanGuard.check(v, "plan", new Checker("stage plan", "; the driver and this executor may run different spate versions", checkNode));
}
