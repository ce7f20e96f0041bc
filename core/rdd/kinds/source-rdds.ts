/**
 * The RDDs that start a lineage: parallelize (slices of a driver-side collection, each encoded
 * once and carried only by its own task), range (computed on executors from a formula: nothing
 * shipped), text files split by byte ranges, whole files, and the empty RDD.
 */
import type { FileSplit } from "../../io/text-splits.js";
import type { WholeFileSplit } from "../../io/whole-files.js";
import { sliceBounds } from "../../plan/partition-mapping.js";
import type { PlanNode } from "../../plan/plan-node.js";
import { encodeValue } from "../../wire/value-codec.js";
import { encodeRowBlock } from "../../wire/row-block.js";
import type { Dependency } from "../dependency.js";
import { RDD } from "../rdd.js";
import type { RDDContext } from "../rdd-context.js";

export class ParallelCollectionRDD<T> extends RDD<T> {
  readonly kindName = "ParallelCollectionRDD";
  readonly dependencies: readonly Dependency[] = [];
  private readonly encoded: (Uint8Array | undefined)[];

  constructor(ctx: RDDContext, private readonly data: readonly T[], readonly numPartitions: number) {
    super(ctx);
    this.origin = "parallelize";
    this.encoded = new Array<Uint8Array | undefined>(numPartitions);
  }

  override get isSource(): boolean {
    return true;
  }

  override sourceInput(p: number): Uint8Array {
    let bytes = this.encoded[p];
    if (!bytes) {
      const { start, end } = sliceBounds(this.data.length, this.numPartitions, p);
      bytes = encodeRowBlock(this.data.slice(start, end), "parallelize");
      this.encoded[p] = bytes;
    }
    return bytes;
  }

  narrowParents(): [] {
    return [];
  }

  protected node(): PlanNode {
    return { ...this.base(), kind: "parallelize" };
  }
}

export class RangeRDD extends RDD<number> {
  readonly kindName = "ParallelCollectionRDD";
  readonly dependencies: readonly Dependency[] = [];
  private readonly length: number;

  constructor(ctx: RDDContext, private readonly start: number, end: number, private readonly step: number, readonly numPartitions: number) {
    super(ctx);
    this.origin = "range";
    this.length = Math.max(0, Math.ceil((end - start) / step));
  }

  narrowParents(): [] {
    return [];
  }

  protected node(): PlanNode {
    return { ...this.base(), kind: "range", start: this.start, step: this.step, length: this.length };
  }
}

/** A file source: one split per partition (byte ranges of text files, or groups of whole files), each shipped with its own task. */
class SplitSourceRDD<T, S> extends RDD<T> {
  readonly dependencies: readonly Dependency[] = [];
  readonly numPartitions: number;

  constructor(
    ctx: RDDContext,
    private readonly kind: "textFile" | "wholeTextFiles",
    readonly kindName: string,
    private readonly splits: readonly S[],
  ) {
    super(ctx);
    this.origin = kind;
    this.numPartitions = splits.length;
  }

  override get isSource(): boolean {
    return true;
  }

  override sourceInput(p: number): Uint8Array {
    return encodeValue(this.splits[p], this.kind);
  }

  narrowParents(): [] {
    return [];
  }

  protected node(): PlanNode {
    return { ...this.base(), kind: this.kind };
  }
}

/** textFile: lines of byte-range splits of the files. */
export class TextFileRDD extends SplitSourceRDD<string, FileSplit> {
  constructor(ctx: RDDContext, splits: readonly FileSplit[]) {
    super(ctx, "textFile", "HadoopRDD", splits);
  }
}

/** wholeTextFiles: [path, content] of each file of a partition's group. */
export class WholeTextFilesRDD extends SplitSourceRDD<[string, string], WholeFileSplit> {
  constructor(ctx: RDDContext, groups: readonly WholeFileSplit[]) {
    super(ctx, "wholeTextFiles", "WholeTextFileRDD", groups);
  }
}

export class EmptyRDD<T> extends RDD<T> {
  readonly kindName = "EmptyRDD";
  readonly dependencies: readonly Dependency[] = [];
  readonly numPartitions = 0;

  constructor(ctx: RDDContext) {
    super(ctx);
    this.origin = "emptyRDD";
  }

  narrowParents(): [] {
    return [];
  }

  protected node(): PlanNode {
    return { ...this.base(), kind: "empty" };
  }
}
