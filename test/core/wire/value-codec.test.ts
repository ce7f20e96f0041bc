/**
 * Tests of the value codec (core/wire/value-codec.ts): exact round trips of every value kind
 * structured clone carries (and bigint, lone surrogates, cycles, references), the
 * UNSERIALIZABLE message, and the streaming pair. Hostile input: value-codec-fuzz.test.ts.
 * Note: t.deepEqual (concordance) tells -0 from 0 and equates NaN with NaN; -0 is also
 * checked with Object.is where it matters.
 */
import test from "ava";
import fc from "fast-check";
import { EngineError } from "../../../core/engine-error.js";
import { ByteReader, ByteWriter } from "../../../core/wire/byte-buffer.js";
import { decodeValue, encodeValue, readValue, wireRef, writeValue } from "../../../core/wire/value-codec.js";

const roundTrip = (v: unknown): unknown => decodeValue(encodeValue(v, "test"));

test("numbers keep -0, NaN, Infinity and every integer width exactly", (t) => {
  const numbers = [0, -0, NaN, Infinity, -Infinity, 1, 127, 128, 255, 256, -1, -128, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 32,
    2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 53 + 2, -(2 ** 60), 0.1, -1.5, Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE];
  for (const v of numbers) t.true(Object.is(roundTrip(v), v), `${Object.is(v, -0) ? "-0" : v}`);
  t.deepEqual(roundTrip([-0, 0, NaN]), [-0, 0, NaN]);
  t.false(Object.is((roundTrip([-0]) as number[])[0], 0));
});

test("small integers take one byte, larger ones few", (t) => {
  t.is(encodeValue(0, "t").length, 1);
  t.is(encodeValue(127, "t").length, 1);
  t.true(encodeValue(1000, "t").length <= 3);
  t.true(encodeValue(-5, "t").length <= 2);
});

test("strings: ASCII, long, non-ASCII, astral characters and lone surrogates", (t) => {
  const strings = ["", "a", "hello world", "é", "日本語", "😀", "a😀b", "\uD83D\uDE00", "\uD800", "\uDFFF", "a\uD800b", "\uDC00\uD800",
    "x".repeat(42), "x".repeat(43), "é".repeat(100), "😀".repeat(1000) + "\uD800", "k".repeat(100_000), "\0\u0001\u007f\u0080"];
  for (const s of strings) t.is(roundTrip(s), s, JSON.stringify(s.slice(0, 20)));
  const withKeys = { "\uD800": 1, "😀": 2, "é": 3, "plain": 4 };
  t.deepEqual(roundTrip(withKeys), withKeys);
});

test("booleans, null and undefined", (t) => {
  for (const v of [true, false, null, undefined]) t.is(roundTrip(v), v);
  t.deepEqual(roundTrip([undefined, null]), [undefined, null]);
  t.deepEqual(roundTrip({ u: undefined }), { u: undefined });
  t.true("u" in (roundTrip({ u: undefined }) as object));
});

test("bigint of any size and sign", (t) => {
  const bigints = [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 63n, -(2n ** 63n) - 1n, 2n ** 64n, -(2n ** 64n), 2n ** 1000n + 7n, -(3n ** 500n), 255n, 256n];
  for (const v of bigints) t.is(roundTrip(v), v);
});

test("arrays (holes become undefined) and nested objects", (t) => {
  // eslint-disable-next-line no-sparse-arrays
  const holey = roundTrip([1, , 3]) as unknown[];
  t.is(holey.length, 3);
  t.true(1 in holey);
  t.is(holey[1], undefined);
  const nested = { a: [1, { b: [2, [3, { c: "d" }]] }], e: {}, f: [], g: { h: { i: { j: null } } } };
  t.deepEqual(roundTrip(nested), nested);
  const long = Array.from({ length: 10_000 }, (_, i) => i * 1.5);
  t.deepEqual(roundTrip(long), long);
});

