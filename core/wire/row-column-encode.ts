/**
 * Column encoding for the row codec: picks a column's spate kind from its contents
 * (`planColumn`) and fills the Arrow buffers of one record batch by hand (`buildColumn`):
 * typed arrays for numbers, booleans and int64 bigints, Utf8 offsets + bytes for strings, and
 * a Binary column of value-codec encodings for everything else. Used only by row-codec.ts,
 * which frames the batches as Arrow IPC. Never calls apache-arrow builders (2-21x slower).
 */
import type { Data, DataType } from "apache-arrow";
import { arrow } from "./arrow-lib.js";
import { EngineError } from "../engine-error.js";
import type { ByteWriter } from "./byte-buffer.js";
import type { FastBuffer } from "./utf8.js";
import type { ScratchArena } from "./row-scratch.js";
import { writeValue } from "./value-codec.js";

/** How a column's values are stored; recorded in the Arrow field metadata under KIND_KEY. */
export type ColumnKind = "f64" | "i32" | "utf8" | "bool" | "i64" | "bin";

export const KIND_KEY = "spate.kind";

/** Thrown by the Utf8 builder on a string with lone surrogates: the column must be binary. */
export class NotUtf8 extends Error {}

type WellFormedString = string & { isWellFormed(): boolean };

export function arrowType(kind: ColumnKind): DataType {
  switch (kind) {
    case "f64": return new (arrow().Float64)();
    case "i32": return new (arrow().Int32)();
    case "utf8": return new (arrow().Utf8)();
    case "bool": return new (arrow().Bool)();
    case "i64": return new (arrow().Int64)();
    case "bin": return new (arrow().Binary)();
  }
}

/** Arrow Utf8/Binary offsets are int32. */
const MAX_OFFSET = 0x7fffffff;

const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

/** The narrowest kind that holds every value exactly. */
export function planColumn(values: ArrayLike<unknown>): ColumnKind {
  if (ArrayBuffer.isView(values)) {
    if (values instanceof Float64Array || values instanceof Float32Array || values instanceof Uint32Array) return "f64";
    if (values instanceof BigInt64Array) return "i64";
    if (values instanceof BigUint64Array) return planGeneric(values);
    return "i32";
  }
  return planGeneric(values);
}

function planGeneric(values: ArrayLike<unknown>): ColumnKind {
  const n = values.length;
  if (n === 0) return "bin";
  switch (typeof values[0]) {
    case "number": {
      let int32 = true;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v !== "number") return "bin";
        if (int32 && ((v | 0) !== v || (v === 0 && 1 / v < 0))) int32 = false;
      }
      return int32 ? "i32" : "f64";
    }
    case "string":
      for (let i = 0; i < n; i++) if (typeof values[i] !== "string") return "bin";
      return "utf8";
    case "boolean":
      for (let i = 0; i < n; i++) if (typeof values[i] !== "boolean") return "bin";
      return "bool";
    case "bigint":
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v !== "bigint" || v < MIN_I64 || v > MAX_I64) return "bin";
      }
      return "i64";
    default:
      return "bin";
  }
}

export interface BuildContext {
  /** Where fixed-size buffers and Utf8 bytes are carved from. */
  arena: ScratchArena;
  /** Receives the value-codec encodings of every binary column of the block, batch after batch. */
  binary: ByteWriter;
  /** Variable-size data of one column of one batch stops after the row that passes this. */
  maxBytes: number;
  operation: string;
  subject: string;
  /** Where row i of the column being built sits in the rows, for messages: "[i]" or "[i][0]". */
  rowPath: (row: number) => string;
}

export interface BuiltColumn {
  /**
   * Makes the Arrow data, once every batch of the block is built (the binary writer may move
   * its buffer while it grows).
   */
  make: () => Data;
  /** One past the last row taken: less than asked when the variable-size data reached its limit. */
  end: number;
}

