/**
 * The row codec: rows <-> Apache Arrow IPC stream bytes, the format of shuffle blocks and task
 * results. A block is "pairs" (columns `key` and `value`: every row was a 2-element array) or
 * "values" (one column `value`). Each column is typed by its contents (row-column-encode.ts):
 * Float64 / Int32 / Int64 / Bool / Utf8, or Binary holding one value-codec encoding per row.
 * The spate kind of each column, the block kind and the row count travel in the schema
 * metadata, so decoding is exact. Large blocks are split into record batches (at most
 * MAX_BATCH_ROWS rows or about MAX_BATCH_BYTES of variable-size data each).
 *
 * apache-arrow is used for the IPC framing only; columns are filled and read by hand, and the
 * stream is followed by a CRC-32 trailer (row-seal.ts) that is checked before decoding.
 * Called by the shuffle writer/reader and the task result path (through row-block.ts).
 * Errors: UNSERIALIZABLE for values that cannot cross, CORRUPT_DATA for bytes that do not decode.
 */
import type { Data, Schema } from "apache-arrow";
import { arrow } from "./arrow-lib.js";
import { EngineError } from "../engine-error.js";
import { checkColumnData, readColumn } from "./row-column-decode.js";
import { ByteWriter } from "./byte-buffer.js";
import { arrowType, type BuildContext, buildColumn, type BuiltColumn, type ColumnKind, KIND_KEY, NotUtf8, planColumn } from "./row-column-encode.js";
import { ScratchArena } from "./row-scratch.js";
import { sealedStream, unsealedStream } from "./row-seal.js";
import type { DecodeOptions } from "./value-codec.js";

export type { DecodeOptions } from "./value-codec.js";
export type { ColumnKind } from "./row-column-encode.js";

export const MAX_BATCH_ROWS = 256 * 1024;
export const MAX_BATCH_BYTES = 512 * 1024 * 1024;

const BLOCK_KEY = "spate.block";
const ROWS_KEY = "spate.rows";
const KINDS: readonly ColumnKind[] = ["f64", "i32", "utf8", "bool", "i64", "bin"];

export interface ColumnsIn {
  /** Present for a pairs block: keys[i] goes with values[i]. */
  keys?: ArrayLike<unknown> | null;
  values: ArrayLike<unknown>;
}

export interface ColumnsOut {
  kind: "pairs" | "values";
  length: number;
  /** null for a values block; else typed like `values`. */
  keys: ArrayLike<unknown> | null;
  /**
   * Float64Array / Int32Array / BigInt64Array for numeric columns, else an array. A numeric
   * column of a one-batch block is a view of the input bytes (no copy): it changes if they do.
   */
  values: ArrayLike<unknown>;
}

export interface EncodeLimits {
  maxBatchRows?: number;
  maxBatchBytes?: number;
}

function corrupt(message: string): EngineError {
  return new EngineError("CORRUPT_DATA", message);
}

