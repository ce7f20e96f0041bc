/**
 * ByteWriter / ByteReader: the growable output buffer and the bounds-checked input cursor under
 * every spate binary format (the value codec, the binary column of the row codec).
 * Called by core/wire/value-*.ts and core/wire/row-*.ts; hands on plain Uint8Arrays.
 * Integers are little-endian; varints are LEB128 up to 2^53 - 1; strings are a varint byte
 * length followed by UTF-8. Every read past the end, bad varint or bad length throws
 * EngineError("CORRUPT_DATA"); the reader never allocates more than the bytes it holds.
 */
import { EngineError } from "../engine-error.js";
import { decodeUtf8, type FastBuffer } from "./utf8.js";

export type { FastBuffer } from "./utf8.js";

const INITIAL_CAPACITY = 4096;
/** Strings shorter than this have at most 126 UTF-8 bytes, so a one-byte length prefix is enough. */
const SHORT_STRING = 43;

export class ByteWriter {
  /** The bytes written so far are buf[0, pos). */
  buf: FastBuffer;
  view: DataView;
  pos = 0;

  constructor(initialCapacity = INITIAL_CAPACITY) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialCapacity)) as FastBuffer;
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Bytes written since the last reset. */
  get length(): number {
    return this.pos;
  }

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = Buffer.allocUnsafe(cap) as FastBuffer;
    next.set(this.buf.subarray(0, this.pos), 0);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  writeU8(v: number): void {
    if (this.pos >= this.buf.length) this.ensure(1);
    this.buf[this.pos++] = v;
  }

  /** LEB128 of a non-negative integer up to 2^53 - 1. */
  writeVarUint(v: number): void {
    this.ensure(8);
    const buf = this.buf;
    let pos = this.pos;
    if (v < 0x80) {
      buf[pos++] = v;
    } else if (v <= 0xffffffff) {
      while (v >= 0x80) {
        buf[pos++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      buf[pos++] = v;
    } else {
      while (v >= 0x80) {
        buf[pos++] = (v % 128) | 0x80;
        v = Math.floor(v / 128);
      }
      buf[pos++] = v;
    }
    this.pos = pos;
  }

  writeF64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  writeI32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, v, true);
    this.pos += 4;
  }

  writeBigInt64(v: bigint): void {
    this.ensure(8);
    this.view.setBigInt64(this.pos, v, true);
    this.pos += 8;
  }

  writeBytes(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /**
   * A varint byte length then the UTF-8 bytes. A lone surrogate becomes U+FFFD (callers that
   * must keep them check `isWellFormed` first and use `writeUtf16`).
   */
  writeString(s: string): void {
    const n = s.length;
    if (n < SHORT_STRING) {
      this.ensure(1 + 3 * n);
      const buf = this.buf;
      const start = this.pos + 1;
      let j = 0;
      for (; j < n; j++) {
        const c = s.charCodeAt(j);
        if (c >= 0x80) break;
        buf[start + j] = c;
      }
      const len = j === n ? n : buf.utf8Write(s, start);
      buf[start - 1] = len;
      this.pos = start + len;
      return;
    }
    const len = Buffer.byteLength(s, "utf8");
    this.writeVarUint(len);
    this.ensure(len);
    this.pos += this.buf.utf8Write(s, this.pos, len);
  }

  /** A varint count of UTF-16 code units then the units, little-endian (keeps lone surrogates). */
  writeUtf16(s: string): void {
    const n = s.length;
    this.writeVarUint(n);
    this.ensure(2 * n);
    const buf = this.buf;
    let pos = this.pos;
    for (let j = 0; j < n; j++) {
      const c = s.charCodeAt(j);
      buf[pos++] = c & 0xff;
      buf[pos++] = c >>> 8;
    }
    this.pos = pos;
  }

  /** A copy of the bytes written; the writer may be reset and reused afterwards. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.pos);
    out.set(this.buf.subarray(0, this.pos), 0);
    return out;
  }

  /** A view of the bytes written, valid only until the next write or reset. */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
  }
}

