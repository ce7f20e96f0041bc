/**
 * The wire form of lineage: what a task carries of the RDD graph, from its stage's root down to
 * the sources and the shuffle reads that bound the stage. Built on the driver by each RDD kind
 * (`RDD.toPlan`), encoded with the value codec, validated and evaluated on executors
 * (core/task/plan-evaluator). Every union is closed and discriminated on `kind`.
 *
 * Per-partition data (a parallelize slice, a file split) never sits in the plan: it travels in
 * the task's `inputs`, so a task's size does not grow with the number of partitions.
 */
import type { ShippedFn } from "../shipped-fn.js";

/** Fields every node has: the RDD it stands for, its partition count, whether it is cached. */
export interface NodeBase {
  rddId: number;
  numPartitions: number;
  cached: boolean;
}

/** Per-element operations; consecutive ones are fused into one loop on executors. */
export type ElementOp =
  | { kind: "map"; fn: ShippedFn; isAsync: boolean }
  | { kind: "filter"; fn: ShippedFn; isAsync: boolean }
  | { kind: "flatMap"; fn: ShippedFn; isAsync: boolean }
  | { kind: "mapValues"; fn: ShippedFn; isAsync: boolean }
  | { kind: "flatMapValues"; fn: ShippedFn; isAsync: boolean }
  | { kind: "keyBy"; fn: ShippedFn; isAsync: boolean }
  | { kind: "keys" }
  | { kind: "values" };

/** Operations that see a whole partition. */
export type PartitionOp =
  | { kind: "mapPartitions"; fn: ShippedFn; withIndex: boolean; isAsync: boolean }
  | { kind: "mapAsync"; fn: ShippedFn; concurrency: number }
  | { kind: "glom" }
  | { kind: "sample"; withReplacement: boolean; fraction: number; seed: number }
  | { kind: "zipWithIndex"; offsets: number[] }
  | { kind: "zipWithUniqueId" }
  | { kind: "sortByKey"; ascending: boolean };

/** How a shuffle merges values with the same key. */
export type Aggregator =
  | { kind: "reduce"; fn: ShippedFn }
  | { kind: "fold"; zero: unknown; fn: ShippedFn }
  | { kind: "aggregate"; zero: unknown; seqOp: ShippedFn; combOp: ShippedFn }
  | { kind: "combine"; createCombiner: ShippedFn; mergeValue: ShippedFn; mergeCombiners: ShippedFn }
  | { kind: "group" };

/** Where a key goes in a shuffle. */
export type Partitioner =
  | { kind: "hash"; numPartitions: number }
  | { kind: "range"; numPartitions: number; bounds: unknown[]; ascending: boolean };

export type PlanNode = NodeBase &
  (
    | { kind: "parallelize" }
    | { kind: "range"; start: number; step: number; length: number }
    | { kind: "textFile" }
    | { kind: "wholeTextFiles" }
    | { kind: "empty" }
    | { kind: "element"; op: ElementOp; child: PlanNode }
    | { kind: "partition"; op: PartitionOp; child: PlanNode }
    | { kind: "union"; children: PlanNode[] }
    | { kind: "coalesce"; child: PlanNode }
    | { kind: "cartesian"; left: PlanNode; right: PlanNode }
    | { kind: "zip"; left: PlanNode; right: PlanNode }
    | { kind: "shuffleRead"; shuffleId: number; aggregator: Aggregator | null; mapSideCombined: boolean }
  );

/** What a result task does with its partition and sends back. */
export type ResultOp =
  | { kind: "collect" }
  | { kind: "count" }
  | { kind: "take"; n: number }
  | { kind: "fold"; zero: unknown; fn: ShippedFn }
  | { kind: "aggregate"; zero: unknown; seqOp: ShippedFn }
  | { kind: "reduce"; fn: ShippedFn }
  | { kind: "foreach"; fn: ShippedFn; isAsync: boolean }
  | { kind: "foreachPartition"; fn: ShippedFn }
  | { kind: "save"; dir: string }
  | { kind: "takeOrdered"; n: number; keyFn: ShippedFn | null; ascending: boolean }
  | { kind: "sampleKeys"; size: number; seed: number }
  | { kind: "stats" }
  | { kind: "histogram"; buckets: unknown[]; evenly: boolean };

/** The root of a stage: it writes shuffle blocks, or computes a result. */
export type StagePlan = (
  | {
      kind: "shuffleMap";
      shuffleId: number;
      partitioner: Partitioner;
      aggregator: Aggregator | null;
      mapSideCombine: boolean;
      rdd: PlanNode;
    }
  | { kind: "result"; rdd: PlanNode; op: ResultOp }
) & {
  /** the user classes whose instances rows may hold, revived before any row is read */
  classes: ShippedFn[];
};
