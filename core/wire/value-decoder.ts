/**
 * ValueDecoder: reads one value of the value codec's tagged format (value-tags.ts) from a
 * ByteReader. Used by value-codec.ts (decodeValue / readValue). Hostile input is expected:
 * every count is checked against the bytes left before anything is allocated, nesting is
 * bounded by MAX_DEPTH, unknown tags and bad back-references are EngineError("CORRUPT_DATA").
 */
import { EngineError } from "../engine-error.js";
import { ByteReader, decodeUtf8 } from "./byte-buffer.js";
import * as T from "./value-tags.js";

export interface DecodeOptions {
  /** Rebuilds a reference (a Broadcast, an Accumulator) from what its `wireRef` method returned. */
  resolveRef?: (kind: string, id: number) => unknown;
}

function corrupt(message: string): EngineError {
  return new EngineError("CORRUPT_DATA", message);
}

/** Object keys of up to this many ASCII bytes go through the key cache. */
const KEY_CACHE_MAX_LEN = 16;
const KEY_CACHE_SLOTS = 4096;

/** Arrays up to this length are allocated at their full length at once. */
const PREALLOCATE_MAX = 4096;

/** Largest bigint magnitude accepted, in bytes (V8 allows 2^30 bits). */
const MAX_BIGINT_BYTES = 1 << 27;

export class ValueDecoder {
  busy = false;
  private r: ByteReader | null = null;
  private refs: unknown[] = [];
  private refCount = 0;
  /** Recently decoded object keys by a hash of their bytes: repeated keys are not rebuilt. */
  private keyCache: Array<string | undefined> = new Array<string | undefined>(KEY_CACHE_SLOTS).fill(undefined);
  private depth = 0;
  private resolveRef: DecodeOptions["resolveRef"] = undefined;
  /** True while the caller's resolver runs: what it throws is passed on untouched. */
  private resolving = false;

  /** Reads one value; back-references never reach outside it. */
  read(r: ByteReader, options: DecodeOptions | undefined): unknown {
    this.r = r;
    this.depth = 0;
    this.resolveRef = options?.resolveRef;
    this.resolving = false;
    try {
      return this.any();
    } catch (e) {
      if (e instanceof EngineError || this.resolving) throw e;
      const why = e instanceof Error ? e.message : String(e);
      throw corrupt(`undecodable value near offset ${r.pos}: ${why}`);
    } finally {
      for (let i = 0; i < this.refCount; i++) this.refs[i] = undefined;
      this.refCount = 0;
      this.r = null;
      this.resolveRef = undefined;
    }
  }

  private push(v: unknown): void {
    this.refs[this.refCount++] = v;
  }

  private any(): unknown {
    const r = this.r!;
    if (r.pos >= r.end) throw corrupt(`truncated data: a value expected at offset ${r.pos}, none left`);
    const tag = r.buf[r.pos++]!;
    if (tag >= T.T_FIXINT) return tag - T.T_FIXINT;
    switch (tag) {
      case T.T_UNDEFINED:
        return undefined;
      case T.T_NULL:
        return null;
      case T.T_FALSE:
        return false;
      case T.T_TRUE:
        return true;
      case T.T_UINT:
        return r.readVarUint();
      case T.T_NINT:
        return -r.readVarUint();
      case T.T_F64:
        return r.readF64();
      case T.T_STR:
        return r.readString();
      case T.T_STR16:
        return r.readUtf16();
      case T.T_BIGINT64:
        return r.readBigInt64();
      case T.T_BIGINT_POS:
      case T.T_BIGINT_NEG:
        return this.bigint(tag === T.T_BIGINT_NEG);
      case T.T_BACKREF: {
        const at = r.pos - 1;
        const idx = r.readVarUint();
        if (idx >= this.refCount) throw corrupt(`a back-reference at offset ${at} points to object #${idx}, only ${this.refCount} seen`);
        return this.refs[idx];
      }
      default:
        return this.object(tag);
    }
  }

  /** A string value (keys, RegExp source, Error fields). */
  private str(what: string): string {
    const r = this.r!;
    const tag = r.readU8();
    if (tag === T.T_STR) return r.readString();
    if (tag === T.T_STR16) return r.readUtf16();
    throw corrupt(`${what} at offset ${r.pos - 1} is not a string (tag 0x${tag.toString(16)})`);
  }

