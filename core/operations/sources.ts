/**
 * The operations that start a lineage: parallelize (slices of a driver-side collection, each
 * encoded once and carried only by its own task), range (computed on executors from a formula:
 * nothing shipped), text files split by byte ranges, whole files, and the empty RDD. Each has its
 * RDD kind (driver side) and its node kind (fields, guard, and how an executor reads a partition).
 * A new source (another file format) is one more RDD kind and node kind here, or in a module
 * like this one registered in plan-nodes.ts.
 */
import { readSplitLines } from "../io/line-reader.js";
import type { FileSplit } from "../io/text-splits.js";
import { readWholeFileSplit, type WholeFileSplit } from "../io/whole-files.js";
import { int, num } from "../plan/schema.js";
import { type Dependency, RDD, type RDDContext } from "../rdd/rdd.js";
import { syncStream } from "../task/stream.js";
import { decodeRowBlock, encodeRowBlock } from "../wire/row-block.js";
import { decodeValue, encodeValue } from "../wire/value-codec.js";
import { defineNode, type NodeOfKind } from "./node-kind.js";

/** Parallelize and range slicing, as Spark: slice i holds elements [i·len/n, (i+1)·len/n). */
export function sliceBounds(length: number, numSlices: number, i: number): { start: number; end: number } {
  return { start: Math.floor((i * length) / numSlices), end: Math.floor(((i + 1) * length) / numSlices) };
}

const parallelizeNode = defineNode("parallelize", {}, {
  compute: (node, p, { io }) => syncStream(decodeRowBlock(io.input(node.rddId, p), io.decodeOptions)),
});

const rangeNode = defineNode("range", { start: num, step: num, length: int() }, {
  compute: (node, p) => {
    const { start, end } = sliceBounds(node.length, node.numPartitions, p);
    const first = node.start;
    const step = node.step;
    return syncStream({
      *[Symbol.iterator]() {
        for (let i = start; i < end; i++) yield first + i * step;
      },
    });
  },
});

const textFileNode = defineNode("textFile", {}, {
  compute: (node, p, { io }) => syncStream(readSplitLines(decodeValue(io.input(node.rddId, p)) as FileSplit)),
});

const wholeTextFilesNode = defineNode("wholeTextFiles", {}, {
  compute: (node, p, { io }) => syncStream(readWholeFileSplit(decodeValue(io.input(node.rddId, p)) as WholeFileSplit)),
});

const emptyNode = defineNode("empty", {}, { compute: () => syncStream([]) });

export const sourceNodes = [parallelizeNode, rangeNode, textFileNode, wholeTextFilesNode, emptyNode];

/** A source: no parents; its partitions come from task inputs or from a formula. */
abstract class SourceRDD<T> extends RDD<T> {
  readonly dependencies: readonly Dependency[] = [];

  narrowParents(): [] {
    return [];
  }
}

export class ParallelCollectionRDD<T> extends SourceRDD<T> {
  readonly kindName = "ParallelCollectionRDD";
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

  protected node(): NodeOfKind<typeof parallelizeNode> {
    return { ...this.base(), kind: "parallelize" };
  }
}

export class RangeRDD extends SourceRDD<number> {
  readonly kindName = "ParallelCollectionRDD";
  private readonly length: number;

  constructor(ctx: RDDContext, private readonly start: number, end: number, private readonly step: number, readonly numPartitions: number) {
    super(ctx);
    this.origin = "range";
    this.length = Math.max(0, Math.ceil((end - start) / step));
  }

  protected node(): NodeOfKind<typeof rangeNode> {
    return { ...this.base(), kind: "range", start: this.start, step: this.step, length: this.length };
  }
}

/** A file source: one split per partition (byte ranges of text files, or groups of whole files), each shipped with its own task. */
class SplitSourceRDD<T, S> extends SourceRDD<T> {
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

  protected node(): NodeOfKind<typeof textFileNode | typeof wholeTextFilesNode> {
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

export class EmptyRDD<T> extends SourceRDD<T> {
  readonly kindName = "EmptyRDD";
  readonly numPartitions = 0;

  constructor(ctx: RDDContext) {
    super(ctx);
    this.origin = "emptyRDD";
  }

  protected node(): NodeOfKind<typeof emptyNode> {
    return { ...this.base(), kind: "empty" };
  }
}
