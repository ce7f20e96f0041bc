/**
 * ValueEncoder: writes one structured-clonable value into a ByteWriter in the value codec's
 * tagged format (value-tags.ts). Used by value-codec.ts (encodeValue / writeValue), which turns
 * the internal `Unclonable` signal into EngineError("UNSERIALIZABLE") with the offending path.
 * Hot path: no per-value allocation beyond Object.keys; shared references are tracked by a
 * short identity list that becomes a Map only for values with more than 32 objects.
 */
import { types } from "node:util";
import { ByteWriter } from "./byte-buffer.js";
import { classIdOfInstance } from "./class-registry.js";
import { describeUnclonable, Unclonable } from "./value-path.js";
import * as T from "./value-tags.js";

const SEEN_LIST_MAX = 32;

/**
 * How the encoder treats what plain data does not cover. `fn` turns a function into the index
 * it has in a shipped closure (capture.ts); without it a function cannot be encoded. `instance`
 * names the class of an object whose prototype is not a built-in's (undefined: it crosses as a
 * plain object of its own enumerable properties); either may throw Unclonable to refuse.
 */
export interface EncodeHooks {
  fn?: (f: Function) => number;
  instance?: (o: object) => string | undefined;
  /** told each object written as a reference (a Broadcast, an Accumulator) */
  ref?: (o: object) => void;
}

/** Rows and results: instances of registered classes keep their class; functions are refused. */
export const DEFAULT_HOOKS: EncodeHooks = { instance: classIdOfInstance };

type WellFormedString = string & { isWellFormed(): boolean };

export class ValueEncoder {
  w: ByteWriter;
  /** Set while a value is being written (a getter could call back into the codec). */
  busy = false;
  hooks: EncodeHooks = DEFAULT_HOOKS;
  private seenList: Array<object | null> = [];
  private seenCount = 0;
  private seenMap: Map<object, number> | null = null;
  private depth = 0;

  constructor(w: ByteWriter = new ByteWriter()) {
    this.w = w;
  }

  /** Writes one value; its back-references never reach outside it. */
  write(value: unknown): void {
    this.depth = 0;
    try {
      this.any(value);
    } finally {
      this.forget();
    }
  }

  private forget(): void {
    const n = Math.min(this.seenCount, SEEN_LIST_MAX);
    for (let i = 0; i < n; i++) this.seenList[i] = null;
    this.seenCount = 0;
    if (this.seenMap !== null) this.seenMap.clear();
  }

  /** The back-reference index of v when it was written before; otherwise registers it and returns -1. */
  private seen(v: object): number {
    const n = this.seenCount;
    if (n < SEEN_LIST_MAX) {
      const list = this.seenList;
      for (let i = 0; i < n; i++) if (list[i] === v) return i;
      list[n] = v;
      this.seenCount = n + 1;
      return -1;
    }
    let map = this.seenMap;
    if (map === null) map = this.seenMap = new Map();
    if (n === SEEN_LIST_MAX && map.size === 0) {
      for (let i = 0; i < n; i++) map.set(this.seenList[i]!, i);
    }
    const idx = map.get(v);
    if (idx !== undefined) return idx;
    map.set(v, n);
    this.seenCount = n + 1;
    return -1;
  }

  any(v: unknown): void {
    switch (typeof v) {
      case "number":
        this.number(v);
        return;
      case "string":
        this.string(v);
        return;
      case "boolean":
        this.w.writeU8(v ? T.T_TRUE : T.T_FALSE);
        return;
      case "undefined":
        this.w.writeU8(T.T_UNDEFINED);
        return;
      case "bigint":
        this.bigint(v);
        return;
      case "object":
        if (v === null) this.w.writeU8(T.T_NULL);
        else this.object(v);
        return;
      case "function":
        if (this.hooks.fn !== undefined) {
          this.w.writeU8(T.T_FNREF);
          this.w.writeVarUint(this.hooks.fn(v));
          return;
        }
        throw new Unclonable(describeUnclonable(v) ?? "a function");
      default:
        throw new Unclonable(describeUnclonable(v) ?? `a ${typeof v}`);
    }
  }

