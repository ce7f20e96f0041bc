/** Shipped functions through the public API: env, free identifiers, require/import, async functions. */
import test from "ava";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { EngineError } from "../../../api/index.js";
import { tempDir, useContext } from "../harness.js";

const sc = useContext(test);

declare const kk: number;

test("a name bound nowhere is thrown at the call site, naming it", (t) => {
  const err = t.throws(() => sc().parallelize([1]).map((x) => x * kk)) as EngineError;
  t.is(err.code, "UNBOUND_IDENTIFIER");
  t.is(err.message, "map: the function uses 'kk', which is not defined where the function was written. Define it there, or pass it: rdd.map(fn, { kk })");
});

test("actions reject with the unbound-name error before any task runs", async (t) => {
  const err = (await t.throwsAsync(sc().parallelize([1, 2]).reduce((a, b) => a + b + kk))) as EngineError;
  t.is(err.code, "UNBOUND_IDENTIFIER");
  t.regex(err.message, /^reduce: the function uses 'kk', which is not defined where the function was written/);
});

test("env values reach executors; optional arguments before env may be left out", async (t) => {
  const k = 3;
  t.deepEqual(await sc().parallelize([1, 2]).map((x) => x * k, { k }).collect(), [3, 6]);
  const pairs = sc().parallelize<[string, number]>([["a", 1], ["a", 2]]);
  t.deepEqual(await pairs.reduceByKey((a, b) => a + b + k, { k }).collect(), [["a", 6]]);
  t.deepEqual(await pairs.reduceByKey((a, b) => a + b + k, 3, { k }).collect(), [["a", 6]]);
  const lookup = new Map([[1, "one"], [2, "two"]]);
  t.deepEqual(await sc().parallelize([1, 2]).map((x) => lookup.get(x), { lookup }).collect(), ["one", "two"]);
  const offset = 10;
  t.is(await sc().parallelize([1, 2, 3]).aggregate(0, (acc, x) => acc + x + offset, (a, b) => a + b, { offset }), 36);
});

test("functions passed in env ship too", async (t) => {
  const square = (y: number) => y * y;
  t.deepEqual(await sc().parallelize([2, 3]).map((x) => square(x), { square }).collect(), [4, 9]);
});

test("global functions ship by name", async (t) => {
  t.deepEqual(await sc().parallelize(["1", "2"]).map(Number).collect(), [1, 2]);
  t.deepEqual(await sc().parallelize([0, 1, 2]).filter(Boolean).collect(), [1, 2]);
  t.is(await sc().parallelize([3, 9, 4]).reduce(Math.max), 9);
});

test("require and await import() work inside shipped functions, relative to baseDir", async (t) => {
  const names = await sc().parallelize(["/a/b/c.txt"]).map((p: string) => require("node:path").basename(p)).collect();
  t.deepEqual(names, ["c.txt"]);
  const dirs = await sc().parallelize(["/x/y.txt"]).map(async (p: string) => (await import("node:path")).dirname(p)).collect();
  t.deepEqual(dirs, ["/x"]);
  const dir = tempDir();
  writeFileSync(path.join(dir, "triple.cjs"), "module.exports = (x) => 3 * x;\n");
  writeFileSync(path.join(dir, "halve.mjs"), "export default (x) => x / 2;\n");
  const { Context } = await import("../../../api/index.js");
  const own = await Context.create({ master: "local[2]", baseDir: dir });
  try {
    t.deepEqual(await own.parallelize([1, 2]).map((x: number) => require("./triple.cjs")(x)).collect(), [3, 6]);
    t.deepEqual(
      await own.parallelize([4]).map(async (x: number) => {
        // @ts-expect-error: resolved on the executor, relative to baseDir
        const halve = await import("./halve.mjs");
        return halve.default(x);
      }).collect(),
      [2],
    );
  } finally {
    await own.stop();
  }
});

test("a function reads files with require('node:fs')", async (t) => {
  const dir = tempDir();
  const file = path.join(dir, "d.csv");
  writeFileSync(file, "#idx;c0\n0;1.5\n1;2.5\n");
  const means = await sc().parallelize([file]).map((f: string) => {
    const rows = require("node:fs").readFileSync(f, "utf8").trim().split("\n").slice(1);
    const col = rows.map((r: string) => Number(r.split(";")[1]));
    return col.reduce((a: number, b: number) => a + b, 0) / col.length;
  }).collect();
  t.deepEqual(means, [2]);
});