test("Map with any keys, Set, Date (invalid too), RegExp", (t) => {
  const m = new Map<unknown, unknown>([[1, "a"], ["1", "b"], [[1, 2], "c"], [null, undefined], [NaN, -0], [{ k: 1 }, new Set([1])]]);
  t.deepEqual(roundTrip(m), m);
  const s = new Set([1, "1", null, undefined, [1], { a: 1 }, -0]);
  t.deepEqual(roundTrip(s), s);
  t.is((roundTrip(new Date(1_700_000_000_123)) as Date).getTime(), 1_700_000_000_123);
  const invalid = roundTrip(new Date(NaN));
  t.true(invalid instanceof Date && Number.isNaN(invalid.getTime()));
  const re = roundTrip(/a+\/b[\uD800]/giu) as RegExp;
  t.true(re instanceof RegExp);
  t.is(re.source, /a+\/b[\uD800]/giu.source);
  t.is(re.flags, "giu");
});

test("typed arrays of every kind, DataView and ArrayBuffer", (t) => {
  const arrays = [
    new Int8Array([-128, 0, 127]), new Uint8Array([0, 255]), new Uint8ClampedArray([0, 255]), new Int16Array([-32768, 32767]),
    new Uint16Array([65535]), new Int32Array([-(2 ** 31), 2 ** 31 - 1]), new Uint32Array([2 ** 32 - 1]),
    new Float32Array([1.5, NaN, -0, Infinity]), new Float64Array([0.1, NaN, -0, -Infinity]),
    new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]), new BigUint64Array([2n ** 64n - 1n]), new Float64Array(0),
  ];
  for (const a of arrays) {
    const back = roundTrip(a);
    t.is(Object.getPrototypeOf(back), Object.getPrototypeOf(a), a.constructor.name);
    t.deepEqual(back, a);
  }
  t.true(Object.is((roundTrip(new Float64Array([-0])) as Float64Array)[0], -0));
  // A view carries its own bytes only.
  const big = new Float64Array([1, 2, 3, 4]);
  t.deepEqual(roundTrip(big.subarray(1, 3)), new Float64Array([2, 3]));
  // A Node Buffer crosses as a Uint8Array, as structured clone does.
  const fromBuffer = roundTrip(Buffer.from("hi"));
  t.is(Object.getPrototypeOf(fromBuffer), Uint8Array.prototype);
  t.deepEqual(fromBuffer, new Uint8Array([104, 105]));
  const dv = new DataView(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2);
  const dvBack = roundTrip(dv) as DataView;
  t.true(dvBack instanceof DataView);
  t.deepEqual([...new Uint8Array(dvBack.buffer, dvBack.byteOffset, dvBack.byteLength)], [2, 3]);
  const ab = roundTrip(new Uint8Array([9, 8, 7]).buffer) as ArrayBuffer;
  t.true(ab instanceof ArrayBuffer);
  t.deepEqual([...new Uint8Array(ab)], [9, 8, 7]);
});

test("Error objects keep name, message, stack and cause", (t) => {
  const e = new TypeError("boom", { cause: { code: 7 } });
  const back = roundTrip(e) as TypeError;
  t.true(back instanceof TypeError);
  t.is(back.message, "boom");
  t.is(back.stack, e.stack);
  t.deepEqual(back.cause, { code: 7 });
  class MyError extends Error {
    override name = "MyError";
  }
  const mine = roundTrip(new MyError("mine")) as Error;
  t.true(mine instanceof Error);
  t.is(mine.name, "MyError");
  t.is(mine.message, "mine");
  const cyclic = new Error("self");
  cyclic.cause = cyclic;
  const c = roundTrip(cyclic) as Error;
  t.is(c.cause, c);
});

test("boxed primitives", (t) => {
  for (const v of [Object(5), Object(-0), Object("s\uD800"), Object(true), Object(false), Object(7n)]) {
    const back = roundTrip(v) as { valueOf(): unknown };
    t.is(typeof back, "object");
    t.true(Object.is(back.valueOf(), v.valueOf()));
  }
});