// 8-byte numbers are read by copying their bytes into a scratch buffer viewed as the type
// (little-endian hosts; big-endian ones reverse the bytes).
const scratch = new ArrayBuffer(8);
const scratchBytes = new Uint8Array(scratch);
const scratchF64 = new Float64Array(scratch);
const scratchI64 = new BigInt64Array(scratch);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function copy8(buf: Uint8Array, p: number): void {
  const s = scratchBytes;
  if (LITTLE_ENDIAN) {
    s[0] = buf[p]!; s[1] = buf[p + 1]!; s[2] = buf[p + 2]!; s[3] = buf[p + 3]!;
    s[4] = buf[p + 4]!; s[5] = buf[p + 5]!; s[6] = buf[p + 6]!; s[7] = buf[p + 7]!;
  } else {
    for (let i = 0; i < 8; i++) s[i] = buf[p + 7 - i]!;
  }
}

function corrupt(message: string): EngineError {
  return new EngineError("CORRUPT_DATA", message);
}

export class ByteReader {
  readonly buf: Uint8Array;
  pos: number;
  /** Reads stop here (exclusive). */
  readonly end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    if (start < 0 || end > bytes.length || start > end) {
      throw corrupt(`a read range [${start}, ${end}) lies outside the ${bytes.length} bytes given`);
    }
    // No Buffer or DataView wrapper: making them costs more than decoding a small value.
    this.buf = bytes;
    this.pos = start;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws CORRUPT_DATA unless n more bytes are there. */
  need(n: number, what: string): void {
    if (n > this.end - this.pos) {
      throw corrupt(`truncated data: ${what} needs ${n} bytes at offset ${this.pos}, only ${this.end - this.pos} left`);
    }
  }

  readU8(): number {
    if (this.pos >= this.end) throw corrupt(`truncated data: a byte expected at offset ${this.pos}, none left`);
    return this.buf[this.pos++]!;
  }

  readVarUint(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos < this.end) {
      const b = buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      if (pos >= this.end) throw corrupt(`truncated data: a varint runs past the end at offset ${pos}`);
      const b = buf[pos++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) throw corrupt(`a varint at offset ${this.pos} exceeds 2^53 - 1`);
        this.pos = pos;
        return result;
      }
      scale *= 128;
    }
    throw corrupt(`a varint at offset ${this.pos} is longer than 8 bytes`);
  }

  /** A varint length of something that occupies at least `minBytesEach` bytes per unit. */
  readLength(what: string, minBytesEach = 1): number {
    const at = this.pos;
    const n = this.readVarUint();
    if (n * minBytesEach > this.end - this.pos) {
      throw corrupt(`${what} at offset ${at} claims ${n} entries, more than the ${this.end - this.pos} bytes left can hold`);
    }
    return n;
  }

  readF64(): number {
    this.need(8, "a float64");
    copy8(this.buf, this.pos);
    this.pos += 8;
    return scratchF64[0]!;
  }

  readI32(): number {
    this.need(4, "an int32");
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }

  readBigInt64(): bigint {
    this.need(8, "an int64");
    copy8(this.buf, this.pos);
    this.pos += 8;
    return scratchI64[0]!;
  }

  /** A view (no copy) of the next n bytes. */
  readBytes(n: number): Uint8Array {
    this.need(n, "a byte string");
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** The counterpart of ByteWriter.writeString. */
  readString(): string {
    const len = this.readVarUint();
    const start = this.pos;
    if (len > this.end - start) this.need(len, "a string");
    this.pos = start + len;
    return decodeUtf8(this.buf, start, start + len);
  }

  /** The counterpart of ByteWriter.writeUtf16. */
  readUtf16(): string {
    const n = this.readLength("a UTF-16 string", 2);
    let s = "";
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i += 4096) {
      const m = Math.min(4096, n - i);
      const units = new Array<number>(m);
      for (let j = 0; j < m; j++, pos += 2) units[j] = buf[pos]! | (buf[pos + 1]! << 8);
      s += String.fromCharCode.apply(null, units);
    }
    this.pos = pos;
    return s;
  }
}