  number(v: number): void {
    const w = this.w;
    const i = v | 0;
    if (i === v && (i !== 0 || 1 / v > 0)) {
      if (i >= 0) {
        if (i < 128) {
          w.writeU8(T.T_FIXINT | i);
        } else {
          w.writeU8(T.T_UINT);
          w.writeVarUint(i);
        }
      } else {
        w.writeU8(T.T_NINT);
        w.writeVarUint(-i);
      }
    } else if (v !== 0 && Number.isSafeInteger(v)) {
      w.writeU8(v > 0 ? T.T_UINT : T.T_NINT);
      w.writeVarUint(v > 0 ? v : -v);
    } else {
      w.writeU8(T.T_F64);
      w.writeF64(v);
    }
  }

  string(s: string): void {
    if ((s as WellFormedString).isWellFormed()) {
      this.w.writeU8(T.T_STR);
      this.w.writeString(s);
    } else {
      this.w.writeU8(T.T_STR16);
      this.w.writeUtf16(s);
    }
  }

  bigint(v: bigint): void {
    const w = this.w;
    if (BigInt.asIntN(64, v) === v) {
      w.writeU8(T.T_BIGINT64);
      w.writeBigInt64(v);
      return;
    }
    const neg = v < 0n;
    let hex = (neg ? -v : v).toString(16);
    if (hex.length & 1) hex = "0" + hex;
    const bigEndian = Buffer.from(hex, "hex");
    const n = bigEndian.length;
    w.writeU8(neg ? T.T_BIGINT_NEG : T.T_BIGINT_POS);
    w.writeVarUint(n);
    w.ensure(n);
    const buf = w.buf;
    const pos = w.pos;
    for (let j = 0; j < n; j++) buf[pos + j] = bigEndian[n - 1 - j]!;
    w.pos = pos + n;
  }

