/**
 * Turns a job's final RDD into the DAG scheduler's StageGraphSpec (stages cut only at shuffle
 * dependencies) and into the encoded stage plans that tasks carry. Also runs each RDD's
 * prepare() (range bounds, zipWithIndex counts) before anything is planned.
 */
import type { ShuffleDependency } from "../core/rdd/dependency.js";
import type { RDD } from "../core/rdd/rdd.js";
import type { ResultOp, StagePlan } from "../core/plan/plan-node.js";
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

export function encodeResultPlan(rdd: RDD<unknown>, op: ResultOp, operation: string): Uint8Array {
  const plan: StagePlan = { kind: "result", rdd: rdd.toPlan(), op };
  return encodeValue(plan, operation, "the job's functions and their env");
}

export function encodeShufflePlan(dep: ShuffleDependency, operation: string): Uint8Array {
  const plan: StagePlan = {
    kind: "shuffleMap", shuffleId: dep.shuffleId, partitioner: dep.partitioner, aggregator: dep.aggregator,
    mapSideCombine: dep.mapSideCombine, rdd: dep.rdd.toPlan(),
  };
  return encodeValue(plan, operation, "the job's functions and their env");
}
