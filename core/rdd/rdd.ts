/**
 * RDD: a lazy, immutable, partitioned collection described by its lineage. Each kind (in the
 * operation families under core/operations/) supplies its partitions, its dependencies and its
 * plan node; transformations and actions are added to the prototype by the modules under ops/
 * (one concept each), so this file holds only what every kind shares: identity, caching, the
 * partitioner, lineage walks and debug output; and the two things an RDD is made of besides
 * itself: its dependencies (the edges of the lineage graph) and its Context (as an interface).
 */
import { EngineError } from "../engine-error.js";
import type { Aggregator } from "../operations/aggregators.js";
import type { AnyNode, NodeBase } from "../operations/node-kind.js";
import { describePartitioner, type Partitioner } from "../operations/partitioners.js";
import type { ResultOp } from "../operations/results.js";

/**
 * A narrow dependency is evaluated inside the same task; a shuffle dependency cuts a stage: its
 * parent is computed by a map stage that writes one block per reduce partition (hash or range
 * partitioned, with map-side combine when the aggregator allows it), and the child reads them.
 */
export type Dependency =
  | { kind: "narrow"; rdd: RDD<unknown> }
  | ShuffleDependency;

export interface ShuffleDependency {
  kind: "shuffle";
  rdd: RDD<unknown>;
  shuffleId: number;
  partitioner: Partitioner;
  aggregator: Aggregator | null;
  mapSideCombine: boolean;
}

/**
 * What an RDD needs of the Context that made it, as an interface so that core/ never imports
 * driver/ (the driver's Context implements it). Actions reach the scheduler through `runJob`.
 */
export interface RDDContext {
  readonly defaultParallelism: number;
  /** Context.create({ baseDir }) when given, else "": where relative requires in shipped functions resolve */
  readonly shipBaseDir: string;
  newRddId(): number;
  newShuffleId(): number;
  /** throws CONTEXT_STOPPED naming the operation when the Context was stopped */
  assertActive(operation: string): void;
  /**
   * Runs one result task per partition (all partitions unless given) and returns each one's
   * encoded result, in the order of `partitions`. Rejects with an EngineError.
   */
  runJob(rdd: RDD<unknown>, op: ResultOp, partitions?: number[]): Promise<Uint8Array[]>;
  /** the driver's own Broadcast or Accumulator a shipped function refers to */
  resolveRef(kind: string, id: number): unknown;
  /** drops an RDD's cached partitions from every executor */
  uncache(rddId: number): void;
  /** once `owner` can no longer be reached, its shuffle or cached partitions are freed everywhere (the cleaner) */
  whenUnreachable(owner: object, resource: { kind: "shuffle" | "rdd"; id: number }): void;
}

/** A source partition a task must carry: which RDD and which of its partitions. */
export interface SourceRef {
  rdd: RDD<unknown>;
  partition: number;
}

export interface TaskNeeds {
  sources: SourceRef[];
  cacheKeys: string[];
  shuffleReads: Array<{ shuffleId: number; reducePartition: number }>;
}

export abstract class RDD<T> {
  readonly id: number;
  name: string | undefined;
  /** true once cache()/persist() was called: partitions are kept by executors after first use */
  cached = false;
  /** phantom field that keeps T in the type */
  declare readonly __elementType?: T;

  constructor(readonly ctx: RDDContext) {
    this.id = ctx.newRddId();
  }

  abstract readonly numPartitions: number;
  abstract readonly dependencies: readonly Dependency[];
  /** A short name of the kind, for toDebugString ("MapPartitionsRDD", "ShuffledRDD", ...). */
  abstract readonly kindName: string;
  /** This RDD's plan node (its family's node kind), with the plans of its narrow parents as children. */
  protected abstract node(): AnyNode;

  /**
   * The parents' partitions that partition `p` reads through narrow dependencies, to find the
   * source partitions (and cached partitions) a task needs. Sources return [].
   */
  abstract narrowParents(p: number): Array<{ rdd: RDD<unknown>; partition: number }>;

