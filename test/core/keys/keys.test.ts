import test from "ava";
import fc from "fast-check";
import { KeyMap } from "../../../core/keys/key-identity.js";
import { compareValues } from "../../../core/keys/key-order.js";
import { hashPartition, portableHash, stringHash } from "../../../core/keys/portable-hash.js";

test("ordering: numbers numerically, strings by code units, arrays element-wise, types ranked", (t) => {
  const values = [[1], "b", 3n, 10, 2, true, false, null, "B", [0, 9], [0], -Infinity, NaN];
  const sorted = [...values].sort(compareValues);
  t.deepEqual(sorted, [null, false, true, -Infinity, 2, 10, NaN, 3n, "B", "b", [0], [0, 9], [1]]);
});

test("ordering is a total order (antisymmetric, transitive) on mixed values", (t) => {
  const value = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.bigInt(), fc.array(fc.integer(), { maxLength: 3 }));
  fc.assert(
    fc.property(value, value, value, (a, b, c) => {
      const ab = Math.sign(compareValues(a, b));
      if (ab !== -Math.sign(compareValues(b, a)) && !(ab === 0 && compareValues(b, a) === 0)) return false;
      if (compareValues(a, b) <= 0 && compareValues(b, c) <= 0) return compareValues(a, c) <= 0;
      return true;
    }),
    { numRuns: 2000 },
  );
  t.pass();
});

test("integer keys hash to themselves, as PySpark's portable_hash", (t) => {
  t.is(portableHash(5), 5n);
  t.is(portableHash(-1), -2n);
  t.is(portableHash(true), 1n);
  t.is(portableHash(null), 0n);
  t.is(hashPartition(7, 2), 1);
  t.is(hashPartition(-3, 4), 1);
  t.is(hashPartition(-0, 3), 0);
  t.is(hashPartition(2 ** 40, 7), Number((2n ** 40n) % 7n));
  // arrays hash like tuples in PySpark's portable_hash (values computed with PySpark's algorithm)
  t.is(portableHash([1, 2]), 3430029580082870073n);
  t.is(portableHash([1, [2, -1]]), 3053322910546849033n);
  t.is(portableHash(2 ** 62), 2n);
});

test("hashes are deterministic functions of the value and partitions are in range", (t) => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.integer(), fc.double(), fc.array(fc.string(), { maxLength: 3 })), fc.integer({ min: 1, max: 1000 }), (k, n) => {
      const p = hashPartition(k, n);
      const copy = Array.isArray(k) ? [...k] : k;
      return p >= 0 && p < n && Number.isInteger(p) && p === hashPartition(copy, n);
    }),
    { numRuns: 2000 },
  );
  t.is(stringHash("k1"), stringHash("k1"));
  t.not(stringHash("k1"), stringHash("k2"));
});

test("KeyMap compares keys by value and keeps the first key object", (t) => {
  const m = new KeyMap<number>();
  const first = [1, "a"];
  m.set(first, 1);
  m.set([1, "a"], 2);
  m.set(-0, 3);
  m.set(0, 4);
  m.set(NaN, 5);
  m.set(NaN, 6);
  t.is(m.size, 3);
  t.is(m.get([1, "a"]), 2);
  t.is(m.get(0), 4);
  t.is(m.get(NaN), 6);
  t.is([...m.entries()].find(([k]) => Array.isArray(k))![0], first);
  t.false(m.has([1, "b"]));
});
