/**
 * A block of rows as it crosses between processes (parallelize slices, collect results, cached
 * partitions): a one-byte format tag, then either Arrow IPC (row-codec: typed columns, the
 * normal case) or, for blocks of a few rows, the value codec, because an Arrow record batch
 * costs 0.1–0.3 ms each way whatever its size (BENCHMARKS.md) and tiny tasks must stay cheap.
 */
import { EngineError } from "../engine-error.js";
import { decodeRows, encodeRows } from "./row-codec.js";
import { decodeValue, type DecodeOptions, encodeValue } from "./value-codec.js";

/** Blocks with fewer rows than this use the value codec. */
export const SMALL_BLOCK_ROWS = 64;

const FORMAT_VALUES = 0;
const FORMAT_ARROW = 1;

export function encodeRowBlock(rows: readonly unknown[], operation: string): Uint8Array {
  const small = rows.length < SMALL_BLOCK_ROWS;
  const body = small ? encodeValue(rows, operation, "an element") : encodeRows(rows, operation);
  const out = new Uint8Array(body.length + 1);
  out[0] = small ? FORMAT_VALUES : FORMAT_ARROW;
  out.set(body, 1);
  return out;
}

export function decodeRowBlock(bytes: Uint8Array, options?: DecodeOptions): unknown[] {
  if (bytes.length === 0) throw new EngineError("CORRUPT_DATA", "row block: empty input (no format byte)");
  const body = bytes.subarray(1);
  switch (bytes[0]) {
    case FORMAT_VALUES: {
      const rows = decodeValue(body, options);
      if (!Array.isArray(rows)) throw new EngineError("CORRUPT_DATA", "row block: the value form does not hold a list of rows");
      return rows;
    }
    case FORMAT_ARROW:
      return decodeRows(body, options);
    default:
      throw new EngineError("CORRUPT_DATA", `row block: unknown format ${bytes[0]}`);
  }
}
