/**
 * The edges of the lineage graph. A narrow dependency is evaluated inside the same task; a
 * shuffle dependency cuts a stage: its parent is computed by a map stage that writes one block
 * per reduce partition (hash or range partitioned, with map-side combine when the aggregator
 * allows it), and the child reads those blocks.
 */
import type { Aggregator, Partitioner } from "../plan/plan-node.js";
import type { RDD } from "./rdd.js";

export interface NarrowDependency {
  kind: "narrow";
  rdd: RDD<unknown>;
}

export interface ShuffleDependency {
  kind: "shuffle";
  rdd: RDD<unknown>;
  shuffleId: number;
  partitioner: Partitioner;
  aggregator: Aggregator | null;
  mapSideCombine: boolean;
}

export type Dependency = NarrowDependency | ShuffleDependency;