test("a class instance crosses as a plain object of its own enumerable properties", (t) => {
  class Point {
    constructor(public x: number, public y: number) {}
    get norm(): number {
      return Math.hypot(this.x, this.y);
    }
  }
  const back = roundTrip(new Point(3, 4)) as Record<string, unknown>;
  t.is(Object.getPrototypeOf(back), Object.prototype);
  t.deepEqual(Object.keys(back), ["x", "y"]);
  t.is(back.x, 3);
  const nullProto = Object.assign(Object.create(null) as object, { a: 1 });
  t.deepEqual(roundTrip(nullProto), { a: 1 });
  // Symbol keys and non-enumerable properties are dropped, as structured clone does.
  const o = { a: 1, [Symbol("s")]: 2 };
  Object.defineProperty(o, "hidden", { value: 3, enumerable: false });
  t.deepEqual(roundTrip(o), { a: 1 });
});

test("a __proto__ key stays an own property and never changes the prototype", (t) => {
  const o = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
  const back = roundTrip(o) as Record<string, unknown>;
  t.is(Object.getPrototypeOf(back), Object.prototype);
  t.deepEqual(Object.getOwnPropertyDescriptor(back, "__proto__")?.value, { polluted: true });
  t.is(({} as Record<string, unknown>).polluted, undefined);
});

test("cycles and shared references are kept", (t) => {
  const self: Record<string, unknown> = { name: "self" };
  self.me = self;
  const back = roundTrip(self) as Record<string, unknown>;
  t.is(back.me, back);
  const shared = { s: 1 };
  const pair = roundTrip([shared, shared, [shared]]) as unknown[];
  t.is(pair[0], pair[1]);
  t.is((pair[2] as unknown[])[0], pair[0]);
  const m = new Map<unknown, unknown>();
  const s = new Set<unknown>([m]);
  m.set(s, m);
  const mb = roundTrip(m) as Map<unknown, unknown>;
  const [[sk, mv]] = [...mb];
  t.is(mv, mb);
  t.true((sk as Set<unknown>).has(mb));
  // More than 32 objects (the encoder switches from a list to a Map of identities).
  const objs = Array.from({ length: 100 }, (_, i) => ({ i }));
  const many = roundTrip([...objs, ...objs.slice().reverse()]) as Array<{ i: number }>;
  for (let i = 0; i < 100; i++) t.is(many[i], many[199 - i]);
  t.deepEqual(many.slice(0, 100), objs);
});

test("wireRef objects travel as references, rebuilt by resolveRef", (t) => {
  class Broadcast {
    constructor(readonly id: number, readonly big: number[]) {}
    [wireRef]() {
      return { kind: "broadcast", id: this.id };
    }
  }
  const b = new Broadcast(42, [1, 2, 3]);
  const bytes = encodeValue({ b, again: b, n: 1 }, "map");
  t.true(bytes.length < 40);
  t.deepEqual(decodeValue(bytes), { b: { kind: "broadcast", id: 42 }, again: { kind: "broadcast", id: 42 }, n: 1 });
  const calls: Array<[string, number]> = [];
  const resolved = decodeValue(bytes, { resolveRef: (kind, id) => (calls.push([kind, id]), { resolved: id }) }) as Record<string, unknown>;
  t.deepEqual(calls, [["broadcast", 42]]);
  t.deepEqual(resolved.b, { resolved: 42 });
  t.is(resolved.again, resolved.b);
  const boom = new Error("resolver failed");
  t.is(t.throws(() => decodeValue(bytes, { resolveRef: () => { throw boom; } })), boom);
  const bad = { [wireRef]: () => ({ kind: 1, id: "x" }) };
  t.is(t.throws(() => encodeValue(bad, "map"), { instanceOf: EngineError })?.code, "UNSERIALIZABLE");
});

