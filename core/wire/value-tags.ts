/**
 * The tag bytes of the value codec's binary format and the typed-array kinds it knows.
 * Shared by value-encoder.ts (writes them) and value-decoder.ts (reads them); nothing else
 * should depend on the numbers.
 *
 * Format: one tag byte, then the tag's payload. Tags 0x80-0xFF are the integers 0-127.
 * Every object-like value (array, object, Map, Set, Date, RegExp, typed array, DataView,
 * ArrayBuffer, Error, boxed primitive) gets the next back-reference index when its tag is
 * written, before its children, so cycles and shared references are a BACKREF to it.
 */

/** Objects with a method under this symbol travel as a reference (Broadcast, Accumulator). */
export const wireRef: unique symbol = Symbol.for("spate.wireRef") as never;

/** What a `wireRef` method returns, and what a reference decodes to without a resolver. */
export interface WireRef {
  kind: string;
  id: number;
}

export const T_UNDEFINED = 0x00;
export const T_NULL = 0x01;
export const T_FALSE = 0x02;
export const T_TRUE = 0x03;
/** varint n: the integer n (128 <= n <= 2^53 - 1). */
export const T_UINT = 0x04;
/** varint n: the integer -n. */
export const T_NINT = 0x05;
/** float64 little-endian. */
export const T_F64 = 0x06;
/** varint byte length, UTF-8 bytes (a well-formed string). */
export const T_STR = 0x07;
/** varint unit count, UTF-16LE code units (a string with lone surrogates). */
export const T_STR16 = 0x08;
/** int64 little-endian. */
export const T_BIGINT64 = 0x09;
/** varint byte count, magnitude little-endian. */
export const T_BIGINT_POS = 0x0a;
export const T_BIGINT_NEG = 0x0b;
/** varint length, then each element. */
export const T_ARRAY = 0x0c;
/** varint count, then count x (string value key, value). */
export const T_OBJECT = 0x0d;
/** varint count, then count x (key, value). */
export const T_MAP = 0x0e;
/** varint count, then each element. */
export const T_SET = 0x0f;
/** float64 time value (NaN for an invalid Date). */
export const T_DATE = 0x10;
/** string value source, string value flags. */
export const T_REGEXP = 0x11;
/** u8 kind (TYPED_ARRAY_KINDS index), varint byte length, bytes. */
export const T_TYPED_ARRAY = 0x12;
/** varint byte length, bytes. */
export const T_DATA_VIEW = 0x13;
export const T_ARRAY_BUFFER = 0x14;
/** string value name, string value message, u8 flags (1: stack follows, 2: cause follows), [stack], [cause]. */
export const T_ERROR = 0x15;
/** float64. */
export const T_BOXED_NUMBER = 0x16;
/** string value. */
export const T_BOXED_STRING = 0x17;
export const T_BOXED_FALSE = 0x18;
export const T_BOXED_TRUE = 0x19;
/** a bigint value. */
export const T_BOXED_BIGINT = 0x1a;
/** varint index of an object already written in this value. */
export const T_BACKREF = 0x1b;
/** string value kind, varint id. */
export const T_WIREREF = 0x1c;
/** varint index of a function in the shipped closure being decoded (capture only). */
export const T_FNREF = 0x1d;
/** string value class id (class-registry.ts), then as T_OBJECT: varint count, count x (key, value). */
export const T_INSTANCE = 0x1e;

export const T_FIXINT = 0x80;

export const ERROR_HAS_STACK = 1;
export const ERROR_HAS_CAUSE = 2;

export type TypedArrayConstructor =
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Uint8ClampedArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;

/** Index = the kind byte of T_TYPED_ARRAY. */
export const TYPED_ARRAY_KINDS: readonly TypedArrayConstructor[] = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
];

/** `Symbol.toStringTag` of a typed array (subclasses such as Buffer included) -> kind byte. */
export const TYPED_ARRAY_KIND_BY_TAG: ReadonlyMap<string, number> = new Map(
  TYPED_ARRAY_KINDS.map((ctor, i) => [ctor.name, i]),
);

/** Standard Error constructors, rebuilt by name; any other name decodes as an Error with that name. */
export const ERROR_CONSTRUCTORS: ReadonlyMap<string, ErrorConstructor> = new Map<string, ErrorConstructor>([
  ["Error", Error],
  ["EvalError", EvalError],
  ["RangeError", RangeError],
  ["ReferenceError", ReferenceError],
  ["SyntaxError", SyntaxError],
  ["TypeError", TypeError],
  ["URIError", URIError],
]);

/** Nesting bound for encoding and decoding (arrays, objects, Map, Set, Error causes). */
export const MAX_DEPTH = 10_000;
