/**
 * The output directory of `saveAsTextFile`, laid out as Hadoop's FileOutputCommitter leaves it:
 * one `part-00000`, `part-00001`, ... file per partition (empty partitions give empty files),
 * then an empty `_SUCCESS` marker once the job has committed.
 *
 * - prepareOutputDir (driver, before any task runs): resolves the directory, creates it (with
 *   its parents) when missing, uses it when it exists and is empty, and refuses (EngineError
 *   INVALID_ARGUMENT, touching nothing) a non-empty directory or a path that is not a directory.
 *   Spark refuses any existing directory; spate accepts an empty one.
 * - writePartFile / writePartFileAsync (executor, one per task attempt): write every line
 *   followed by "\n" (UTF-8) to the hidden `.part-NNNNN.<attemptId>.tmp`, then rename it to
 *   `part-NNNNN`, so a reader never sees a half-written part file and a failed attempt leaves
 *   only a hidden temp file (removed if the failure is a thrown error). A later attempt of the
 *   same partition replaces the earlier part file.
 * - commitOutputDir (driver, after every task succeeded): removes leftover attempt temp files and
 *   writes `_SUCCESS`.
 * Part names have 5 digits (`part-00042`), more when the index needs them (`part-123456`), as
 * Hadoop's `%05d`.
 *
 * Elements become lines with formatTextLine (text-line-format.ts). Called by the api layer's
 * saveAsTextFile and the executor's output task; hands on file paths.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { EngineError } from "../engine-error.js";

/** Characters buffered before one write. */
const FLUSH_CHARS = 1 << 20;

const TEMP_PART = /^\.part-\d+\..+\.tmp$/;

/** `part-00000` for partition 0: five digits or more, as Hadoop names them. */
export function partFileName(partitionIndex: number): string {
  return `part-${String(partitionIndex).padStart(5, "0")}`;
}

function tempFileName(partitionIndex: number, attemptId: string): string {
  return `.${partFileName(partitionIndex)}.${attemptId}.tmp`;
}

/** Resolves and checks (or creates) the output directory; returns its absolute path. */
export function prepareOutputDir(dir: string, operation: string, cwd: string = process.cwd()): string {
  if (typeof dir !== "string" || dir.trim() === "") {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: the output directory is empty; give a directory path.`);
  }
  const abs = path.resolve(cwd, dir);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw cannotUse(operation, abs, err);
    try {
      mkdirSync(abs, { recursive: true });
    } catch (mkErr) {
      throw cannotUse(operation, abs, mkErr);
    }
    return abs;
  }
  if (!isDir) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `${operation}: '${abs}' exists and is not a directory. Choose another output directory.`,
    );
  }
  if (readdirSync(abs).length > 0) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `${operation}: output directory '${abs}' already exists and is not empty. Remove it or choose another directory; it was left untouched.`,
    );
  }
  return abs;
}

function cannotUse(operation: string, abs: string, err: unknown): EngineError {
  return new EngineError(
    "INVALID_ARGUMENT",
    `${operation}: cannot create the output directory '${abs}': ${(err as Error).message}.`,
  );
}

function checkPartArgs(partitionIndex: number, attemptId: string): void {
  if (!Number.isSafeInteger(partitionIndex) || partitionIndex < 0) {
    throw new EngineError("INVALID_ARGUMENT", `saveAsTextFile: partition index must be a non-negative integer, got ${partitionIndex}.`);
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(attemptId)) {
    throw new EngineError("INVALID_ARGUMENT", `saveAsTextFile: attempt id '${attemptId}' may hold only letters, digits, '_', '.' and '-'.`);
  }
}

/** What a part-file writer wrote. */
export interface PartFileResult {
  path: string;
  lines: number;
  bytes: number;
}

/** Writes one partition's lines to `dir/part-NNNNN` atomically (temp file, then rename). */
export function writePartFile(
  dir: string,
  partitionIndex: number,
  lines: Iterable<string>,
  attemptId: string,
): PartFileResult {
  checkPartArgs(partitionIndex, attemptId);
  const temp = path.join(dir, tempFileName(partitionIndex, attemptId));
  const final = path.join(dir, partFileName(partitionIndex));
  const fd = openSync(temp, "w");
  let count = 0;
  let bytes = 0;
  try {
    let pending: string[] = [];
    let pendingChars = 0;
    const flush = (): void => {
      if (pending.length === 0) return;
      const buf = Buffer.from(pending.join(""), "utf8");
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      bytes += buf.length;
      pending = [];
      pendingChars = 0;
    };
    for (const line of lines) {
      pending.push(line, "\n");
      pendingChars += line.length + 1;
      count++;
      if (pendingChars >= FLUSH_CHARS) flush();
    }
    flush();
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(temp, final);
  return { path: final, lines: count, bytes };
}

/** writePartFile for lines that arrive asynchronously (async generators, mapAsync results). */
export async function writePartFileAsync(
  dir: string,
  partitionIndex: number,
  lines: Iterable<string> | AsyncIterable<string>,
  attemptId: string,
): Promise<PartFileResult> {
  checkPartArgs(partitionIndex, attemptId);
  const temp = path.join(dir, tempFileName(partitionIndex, attemptId));
  const final = path.join(dir, partFileName(partitionIndex));
  const handle = await open(temp, "w");
  let count = 0;
  let bytes = 0;
  try {
    let pending: string[] = [];
    let pendingChars = 0;
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const buf = Buffer.from(pending.join(""), "utf8");
      let off = 0;
      while (off < buf.length) off += (await handle.write(buf, off, buf.length - off)).bytesWritten;
      bytes += buf.length;
      pending = [];
      pendingChars = 0;
    };
    for await (const line of lines) {
      pending.push(line, "\n");
      pendingChars += line.length + 1;
      count++;
      if (pendingChars >= FLUSH_CHARS) await flush();
    }
    await flush();
  } catch (err) {
    await handle.close();
    rmSync(temp, { force: true });
    throw err;
  }
  await handle.close();
  renameSync(temp, final);
  return { path: final, lines: count, bytes };
}

/** Marks the output complete: removes leftover attempt temp files, writes an empty `_SUCCESS`. */
export function commitOutputDir(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (TEMP_PART.test(name)) rmSync(path.join(dir, name), { force: true });
  }
  writeFileSync(path.join(dir, "_SUCCESS"), "");
}
