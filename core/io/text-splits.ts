/**
 * Split planning for `sc.textFile` (driver side): cuts the input files into byte ranges, one
 * partition each, exactly as Hadoop's `org.apache.hadoop.mapred.FileInputFormat.getSplits` does
 * when Spark's HadoopRDD calls it with `minPartitions`:
 *
 *   goalSize  = floor(totalSize / max(minPartitions, 1))
 *   splitSize = max(1, min(goalSize, blockSize))          blockSize = 32 MiB (a local filesystem's
 *                                                          `fs.local.block.size`)
 *   each file, in order: while remaining / splitSize > 1.1 emit [offset, splitSize]; then emit the
 *   rest (so the last split of a file may be up to 1.1 x splitSize long).
 *
 * Empty files: Hadoop emits one zero-length split for each; Spark 3.2+ drops every zero-length
 * split (`spark.hadoopRDD.ignoreEmptySplits`, true by default since SPARK-34809), so an empty file
 * yields no partition and a set of only empty files yields an RDD with zero partitions. spate
 * follows Spark; `keepEmptyFiles: true` gives Hadoop's behaviour.
 *
 * Splits are byte ranges, not line ranges: line-reader.ts turns a split into the lines whose
 * first byte lies inside it. Called by the driver's Context.textFile after expandPaths
 * (path-expansion.ts); hands on `FileSplit`s, which cross the wire to executors as plain objects
 * (the `textFile` source in core/operations/sources.ts).
 */
import { statSync } from "node:fs";
import { EngineError } from "../engine-error.js";

/** A byte range [start, start + length) of one file; an executor reads it with readSplitLines. */
export interface FileSplit {
  path: string;
  start: number;
  length: number;
}

/** A file and its size in bytes, as the planners take them. */
export interface FileSize {
  path: string;
  size: number;
}

/** Block size Hadoop reports for local files (`fs.local.block.size`, 32 MiB). */
export const LOCAL_BLOCK_SIZE = 32 * 1024 * 1024;

/** Hadoop's SPLIT_SLOP: the last split of a file may be up to 10% larger than splitSize. */
export const SPLIT_SLOP = 1.1;

export interface TextSplitOptions {
  /** Defaults to LOCAL_BLOCK_SIZE. */
  blockSize?: number;
  /** Hadoop's behaviour: one zero-length split per empty file. Default false (Spark 3.2+). */
  keepEmptyFiles?: boolean;
  /** Names the caller in error messages; defaults to "textFile". */
  operation?: string;
}

/** Sizes of the given files (symbolic links followed); a file that cannot be stat'ed is an error. */
export function statFiles(paths: readonly string[], operation = "textFile"): FileSize[] {
  return paths.map((p) => {
    try {
      const st = statSync(p);
      if (!st.isFile()) throw new Error("not a regular file");
      return { path: p, size: st.size };
    } catch (err) {
      throw new EngineError(
        "INVALID_ARGUMENT",
        `${operation}: cannot read '${p}': ${(err as Error).message}. Check that the file exists and is readable.`,
      );
    }
  });
}

/** Validates a minPartitions argument: a non-negative integer (0 is treated as 1, as in Hadoop). */
export function checkMinPartitions(minPartitions: number, operation: string): number {
  if (!Number.isSafeInteger(minPartitions) || minPartitions < 0) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `${operation}: minPartitions must be a non-negative integer, got ${String(minPartitions)}.`,
    );
  }
  return Math.max(minPartitions, 1);
}

/** Plans the byte-range splits of `files`, in file order; see the module docblock. */
export function planTextSplits(
  files: readonly FileSize[],
  minPartitions: number,
  options: TextSplitOptions = {},
): FileSplit[] {
  const operation = options.operation ?? "textFile";
  const numSplits = checkMinPartitions(minPartitions, operation);
  const blockSize = options.blockSize ?? LOCAL_BLOCK_SIZE;
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: blockSize must be a positive integer, got ${blockSize}.`);
  }
  let totalSize = 0;
  for (const file of files) totalSize += file.size;
  const goalSize = Math.floor(totalSize / numSplits);
  const splitSize = Math.max(1, Math.min(goalSize, blockSize));

  const splits: FileSplit[] = [];
  for (const { path, size } of files) {
    if (size === 0) {
      if (options.keepEmptyFiles) splits.push({ path, start: 0, length: 0 });
      continue;
    }
    let remaining = size;
    while (remaining / splitSize > SPLIT_SLOP) {
      splits.push({ path, start: size - remaining, length: splitSize });
      remaining -= splitSize;
    }
    if (remaining !== 0) splits.push({ path, start: size - remaining, length: remaining });
  }
  return splits;
}
