/**
 * Narrow combinations of RDDs: union and coalesce (a partition is some partitions of the
 * parents, one after another; a union of RDDs partitioned alike keeps their partitioning),
 * cartesian and zip (a partition pairs a partition of each side).
 * Their RDD kinds, their node kinds and their code on executors; how a partition maps onto its
 * parents' is one function per kind, used by the driver (to find the source partitions a task
 * needs) and by executors (to compute them), so both always agree.
 */
import { EngineError } from "../engine-error.js";
import { list } from "../plan/schema.js";
import { type Dependency, RDD } from "../rdd/rdd.js";
import { asyncStream, materialize, type Stream, syncStream } from "../task/stream.js";
import { childNode, defineNode, type NodeOfKind } from "./node-kind.js";
import { type Partitioner, samePartitioner } from "./partitioners.js";

/** Union: partition `p` is partition `index` of child `child`. */
function unionParent(childCounts: readonly number[], p: number): { child: number; index: number } {
  let rest = p;
  for (let c = 0; c < childCounts.length; c++) {
    const n = childCounts[c]!;
    if (rest < n) return { child: c, index: rest };
    rest -= n;
  }
  throw new RangeError(`union has no partition ${p}`);
}

/** Coalesce from `parentCount` to `count` partitions: contiguous ranges, as Spark without locality. */
function coalesceParents(parentCount: number, count: number, p: number): number[] {
  const from = Math.floor((p * parentCount) / count);
  const to = Math.floor(((p + 1) * parentCount) / count);
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** Cartesian: partition `p` pairs left partition `p / rightCount` with right partition `p % rightCount`. */
function cartesianParents(rightCount: number, p: number): { left: number; right: number } {
  return { left: Math.floor(p / rightCount), right: p % rightCount };
}

const unionNode = defineNode("union", { children: list(childNode) }, {
  children: (node) => node.children,
  compute: (node, p, ev) => {
    const { child, index } = unionParent(node.children.map((c) => c.numPartitions), p);
    return ev.evaluate(node.children[child]!, index);
  },
});

const coalesceNode = defineNode("coalesce", { child: childNode }, {
  children: (node) => [node.child],
  compute: (node, p, ev) => concat(coalesceParents(node.child.numPartitions, node.numPartitions, p).map((q) => ev.evaluate(node.child, q))),
});

const cartesianNode = defineNode("cartesian", { left: childNode, right: childNode }, {
  children: (node) => [node.left, node.right],
  compute: (node, p, ev) => {
    const { left, right } = cartesianParents(node.right.numPartitions, p);
    return cartesian(ev.evaluate(node.left, left), ev.evaluate(node.right, right));
  },
});

const zipNode = defineNode("zip", { left: childNode, right: childNode }, {
  children: (node) => [node.left, node.right],
  compute: (node, p, ev) => zip(ev.evaluate(node.left, p), ev.evaluate(node.right, p)),
});

/** Partition p is partition p of every child, one after another (children partitioned alike). */
const partitionwiseUnionNode = defineNode("partitionwiseUnion", { children: list(childNode) }, {
  children: (node) => node.children,
  compute: (node, p, ev) => concat(node.children.map((c) => ev.evaluate(c, p))),
});

export const combinationNodes = [unionNode, coalesceNode, cartesianNode, zipNode, partitionwiseUnionNode];

/**
 * The union of RDDs as Spark makes it: when every parent has the same partitioner, partition p
 * is partition p of each (the partitioner is kept, so a join or a reduce after it needs no
 * shuffle); otherwise the parents' partitions one after another.
 */
export function unionOf<T>(parents: readonly RDD<unknown>[]): RDD<T> {
  const first = parents[0]?.partitioner;
  if (first !== undefined && parents.every((r) => samePartitioner(r.partitioner, first))) return new PartitionerAwareUnionRDD<T>(parents);
  return new UnionRDD<T>(parents);
}

export class PartitionerAwareUnionRDD<T> extends RDD<T> {
  readonly kindName = "PartitionerAwareUnionRDD";
  readonly dependencies: readonly Dependency[];
  readonly numPartitions: number;

  constructor(private readonly parents: readonly RDD<unknown>[]) {
    super(parents[0]!.ctx);
    this.origin = "union";
    this.dependencies = parents.map((rdd) => ({ kind: "narrow", rdd }));
    this.numPartitions = parents[0]!.numPartitions;
  }

  override get partitioner(): Partitioner | undefined {
    return this.parents[0]!.partitioner;
  }

  narrowParents(p: number): Array<{ rdd: RDD<unknown>; partition: number }> {
    return this.parents.map((rdd) => ({ rdd, partition: p }));
  }

  protected node(): NodeOfKind<typeof partitionwiseUnionNode> {
    return { ...this.base(), kind: "partitionwiseUnion", children: this.parents.map((r) => r.toPlan()) };
  }
}

export class UnionRDD<T> extends RDD<T> {
  readonly kindName = "UnionRDD";
  readonly dependencies: readonly Dependency[];
  readonly numPartitions: number;

  constructor(private readonly parents: readonly RDD<unknown>[]) {
    super(parents[0]!.ctx);
    this.origin = "union";
    this.dependencies = parents.map((rdd) => ({ kind: "narrow", rdd }));
    this.numPartitions = parents.reduce((n, r) => n + r.numPartitions, 0);
  }

  narrowParents(p: number): Array<{ rdd: RDD<unknown>; partition: number }> {
    const { child, index } = unionParent(this.parents.map((r) => r.numPartitions), p);
    return [{ rdd: this.parents[child]!, partition: index }];
  }

  protected node(): NodeOfKind<typeof unionNode> {
    return { ...this.base(), kind: "union", children: this.parents.map((r) => r.toPlan()) };
  }
}

export class CoalescedRDD<T> extends RDD<T> {
  readonly kindName = "CoalescedRDD";
  readonly dependencies: readonly Dependency[];

  constructor(private readonly parent: RDD<unknown>, readonly numPartitions: number) {
    super(parent.ctx);
    this.origin = "coalesce";
    this.dependencies = [{ kind: "narrow", rdd: parent }];
  }

  narrowParents(p: number): Array<{ rdd: RDD<unknown>; partition: number }> {
    return coalesceParents(this.parent.numPartitions, this.numPartitions, p).map((partition) => ({ rdd: this.parent, partition }));
  }

  protected node(): NodeOfKind<typeof coalesceNode> {
    return { ...this.base(), kind: "coalesce", child: this.parent.toPlan() };
  }
}

export class CartesianRDD<A, B> extends RDD<[A, B]> {
  readonly kindName = "CartesianRDD";
  readonly dependencies: readonly Dependency[];
  readonly numPartitions: number;

  constructor(private readonly left: RDD<unknown>, private readonly right: RDD<unknown>) {
    super(left.ctx);
    this.origin = "cartesian";
    this.dependencies = [{ kind: "narrow", rdd: left }, { kind: "narrow", rdd: right }];
    this.numPartitions = left.numPartitions * right.numPartitions;
  }

  narrowParents(p: number): Array<{ rdd: RDD<unknown>; partition: number }> {
    const { left, right } = cartesianParents(this.right.numPartitions, p);
    return [{ rdd: this.left, partition: left }, { rdd: this.right, partition: right }];
  }

  protected node(): NodeOfKind<typeof cartesianNode> {
    return { ...this.base(), kind: "cartesian", left: this.left.toPlan(), right: this.right.toPlan() };
  }
}

export class ZippedRDD<A, B> extends RDD<[A, B]> {
  readonly kindName = "ZippedPartitionsRDD2";
  readonly dependencies: readonly Dependency[];
  readonly numPartitions: number;

  constructor(private readonly left: RDD<unknown>, private readonly right: RDD<unknown>) {
    super(left.ctx);
    this.origin = "zip";
    if (left.numPartitions !== right.numPartitions) {
      throw new EngineError("INVALID_ARGUMENT", `zip: can only zip RDDs with the same number of partitions (${left.numPartitions} and ${right.numPartitions}). Repartition one of them first.`);
    }
    this.dependencies = [{ kind: "narrow", rdd: left }, { kind: "narrow", rdd: right }];
    this.numPartitions = left.numPartitions;
  }

  narrowParents(p: number): Array<{ rdd: RDD<unknown>; partition: number }> {
    return [{ rdd: this.left, partition: p }, { rdd: this.right, partition: p }];
  }

  protected node(): NodeOfKind<typeof zipNode> {
    return { ...this.base(), kind: "zip", left: this.left.toPlan(), right: this.right.toPlan() };
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
