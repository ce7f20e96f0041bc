/**
 * The row codec, loaded on first use. apache-arrow takes about 170 ms to load in each thread
 * (BENCHMARKS.md: most of an executor's cold start), and many tasks never touch an Arrow block
 * (one-element tasks, small results, which use the value codec). Every slot and the driver import
 * the codec through this module, so only threads that meet an Arrow block pay for loading it.
 */
import { createRequire } from "node:module";
import type * as RowCodec from "./row-codec.js";

const load = createRequire(import.meta.url);
let codec: typeof RowCodec | undefined;

function rowCodec(): typeof RowCodec {
  codec ??= load("./row-codec.js") as typeof RowCodec;
  return codec;
}

export const encodeColumns: typeof RowCodec.encodeColumns = (cols, operation) => rowCodec().encodeColumns(cols, operation);
export const decodeColumns: typeof RowCodec.decodeColumns = (bytes, options) => rowCodec().decodeColumns(bytes, options);
export const encodeRows: typeof RowCodec.encodeRows = (rows, operation) => rowCodec().encodeRows(rows, operation);
export const decodeRows: typeof RowCodec.decodeRows = (bytes, options) => rowCodec().decodeRows(bytes, options);
