/**
 * Evaluates a stage's plan for one partition on an executor: from the sources and shuffle reads
 * at the leaves up to the stage's root, as a Stream. Consecutive element ops are fused into one
 * loop; a cached node is read from the executor's cache when present, else computed once and
 * handed back to be stored. Partition mapping functions are shared with the driver.
 */
import { EngineError } from "../engine-error.js";
import { readSplitLines } from "../io/line-reader.js";
import type { FileSplit } from "../io/text-splits.js";
import { readWholeFileSplit, type WholeFileSplit } from "../io/whole-files.js";
import { cartesianParents, coalesceParents, sliceBounds, unionParent } from "../plan/partition-mapping.js";
import type { ElementOp, PlanNode } from "../plan/plan-node.js";
import { decodeRowBlock, encodeRowBlock } from "../wire/row-block.js";
import { decodeValue, type DecodeOptions } from "../wire/value-codec.js";
import { pipeline } from "./element-pipeline.js";
import { applyPartitionOp } from "./partition-ops.js";
import { readShuffle } from "./shuffle-reader.js";
import { asyncStream, materialize, type Stream, syncStream } from "./stream.js";
import type { FunctionTable } from "./user-fn.js";

/** What a task gives the evaluator: its inputs, its fetched blocks, its cache. */
export interface TaskIO {
  fns: FunctionTable;
  decodeOptions: DecodeOptions;
  /** the encoded input of a source partition */
  input(rddId: number, partition: number): Uint8Array;
  /** the fetched blocks of reduce partition `reduce` of a shuffle */
  shuffleBlocks(shuffleId: number, reduce: number): readonly Uint8Array[];
  cached(key: string): Uint8Array | undefined;
  storeCached(key: string, block: Uint8Array): void;
}

export function evaluate(node: PlanNode, p: number, io: TaskIO): Stream {
  if (!node.cached) return compute(node, p, io);
  const key = `${node.rddId}:${p}`;
  const hit = io.cached(key);
  if (hit) return syncStream(decodeRowBlock(hit, io.decodeOptions));
  const computed = compute(node, p, io);
  const store = (rows: unknown[]): unknown[] => {
    io.storeCached(key, encodeRowBlock(rows, "cache"));
    return rows;
  };
  if (!computed.async) {
    const src = computed.iter;
    return syncStream({
      *[Symbol.iterator]() {
        yield* store(Array.isArray(src) ? src.slice() : [...src]);
      },
    });
  }
  return asyncStream({
    async *[Symbol.asyncIterator]() {
      yield* store(await materialize(computed));
    },
  });
}

function compute(node: PlanNode, p: number, io: TaskIO): Stream {
  switch (node.kind) {
    case "parallelize":
      return syncStream(decodeRowBlock(io.input(node.rddId, p), io.decodeOptions));
    case "range": {
      const { start, end } = sliceBounds(node.length, node.numPartitions, p);
      const first = node.start;
      const step = node.step;
      return syncStream({
        *[Symbol.iterator]() {
          for (let i = start; i < end; i++) yield first + i * step;
        },
      });
    }
    case "textFile":
      return syncStream(readSplitLines(decodeValue(io.input(node.rddId, p)) as FileSplit));
    case "wholeTextFiles":
      return syncStream(readWholeFileSplit(decodeValue(io.input(node.rddId, p)) as WholeFileSplit));
    case "empty":
      return syncStream([]);
    case "element": {
      // fuse the run of element ops below this one (stopping at a cached node)
      const ops: ElementOp[] = [node.op];
      let child = node.child;
      while (child.kind === "element" && !child.cached) {
        ops.push(child.op);
        child = child.child;
      }
      ops.reverse();
      return pipeline(evaluate(child, p, io), ops, io.fns);
    }
    case "partition":
      return applyPartitionOp(node.op, evaluate(node.child, p, io), { index: p, numPartitions: node.numPartitions }, io.fns);
    case "union": {
      const { child, index } = unionParent(node.children.map((c) => c.numPartitions), p);
      return evaluate(node.children[child]!, index, io);
    }
    case "coalesce": {
      const parents = coalesceParents(node.child.numPartitions, node.numPartitions, p).map((q) => evaluate(node.child, q, io));
      return concat(parents);
    }
    case "cartesian": {
      const { left, right } = cartesianParents(node.right.numPartitions, p);
      return cartesian(evaluate(node.left, left, io), evaluate(node.right, right, io));
    }
    case "zip":
      return zip(evaluate(node.left, p, io), evaluate(node.right, p, io));
    case "shuffleRead":
      return syncStream(readShuffle(io.shuffleBlocks(node.shuffleId, p), node.aggregator, node.mapSideCombined, io));
  }
}

function concat(streams: Stream[]): Stream {
  if (streams.every((s) => !s.async)) {
    return syncStream({
      *[Symbol.iterator]() {
        for (const s of streams) yield* s.iter as Iterable<unknown>;
      },
    });
  }
  return asyncStream({
    async *[Symbol.asyncIterator]() {
      for (const s of streams) yield* s.iter;
    },
  });
}

function cartesian(left: Stream, right: Stream): Stream {
  if (!left.async && !right.async) {
    return syncStream({
      *[Symbol.iterator]() {
        const rs = [...(right.iter as Iterable<unknown>)];
        for (const a of left.iter as Iterable<unknown>) for (const b of rs) yield [a, b];
      },
    });
  }
  return asyncStream({
    async *[Symbol.asyncIterator]() {
      const rs = await materialize(right);
      for await (const a of left.iter) for (const b of rs) yield [a, b];
    },
  });
}

function zipMismatch(): EngineError {
  return new EngineError("INVALID_ARGUMENT", "zip: can only zip RDDs with the same number of elements in each partition. Use zipWithIndex() on both and join on the index instead.");
}

function zip(left: Stream, right: Stream): Stream {
  if (!left.async && !right.async) {
    return syncStream({
      *[Symbol.iterator]() {
        const ri = (right.iter as Iterable<unknown>)[Symbol.iterator]();
        for (const a of left.iter as Iterable<unknown>) {
          const b = ri.next();
          if (b.done) throw zipMismatch();
          yield [a, b.value];
        }
        if (!ri.next().done) throw zipMismatch();
      },
    });
  }
  return asyncStream({
    async *[Symbol.asyncIterator]() {
      const [ls, rs] = await Promise.all([materialize(left), materialize(right)]);
      if (ls.length !== rs.length) throw zipMismatch();
      for (let i = 0; i < ls.length; i++) yield [ls[i], rs[i]];
    },
  });
}
