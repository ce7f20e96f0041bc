/**
 * Operations that see a whole partition: mapPartitions(WithIndex), mapAsync (bounded
 * concurrency, order kept), glom, sample (seeded per partition), zipWithIndex (numbering from
 * per-partition counts the driver gathers first), zipWithUniqueId and the sort of a
 * range-partitioned shuffle's output (sortByKey), and the per-key aggregation of an RDD already
 * partitioned by its keys (no shuffle needed). Their RDD kinds, their node kind and their code
 * on executors. mapPartitions keeps the partitioner when asked to (preservesPartitioning), sample
 * and the sort always do.
 */
import { EngineError } from "../engine-error.js";
import { KeyMap } from "../keys/key-identity.js";
import { compareValues } from "../keys/key-order.js";
import { shippedFn } from "../plan/shipped-fn-guard.js";
import { bool, type Infer, int, list, num, variants } from "../plan/schema.js";
import { SeededRandom } from "../random/seeded-random.js";
import { type Dependency, RDD } from "../rdd/rdd.js";
import { asyncStream, materialize, type Stream, streamOfResult, syncStream } from "../task/stream.js";
import { type FunctionTable, UserFunctionError } from "../task/user-fn.js";
import { decodeValue } from "../wire/value-codec.js";
import { childNode, defineNode, type NodeOfKind } from "./node-kind.js";
import { aggregatorGuard, combinerFns } from "./aggregators.js";
import type { Partitioner } from "./partitioners.js";

export const partitionOpGuard = variants("a partition operation", {
  mapPartitions: { fn: shippedFn, withIndex: bool, isAsync: bool },
  mapAsync: { fn: shippedFn, concurrency: int(1) },
  glom: {},
  sample: { withReplacement: bool, fraction: num, seed: num },
  zipWithIndex: { offsets: list(int()) },
  zipWithUniqueId: {},
  sortByKey: { ascending: bool },
  combineByKey: { aggregator: aggregatorGuard },
});

export type PartitionOp = Infer<typeof partitionOpGuard>;

const partitionNode = defineNode("partition", { op: partitionOpGuard, child: childNode }, {
  children: (node) => [node.child],
  compute: (node, p, ev) => applyPartitionOp(node.op, ev.evaluate(node.child, p), { index: p, numPartitions: node.numPartitions }, ev.io.fns),
});

export const partitionNodes = [partitionNode];

/** One partition operation over its parent's partitions. */
export class PartitionRDD<T> extends RDD<T> {
  readonly kindName = "MapPartitionsRDD";
  readonly dependencies: readonly Dependency[];
  readonly numPartitions: number;

  constructor(readonly parent: RDD<unknown>, private readonly op: PartitionOp, origin: string, private readonly keepsPartitioning = false) {
    super(parent.ctx);
    this.origin = origin;
    this.numPartitions = parent.numPartitions;
    this.dependencies = [{ kind: "narrow", rdd: parent }];
  }

  override get partitioner(): Partitioner | undefined {
    return this.keepsPartitioning ? this.parent.partitioner : undefined;
  }

  narrowParents(p: number): Array<{ rdd: RDD<unknown>; partition: number }> {
    return [{ rdd: this.parent, partition: p }];
  }

  protected node(): NodeOfKind<typeof partitionNode> {
    return { ...this.base(), kind: "partition", op: this.currentOp(), child: this.parent.toPlan() };
  }

  /** The op as it stands now (subclasses fill parameters in prepare()). */
  protected currentOp(): PartitionOp {
    return this.op;
  }
}

/** zipWithIndex: needs each partition's count before it can number elements (one job, as Spark). */
export class ZipWithIndexRDD<T> extends PartitionRDD<[T, number]> {
  private offsets: number[] | undefined;
  private counting: Promise<void> | undefined;

  constructor(parent: RDD<T>) {
    super(parent as RDD<unknown>, { kind: "zipWithIndex", offsets: [] }, "zipWithIndex");
  }

  override prepare(): Promise<void> {
    this.counting ??= (async () => {
      const counts = await this.parent.ctx.runJob(this.parent, { kind: "count" });
      const offsets: number[] = [];
      let sum = 0;
      for (const c of counts) {
        offsets.push(sum);
        sum += decodeValue(c) as number;
      }
      this.offsets = offsets;
    })();
    return this.counting;
  }

  protected override currentOp(): PartitionOp {
    if (!this.offsets) throw new EngineError("INTERNAL", "zipWithIndex planned before its counts were known");
    return { kind: "zipWithIndex", offsets: this.offsets };
  }
}

