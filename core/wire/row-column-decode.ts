/**
 * Column decoding for the row codec: turns the Arrow data of one column (one Data per record
 * batch, as apache-arrow's IPC reader loaded them) back into JS values, reading `values`,
 * `valueOffsets` and the bit-packed booleans directly (never `get(i)`). Numeric columns come
 * back as typed arrays (a zero-copy view when the block has one batch), strings as string[],
 * binary columns through the value codec. Every buffer is checked against the row count and
 * every offset against its data before use: a mismatch is EngineError("CORRUPT_DATA").
 * Used only by row-codec.ts.
 */
import type { Data } from "apache-arrow";
import { arrow } from "./arrow-lib.js";
import { isAscii } from "node:buffer";
import { EngineError } from "../engine-error.js";
import { ByteReader } from "./byte-buffer.js";
import { decodeUtf8, fastBuffer } from "./utf8.js";
import { type ColumnKind, arrowType } from "./row-column-encode.js";
import { type DecodeOptions, readValue } from "./value-codec.js";

function corrupt(message: string): EngineError {
  return new EngineError("CORRUPT_DATA", message);
}

/** Throws unless `data` is a plain (no nulls, no slice offset) column of the given kind. */
export function checkColumnData(data: Data, kind: ColumnKind, where: string): void {
  if (!arrow().util.compareTypes(data.type, arrowType(kind))) {
    throw corrupt(`${where}: Arrow type ${String(data.type)} does not match its spate kind "${kind}"`);
  }
  if (data.offset !== 0) throw corrupt(`${where}: a sliced column (offset ${data.offset})`);
  if (data.nullCount !== 0) throw corrupt(`${where}: ${data.nullCount} nulls in a column spate writes without nulls`);
}

type NumericArray = Float64Array | Int32Array | BigInt64Array;
type NumericCtor = Float64ArrayConstructor | Int32ArrayConstructor | BigInt64ArrayConstructor;

/** Concatenates the typed `values` of each batch; a single batch is returned as a view. */
function readNumeric(ctor: NumericCtor, datas: readonly Data[], total: number, name: string): NumericArray {
  for (const d of datas) {
    const v = d.values as unknown;
    if (!(v instanceof ctor) || v.length < d.length) throw corrupt(`column "${name}": ${d.length} rows but a shorter value buffer`);
  }
  if (datas.length === 1) return (datas[0]!.values as NumericArray).subarray(0, total);
  const out = new ctor(total);
  let at = 0;
  for (const d of datas) {
    out.set((d.values as NumericArray).subarray(0, d.length) as never, at);
    at += d.length;
  }
  return out;
}

function readBool(datas: readonly Data[], total: number, name: string): boolean[] {
  const out = new Array<boolean>(total);
  let at = 0;
  for (const d of datas) {
    const bits = d.values as unknown;
    if (!(bits instanceof Uint8Array) || bits.length * 8 < d.length) throw corrupt(`column "${name}": ${d.length} rows but a shorter bit buffer`);
    for (let i = 0; i < d.length; i++) out[at + i] = (bits[i >> 3]! & (1 << (i & 7))) !== 0;
    at += d.length;
  }
  return out;
}

/** The offsets of a variable-size column, checked: non-negative, non-decreasing, within the data. */
function checkedOffsets(d: Data, name: string): { offsets: Int32Array; bytes: Uint8Array } {
  const offsets = d.valueOffsets as unknown;
  const bytes = d.values as unknown;
  const n = d.length;
  if (!(offsets instanceof Int32Array) || offsets.length < n + 1) throw corrupt(`column "${name}": ${n} rows but ${(offsets as Int32Array | undefined)?.length ?? 0} offsets`);
  if (!(bytes instanceof Uint8Array)) throw corrupt(`column "${name}": no data buffer`);
  let prev = offsets[0]!;
  if (prev < 0) throw corrupt(`column "${name}": negative offset ${prev}`);
  for (let i = 1; i <= n; i++) {
    const o = offsets[i]!;
    if (o < prev) throw corrupt(`column "${name}": offsets decrease at row ${i - 1} (${prev} then ${o})`);
    prev = o;
  }
  if (prev > bytes.length) throw corrupt(`column "${name}": offsets reach byte ${prev} of a ${bytes.length}-byte data buffer`);
  return { offsets, bytes };
}

function readUtf8(datas: readonly Data[], total: number, name: string): string[] {
  const out = new Array<string>(total);
  let at = 0;
  for (const d of datas) {
    const { offsets, bytes } = checkedOffsets(d, name);
    const n = d.length;
    const buf = fastBuffer(bytes);
    const first = offsets[0]!;
    const last = offsets[n]!;
    if (n > 0 && isAscii(bytes.subarray(first, last))) {
      // One native call for the whole batch; each row is then a cheap JS substring.
      const all = buf.latin1Slice(first, last);
      for (let i = 0; i < n; i++) out[at + i] = all.slice(offsets[i]! - first, offsets[i + 1]! - first);
    } else {
      for (let i = 0; i < n; i++) out[at + i] = decodeUtf8(buf, offsets[i]!, offsets[i + 1]!);
    }
    at += n;
  }
  return out;
}

function readBinary(datas: readonly Data[], total: number, name: string, options: DecodeOptions | undefined): unknown[] {
  const out = new Array<unknown>(total);
  let at = 0;
  for (const d of datas) {
    const { offsets, bytes } = checkedOffsets(d, name);
    const r = new ByteReader(bytes, 0, offsets[d.length]!);
    for (let i = 0; i < d.length; i++) {
      r.pos = offsets[i]!;
      const end = offsets[i + 1]!;
      const v = readValue(r, options);
      if (r.pos !== end) throw corrupt(`column "${name}": row ${at + i} holds ${end - offsets[i]!} bytes but its value takes ${r.pos - offsets[i]!}`);
      out[at + i] = v;
    }
    at += d.length;
  }
  return out;
}

/** The values of one column across all batches (`total` rows). */
export function readColumn(
  kind: ColumnKind,
  datas: readonly Data[],
  total: number,
  name: string,
  options: DecodeOptions | undefined,
): ArrayLike<unknown> {
  switch (kind) {
    case "f64": return readNumeric(Float64Array, datas, total, name);
    case "i32": return readNumeric(Int32Array, datas, total, name);
    case "i64": return readNumeric(BigInt64Array, datas, total, name);
    case "bool": return readBool(datas, total, name);
    case "utf8": return readUtf8(datas, total, name);
    case "bin": return readBinary(datas, total, name, options);
  }
}
