/**
 * ValueDecoder: reads one value of the value codec's tagged format (value-tags.ts) from a
 * ByteReader. Used by value-codec.ts (decodeValue / readValue); leaf payloads are read by
 * value-leaves.ts. Hostile input is expected: containers are kept on an explicit stack (no
 * recursion, so no call-stack overflow) bounded by MAX_DEPTH, every count is checked against the
 * bytes left before anything is allocated, unknown tags and bad back-references are
 * EngineError("CORRUPT_DATA").
 */
import { EngineError } from "../engine-error.js";
import type { ByteReader } from "./byte-buffer.js";
import { prototypeFor } from "./class-registry.js";
import { corrupt, KeyCache, readBigMagnitude, readErrorHead, readLeafObject, readStringValue } from "./value-leaves.js";
import * as T from "./value-tags.js";

export interface DecodeOptions {
  /** Rebuilds a reference (a Broadcast, an Accumulator) from what its `wireRef` method returned. */
  resolveRef?: (kind: string, id: number) => unknown;
  /** The function of a shipped closure's entry (T_FNREF); without it a function reference is corrupt data. */
  resolveFn?: (entry: number) => unknown;
  /** The prototype of class `id` (T_INSTANCE); default: the class registry's. */
  resolveClass?: (id: string) => object | undefined;
}

/** Arrays up to this length are allocated at their full length at once. */
const PREALLOCATE_MAX = 4096;

// Kinds of open containers on the stack.
const F_ARRAY = 0;
const F_OBJECT = 1;
const F_MAP = 2;
const F_SET = 3;
const F_CAUSE = 4;
/** A Map frame's pending key when the next value read is a key. */
const NO_KEY: unique symbol = Symbol("no key");

export class ValueDecoder {
  busy = false;
  private refs: unknown[] = [];
  private refCount = 0;
  private keys = new KeyCache();
  private resolveRef: DecodeOptions["resolveRef"] = undefined;
  private options: DecodeOptions | undefined = undefined;
  /** True while the caller's resolver runs: what it throws is passed on untouched. */
  private resolving = false;
  // The stack of open containers: kind, the container, items read, items expected, pending key.
  private sp = 0;
  private fKind: number[] = [];
  private fObj: unknown[] = [];
  private fDone: number[] = [];
  private fCount: number[] = [];
  private fKey: unknown[] = [];

  /** Reads one value; back-references never reach outside it. */
  read(r: ByteReader, options: DecodeOptions | undefined): unknown {
    this.resolveRef = options?.resolveRef;
    this.options = options;
    this.resolving = false;
    try {
      return this.run(r);
    } catch (e) {
      if (e instanceof EngineError || this.resolving) throw e;
      const why = e instanceof Error ? e.message : String(e);
      throw corrupt(`undecodable value near offset ${r.pos}: ${why}`);
    } finally {
      for (let i = 0; i < this.refCount; i++) this.refs[i] = undefined;
      this.refCount = 0;
      for (let i = 0; i < this.sp; i++) this.fObj[i] = this.fKey[i] = undefined;
      this.sp = 0;
      this.resolveRef = undefined;
      this.options = undefined;
    }
  }

  private push(v: unknown): void {
    this.refs[this.refCount++] = v;
  }

  /** Opens a container of `count` (> 0) items; the caller then reads its first item. */
  private open(kind: number, obj: unknown, count: number, at: number): void {
    const sp = this.sp;
    if (sp >= T.MAX_DEPTH) throw corrupt(`values nested deeper than ${T.MAX_DEPTH} levels at offset ${at}`);
    this.fKind[sp] = kind;
    this.fObj[sp] = obj;
    this.fDone[sp] = 0;
    this.fCount[sp] = count;
    this.fKey[sp] = NO_KEY;
    this.sp = sp + 1;
  }

