/**
 * Whole-file input for `sc.wholeTextFiles`: which files each partition reads (driver side) and
 * reading one file as a record (executor side).
 *
 * Planning follows Spark's WholeTextFileInputFormat, which sets the maximum split size of
 * Hadoop's CombineFileInputFormat to ceil(totalBytes / max(minPartitions, 1)) and packs whole
 * files into splits until a split reaches that size. spate packs the files contiguously, in the
 * order given (so partitions and their records keep the sorted path order of expandPaths): a
 * partition is closed as soon as its bytes reach the target, the rest go to the last one.
 * Balanced by size, not by count; each partition except the last holds at least `target` bytes,
 * so there are never more than max(minPartitions, 1) partitions, sometimes fewer (as in Spark:
 * 3 equal files with minPartitions 2 give 2 partitions, of 2 files and 1 file).
 * Empty files are records too (content ""); they join the partition being filled (trailing ones
 * join the last partition). When every file is empty, all of them form one partition.
 *
 * Records are [absolute path, content decoded as UTF-8] (Spark gives a "file:" URI; the contract
 * says an absolute path). A byte-order mark is kept as U+FEFF, as in Spark.
 *
 * Called by the api layer's wholeTextFiles (planWholeFileSplits, after expandPaths and
 * statFiles) and by the executor's partition compute (readWholeFile); hands on plain objects
 * that cross the wire.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { checkMinPartitions, type FileSize } from "./text-splits.js";

/** The files one wholeTextFiles partition reads, in order, and their total size in bytes. */
export interface WholeFileSplit {
  paths: string[];
  size: number;
}

/** Groups files into partitions; see the module docblock. */
export function planWholeFileSplits(
  files: readonly FileSize[],
  minPartitions: number,
  operation = "wholeTextFiles",
): WholeFileSplit[] {
  const numSplits = checkMinPartitions(minPartitions, operation);
  let total = 0;
  for (const f of files) total += f.size;
  const target = Math.max(1, Math.ceil(total / numSplits));
  const splits: WholeFileSplit[] = [];
  let current: WholeFileSplit = { paths: [], size: 0 };
  for (const f of files) {
    current.paths.push(f.path);
    current.size += f.size;
    if (current.size >= target) {
      splits.push(current);
      current = { paths: [], size: 0 };
    }
  }
  if (current.paths.length > 0) {
    const last = splits[splits.length - 1];
    if (current.size === 0 && last !== undefined) last.paths.push(...current.paths); // trailing empty files
    else splits.push(current);
  }
  return splits;
}

/** One wholeTextFiles record: [absolute path, the file's content as UTF-8]. */
export function readWholeFile(file: string): [string, string] {
  const abs = path.resolve(file);
  return [abs, readFileSync(abs, "utf8")];
}

/** The records of one wholeTextFiles partition, read one file at a time. */
export function* readWholeFileSplit(split: WholeFileSplit): Generator<[string, string], void, undefined> {
  for (const p of split.paths) yield readWholeFile(p);
}