export interface PartitionInfo {
  index: number;
  numPartitions: number;
}

function mapStream(input: Stream, fn: (x: unknown, i: number) => unknown): Stream {
  if (!input.async) {
    const src = input.iter;
    return syncStream({
      *[Symbol.iterator]() {
        let i = 0;
        for (const x of src) yield fn(x, i++);
      },
    });
  }
  const src = input.iter;
  return asyncStream({
    async *[Symbol.asyncIterator]() {
      let i = 0;
      for await (const x of src) yield fn(x, i++);
    },
  });
}

function applyPartitionOp(op: PartitionOp, input: Stream, part: PartitionInfo, fns: FunctionTable): Stream {
  switch (op.kind) {
    case "mapPartitions": {
      const f = fns.fn(op.fn);
      const label = op.fn.label;
      const call = (it: Iterable<unknown>): Stream => {
        const r = op.withIndex ? f(part.index, it) : f(it);
        try {
          return streamOfResult(r, op.withIndex ? "mapPartitionsWithIndex" : "mapPartitions");
        } catch (e) {
          throw new UserFunctionError(e, label);
        }
      };
      if (!input.async) return call(input.iter);
      // the function is given a plain iterable: an async input is gathered first
      return asyncStream({
        async *[Symbol.asyncIterator]() {
          const out = call(await materialize(input));
          if (out.async) yield* out.iter;
          else yield* out.iter;
        },
      });
    }
    case "mapAsync":
      return asyncStream(mapAsync(input, fns.fn(op.fn) as (x: unknown) => unknown, op.concurrency));
    case "glom":
      return asyncOrSync(input, (all) => [all]);
    case "sample": {
      const rng = new SeededRandom(op.seed, part.index);
      const keep = op.withReplacement
        ? (x: unknown, out: unknown[]) => {
            for (let n = rng.poisson(op.fraction); n > 0; n--) out.push(x);
          }
        : (x: unknown, out: unknown[]) => {
            if (rng.next() < op.fraction) out.push(x);
          };
      return asyncOrSync(input, (all) => {
        const out: unknown[] = [];
        for (const x of all) keep(x, out);
        return out;
      });
    }
    case "zipWithIndex": {
      const offset = op.offsets[part.index] ?? 0;
      return mapStream(input, (x, i) => [x, offset + i]);
    }
    case "zipWithUniqueId":
      return mapStream(input, (x, i) => [x, i * part.numPartitions + part.index]);
    case "combineByKey": {
      // the partition holds every row of its keys already (its parent is partitioned by them)
      const c = combinerFns(op.aggregator, fns, "combineByKey");
      return asyncOrSync(input, (all) => {
        const merged = new KeyMap<unknown>();
        for (const row of all) {
          const [k, v] = row as [unknown, unknown];
          const existing = merged.get(k);
          merged.set(k, existing === undefined && !merged.has(k) ? c.createCombiner(v) : c.mergeValue(existing, v));
        }
        return [...merged.entries()];
      });
    }
    case "sortByKey": {
      const sign = op.ascending ? 1 : -1;
      return asyncOrSync(input, (all) => {
        const sorted = all.slice();
        sorted.sort((a, b) => sign * compareValues((a as unknown[])[0], (b as unknown[])[0]));
        return sorted;
      });
    }
  }
}

/** Applies a whole-partition function to the materialized input, keeping the stream's kind. */
function asyncOrSync(input: Stream, f: (all: unknown[]) => unknown[]): Stream {
  if (!input.async) {
    const src = input.iter;
    return syncStream({
      *[Symbol.iterator]() {
        yield* f(Array.isArray(src) ? src : [...src]);
      },
    });
  }
  return asyncStream({
    async *[Symbol.asyncIterator]() {
      yield* f(await materialize(input));
    },
  });
}

/** Up to `concurrency` calls in flight; results come out in input order. */
async function* mapAsync(input: Stream, f: (x: unknown) => unknown, concurrency: number): AsyncGenerator<unknown> {
  const inflight: Promise<unknown>[] = [];
  const src = input.iter as AsyncIterable<unknown> | Iterable<unknown>;
  for await (const x of src) {
    const p = Promise.resolve(f(x));
    p.catch(() => undefined); // rejections are rethrown in order below
    inflight.push(p);
    if (inflight.length >= concurrency) yield await inflight.shift()!;
  }
  while (inflight.length > 0) yield await inflight.shift()!;
}
