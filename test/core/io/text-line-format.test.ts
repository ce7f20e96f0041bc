/**
 * Tests of formatTextLine (core/io/text-line-format.ts): how saveAsTextFile writes elements.
 */
import test from "ava";
import fc from "fast-check";
import { formatTextLine } from "../../../core/io/text-line-format.js";
import { EngineError } from "../../../core/engine-error.js";

test("strings are written as they are", (t) => {
  t.is(formatTextLine("a;b;c"), "a;b;c");
  t.is(formatTextLine(""), "");
  t.is(formatTextLine('say "hi"'), 'say "hi"');
});

test("primitives as JSON; bigint as its digits; NaN and infinities as null", (t) => {
  t.is(formatTextLine(42), "42");
  t.is(formatTextLine(-0), "0");
  t.is(formatTextLine(1.5e-7), "1.5e-7");
  t.is(formatTextLine(true), "true");
  t.is(formatTextLine(null), "null");
  t.is(formatTextLine(12345678901234567890n), "12345678901234567890");
  t.is(formatTextLine(-5n), "-5");
  t.is(formatTextLine(Number.NaN), "null");
  t.is(formatTextLine(Number.POSITIVE_INFINITY), "null");
});

test("top-level undefined, functions and symbols", (t) => {
  t.is(formatTextLine(undefined), "undefined");
  t.is(formatTextLine(Symbol("s")), "Symbol(s)");
});

test("arrays, objects and nesting as JSON, bigint nested", (t) => {
  t.is(formatTextLine([1n, "a"]), '[1,"a"]');
  t.is(formatTextLine(["k", [1, 2.5]]), '["k",[1,2.5]]');
  t.is(formatTextLine({ a: 1n, b: [null, undefined, Number.NaN], c: undefined, d: "x\ny" }), '{"a":1,"b":[null,null,null],"d":"x\\ny"}');
  // eslint-disable-next-line no-sparse-arrays
  t.is(formatTextLine([1, , 3]), "[1,null,3]");
});

test("Map, Set, typed arrays, buffers, Date, boxed primitives", (t) => {
  t.is(formatTextLine(new Map<unknown, unknown>([["a", 1], [2n, new Set([1, 2])]])), '[["a",1],[2,[1,2]]]');
  t.is(formatTextLine(new Set(["x", 1n])), '["x",1]');
  t.is(formatTextLine(new Float64Array([1.5, Number.NaN])), "[1.5,null]");
  t.is(formatTextLine(new BigInt64Array([1n, -2n])), "[1,-2]");
  t.is(formatTextLine(new Uint8Array([1, 255]).buffer), "[1,255]");
  t.is(formatTextLine(new DataView(new Uint8Array([9, 8, 7]).buffer, 1, 2)), "[8,7]");
  t.is(formatTextLine({ b: Buffer.from("hi") }), JSON.stringify({ b: Buffer.from("hi") }), "toJSON is honoured");
  t.is(formatTextLine(new Date(0)), '"1970-01-01T00:00:00.000Z"');
  t.is(formatTextLine([new Date(Number.NaN)]), "[null]");
  t.is(formatTextLine([Object(1n), Object("s"), Object(false)]), '[1,"s",false]');
});

test("shared references are fine; a cycle is UNSERIALIZABLE", (t) => {
  const shared = { x: 1 };
  t.is(formatTextLine([shared, shared]), '[{"x":1},{"x":1}]');
  const cyc: unknown[] = [1];
  cyc.push(cyc);
  const err = t.throws(() => formatTextLine(cyc), { instanceOf: EngineError });
  t.is((err as EngineError).code, "UNSERIALIZABLE");
});

test("property: for JSON values without bigint, the line is JSON.stringify's", (t) => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      if (typeof v === "string") return formatTextLine(v) === v;
      return formatTextLine(v) === JSON.stringify(v);
    }),
  );
  fc.assert(
    fc.property(fc.anything({ withBigInt: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: true, withDate: true, withNullPrototype: true }), (v) => {
      if (typeof v === "string" || v === undefined) return true;
      return formatTextLine(v) === JSON.stringify(v);
    }),
  );
  t.pass();
});