  private object(v: object): void {
    const w = this.w;
    const ref = this.seen(v);
    if (ref >= 0) {
      w.writeU8(T.T_BACKREF);
      w.writeVarUint(ref);
      return;
    }
    if (++this.depth > T.MAX_DEPTH) throw new Unclonable(`a value nested deeper than ${T.MAX_DEPTH} levels`, true);
    if (Array.isArray(v)) {
      const n = v.length;
      w.writeU8(T.T_ARRAY);
      w.writeVarUint(n);
      for (let i = 0; i < n; i++) this.any(v[i]);
    } else {
      const refFn = (v as { [T.wireRef]?: unknown })[T.wireRef];
      if (typeof refFn === "function") {
        this.reference(v, refFn);
      } else {
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto === Object.prototype || proto === null) this.plainObject(v);
        else this.special(v);
      }
    }
    this.depth--;
  }

  private plainObject(v: object): void {
    this.w.writeU8(T.T_OBJECT);
    this.properties(v);
  }

  /** The count and (key, value) pairs of an object's own enumerable string-keyed properties. */
  private properties(v: object): void {
    const w = this.w;
    const keys = Object.keys(v);
    const n = keys.length;
    w.writeVarUint(n);
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      this.string(k);
      this.any((v as Record<string, unknown>)[k]);
    }
  }

  private reference(v: object, refFn: Function): void {
    const ref = refFn.call(v) as Partial<T.WireRef> | null | undefined;
    this.hooks.ref?.(v);
    if (ref === null || typeof ref !== "object" || typeof ref.kind !== "string" || !Number.isSafeInteger(ref.id) || ref.id! < 0) {
      throw new Unclonable("an object whose [wireRef]() did not return { kind: string, id: non-negative integer }");
    }
    this.w.writeU8(T.T_WIREREF);
    this.string(ref.kind);
    this.w.writeVarUint(ref.id!);
  }

  /** Objects whose prototype is not Object.prototype: built-ins, then class instances. */
  private special(v: object): void {
    if (v instanceof Map) this.map(v);
    else if (v instanceof Set) this.set(v);
    else if (v instanceof Date) this.date(v);
    else if (ArrayBuffer.isView(v)) this.view(v);
    else if (v instanceof RegExp) this.regexp(v);
    else if (v instanceof ArrayBuffer) this.arrayBuffer(v);
    else if (v instanceof Error) this.error(v);
    else this.exotic(v);
  }

  /** Built-ins from another realm (vm contexts), boxed primitives, what cannot cross, class instances. */
  private exotic(v: object): void {
    if (types.isMap(v)) this.map(v as Map<unknown, unknown>);
    else if (types.isSet(v)) this.set(v as Set<unknown>);
    else if (types.isDate(v)) this.date(v as Date);
    else if (types.isRegExp(v)) this.regexp(v as RegExp);
    else if (types.isArrayBuffer(v)) this.arrayBuffer(v as ArrayBuffer);
    else if (types.isNativeError(v)) this.error(v as Error);
    else if (types.isNumberObject(v)) {
      this.w.writeU8(T.T_BOXED_NUMBER);
      this.w.writeF64(Number.prototype.valueOf.call(v));
    } else if (types.isStringObject(v)) {
      this.w.writeU8(T.T_BOXED_STRING);
      this.string(String.prototype.valueOf.call(v));
    } else if (types.isBooleanObject(v)) {
      this.w.writeU8(Boolean.prototype.valueOf.call(v) ? T.T_BOXED_TRUE : T.T_BOXED_FALSE);
    } else if (types.isBigIntObject(v)) {
      this.w.writeU8(T.T_BOXED_BIGINT);
      this.bigint(BigInt.prototype.valueOf.call(v));
    } else {
      const what = describeUnclonable(v);
      if (what !== null) throw new Unclonable(what);
      const classId = this.hooks.instance?.(v);
      if (classId === undefined) {
        // An instance of a class nobody registered crosses as a plain object of its own enumerable properties.
        this.plainObject(v);
        return;
      }
      this.w.writeU8(T.T_INSTANCE);
      this.string(classId);
      this.properties(v);
    }
  }

  private map(m: Map<unknown, unknown>): void {
    const size = m.size;
    this.w.writeU8(T.T_MAP);
    this.w.writeVarUint(size);
    let n = 0;
    for (const [k, x] of m) {
      if (n++ === size) break;
      this.any(k);
      this.any(x);
    }
    if (n !== size) throw new Unclonable("a Map that changed size while being serialized");
  }

  private set(s: Set<unknown>): void {
    const size = s.size;
    this.w.writeU8(T.T_SET);
    this.w.writeVarUint(size);
    let n = 0;
    for (const x of s) {
      if (n++ === size) break;
      this.any(x);
    }
    if (n !== size) throw new Unclonable("a Set that changed size while being serialized");
  }

  private date(d: Date): void {
    this.w.writeU8(T.T_DATE);
    this.w.writeF64(Date.prototype.getTime.call(d));
  }

  private regexp(re: RegExp): void {
    this.w.writeU8(T.T_REGEXP);
    this.string(re.source);
    this.string(re.flags);
  }

  private view(v: ArrayBufferView): void {
    const w = this.w;
    const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    if (v instanceof DataView) {
      w.writeU8(T.T_DATA_VIEW);
    } else {
      const kind = T.TYPED_ARRAY_KIND_BY_TAG.get((v as Uint8Array)[Symbol.toStringTag]);
      if (kind === undefined) throw new Unclonable(`a ${(v as Uint8Array)[Symbol.toStringTag]} (a typed array kind spate does not carry)`);
      w.writeU8(T.T_TYPED_ARRAY);
      w.writeU8(kind);
    }
    w.writeVarUint(bytes.length);
    w.writeBytes(bytes);
  }

  private arrayBuffer(b: ArrayBuffer): void {
    this.w.writeU8(T.T_ARRAY_BUFFER);
    this.w.writeVarUint(b.byteLength);
    this.w.writeBytes(new Uint8Array(b));
  }

  private error(e: Error): void {
    const name = typeof e.name === "string" ? e.name : "Error";
    const message = typeof e.message === "string" ? e.message : String(e.message);
    const stack: unknown = e.stack;
    const hasCause = Object.hasOwn(e, "cause");
    this.w.writeU8(T.T_ERROR);
    this.string(name);
    this.string(message);
    this.w.writeU8((typeof stack === "string" ? T.ERROR_HAS_STACK : 0) | (hasCause ? T.ERROR_HAS_CAUSE : 0));
    if (typeof stack === "string") this.string(stack);
    if (hasCause) this.any(e.cause);
  }
}
