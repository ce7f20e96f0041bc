/**
 * Tests of the row codec (core/wire/row-codec.ts): pairs and values blocks, the column kind
 * picked for each kind of content and recorded in the Arrow schema, exact round trips (NaN, -0,
 * unicode, bigint, mixed types), empty blocks, several record batches, typed-array inputs and
 * outputs, references and UNSERIALIZABLE paths. Hostile bytes: wire-fuzz.test.ts.
 */
import { tableFromIPC } from "apache-arrow";
import test from "ava";
import fc from "fast-check";
import { EngineError } from "../../../core/engine-error.js";
import { decodeColumns, decodeRows, encodeColumns, encodeRows } from "../../../core/wire/row-codec.js";
import { wireRef } from "../../../core/wire/value-codec.js";

/** The spate kinds recorded in the block's Arrow schema, by column name. */
function kinds(bytes: Uint8Array): Record<string, string | undefined> {
  const table = tableFromIPC(bytes);
  return Object.fromEntries(table.schema.fields.map((f) => [f.name, f.metadata.get("spate.kind")]));
}

const rt = (rows: unknown[]): unknown[] => decodeRows(encodeRows(rows, "test"));

test("(string, float64) pairs: Utf8 and Float64 columns, string[] and Float64Array back", (t) => {
  const rows = [["k1", 1.5], ["k2", -0], ["é😀", NaN], ["", Infinity]];
  const bytes = encodeRows(rows, "test");
  t.deepEqual(kinds(bytes), { key: "utf8", value: "f64" });
  const cols = decodeColumns(bytes);
  t.is(cols.kind, "pairs");
  t.is(cols.length, 4);
  t.deepEqual(cols.keys, ["k1", "k2", "é😀", ""]);
  t.true(cols.values instanceof Float64Array);
  t.true(Object.is(cols.values[1], -0));
  t.true(Number.isNaN(cols.values[2]));
  t.deepEqual(decodeRows(bytes), rows);
});

test("each kind of column content gets its Arrow type and decodes exactly", (t) => {
  const cases: Array<[unknown[], string, ((v: ArrayLike<unknown>) => boolean)?]> = [
    [[1, 2, -3, 2 ** 31 - 1, -(2 ** 31)], "i32", (v) => v instanceof Int32Array],
    [[1, 2 ** 31], "f64", (v) => v instanceof Float64Array],
    [[0, -0], "f64", (v) => Object.is(v[1], -0)],
    [[0.5, NaN, -Infinity], "f64"],
    [["a", "ü", "日本", "😀", "x".repeat(1000)], "utf8"],
    [["ok", "lone \uD800 surrogate"], "bin"],
    [[true, false, true, true, false, false, true, false, true], "bool"],
    [[1n, -(2n ** 63n), 2n ** 63n - 1n], "i64", (v) => v instanceof BigInt64Array],
    [[1n, 2n ** 64n], "bin"],
    [[1, "a", true, null, undefined, 2n], "bin"],
    [[null, null], "bin"],
    [[{ a: 1 }, [1, 2, 3], new Map([[1, new Set([2])]]), new Date(0), new Uint8Array([1])], "bin"],
  ];
  for (const [values, kind, check] of cases) {
    const bytes = encodeRows(values, "test");
    t.is(kinds(bytes).value, kind, JSON.stringify(values, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)));
    const cols = decodeColumns(bytes);
    t.is(cols.kind, "values");
    t.is(cols.keys, null);
    if (check !== undefined) t.true(check(cols.values), kind);
    t.deepEqual(Array.from(cols.values), values);
    t.deepEqual(decodeRows(bytes), values);
  }
});

test("pairs when every row is a 2-element array, values otherwise", (t) => {
  t.is(decodeColumns(encodeRows([[1, "a"], [2, "b"]], "t")).kind, "pairs");
  t.is(decodeColumns(encodeRows([[1, "a"], [2, "b", 3]], "t")).kind, "values");
  t.is(decodeColumns(encodeRows([[1, "a"], "x"], "t")).kind, "values");
  const mixed = [[1, "a"], [2, "b", 3], [3]];
  t.deepEqual(rt(mixed), mixed);
  // Keys and values of a pairs block are typed separately.
  const pairs = [[1, { v: 1 }], [2, [2]], [3, null]];
  const bytes = encodeRows(pairs, "t");
  t.deepEqual(kinds(bytes), { key: "i32", value: "bin" });
  t.deepEqual(decodeRows(bytes), pairs);
  const lone = [["\uDC00", 1], ["ok", 2]];
  t.deepEqual(kinds(encodeRows(lone, "t")), { key: "bin", value: "i32" });
  t.deepEqual(rt(lone), lone);
});

test("empty blocks round-trip", (t) => {
  const none = decodeColumns(encodeRows([], "t"));
  t.deepEqual({ kind: none.kind, length: none.length, keys: none.keys }, { kind: "values", length: 0, keys: null });
  t.is(none.values.length, 0);
  t.deepEqual(rt([]), []);
  const emptyPairs = decodeColumns(encodeColumns({ keys: [], values: [] }, "t"));
  t.is(emptyPairs.kind, "pairs");
  t.is(emptyPairs.length, 0);
  t.deepEqual(decodeRows(encodeColumns({ keys: [], values: [] }, "t")), []);
});

