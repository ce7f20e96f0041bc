/**
 * Shuffles: the map side writes a task's rows partitioned by key (hash, or range for sortByKey),
 * combining values of the same key first when the aggregator allows (reduceByKey, foldByKey,
 * aggregateByKey, combineByKey, groupByKey), one Arrow block per reduce partition (empty ones get
 * no block, size 0); the reduce side (ShuffledRDD, the `shuffleRead` node) merges the blocks
 * fetched for one reduce partition, read as columns (no [k, v] array per row). A range
 * partitioner (sortByKey) learns its bounds in prepare(): a sampling job over the parent,
 * weighted by partition sizes as Spark's RangePartitioner.
 */
import { EngineError } from "../engine-error.js";
import { KeyMap } from "../keys/key-identity.js";
import { compareValues } from "../keys/key-order.js";
import { bool, int } from "../plan/schema.js";
import { type Dependency, RDD, type ShuffleDependency } from "../rdd/rdd.js";
import { type Stream, syncStream } from "../task/stream.js";
import type { FunctionTable } from "../task/user-fn.js";
import { decodeColumns, encodeColumns } from "../wire/row-codec.js";
import { decodeValue } from "../wire/value-codec.js";
import { type Aggregator, combinerFns, optionalAggregator } from "./aggregators.js";
import { defineNode, type NodeOfKind, type TaskIO } from "./node-kind.js";
import { type Partitioner, partitionFunction } from "./partitioners.js";

const shuffleReadNode = defineNode("shuffleRead", { shuffleId: int(), aggregator: optionalAggregator, mapSideCombined: bool }, {
  compute: (node, p, { io }) => syncStream(readShuffle(io.shuffleBlocks(node.shuffleId, p), node.aggregator, node.mapSideCombined, io)),
});

export const shuffleNodes = [shuffleReadNode];

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
    parent.ctx.whenUnreachable(this, { kind: "shuffle", id: this.dependency.shuffleId });
  }

  get numPartitions(): number {
    return this.dependency.partitioner.numPartitions;
  }

  override get partitioner(): Partitioner {
    return this.dependency.partitioner;
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

  protected node(): NodeOfKind<typeof shuffleReadNode> {
    const d = this.dependency;
    return { ...this.base(), kind: "shuffleRead", shuffleId: d.shuffleId, aggregator: d.aggregator, mapSideCombined: d.mapSideCombine };
  }
}

export interface ShuffleOutput {
  /** one block per reduce partition; null where nothing goes */
  blocks: (Uint8Array | null)[];
  sizes: number[];
}

function pairOf(row: unknown): unknown[] {
  if (!Array.isArray(row) || row.length !== 2) {
    throw new EngineError("INVALID_ARGUMENT", `shuffle: this operation needs [key, value] pairs, got ${Array.isArray(row) ? `an array of ${row.length}` : typeof row}. Use map((x) => [key, value]) or keyBy first.`);
  }
  return row;
}

export async function writeShuffle(
  input: Stream, partitioner: Partitioner, aggregator: Aggregator | null, mapSideCombine: boolean, fns: FunctionTable,
): Promise<ShuffleOutput> {
  const n = partitioner.numPartitions;
  const partitionOf = partitionFunction(partitioner);
  const keys: unknown[][] = Array.from({ length: n }, () => []);
  const values: unknown[][] = Array.from({ length: n }, () => []);
  if (aggregator !== null && mapSideCombine) {
    const c = combinerFns(aggregator, fns, "shuffle");
    const combined = new KeyMap<unknown>();
    const add = (row: unknown): void => {
      const kv = pairOf(row);
      const k = kv[0];
      const existing = combined.get(k);
      if (existing === undefined && !combined.has(k)) combined.set(k, c.createCombiner(kv[1]));
      else combined.set(k, c.mergeValue(existing, kv[1]));
    };
    if (input.async) for await (const row of input.iter) add(row);
    else for (const row of input.iter) add(row);
    combined.forEach((v, k) => {
      const p = partitionOf(k);
      keys[p]!.push(k);
      values[p]!.push(v);
    });
  } else {
    const add = (row: unknown): void => {
      const kv = pairOf(row);
      const p = partitionOf(kv[0]);
      keys[p]!.push(kv[0]);
      values[p]!.push(kv[1]);
    };
    if (input.async) for await (const row of input.iter) add(row);
    else for (const row of input.iter) add(row);
  }
  const blocks: (Uint8Array | null)[] = [];
  const sizes: number[] = [];
  for (let p = 0; p < n; p++) {
    if (keys[p]!.length === 0) {
      blocks.push(null);
      sizes.push(0);
      continue;
    }
    const block = encodeColumns({ keys: keys[p]!, values: values[p]! }, "shuffle");
    blocks.push(block);
    sizes.push(block.length);
  }
  return { blocks, sizes };
}

export function* readShuffle(
  blocks: readonly Uint8Array[], aggregator: Aggregator | null, mapSideCombined: boolean, io: Pick<TaskIO, "fns" | "decodeOptions">,
): Generator<unknown> {
  if (aggregator === null) {
    for (const block of blocks) {
      const { keys, values, length } = columnsOf(block, io);
      for (let i = 0; i < length; i++) yield [keys[i], values[i]];
    }
    return;
  }
  const fns = combinerFns(aggregator, io.fns, "shuffle");
  const merged = new KeyMap<unknown>();
  for (const block of blocks) {
    const { keys, values, length } = columnsOf(block, io);
    for (let i = 0; i < length; i++) {
      const k = keys[i];
      const v = values[i];
      const existing = merged.get(k);
      if (existing === undefined && !merged.has(k)) merged.set(k, mapSideCombined ? v : fns.createCombiner(v));
      else merged.set(k, mapSideCombined ? fns.mergeCombiners(existing, v) : fns.mergeValue(existing, v));
    }
  }
  yield* merged.entries();
}

function columnsOf(block: Uint8Array, io: Pick<TaskIO, "decodeOptions">): { keys: ArrayLike<unknown>; values: ArrayLike<unknown>; length: number } {
  const cols = decodeColumns(block, io.decodeOptions);
  if (cols.kind !== "pairs" || cols.keys === null) {
    if (cols.length === 0) return { keys: [], values: [], length: 0 };
    throw new EngineError("CORRUPT_DATA", "shuffle block: expected key and value columns");
  }
  return { keys: cols.keys, values: cols.values, length: cols.length };
}
