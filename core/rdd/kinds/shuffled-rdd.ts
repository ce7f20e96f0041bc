/**
 * ShuffledRDD: the child side of a shuffle dependency. Its parent is computed by a map stage
 * that partitions (and, with an aggregator, combines) rows by key; its own partitions merge
 * the blocks written for them. A range partitioner (sortByKey) learns its bounds in prepare():
 * a sampling job over the parent, weighted by partition sizes as Spark's RangePartitioner.
 */
import { compareValues } from "../../keys/key-order.js";
import type { Aggregator, Partitioner, PlanNode } from "../../plan/plan-node.js";
import { decodeValue } from "../../wire/value-codec.js";
import type { Dependency, ShuffleDependency } from "../dependency.js";
import { RDD } from "../rdd.js";

export class ShuffledRDD<K, V> extends RDD<[K, V]> {
  readonly kindName = "ShuffledRDD";
  readonly dependency: ShuffleDependency;
  readonly dependencies: readonly Dependency[];
  private sampling: Promise<void> | undefined;

  constructor(parent: RDD<unknown>, partitioner: Partitioner, aggregator: Aggregator | null, mapSideCombine: boolean, origin: string) {
    super(parent.ctx);
    this.origin = origin;
    this.dependency = { kind: "shuffle", rdd: parent, shuffleId: parent.ctx.newShuffleId(), partitioner, aggregator, mapSideCombine };
    this.dependencies = [this.dependency];
  }

  get numPartitions(): number {
    return this.dependency.partitioner.numPartitions;
  }

  narrowParents(): [] {
    return [];
  }

  override prepare(): Promise<void> {
    const partitioner = this.dependency.partitioner;
    if (partitioner.kind !== "range" || partitioner.numPartitions <= 1) return Promise.resolve();
    this.sampling ??= this.sampleBounds(partitioner);
    return this.sampling;
  }

  private async sampleBounds(partitioner: Extract<Partitioner, { kind: "range" }>): Promise<void> {
    const parent = this.dependency.rdd;
    const n = partitioner.numPartitions;
    const perPartition = Math.ceil((3 * 20 * n) / Math.max(1, parent.numPartitions));
    const results = await parent.ctx.runJob(parent, { kind: "sampleKeys", size: perPartition, seed: this.id });
    const weighted: Array<{ key: unknown; weight: number }> = [];
    for (const bytes of results) {
      const { count, sample } = decodeValue(bytes) as { count: number; sample: unknown[] };
      if (sample.length === 0) continue;
      const weight = count / sample.length;
      for (const key of sample) weighted.push({ key, weight });
    }
    weighted.sort((a, b) => compareValues(a.key, b.key));
    const total = weighted.reduce((s, w) => s + w.weight, 0);
    const step = total / n;
    const bounds: unknown[] = [];
    let cumulative = 0;
    let target = step;
    let previous: unknown = undefined;
    for (const { key, weight } of weighted) {
      cumulative += weight;
      if (cumulative >= target && bounds.length < n - 1) {
        if (bounds.length === 0 || compareValues(key, previous) > 0) {
          bounds.push(key);
          previous = key;
        }
        target += step;
      }
    }
    partitioner.bounds = bounds;
  }

  protected node(): PlanNode {
    const d = this.dependency;
    return { ...this.base(), kind: "shuffleRead", shuffleId: d.shuffleId, aggregator: d.aggregator, mapSideCombined: d.mapSideCombine };
  }
}