test("async functions are awaited one at a time; mapAsync keeps order with bounded concurrency", async (t) => {
  const out = await sc().parallelize([3, 1, 2], 1).map(async (x) => {
    await new Promise((r) => setTimeout(r, x * 5));
    return x * 10;
  }).collect();
  t.deepEqual(out, [30, 10, 20]);
  t.deepEqual(await sc().parallelize([1, 2, 3, 4]).filter(async (x) => x > 2).collect(), [3, 4]);
  const slow = await sc().range(0, 40, 1, 2).mapAsync(async (x) => {
    await new Promise((r) => setTimeout(r, (x * 7) % 11));
    return x * 2;
  }, 5).collect();
  t.deepEqual(slow, Array.from({ length: 40 }, (_, i) => i * 2));
  const inflight = await sc().range(0, 32, 1, 1).mapAsync(async (x) => {
    const g = globalThis as unknown as { __live?: number; __peak?: number };
    g.__live = (g.__live ?? 0) + 1;
    g.__peak = Math.max(g.__peak ?? 0, g.__live);
    await new Promise((r) => setTimeout(r, 5));
    g.__live--;
    return g.__peak;
  }, 4).max();
  t.is(inflight, 4);
});

test("async generators in mapPartitions", async (t) => {
  const out = await sc().parallelize([1, 2, 3, 4], 2).mapPartitions(async function* (it) {
    for (const x of it) {
      await new Promise((r) => setTimeout(r, 1));
      yield x + 100;
    }
  }).collect();
  t.deepEqual(out, [101, 102, 103, 104]);
});

test("values of every kind cross and come back equal", async (t) => {
  const values = [NaN, -0, 1.5, "é😀", 12345678901234567890n, null, true, [1, [2, [3]]], { a: { b: [1, "x"] } }, new Map([["k", 1]]), new Set([1, 2]), new Date(0), new Uint8Array([1, 2, 3]), undefined];
  const back = await sc().parallelize(values, 3).collect();
  t.is(back.length, values.length);
  t.true(Number.isNaN(back[0]));
  t.true(Object.is(back[1], -0));
  t.deepEqual(back.slice(2), values.slice(2));
  t.deepEqual(await sc().parallelize(values, 2).map((x) => x).count(), values.length);
});

// Module-level helpers and values, as a PySpark user writes them (no env).
const SEP = ";";
function field(line: string, i: number): number {
  return Number(line.split(SEP)[i]);
}
class Reading {
  constructor(readonly station: string, readonly value: number) {}
  scaled(by: number): number {
    return this.value * by;
  }
}

test("functions capture what they use where they were written: values, helpers, imports, classes", async (t) => {
  const channel = 1;
  const lines = ["0;1.5;2", "1;2.5;4"];
  t.deepEqual(await sc().parallelize(lines, 2).map((l) => field(l, channel)).collect(), [1.5, 2.5]);
  t.deepEqual(await sc().parallelize(["/a/b.csv"]).map((p) => path.basename(p)).collect(), ["b.csv"]);
  const origin = new Reading("o", 2);
  t.deepEqual(await sc().parallelize([1, 2], 2).map((x) => new Reading("s", x).scaled(origin.value)).collect(), [2, 4]);
});

test("instances of user classes cross as instances: in data, results and shuffles", async (t) => {
  const readings = [new Reading("a", 1), new Reading("b", 2), new Reading("a", 3)];
  t.deepEqual(await sc().parallelize(readings, 2).map((r) => r.scaled(10)).collect(), [10, 20, 30]);
  const back = await sc().parallelize([1, 2, 3], 3).map((x) => new Reading(x % 2 === 0 ? "even" : "odd", x)).collect();
  t.true(back.every((r) => r instanceof Reading));
  t.is(back[2]!.scaled(2), 6);
  const grouped = await sc().parallelize(readings, 3).keyBy((r) => r.station).groupByKey(2).mapValues((rs) => rs.map((r) => r instanceof Reading && r.scaled(1))).collectAsMap();
  t.deepEqual(grouped, new Map([["a", [1, 3]], ["b", [2]]]));
});

test("env wins over captured values, also in the driver's final merges", async (t) => {
  const k = 100;
  const data = sc().parallelize([1, 2, 3, 4], 4);
  t.is(await data.treeReduce((a, b) => a + b + k, 2, { k: 0 }), 10);
  t.is(await data.reduce((a, b) => a + b + k, { k: 0 }), 10);
  t.is(await data.fold(0, (a, b) => a + b + k, { k: 0 }), 10);
  t.is(await data.aggregate(0, (a, x) => a + x, (a, b) => a + b + k, { k: 0 }), 10);
  t.is(await data.treeAggregate(0, (a, x) => a + x, (a, b) => a + b + k, 2, { k: 0 }), 10);
  t.is(await data.max((x) => (x === 3 ? k : x), { k: 10 }), 3);
});
