/**
 * Line reading of one text split (executor side): the lines of `sc.textFile` partitions.
 *
 * Semantics are Hadoop's LineRecordReader (which Spark's textFile and PySpark use):
 * - lines end at "\n", "\r\n" or a lone "\r"; the terminator is not part of the line;
 * - a file ending with a terminator has no empty last line; a last line without one is kept;
 *   an empty file has no lines;
 * - a split [start, start + length) yields exactly the lines whose first byte lies inside it:
 *   a split not starting at 0 backs up one byte and drops everything up to the first terminator
 *   (so a line starting exactly at `start` is kept), and a line that starts inside the split but
 *   runs past its end is read whole. Every line of a file is therefore read exactly once across
 *   the splits planned by text-splits.ts, whatever the byte boundaries (inside a multibyte
 *   character, between "\r" and "\n"); a zero-length split yields nothing;
 * - lines are decoded as UTF-8 (malformed bytes become U+FFFD, as Hadoop's Text does); since
 *   "\r" and "\n" never occur inside a multibyte sequence, cutting at terminators never splits a
 *   character, and a partial line at a chunk boundary is carried over as bytes.
 *
 * Reading: chunks of `chunkSize` bytes (1 MiB by default) into one reused buffer (grown only for
 * a line longer than it); each chunk's complete lines are decoded with one call (Latin-1 when
 * the bytes are ASCII, UTF-8 otherwise) and split at "\n" (the "\r" handling runs only for
 * chunks that hold a "\r"). Lines are therefore V8 slices of their chunk's text, as with
 * String.prototype.split: holding on to a few lines keeps their chunks' text alive.
 *
 * Called by the executor's textFile partition compute (readSplitLines; readSplitLinesAsync and
 * readSplitLineBatchesAsync read the same lines with non-blocking I/O);
 * takes a `FileSplit` from text-splits.ts and hands on strings.
 */
import { isAscii } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import type { FileSplit } from "./text-splits.js";

/** Bytes read per call by default. */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

export interface LineReaderOptions {
  /** Bytes per read (>= 1); small values are for tests. */
  chunkSize?: number;
}

const LF = 10;
const CR = 13;

/** Splits decoded text made of whole lines (the last one possibly unterminated) into lines. */
function splitLines(text: string, hasCR: boolean): string[] {
  const pieces = text.split("\n");
  if (!hasCR) {
    if (pieces[pieces.length - 1] === "") pieces.pop();
    return pieces;
  }
  const out: string[] = [];
  const lastIdx = pieces.length - 1;
  for (let i = 0; i <= lastIdx; i++) {
    let piece = pieces[i]!;
    const isLast = i === lastIdx;
    if (!isLast && piece.endsWith("\r")) piece = piece.slice(0, -1); // the "\r" of "\r\n"
    if (piece.indexOf("\r") === -1) {
      if (!isLast || piece !== "") out.push(piece);
      continue;
    }
    const subs = piece.split("\r"); // lone "\r" terminators
    const n = isLast && subs[subs.length - 1] === "" ? subs.length - 1 : subs.length;
    for (let j = 0; j < n; j++) out.push(subs[j]!);
  }
  return out;
}

/** Index of the first "\r" or "\n" in buf[from, to), or -1. */
function firstTerminator(buf: Buffer, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if (b === LF || b === CR) return i;
  }
  return -1;
}

/** Index of the last "\r" or "\n" in buf[from, to), or -1. */
function lastTerminator(buf: Buffer, from: number, to: number): number {
  if (to <= from) return -1;
  const view = buf.subarray(from, to);
  const lf = view.lastIndexOf(LF);
  const cr = view.lastIndexOf(CR);
  const last = Math.max(lf, cr);
  return last === -1 ? -1 : from + last;
}

/**
 * The state machine shared by the sync and async readers: says where to read next, and turns
 * each read into the lines it completes.
 */
class SplitScanner {
  private buf: Buffer;
  /** buf[0, filled) holds unconsumed bytes; buf[0] is at file offset bufPos. */
  private filled = 0;
  private bufPos: number;
  /** Still dropping the partial first line of a split that does not start at 0. */
  private skipping: boolean;
  private readonly end: number;
  done: boolean;

  constructor(split: FileSplit, chunkSize: number) {
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
      throw new RangeError(`line reader: chunkSize must be a positive integer, got ${chunkSize}`);
    }
    this.end = split.start + split.length;
    this.done = split.length <= 0;
    this.skipping = split.start > 0;
    this.bufPos = this.skipping ? split.start - 1 : split.start;
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  /** Where the next read goes: buffer, offset in it, byte count, file position. */
  nextRead(): [Buffer, number, number, number] {
    if (this.filled === this.buf.length) {
      const grown = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(grown, 0, 0, this.filled);
      this.buf = grown;
    }
    return [this.buf, this.filled, this.buf.length - this.filled, this.bufPos + this.filled];
  }