/** Rows [start, end) of a column of the given kind. */
export function buildColumn(kind: ColumnKind, values: ArrayLike<unknown>, start: number, end: number, ctx: BuildContext): BuiltColumn {
  const n = end - start;
  const { arena } = ctx;
  switch (kind) {
    case "f64": {
      const out = values instanceof Float64Array ? values.subarray(start, end) : arena.float64(n);
      if (out !== values) for (let i = 0; i < n; i++) out[i] = values[start + i] as number;
      return { make: () => arrow().makeData({ type: new (arrow().Float64)(), length: n, nullCount: 0, data: out }), end };
    }
    case "i32": {
      const out = values instanceof Int32Array ? values.subarray(start, end) : arena.int32(n);
      if (out !== values) for (let i = 0; i < n; i++) out[i] = values[start + i] as number;
      return { make: () => arrow().makeData({ type: new (arrow().Int32)(), length: n, nullCount: 0, data: out }), end };
    }
    case "i64": {
      const out = values instanceof BigInt64Array ? values.subarray(start, end) : arena.bigInt64(n);
      if (out !== values) for (let i = 0; i < n; i++) out[i] = values[start + i] as bigint;
      return { make: () => arrow().makeData({ type: new (arrow().Int64)(), length: n, nullCount: 0, data: out }), end };
    }
    case "bool": {
      const bits = arena.zeroed((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (values[start + i] === true) bits[i >> 3]! |= 1 << (i & 7);
      return { make: () => arrow().makeData({ type: new (arrow().Bool)(), length: n, nullCount: 0, data: bits }), end };
    }
    case "utf8":
      return buildUtf8(values as ArrayLike<string>, start, end, ctx);
    case "bin":
      return buildBinary(values, start, end, ctx);
  }
}

function grow(buf: FastBuffer, used: number, need: number): FastBuffer {
  const next = Buffer.allocUnsafeSlow(Math.max(need, buf.length * 2)) as FastBuffer;
  next.set(buf.subarray(0, used), 0);
  return next;
}

function tooLarge(ctx: BuildContext, row: number): EngineError {
  return new EngineError(
    "UNSERIALIZABLE",
    `${ctx.operation}: ${ctx.subject} that cannot cross between processes: row ${row} alone takes more than 2 GiB encoded. Split it into smaller values.`,
  );
}

/** Utf8 offsets and bytes, filled by hand: ASCII by a JS loop, the rest by Buffer#utf8Write. */
function buildUtf8(values: ArrayLike<string>, start: number, end: number, ctx: BuildContext): BuiltColumn {
  const { maxBytes } = ctx;
  let chars = 0;
  for (let i = start; i < end; i++) chars += values[i]!.length;
  let buf = ctx.arena.bytes(Math.min(chars, maxBytes) + 64);
  let cap = buf.length;
  const offsets = ctx.arena.int32(end - start + 1);
  offsets[0] = 0;
  let pos = 0;
  for (let i = start; i < end; i++) {
    const s = values[i]!;
    const len = s.length;
    if (pos + len > cap) {
      buf = grow(buf, pos, pos + len);
      cap = buf.length;
    }
    let j = 0;
    for (; j < len; j++) {
      const c = s.charCodeAt(j);
      if (c >= 0x80) break;
      buf[pos + j] = c;
    }
    if (j === len) {
      pos += len;
    } else {
      if (!(s as WellFormedString).isWellFormed()) throw new NotUtf8();
      if (pos + 3 * len > cap) {
        buf = grow(buf, pos, pos + 3 * len);
        cap = buf.length;
      }
      pos += buf.utf8Write(s, pos);
    }
    if (pos > MAX_OFFSET) throw tooLarge(ctx, i);
    offsets[i - start + 1] = pos;
    if (pos > maxBytes) {
      end = i + 1;
      break;
    }
  }
  const n = end - start;
  const data = buf.subarray(0, pos);
  const used = offsets.subarray(0, n + 1);
  return { make: () => arrow().makeData({ type: new (arrow().Utf8)(), length: n, nullCount: 0, valueOffsets: used, data }), end };
}

/** One value-codec encoding per row, appended to the block's binary writer. */
function buildBinary(values: ArrayLike<unknown>, start: number, end: number, ctx: BuildContext): BuiltColumn {
  const w = ctx.binary;
  const base = w.pos;
  const offsets = ctx.arena.int32(end - start + 1);
  offsets[0] = 0;
  for (let i = start; i < end; i++) {
    try {
      writeValue(w, values[i], ctx.operation, ctx.subject);
    } catch (e) {
      // Again, for a message that says which row (the fast path does not build row paths).
      if (e instanceof EngineError && e.code === "UNSERIALIZABLE") writeValue(w, values[i], ctx.operation, ctx.subject, ctx.rowPath(i));
      throw e;
    }
    const size = w.pos - base;
    if (size > MAX_OFFSET) throw tooLarge(ctx, i);
    offsets[i - start + 1] = size;
    if (size > ctx.maxBytes) {
      end = i + 1;
      break;
    }
  }
  const n = end - start;
  const stop = w.pos;
  const used = offsets.subarray(0, n + 1);
  return { make: () => arrow().makeData({ type: new (arrow().Binary)(), length: n, nullCount: 0, valueOffsets: used, data: w.buf.subarray(base, stop) }), end };
}
