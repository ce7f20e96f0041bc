/**
 * The narrow RDD kinds: evaluated inside their child's task, never cutting a stage.
 * MapPartitionsRDD carries one element or partition operation (consecutive ones are fused on
 * executors); Union, Coalesced, Cartesian and Zipped map partitions onto their parents'
 * (core/plan/partition-mapping, shared with executors).
 */
import { EngineError } from "../../engine-error.js";
import { cartesianParents, coalesceParents, unionParent } from "../../plan/partition-mapping.js";
import type { ElementOp, PartitionOp, PlanNode } from "../../plan/plan-node.js";
import { decodeValue } from "../../wire/value-codec.js";
import type { Dependency } from "../dependency.js";
import { RDD } from "../rdd.js";

export class MapPartitionsRDD<T> extends RDD<T> {
  readonly kindName = "MapPartitionsRDD";
  readonly dependencies: readonly Dependency[];
  readonly numPartitions: number;

  constructor(
    readonly parent: RDD<unknown>,
    private readonly op: { element: ElementOp } | { partition: PartitionOp },
    origin: string,
  ) {
    super(parent.ctx);
    this.origin = origin;
    this.numPartitions = parent.numPartitions;
    this.dependencies = [{ kind: "narrow", rdd: parent }];
  }

  narrowParents(p: number): Array<{ rdd: RDD<unknown>; partition: number }> {
    return [{ rdd: this.parent, partition: p }];
  }

  protected node(): PlanNode {
    const child = this.parent.toPlan();
    if ("element" in this.op) return { ...this.base(), kind: "element", op: this.op.element, child };
    return { ...this.base(), kind: "partition", op: this.currentPartitionOp(), child };
  }

  /** The partition op as it stands now (subclasses fill parameters in prepare()). */
  protected currentPartitionOp(): PartitionOp {
    if ("partition" in this.op) return this.op.partition;
    throw new EngineError("INTERNAL", "not a partition op");
  }
}

/** zipWithIndex: needs each partition's count before it can number elements (one job, as Spark). */
export class ZipWithIndexRDD<T> extends MapPartitionsRDD<[T, number]> {
  private offsets: number[] | undefined;
  private counting: Promise<void> | undefined;

  constructor(parent: RDD<T>) {
    super(parent as RDD<unknown>, { partition: { kind: "zipWithIndex", offsets: [] } }, "zipWithIndex");
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

  protected override currentPartitionOp(): PartitionOp {
    if (!this.offsets) throw new EngineError("INTERNAL", "zipWithIndex planned before its counts were known");
    return { kind: "zipWithIndex", offsets: this.offsets };
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

  protected node(): PlanNode {
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

  protected node(): PlanNode {
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

  protected node(): PlanNode {
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

  protected node(): PlanNode {
    return { ...this.base(), kind: "zip", left: this.left.toPlan(), right: this.right.toPlan() };
  }
}
