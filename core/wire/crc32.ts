/**
 * CRC-32 (the zlib polynomial) of a byte range: the row codec's integrity check on blocks.
 * Uses Node's native zlib.crc32 (Node >= 20.15) and a table-driven JS version before that.
 */
import * as zlib from "node:zlib";

type Crc32 = (data: Uint8Array) => number;

let table: Uint32Array | null = null;

function crc32Js(data: Uint8Array): number {
  if (table === null) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const native = (zlib as { crc32?: Crc32 }).crc32;

export const crc32: Crc32 = typeof native === "function" ? (data) => native(data) >>> 0 : crc32Js;

/** The JS version, exported for tests that compare it with the native one. */
export { crc32Js };