  /** Takes the result of a read (0 = end of file) and returns the lines it completed. */
  accept(bytesRead: number): string[] {
    const eof = bytesRead === 0;
    this.filled += bytesRead;
    const buf = this.buf;
    const len = this.filled;
    let from = 0;

    if (this.skipping) {
      // A terminator at or past the split's end would start the next line outside the split.
      const t = firstTerminator(buf, 0, Math.min(len, this.end - this.bufPos));
      if (t === -1) {
        if (eof || this.bufPos + len >= this.end) this.done = true;
        this.bufPos += len;
        this.filled = 0;
        return [];
      }
      if (buf[t] === CR && t + 1 === len && !eof) {
        this.compact(t); // keep the "\r" until we know whether "\n" follows
        return [];
      }
      from = buf[t] === CR && t + 1 < len && buf[t + 1] === LF ? t + 2 : t + 1;
      this.skipping = false;
      if (this.bufPos + from >= this.end) {
        this.done = true;
        return [];
      }
    }

    // buf[from] starts a line that starts inside the split. Find where complete lines stop:
    // after the last terminator, not counting a final "\r" whose "\n" may be in the next read.
    let cut: number;
    if (eof) {
      cut = len;
    } else {
      const limit = len > from && buf[len - 1] === CR ? len - 1 : len;
      const last = lastTerminator(buf, from, limit);
      cut = last === -1 ? from : last + 1;
    }

    const endIdx = this.end - 1 - this.bufPos; // index of the split's last byte
    if (endIdx < cut) {
      // The line holding the split's last byte is the last one to read; it ends at the first
      // terminator at or after that byte (or at end of file).
      const q = firstTerminator(buf, Math.max(endIdx, from), cut);
      let stop = cut;
      if (q !== -1) stop = buf[q] === CR && q + 1 < len && buf[q + 1] === LF ? q + 2 : q + 1;
      this.done = true;
      return this.decode(from, stop);
    }
    const lines = this.decode(from, cut);
    if (eof) this.done = true;
    else this.compact(cut);
    return lines;
  }

  private decode(from: number, to: number): string[] {
    if (to <= from) return [];
    const bytes = this.buf.subarray(from, to);
    const hasCR = bytes.indexOf(CR) !== -1;
    // ASCII is its own Latin-1, and Latin-1 decoding is about twice as fast as UTF-8's.
    const text = isAscii(bytes) ? this.buf.toString("latin1", from, to) : this.buf.toString("utf8", from, to);
    return splitLines(text, hasCR);
  }

  /** Drops buf[0, at): moves the rest to the front. */
  private compact(at: number): void {
    if (at > 0) {
      this.buf.copyWithin(0, at, this.filled);
      this.bufPos += at;
      this.filled -= at;
    }
  }
}

/**
 * The lines of one split, read synchronously (see the module docblock for the semantics).
 * Opens the file on the first `next()`, closes it when the lines run out, on `return()` (a
 * `break` out of for-of) and on a read error. A hand-written iterator rather than a generator:
 * it is about a third faster per line.
 */
export function readSplitLines(split: FileSplit, options: LineReaderOptions = {}): IterableIterator<string> {
  return new SplitLineIterator(split, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
}

class SplitLineIterator implements IterableIterator<string> {
  private readonly scanner: SplitScanner;
  private fd = -1;
  private closed = false;
  private lines: string[] = [];
  private i = 0;

  constructor(
    private readonly split: FileSplit,
    chunkSize: number,
  ) {
    this.scanner = new SplitScanner(split, chunkSize);
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<string, undefined> {
    while (this.i >= this.lines.length) {
      if (!this.refill()) return { value: undefined, done: true };
    }
    return { value: this.lines[this.i++]!, done: false };
  }

  return(): IteratorResult<string, undefined> {
    this.close();
    this.lines = [];
    return { value: undefined, done: true };
  }

  /** Reads the next chunk into `lines`; false when there is nothing more. */
  private refill(): boolean {
    if (this.closed || this.scanner.done) {
      this.close();
      return false;
    }
    try {
      if (this.fd === -1) this.fd = openSync(this.split.path, "r");
      const [buffer, offset, length, position] = this.scanner.nextRead();
      this.lines = this.scanner.accept(readSync(this.fd, buffer, offset, length, position));
      this.i = 0;
    } catch (err) {
      this.close();
      throw err;
    }
    return true;
  }

  private close(): void {
    this.closed = true;
    if (this.fd !== -1) {
      const fd = this.fd;
      this.fd = -1;
      closeSync(fd);
    }
  }
}

/**
 * The lines of one split in batches (one array per chunk read), with non-blocking I/O: the
 * cheap way to consume a split asynchronously, since `for await` costs a promise per item.
 */
export async function* readSplitLineBatchesAsync(
  split: FileSplit,
  options: LineReaderOptions = {},
): AsyncGenerator<string[], void, undefined> {
  const scanner = new SplitScanner(split, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  if (scanner.done) return;
  const handle = await open(split.path, "r");
  try {
    while (!scanner.done) {
      const [buffer, offset, length, position] = scanner.nextRead();
      const { bytesRead } = await handle.read(buffer, offset, length, position);
      const lines = scanner.accept(bytesRead);
      if (lines.length > 0) yield lines;
    }
  } finally {
    await handle.close();
  }
}

/** The same lines as readSplitLines, read with non-blocking I/O, one line per step. */
export async function* readSplitLinesAsync(
  split: FileSplit,
  options: LineReaderOptions = {},
): AsyncGenerator<string, void, undefined> {
  for await (const lines of readSplitLineBatchesAsync(split, options)) {
    for (let i = 0; i < lines.length; i++) yield lines[i]!;
  }
}