  /** An object key: a string value, short ASCII ones through the key cache. */
  private key(): string {
    const r = this.r!;
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
          const cached = this.keyCache[slot];
          r.pos = p + len;
          if (cached !== undefined && cached.length === len) {
            let i = 0;
            while (i < len && cached.charCodeAt(i) === buf[p + i]) i++;
            if (i === len) return cached;
          }
          return (this.keyCache[slot] = decodeUtf8(buf, p, p + len));
        }
      }
    }
    return this.str("an object key");
  }

  private bigint(neg: boolean): bigint {
    const r = this.r!;
    const n = r.readLength("a bigint");
    if (n > MAX_BIGINT_BYTES) throw corrupt(`a bigint of ${n} bytes is larger than JavaScript allows`);
    const bytes = r.readBytes(n);
    const bigEndian = Buffer.allocUnsafe(n);
    for (let j = 0; j < n; j++) bigEndian[j] = bytes[n - 1 - j]!;
    const mag = n === 0 ? 0n : BigInt("0x" + bigEndian.toString("hex"));
    return neg ? -mag : mag;
  }

  private object(tag: number): unknown {
    const r = this.r!;
    const at = r.pos - 1;
    if (++this.depth > T.MAX_DEPTH) throw corrupt(`values nested deeper than ${T.MAX_DEPTH} levels at offset ${at}`);
    let out: unknown;
    switch (tag) {
      case T.T_ARRAY: {
        const n = r.readLength("an array");
        // Preallocated (one allocation) up to a size; longer ones grow, so that the space taken
        // never runs far ahead of the elements actually read.
        if (n <= PREALLOCATE_MAX) {
          const a = new Array<unknown>(n);
          this.push(a);
          for (let i = 0; i < n; i++) a[i] = this.any();
          out = a;
        } else {
          const a: unknown[] = [];
          this.push(a);
          for (let i = 0; i < n; i++) a.push(this.any());
          out = a;
        }
        break;
      }
      case T.T_OBJECT: {
        const n = r.readLength("an object", 3);
        const o: Record<string, unknown> = {};
        this.push(o);
        for (let i = 0; i < n; i++) {
          const k = this.key();
          const v = this.any();
          if (k === "__proto__") Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
          else o[k] = v;
        }
        out = o;
        break;
      }
      case T.T_MAP: {
        const n = r.readLength("a Map", 2);
        const m = new Map<unknown, unknown>();
        this.push(m);
        for (let i = 0; i < n; i++) {
          const k = this.any();
          m.set(k, this.any());
        }
        out = m;
        break;
      }
      case T.T_SET: {
        const n = r.readLength("a Set");
        const s = new Set<unknown>();
        this.push(s);
        for (let i = 0; i < n; i++) s.add(this.any());
        out = s;
        break;
      }
      case T.T_DATE:
        out = new Date(r.readF64());
        this.push(out);
        break;
      case T.T_REGEXP: {
        const source = this.str("a RegExp source");
        const flags = this.str("RegExp flags");
        try {
          out = new RegExp(source, flags);
        } catch {
          throw corrupt(`an invalid RegExp /${source}/${flags} at offset ${at}`);
        }
        this.push(out);
        break;
      }
      case T.T_TYPED_ARRAY: {
        const kind = r.readU8();
        const ctor = T.TYPED_ARRAY_KINDS[kind];
        if (ctor === undefined) throw corrupt(`an unknown typed array kind ${kind} at offset ${at}`);
        const bytes = r.readBytes(r.readLength("a typed array"));
        if (bytes.length % ctor.BYTES_PER_ELEMENT !== 0) {
          throw corrupt(`a ${ctor.name} of ${bytes.length} bytes at offset ${at} (not a multiple of ${ctor.BYTES_PER_ELEMENT})`);
        }
        out = new ctor(copyBuffer(bytes));
        this.push(out);
        break;
      }
      case T.T_DATA_VIEW:
        out = new DataView(copyBuffer(r.readBytes(r.readLength("a DataView"))));
        this.push(out);
        break;
      case T.T_ARRAY_BUFFER:
        out = copyBuffer(r.readBytes(r.readLength("an ArrayBuffer")));
        this.push(out);
        break;
      case T.T_ERROR:
        out = this.error(at);
        break;
      case T.T_BOXED_NUMBER:
        out = Object(r.readF64());
        this.push(out);
        break;
      case T.T_BOXED_STRING:
        out = Object(this.str("a boxed String"));
        this.push(out);
        break;
      case T.T_BOXED_FALSE:
      case T.T_BOXED_TRUE:
        out = Object(tag === T.T_BOXED_TRUE);
        this.push(out);
        break;
      case T.T_BOXED_BIGINT: {
        const inner = this.any();
        if (typeof inner !== "bigint") throw corrupt(`a boxed BigInt at offset ${at} holds a ${typeof inner}`);
        out = Object(inner);
        this.push(out);
        break;
      }
      case T.T_WIREREF: {
        const kind = this.str("a reference kind");
        const id = r.readVarUint();
        if (this.resolveRef !== undefined) {
          this.resolving = true;
          out = this.resolveRef(kind, id);
          this.resolving = false;
        } else {
          out = { kind, id } satisfies T.WireRef;
        }
        this.push(out);
        break;
      }
      default:
        throw corrupt(`an unknown tag 0x${tag.toString(16).padStart(2, "0")} at offset ${at}`);
    }
    this.depth--;
    return out;
  }

  private error(at: number): Error {
    const name = this.str("an Error name");
    const message = this.str("an Error message");
    const ctor = T.ERROR_CONSTRUCTORS.get(name);
    const e = ctor !== undefined ? new ctor(message) : new Error(message);
    if (ctor === undefined) Object.defineProperty(e, "name", { value: name, writable: true, configurable: true });
    this.push(e);
    const flags = this.r!.readU8();
    if ((flags & ~(T.ERROR_HAS_STACK | T.ERROR_HAS_CAUSE)) !== 0) throw corrupt(`an Error at offset ${at} has unknown flags ${flags}`);
    if (flags & T.ERROR_HAS_STACK) {
      Object.defineProperty(e, "stack", { value: this.str("an Error stack"), writable: true, configurable: true });
    } else {
      delete (e as { stack?: string }).stack;
    }
    if (flags & T.ERROR_HAS_CAUSE) {
      Object.defineProperty(e, "cause", { value: this.any(), writable: true, configurable: true });
    }
    return e;
  }
}

/** A fresh ArrayBuffer holding a copy of the bytes (aligned for any typed array). */
function copyBuffer(bytes: Uint8Array): ArrayBuffer {
  const ab = new ArrayBuffer(bytes.length);
  new Uint8Array(ab).set(bytes);
  return ab;
}
