/**
 * Turns a job's final RDD into the DAG scheduler's StageGraphSpec (stages cut only at shuffle
 * dependencies) and into the encoded stage plans that tasks carry. Also runs each RDD's
 * prepare() (range bounds, zipWithIndex counts) before anything is planned.
 */
import type { RDD, ShuffleDependency } from "../core/rdd/rdd.js";
import { EngineError } from "../core/engine-error.js";
import type { AnyNode } from "../core/operations/node-kind.js";
import { childrenOf, MAX_PLAN_DEPTH } from "../core/operations/plan-nodes.js";
import type { ResultOp } from "../core/operations/results.js";
import type { StagePlan } from "../core/operations/stage-plan.js";
import { shippedClasses } from "../core/shipped-fn/class-table.js";
import { encodeValue } from "../core/wire/value-codec.js";
import type { StageGraphSpec } from "./scheduler/dag-events.js";

/** Every RDD of the lineage, parents before children, each once. */
export function lineage(root: RDD<unknown>): RDD<unknown>[] {
  const seen = new Set<RDD<unknown>>();
  const order: RDD<unknown>[] = [];
  const stack: Array<{ rdd: RDD<unknown>; expanded: boolean }> = [{ rdd: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.expanded) {
      order.push(top.rdd);
      continue;
    }
    if (seen.has(top.rdd)) continue;
    seen.add(top.rdd);
    stack.push({ rdd: top.rdd, expanded: true });
    for (const dep of top.rdd.dependencies) if (!seen.has(dep.rdd)) stack.push({ rdd: dep.rdd, expanded: false });
  }
  return order;
}

/** Runs prepare() of every RDD in the lineage, parents first. */
export async function prepareLineage(root: RDD<unknown>): Promise<void> {
  for (const rdd of lineage(root)) await rdd.prepare();
}

/** The shuffle dependencies a stage rooted at `rdd` reads directly (through narrow dependencies). */
function shuffleParents(rdd: RDD<unknown>): ShuffleDependency[] {
  const found: ShuffleDependency[] = [];
  const seen = new Set<RDD<unknown>>();
  const stack = [rdd];
  while (stack.length > 0) {
    const r = stack.pop()!;
    if (seen.has(r)) continue;
    seen.add(r);
    for (const dep of r.dependencies) {
      if (dep.kind === "shuffle") found.push(dep);
      else stack.push(dep.rdd);
    }
  }
  return found;
}

export interface PlannedJob {
  graph: StageGraphSpec;
  shuffles: Map<number, ShuffleDependency>;
}

export function planStages(rdd: RDD<unknown>, partitions: number[]): PlannedJob {
  const shuffles = new Map<number, ShuffleDependency>();
  const specs: StageGraphSpec["shuffles"] = [];
  const visit = (dep: ShuffleDependency): void => {
    if (shuffles.has(dep.shuffleId)) return;
    shuffles.set(dep.shuffleId, dep);
    const parents = shuffleParents(dep.rdd);
    for (const p of parents) visit(p);
    specs.push({ shuffleId: dep.shuffleId, rddId: dep.rdd.id, numMapPartitions: dep.rdd.numPartitions, parents: parents.map((p) => p.shuffleId) });
  };
  const direct = shuffleParents(rdd);
  for (const dep of direct) visit(dep);
  return {
    graph: { result: { rddId: rdd.id, numPartitions: rdd.numPartitions, partitions, parents: direct.map((d) => d.shuffleId) }, shuffles: specs },
    shuffles,
  };
}

/** How many RDDs one stage pipelines, at most, along any path of its plan. */
function planDepth(root: AnyNode): number {
  let deepest = 0;
  const stack: Array<[AnyNode, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of childrenOf(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function checkedPlan(rdd: RDD<unknown>, operation: string): AnyNode {
  const plan = rdd.toPlan();
  const depth = planDepth(plan);
  if (depth > MAX_PLAN_DEPTH) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `${operation}: one stage of this job pipelines ${depth} RDDs; spate runs at most ${MAX_PLAN_DEPTH} in one stage. Cut the lineage: materialize an intermediate result (rdd = sc.parallelize(await rdd.collect())) or add a shuffle (repartition).`,
    );
  }
  return plan;
}

export function encodeResultPlan(rdd: RDD<unknown>, op: ResultOp, operation: string): Uint8Array {
  const plan: StagePlan = { kind: "result", rdd: checkedPlan(rdd, operation), op, classes: shippedClasses(operation) };
  return encodeValue(plan, operation, "the job's functions and their env");
}

export function encodeShufflePlan(dep: ShuffleDependency, operation: string): Uint8Array {
  const plan: StagePlan = {
    kind: "shuffleMap", shuffleId: dep.shuffleId, partitioner: dep.partitioner, aggregator: dep.aggregator,
    mapSideCombine: dep.mapSideCombine, rdd: checkedPlan(dep.rdd, operation), classes: shippedClasses(operation),
  };
  return encodeValue(plan, operation, "the job's functions and their env");
}
