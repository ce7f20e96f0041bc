/**
 * Decoding of the value codec's leaf payloads: strings read as values (keys, RegExp source,
 * Error fields), bigints, Date, RegExp, typed arrays, DataView, ArrayBuffer, boxed primitives,
 * and the key cache that spares rebuilding repeated object keys. Used only by value-decoder.ts,
 * which owns containers, back-references and nesting. Every failure is CORRUPT_DATA.
 */
import { EngineError } from "../engine-error.js";
import type { ByteReader } from "./byte-buffer.js";
import { decodeUtf8 } from "./utf8.js";
import * as T from "./value-tags.js";

export function corrupt(message: string): EngineError {
  return new EngineError("CORRUPT_DATA", message);
}

/** Largest bigint magnitude accepted, in bytes (V8 allows 2^30 bits). */
const MAX_BIGINT_BYTES = 1 << 27;
/** Object keys of up to this many ASCII bytes go through the key cache. */
const KEY_CACHE_MAX_LEN = 16;
const KEY_CACHE_SLOTS = 4096;

/** A string value (tag T_STR or T_STR16), e.g. an object key or an Error message. */
export function readStringValue(r: ByteReader, what: string): string {
  const tag = r.readU8();
  if (tag === T.T_STR) return r.readString();
  if (tag === T.T_STR16) return r.readUtf16();
  throw corrupt(`${what} at offset ${r.pos - 1} is not a string (tag 0x${tag.toString(16)})`);
}

/** Recently decoded object keys, by a hash of their bytes: a repeated key is not rebuilt. */
export class KeyCache {
  private slots: Array<string | undefined> = new Array<string | undefined>(KEY_CACHE_SLOTS).fill(undefined);

  read(r: ByteReader): string {
    const buf = r.buf;
    const p = r.pos + 2;
    if (p <= r.end && buf[p - 2] === T.T_STR) {
      const len = buf[p - 1]!;
      if (len <= KEY_CACHE_MAX_LEN && p + len <= r.end) {
        let h = len;
        let high = 0;
        for (let i = 0; i < len; i++) {
          const b = buf[p + i]!;
          high |= b;
          h = (Math.imul(h, 31) + b) | 0;
        }
        if (high < 0x80) {
          const slot = h & (KEY_CACHE_SLOTS - 1);
          const cached = this.slots[slot];
          r.pos = p + len;
          if (cached !== undefined && cached.length === len) {
            let i = 0;
            while (i < len && cached.charCodeAt(i) === buf[p + i]) i++;
            if (i === len) return cached;
          }
          return (this.slots[slot] = decodeUtf8(buf, p, p + len));
        }
      }
    }
    return readStringValue(r, "an object key");
  }
}

/** The payload of T_BIGINT_POS / T_BIGINT_NEG: a byte count and the magnitude, little-endian. */
export function readBigMagnitude(r: ByteReader, neg: boolean): bigint {
  const n = r.readLength("a bigint");
  if (n > MAX_BIGINT_BYTES) throw corrupt(`a bigint of ${n} bytes at offset ${r.pos} is larger than JavaScript allows`);
  const bytes = r.readBytes(n);
  const bigEndian = Buffer.allocUnsafe(n);
  for (let j = 0; j < n; j++) bigEndian[j] = bytes[n - 1 - j]!;
  const mag = n === 0 ? 0n : BigInt("0x" + bigEndian.toString("hex"));
  return neg ? -mag : mag;
}

/** A bigint value (any of the three bigint tags). */
function readBigIntValue(r: ByteReader, what: string): bigint {
  const tag = r.readU8();
  if (tag === T.T_BIGINT64) return r.readBigInt64();
  if (tag === T.T_BIGINT_POS || tag === T.T_BIGINT_NEG) return readBigMagnitude(r, tag === T.T_BIGINT_NEG);
  throw corrupt(`${what} at offset ${r.pos - 1} is not a bigint (tag 0x${tag.toString(16)})`);
}

/** A fresh ArrayBuffer holding a copy of the bytes (aligned for any typed array). */
function copyBuffer(bytes: Uint8Array): ArrayBuffer {
  const ab = new ArrayBuffer(bytes.length);
  new Uint8Array(ab).set(bytes);
  return ab;
}

/**
 * The object a leaf tag stands for (its tag byte, at offset `at`, already read), or throws
 * CORRUPT_DATA for a tag that is no leaf. The caller registers the result for back-references.
 */
export function readLeafObject(r: ByteReader, tag: number, at: number): object {
  switch (tag) {
    case T.T_DATE:
      return new Date(r.readF64());
    case T.T_REGEXP: {
      const source = readStringValue(r, "a RegExp source");
      const flags = readStringValue(r, "RegExp flags");
      try {
        return new RegExp(source, flags);
      } catch {
        throw corrupt(`an invalid RegExp /${source}/${flags} at offset ${at}`);
      }
    }
    case T.T_TYPED_ARRAY: {
      const kind = r.readU8();
      const ctor = T.TYPED_ARRAY_KINDS[kind];
      if (ctor === undefined) throw corrupt(`an unknown typed array kind ${kind} at offset ${at}`);
      const bytes = r.readBytes(r.readLength("a typed array"));
      if (bytes.length % ctor.BYTES_PER_ELEMENT !== 0) {
        throw corrupt(`a ${ctor.name} of ${bytes.length} bytes at offset ${at} (not a multiple of ${ctor.BYTES_PER_ELEMENT})`);
      }
      return new ctor(copyBuffer(bytes));
    }
    case T.T_DATA_VIEW:
      return new DataView(copyBuffer(r.readBytes(r.readLength("a DataView"))));
    case T.T_ARRAY_BUFFER:
      return copyBuffer(r.readBytes(r.readLength("an ArrayBuffer")));
    case T.T_BOXED_NUMBER:
      return Object(r.readF64()) as object;
    case T.T_BOXED_STRING:
      return Object(readStringValue(r, "a boxed String")) as object;
    case T.T_BOXED_FALSE:
    case T.T_BOXED_TRUE:
      return Object(tag === T.T_BOXED_TRUE) as object;
    case T.T_BOXED_BIGINT:
      return Object(readBigIntValue(r, "a boxed BigInt")) as object;
    default:
      throw corrupt(`an unknown tag 0x${tag.toString(16).padStart(2, "0")} at offset ${at}`);
  }
}

/**
 * An Error's fixed part (name, message, flags, stack), tag already read. Returns the error and
 * whether a cause value follows.
 */
export function readErrorHead(r: ByteReader, at: number): { error: Error; hasCause: boolean } {
  const name = readStringValue(r, "an Error name");
  const message = readStringValue(r, "an Error message");
  const ctor = T.ERROR_CONSTRUCTORS.get(name);
  const error = ctor !== undefined ? new ctor(message) : new Error(message);
  if (ctor === undefined) Object.defineProperty(error, "name", { value: name, writable: true, configurable: true });
  const flags = r.readU8();
  if ((flags & ~(T.ERROR_HAS_STACK | T.ERROR_HAS_CAUSE)) !== 0) throw corrupt(`an Error at offset ${at} has unknown flags ${flags}`);
  if (flags & T.ERROR_HAS_STACK) {
    Object.defineProperty(error, "stack", { value: readStringValue(r, "an Error stack"), writable: true, configurable: true });
  } else {
    delete (error as { stack?: string }).stack;
  }
  return { error, hasCause: (flags & T.ERROR_HAS_CAUSE) !== 0 };
}