test("encodeColumns takes typed arrays as they are and refuses mismatched lengths", (t) => {
  const f = new Float64Array([1.5, -0, NaN]);
  const bytes = encodeColumns({ keys: new Int16Array([1, -2, 3]), values: f }, "t");
  t.deepEqual(kinds(bytes), { key: "i32", value: "f64" });
  const cols = decodeColumns(bytes);
  t.deepEqual(Array.from(cols.keys!), [1, -2, 3]);
  t.deepEqual(cols.values, f);
  t.deepEqual(kinds(encodeColumns({ values: new Uint32Array([2 ** 32 - 1]) }, "t")), { value: "f64" });
  t.deepEqual(kinds(encodeColumns({ values: new BigUint64Array([5n]) }, "t")), { value: "i64" });
  t.deepEqual(Array.from(decodeColumns(encodeColumns({ values: new BigUint64Array([2n ** 64n - 1n]) }, "t")).values), [2n ** 64n - 1n]);
  const e = t.throws(() => encodeColumns({ keys: [1, 2], values: [1] }, "join"), { instanceOf: EngineError });
  t.is(e?.code, "INVALID_ARGUMENT");
  t.true(e!.message.startsWith("join:"));
});

test("large blocks split into record batches and concatenate back", (t) => {
  const n = 300_000; // more than one 256 K-row batch
  const values = new Float64Array(n).map((_, i) => i * 0.5);
  const cols = decodeColumns(encodeColumns({ values }, "t"));
  t.is(cols.length, n);
  t.true(cols.values instanceof Float64Array);
  t.deepEqual(cols.values, values);
  const table = tableFromIPC(encodeColumns({ values }, "t"));
  t.is(table.batches.length, 2);
  // Small limits: batches cut by rows, and by bytes in a string key and a binary value column.
  const rows = Array.from({ length: 1000 }, (_, i) => [`key-${i}-${"x".repeat(i % 50)}`, i % 3 === 0 ? { i } : [i, `${i}`]]);
  for (const limits of [{ maxBatchRows: 7 }, { maxBatchBytes: 100 }, { maxBatchBytes: 1 }, { maxBatchRows: 64, maxBatchBytes: 500 }]) {
    const bytes = encodeRows(rows, "t", "a value", limits);
    t.true(tableFromIPC(bytes).batches.length > 1);
    t.deepEqual(decodeRows(bytes), rows, JSON.stringify(limits));
  }
});

test("a block with one batch gives numeric columns as views of the bytes, not copies", (t) => {
  const bytes = encodeColumns({ values: new Float64Array([1, 2, 3]) }, "t");
  const cols = decodeColumns(bytes);
  const v = cols.values as Float64Array;
  t.is(v.buffer, bytes.buffer);
});

test("references travel through binary columns and resolveRef rebuilds them", (t) => {
  const acc = { [wireRef]: () => ({ kind: "accumulator", id: 3 }) };
  const bytes = encodeRows([["a", acc], ["b", 1]], "t");
  t.deepEqual(decodeRows(bytes), [["a", { kind: "accumulator", id: 3 }], ["b", 1]]);
  t.deepEqual(decodeRows(bytes, { resolveRef: (kind, id) => `${kind}#${id}` }), [["a", "accumulator#3"], ["b", 1]]);
});

test("a row that cannot cross is UNSERIALIZABLE, naming the operation and the row", (t) => {
  const pairs = t.throws(() => encodeRows([[1, 2], [3, { f() {} }]], "collect", "a task returned a value"), { instanceOf: EngineError });
  t.is(pairs?.code, "UNSERIALIZABLE");
  t.true(pairs!.message.startsWith("collect: a task returned a value that cannot cross between processes: a function (f) at [1][1].f."), pairs!.message);
  const values = t.throws(() => encodeRows([1, [Symbol("s")]], "reduceByKey"), { instanceOf: EngineError });
  t.true(values!.message.includes("reduceByKey: ") && values!.message.includes("at [1][0]"), values!.message);
  const key = t.throws(() => encodeRows([[() => 1, 2]], "groupBy"), { instanceOf: EngineError });
  t.true(key!.message.includes("a function at [0][0]"), key!.message);
});

test("property: any rows round-trip like structuredClone", (t) => {
  const value = fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, stringUnit: "binary", maxDepth: 3 });
  const scalar = fc.oneof(fc.double(), fc.integer(), fc.string({ unit: "binary" }), fc.bigInt(), fc.boolean());
  const rows = fc.oneof(
    fc.array(fc.tuple(scalar, value)),
    fc.array(fc.tuple(fc.string(), fc.double())),
    fc.array(scalar),
    fc.array(value),
  );
  fc.assert(
    fc.property(rows, (r) => {
      t.deepEqual(rt(r), structuredClone(r));
    }),
    { numRuns: 200 },
  );
});