  /** Work an RDD must do on the driver before a job that uses it runs (sampling, counting). */
  prepare(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * How this RDD's pairs are partitioned by key, when that is known (Spark's fifth member): set
   * by a shuffle, kept by operations that keep every pair's key in its partition (mapValues,
   * filter, …), dropped by those that may change keys (map). Joins and cogroups of RDDs with the
   * same partitioner need no shuffle.
   */
  get partitioner(): Partitioner | undefined {
    return undefined;
  }

  /** True for RDDs whose partitions come from task inputs (parallelize slices, file splits). */
  get isSource(): boolean {
    return false;
  }

  /** The encoded input a task needs for partition `p` of a source RDD (parallelize slice, split). */
  sourceInput(_p: number): Uint8Array {
    throw new EngineError("INTERNAL", `${this.kindName} has no task input`);
  }

  getNumPartitions(): number {
    return this.numPartitions;
  }

  setName(name: string): this {
    this.name = name;
    return this;
  }

  cache(): this {
    if (!this.cached) this.ctx.whenUnreachable(this, { kind: "rdd", id: this.id });
    this.cached = true;
    return this;
  }

  /** As cache(): partitions are kept in executor memory (a PySpark storage level argument is accepted and ignored). */
  persist(_storageLevel?: unknown): this {
    return this.cache();
  }

  unpersist(): this {
    if (this.cached) {
      this.cached = false;
      this.ctx.uncache(this.id);
    }
    return this;
  }

  /** The plan node for this RDD as a stage sees it. */
  toPlan(): AnyNode {
    return this.node();
  }

  /** The fields every plan node has. */
  protected base(): NodeBase {
    return { rddId: this.id, numPartitions: this.numPartitions, cached: this.cached };
  }

  /**
   * What a task for partition `p` needs, through narrow dependencies: source partitions
   * (parallelize slices, file splits), the cached partitions it may read, and the shuffle
   * partitions it reads.
   */
  taskNeeds(p: number): TaskNeeds {
    const needs: TaskNeeds = { sources: [], cacheKeys: [], shuffleReads: [] };
    const walk = (rdd: RDD<unknown>, part: number): void => {
      if (rdd.cached) needs.cacheKeys.push(`${rdd.id}:${part}`);
      if (rdd.isSource) needs.sources.push({ rdd, partition: part });
      for (const dep of rdd.dependencies) if (dep.kind === "shuffle") needs.shuffleReads.push({ shuffleId: dep.shuffleId, reducePartition: part });
      for (const parent of rdd.narrowParents(part)) walk(parent.rdd, parent.partition);
    };
    walk(this as RDD<unknown>, p);
    return needs;
  }

  /**
   * Lineage as Spark prints it (RDD.toDebugString): `(N) ` before the RDD that starts each
   * stage, ` +-(N) ` where a shuffle begins, ` |  ` before RDDs pipelined into the same stage.
   */
  toDebugString(): string {
    return debugLines(this as RDD<unknown>).join("\n");
  }

  /** How this RDD reads in lineage output: `name KindRDD[id] at origin [storage]`, and its partitioner when known. */
  describe(): string {
    const storage = this.cached ? "[Memory Deserialized 1x Replicated]" : "[]";
    const partitioner = this.partitioner ? ` ${describePartitioner(this.partitioner)}` : "";
    return `${this.name ? `${this.name} ` : ""}${this.kindName}[${this.id}] at ${this.origin} ${storage}${partitioner}`;
  }

  /** The operation that made this RDD ("map", "parallelize", ...), for lineage output. */
  origin = "?";
}

function debugLines(root: RDD<unknown>): string[] {
  const children = (rdd: RDD<unknown>, prefix: string): string[] => {
    const deps = rdd.dependencies;
    return deps.flatMap((d, i) => debugString(d.rdd, prefix, d.kind === "shuffle", i === deps.length - 1));
  };
  const debugString = (rdd: RDD<unknown>, prefix: string, isShuffle: boolean, isLastChild: boolean): string[] => {
    if (!isShuffle) return [prefix + rdd.describe(), ...children(rdd, prefix)];
    const partitionStr = `(${rdd.numPartitions})`;
    const leftOffset = Math.floor((partitionStr.length - 1) / 2);
    const thisPrefix = prefix.replace(/\|\s+$/, "");
    const nextPrefix = thisPrefix + (isLastChild ? "  " : "| ") + " ".repeat(leftOffset) + "|" + " ".repeat(partitionStr.length - leftOffset);
    return [`${thisPrefix}+-${partitionStr} ${rdd.describe()}`, ...children(rdd, nextPrefix)];
  };
  const partitionStr = `(${root.numPartitions})`;
  const leftOffset = Math.floor((partitionStr.length - 1) / 2);
  const nextPrefix = " ".repeat(leftOffset) + "|" + " ".repeat(partitionStr.length - leftOffset);
  return [`${partitionStr} ${root.describe()}`, ...children(root, nextPrefix)];
}

/** Checks an optional partition count argument. */
export function checkPartitions(n: unknown, operation: string, what = "numPartitions"): number | undefined {
  if (n === undefined || n === null) return undefined;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: ${what} must be a positive integer, got ${String(n)}. Leave it out for the default, or pass 1, 2, ...`);
  }
  return n;
}