/** Encodes one block of columns. `subject` says what the values are in UNSERIALIZABLE messages. */
export function encodeColumns(cols: ColumnsIn, operation: string, subject = "a value", limits: EncodeLimits = {}): Uint8Array {
  const { values } = cols;
  const keys = cols.keys ?? null;
  if (keys !== null && keys.length !== values.length) {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: ${keys.length} keys but ${values.length} values in one block`);
  }
  const kinds: ColumnKind[] = keys === null ? [planColumn(values)] : [planColumn(keys), planColumn(values)];
  for (;;) {
    try {
      return writeBlock(keys, values, kinds, operation, subject, limits);
    } catch (e) {
      if (!(e instanceof NotUtf8)) throw e;
      // A string with lone surrogates: that column goes through the value codec instead.
      kinds[e.message === "key" ? 0 : kinds.length - 1] = "bin";
    }
  }
}

/** Scratch reused from block to block (a nested call, from a getter, gets its own). */
const shared = { arena: new ScratchArena(), binary: new ByteWriter(64 * 1024), busy: false };
/** A shared binary writer that grew past this is dropped after use rather than kept. */
const KEEP_BINARY_CAPACITY = 64 * 1024 * 1024;

function writeBlock(
  keys: ArrayLike<unknown> | null,
  values: ArrayLike<unknown>,
  kinds: ColumnKind[],
  operation: string,
  subject: string,
  limits: EncodeLimits,
): Uint8Array {
  const own = !shared.busy;
  const arena = own ? shared.arena : new ScratchArena();
  const binary = own ? shared.binary : new ByteWriter();
  shared.busy ||= own;
  arena.reset();
  binary.reset();
  try {
    const maxBytes = limits.maxBatchBytes ?? MAX_BATCH_BYTES;
    const ctx: BuildContext = { arena, binary, maxBytes, operation, subject, rowPath: (i) => `[${i}]` };
    return writeBatches(keys, values, kinds, limits.maxBatchRows ?? MAX_BATCH_ROWS, ctx);
  } finally {
    if (own) {
      shared.busy = false;
      arena.reset();
      if (binary.buf.length > KEEP_BINARY_CAPACITY) shared.binary = new ByteWriter(64 * 1024);
    }
  }
}

function writeBatches(
  keys: ArrayLike<unknown> | null,
  values: ArrayLike<unknown>,
  kinds: ColumnKind[],
  maxRows: number,
  ctx: BuildContext,
): Uint8Array {
  const n = values.length;
  const names = keys === null ? ["value"] : ["key", "value"];
  const { Field, Schema } = arrow();
  const fields = names.map((name, i) => new Field(name, arrowType(kinds[i]!), false, new Map([[KIND_KEY, kinds[i]!]])));
  const schema = new Schema(fields, new Map([[BLOCK_KEY, keys === null ? "values" : "pairs"], [ROWS_KEY, String(n)]]));
  const build = (col: number, data: ArrayLike<unknown>, start: number, end: number): BuiltColumn => {
    if (keys !== null) ctx.rowPath = (i) => `[${i}][${col}]`;
    try {
      return buildColumn(kinds[col]!, data, start, end, ctx);
    } catch (e) {
      if (e instanceof NotUtf8) throw new NotUtf8(names[col]);
      throw e;
    }
  };
  const built: Array<{ length: number; columns: BuiltColumn[] }> = [];
  let start = 0;
  do {
    let end = Math.min(n, start + maxRows);
    let valueCol = build(names.length - 1, values, start, end);
    end = valueCol.end;
    const columns: BuiltColumn[] = [];
    if (keys !== null) {
      const keyCol = build(0, keys, start, end);
      if (keyCol.end < end) {
        end = keyCol.end;
        valueCol = build(1, values, start, end);
      }
      columns.push(keyCol);
    }
    columns.push(valueCol);
    built.push({ length: end - start, columns });
    start = end;
  } while (start < n);
  const { Struct, RecordBatch, makeData } = arrow();
  const structType = new Struct(fields);
  const batches = built.map(
    ({ length, columns }) => new RecordBatch(schema, makeData({ type: structType, length, nullCount: 0, children: columns.map((c) => c.make()) })),
  );
  return sealedStream(schema, batches);
}

/** Decodes a block made by encodeColumns or encodeRows into columns. */
export function decodeColumns(bytes: Uint8Array, options?: DecodeOptions): ColumnsOut {
  const stream = unsealedStream(bytes);
  let schema: Schema;
  const perColumn: Data[][] = [];
  let total = 0;
  let pairs: boolean;
  let kinds: ColumnKind[];
  try {
    const reader = arrow().RecordBatchReader.from(stream);
    reader.open();
    schema = reader.schema;
    if (schema === undefined || schema === null) throw corrupt("row block holds no Arrow schema");
    ({ pairs, kinds } = checkSchema(schema));
    for (let i = 0; i < kinds.length; i++) perColumn.push([]);
    for (const batch of reader) {
      const children = batch.data.children;
      if (children.length !== kinds.length) throw corrupt(`a record batch has ${children.length} columns, the schema ${kinds.length}`);
      for (let i = 0; i < kinds.length; i++) {
        const d = children[i]!;
        if (d.length !== batch.numRows) throw corrupt(`column ${i} of a record batch has ${d.length} rows, the batch ${batch.numRows}`);
        checkColumnData(d, kinds[i]!, `column "${schema.fields[i]!.name}"`);
        perColumn[i]!.push(d);
      }
      total += batch.numRows;
    }
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw corrupt(`row block is not a readable Arrow IPC stream: ${e instanceof Error ? e.message : String(e)}`);
  }
  const expected = Number(schema.metadata.get(ROWS_KEY));
  if (total !== expected) throw corrupt(`row block holds ${total} rows, its header says ${expected} (truncated?)`);
  const names = pairs ? ["key", "value"] : ["value"];
  const columns = kinds.map((kind, i) => readColumn(kind, perColumn[i]!, total, names[i]!, options));
  return {
    kind: pairs ? "pairs" : "values",
    length: total,
    keys: pairs ? columns[0]! : null,
    values: columns[columns.length - 1]!,
  };
}

function checkSchema(schema: Schema): { pairs: boolean; kinds: ColumnKind[] } {
  const block = schema.metadata.get(BLOCK_KEY);
  if (block !== "pairs" && block !== "values") throw corrupt(`row block schema has no spate block kind (got ${JSON.stringify(block)})`);
  const rows = Number(schema.metadata.get(ROWS_KEY));
  if (!Number.isSafeInteger(rows) || rows < 0) throw corrupt(`row block schema has no valid row count`);
  const pairs = block === "pairs";
  const names = pairs ? ["key", "value"] : ["value"];
  const fields = schema.fields;
  if (fields.length !== names.length || fields.some((f, i) => f.name !== names[i])) {
    throw corrupt(`row block schema has columns [${fields.map((f) => f.name).join(", ")}], expected [${names.join(", ")}]`);
  }
  const kinds = fields.map((f) => {
    const kind = f.metadata.get(KIND_KEY) as ColumnKind | undefined;
    if (kind === undefined || !KINDS.includes(kind)) throw corrupt(`column "${f.name}" has an unknown spate kind ${JSON.stringify(kind)}`);
    return kind;
  });
  return { pairs, kinds };
}

/**
 * Encodes rows: a pairs block when every row is a 2-element array, else a values block.
 * Each row's key and value are encoded on their own (references shared between rows are not kept).
 */
export function encodeRows(rows: readonly unknown[], operation: string, subject = "a value", limits?: EncodeLimits): Uint8Array {
  const n = rows.length;
  let pairs = n > 0;
  for (let i = 0; i < n && pairs; i++) {
    const r = rows[i];
    pairs = Array.isArray(r) && r.length === 2;
  }
  if (!pairs) return encodeColumns({ values: rows }, operation, subject, limits);
  const keys = new Array<unknown>(n);
  const values = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as readonly unknown[];
    keys[i] = r[0];
    values[i] = r[1];
  }
  return encodeColumns({ keys, values }, operation, subject, limits);
}

/** Decodes a block into rows; a pairs block gives [key, value] arrays. */
export function decodeRows(bytes: Uint8Array, options?: DecodeOptions): unknown[] {
  const { length, keys, values } = decodeColumns(bytes, options);
  if (keys === null) return Array.isArray(values) ? values : Array.from(values);
  const out = new Array<unknown>(length);
  for (let i = 0; i < length; i++) out[i] = [keys[i], values[i]];
  return out;
}