  private run(r: ByteReader): unknown {
    let value: unknown;
    read: for (;;) {
      // 1. One item: a primitive, a leaf object, a back-reference, or the start of a container.
      if (r.pos >= r.end) throw corrupt(`truncated data: a value expected at offset ${r.pos}, none left`);
      const at = r.pos;
      const tag = r.buf[r.pos++]!;
      if (tag >= T.T_FIXINT) {
        value = tag - T.T_FIXINT;
      } else {
        switch (tag) {
          case T.T_UNDEFINED: value = undefined; break;
          case T.T_NULL: value = null; break;
          case T.T_FALSE: value = false; break;
          case T.T_TRUE: value = true; break;
          case T.T_UINT: value = r.readVarUint(); break;
          case T.T_NINT: value = -r.readVarUint(); break;
          case T.T_F64: value = r.readF64(); break;
          case T.T_STR: value = r.readString(); break;
          case T.T_STR16: value = r.readUtf16(); break;
          case T.T_BIGINT64: value = r.readBigInt64(); break;
          case T.T_BIGINT_POS:
          case T.T_BIGINT_NEG:
            value = readBigMagnitude(r, tag === T.T_BIGINT_NEG);
            break;
          case T.T_BACKREF: {
            const idx = r.readVarUint();
            if (idx >= this.refCount) throw corrupt(`a back-reference at offset ${at} points to object #${idx}, only ${this.refCount} seen`);
            value = this.refs[idx];
            break;
          }
          case T.T_ARRAY: {
            const n = r.readLength("an array");
            // Preallocated (one allocation) up to a size; longer ones grow as elements arrive.
            const a: unknown[] = n <= PREALLOCATE_MAX ? new Array<unknown>(n) : [];
            this.push(a);
            if (n === 0) { value = a; break; }
            this.open(F_ARRAY, a, n, at);
            continue read;
          }
          case T.T_OBJECT: {
            const n = r.readLength("an object", 3);
            const o = {};
            this.push(o);
            if (n === 0) { value = o; break; }
            this.open(F_OBJECT, o, n, at);
            this.fKey[this.sp - 1] = this.keys.read(r);
            continue read;
          }
          case T.T_MAP: {
            const n = r.readLength("a Map", 2);
            const m = new Map<unknown, unknown>();
            this.push(m);
            if (n === 0) { value = m; break; }
            this.open(F_MAP, m, n, at);
            continue read;
          }
          case T.T_SET: {
            const n = r.readLength("a Set");
            const s = new Set<unknown>();
            this.push(s);
            if (n === 0) { value = s; break; }
            this.open(F_SET, s, n, at);
            continue read;
          }
          case T.T_ERROR: {
            const { error, hasCause } = readErrorHead(r, at);
            this.push(error);
            if (!hasCause) { value = error; break; }
            this.open(F_CAUSE, error, 1, at);
            continue read;
          }
          case T.T_WIREREF:
            value = this.reference(r);
            break;
          case T.T_FNREF:
            value = this.functionRef(r, at);
            break;
          case T.T_INSTANCE: {
            const id = readStringValue(r, "a class id");
            const n = r.readLength("an object", 3);
            const o = Object.create(this.classPrototype(id)) as object;
            this.push(o);
            if (n === 0) { value = o; break; }
            this.open(F_OBJECT, o, n, at);
            this.fKey[this.sp - 1] = this.keys.read(r);
            continue read;
          }
          default:
            value = readLeafObject(r, tag, at);
            this.push(value);
        }
      }
      // 2. Hand the item to the innermost open container; a container that is complete
      // becomes the item handed to the one around it.
      for (;;) {
        const top = this.sp - 1;
        if (top < 0) return value;
        const c = this.fObj[top];
        const done = this.fDone[top]!;
        switch (this.fKind[top]) {
          case F_ARRAY:
            (c as unknown[])[done] = value;
            break;
          case F_OBJECT: {
            const k = this.fKey[top] as string;
            if (k === "__proto__") Object.defineProperty(c, k, { value, writable: true, enumerable: true, configurable: true });
            else (c as Record<string, unknown>)[k] = value;
            if (done + 1 < this.fCount[top]!) this.fKey[top] = this.keys.read(r);
            break;
          }
          case F_MAP: {
            const k = this.fKey[top];
            if (k === NO_KEY) {
              this.fKey[top] = value;
              continue read;
            }
            (c as Map<unknown, unknown>).set(k, value);
            this.fKey[top] = NO_KEY;
            break;
          }
          case F_SET:
            (c as Set<unknown>).add(value);
            break;
          default:
            Object.defineProperty(c, "cause", { value, writable: true, configurable: true });
        }
        if (done + 1 < this.fCount[top]!) {
          this.fDone[top] = done + 1;
          continue read;
        }
        value = c;
        this.fObj[top] = this.fKey[top] = undefined;
        this.sp = top;
      }
    }
  }

  private functionRef(r: ByteReader, at: number): unknown {
    const entry = r.readVarUint();
    const resolve = this.options?.resolveFn;
    if (resolve === undefined) throw corrupt(`a function reference at offset ${at} where no function can be`);
    this.resolving = true;
    const out = resolve(entry);
    this.resolving = false;
    // Functions take no back-reference index (the encoder writes every occurrence as a reference).
    return out;
  }

  private classPrototype(id: string): object {
    const resolve = this.options?.resolveClass;
    if (resolve === undefined) return prototypeFor(id);
    this.resolving = true;
    const proto = resolve(id);
    this.resolving = false;
    return proto ?? prototypeFor(id);
  }

  private reference(r: ByteReader): unknown {
    const kind = readStringValue(r, "a reference kind");
    const id = r.readVarUint();
    let out: unknown;
    if (this.resolveRef !== undefined) {
      this.resolving = true;
      out = this.resolveRef(kind, id);
      this.resolving = false;
    } else {
      out = { kind, id } satisfies T.WireRef;
    }
    this.push(out);
    return out;
  }
}