function unserializable(t: import("ava").ExecutionContext, value: unknown, ...parts: string[]): void {
  const e = t.throws(() => encodeValue(value, "collect", "a task returned a value"), { instanceOf: EngineError });
  t.is(e?.code, "UNSERIALIZABLE");
  t.true(e!.message.startsWith("collect: a task returned a value that cannot cross between processes: "), e!.message);
  t.true(e!.message.includes("Return plain data"), e!.message);
  for (const p of parts) t.true(e!.message.includes(p), `${e!.message} lacks ${p}`);
}

test("what cannot cross is UNSERIALIZABLE, naming the operation and the path", (t) => {
  unserializable(t, [1, 2, { handler: function handler() {} }], "a function (handler) at [2].handler.");
  unserializable(t, () => 1, "a function.");
  unserializable(t, Symbol("s"), "a symbol (Symbol(s))");
  unserializable(t, { weak: new WeakMap() }, "a WeakMap at .weak");
  unserializable(t, { "odd key": [new WeakSet()] }, 'a WeakSet at ["odd key"][0]');
  unserializable(t, new Map([["k", Promise.resolve(1)]]), 'a Promise at .get("k")');
  unserializable(t, new Map([[() => 1, 1]]), "a function at .<key of Map entry 0>");
  unserializable(t, new Set([1, Symbol.iterator]), "a symbol", "<Set element 1>");
  unserializable(t, { deep: { er: [0, [0, 0, { f() {} }]] } }, "at .deep.er[1][2].f");
  unserializable(t, new Error("e", { cause: () => 1 }), "at .cause");
  unserializable(t, { sab: new SharedArrayBuffer(4) }, "SharedArrayBuffer", "at .sab");
  const e = t.throws(() => encodeValue([() => 1], "map"), { instanceOf: EngineError });
  t.true(e!.message.startsWith("map: a value that cannot cross between processes: a function at [0]."), e!.message);
});

test("writeValue / readValue carry many values in one buffer; a failed write appends nothing", (t) => {
  const w = new ByteWriter(16);
  const values: unknown[] = [1, "two", [3], { four: 4 }, new Map([[5, 5]]), -0, NaN, 2n ** 80n];
  writeValue(w, values[0], "t");
  const before = w.length;
  t.throws(() => writeValue(w, { f: () => 1 }, "t"), { instanceOf: EngineError });
  t.is(w.length, before);
  for (const v of values.slice(1)) writeValue(w, v, "t");
  const bytes = w.finish();
  const r = new ByteReader(bytes);
  const back = values.map(() => readValue(r));
  t.is(r.remaining, 0);
  t.deepEqual(back, values);
  w.reset();
  writeValue(w, "again", "t");
  t.is(decodeValue(w.finish()), "again");
});

test("nesting: 1,000 levels round-trip; deeper ones fail to encode with UNSERIALIZABLE, never a crash", (t) => {
  let v: unknown[] = [];
  for (let i = 0; i < 1000; i++) v = [v];
  t.deepEqual(roundTrip(v), v);
  let deep: unknown = {};
  for (let i = 0; i < 200_000; i++) deep = { x: deep };
  t.is(t.throws(() => encodeValue(deep, "t"), { instanceOf: EngineError })?.code, "UNSERIALIZABLE");
});

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: "binary",
  maxDepth: 4,
});

test("property: any structured-clonable value decodes to what structuredClone gives", (t) => {
  fc.assert(
    fc.property(anything, (v) => {
      t.deepEqual(roundTrip(v), structuredClone(v));
    }),
    { numRuns: 400 },
  );
});

test("property: strings of any UTF-16 code units and doubles round-trip exactly", (t) => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 80 }), fc.double(), (s, d) => {
      const back = roundTrip([s, d, { [s]: d }]) as [string, number, Record<string, number>];
      return back[0] === s && Object.is(back[1], d) && Object.is(back[2][s], d);
    }),
    { numRuns: 500 },
  );
  t.pass();
});
