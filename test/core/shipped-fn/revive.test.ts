/**
 * reviveFunction on executors: shipped functions come back working after the wire round trip
 * (the value codec here, structured clone into a worker thread below): env values and env
 * functions, require and import() from baseDir, async functions and generators, methods, native
 * globals, errors passing through untouched, the revive cache.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

import test from "ava";

import { shipFunction, reviveFunction } from "../../../core/shipped-fn.js";
import { roundTrip as viaWire } from "./round-trip.js";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const baseDir = `${root}test/fixtures/shipped-fn`;
const globalEval = eval;

/** Ships, sends through the codec as a task would carry it, and revives, with baseDir as Context.create({ baseDir }). */
function roundTrip<F extends Function>(fn: F, env?: Record<string, unknown>): Promise<F> {
  return viaWire(fn, env, baseDir);
}

test("env values and inner closures", async (t) => {
  const k = 3;
  const offset = { by: 10 };
  const f = (await roundTrip((x: number) => { const add = (y: number) => y + offset.by; return add(x * k); }, { k, offset }));
  t.is(f(2), 16);
});

test("env functions: helpers, self and mutual recursion, native globals", async (t) => {
  const k = 2;
  const helper = (x: number): number => x * k;
  t.is((await roundTrip((x: number) => helper(x) + 1, { helper, k }))(5), 11);

  const isEven = (n: number): boolean => (n === 0 ? true : isOdd(n - 1));
  const isOdd = (n: number): boolean => (n === 0 ? false : isEven(n - 1));
  t.true((await roundTrip((n: number) => isEven(n), { isEven, isOdd }))(10));

  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  t.is((await roundTrip(fact, { fact }))(5), 120);

  const biggest = Math.max;
  t.is((await roundTrip((a: number, b: number) => biggest(a, b), { biggest }))(3, 9), 9);
});

test("native globals revive to the same function", async (t) => {
  for (const fn of [Number, Boolean, Math.max, JSON.stringify, parseInt, Object.keys] as Function[]) {
    t.is(await roundTrip(fn), fn);
  }
  const number = await roundTrip(Number);
  t.deepEqual(["1", "2", "x"].map(number), [1, 2, NaN]);
  const max = (await roundTrip(Math.max));
  t.is([3, 7, 5].reduce((a, b) => max(a, b)), 7);
});

test("require: node: modules and relative modules from baseDir", async (t) => {
  const f = (await roundTrip((file: string) => require("node:path").basename(file) + require("./helper.cjs").triple(2)));
  t.is(f("/a/b.txt"), "b.txt6");
  const exists = (await roundTrip((p: string) => require("node:fs").existsSync(require("node:path").join(__dirname, p))));
  t.true(exists("helper.mjs"));
});

test("import(): node: modules, relative and absolute .mjs, bare packages", async (t) => {
  const f = (await roundTrip(async (file: string) => (await import("node:path")).basename(file)));
  t.is(await f("/x/y.csv"), "y.csv");
  const g = await roundTrip(async (x: number) => {
    const specifier: string = "./helper.mjs";
    const mod = await import(specifier);
    return [mod.double(x), mod.default];
  });
  t.deepEqual(await g(21), [42, "helper.mjs default"]);
  const absolute = `${baseDir}/helper.mjs`;
  const h = (await roundTrip(async (x: number) => (await import(absolute)).double(x), { absolute }));
  t.is(await h(4), 8);
  const bare = (await roundTrip(async () => typeof (await import("acorn")).parse));
  t.is(await bare(), "function");
  const missing = (await roundTrip(async () => { const specifier: string = "./no-such-module.mjs"; return import(specifier); }));
  await t.throwsAsync(missing(), { code: "ERR_MODULE_NOT_FOUND" } as never);
});

test("async functions, generators and async generators", async (t) => {
  const asyncFn = (await roundTrip(async (x: number) => { await new Promise((r) => setTimeout(r, 1)); return x + 1; }));
  t.is(await asyncFn(1), 2);
  const gen = (await roundTrip(function* (n: number) { for (let i = 0; i < n; i += 1) yield i * i; }));
  t.deepEqual([...gen(4)], [0, 1, 4, 9]);
  const agen = (await roundTrip(async function* named(xs: Iterable<number>) { for (const x of xs) yield await Promise.resolve(x + 1); }));
  const out: number[] = [];
  for await (const v of agen([1, 2, 3])) out.push(v);
  t.deepEqual(out, [2, 3, 4]);
  t.is(agen.name, "named");
});

test("methods: shorthand, async, generator, getter, computed key, class methods, classes", async (t) => {
  const factor = 3;
  const obj = {
    scale(x: number) { return x * factor; },
    async later(x: number) { return x + factor; },
    *pair(x: number) { yield x; yield factor; },
    get answer() { return 42; },
    [Symbol.for("key")](x: number) { return `computed ${x}`; },
  };
  t.is((await roundTrip(obj.scale, { factor }))(2), 6);
  t.is((await roundTrip(obj.scale, { factor })).name, "scale");
  t.is(await (await roundTrip(obj.later, { factor }))(2), 5);
  t.deepEqual([...(await roundTrip(obj.pair, { factor }))(1)], [1, 3]);
  t.is((await roundTrip(Object.getOwnPropertyDescriptor(obj, "answer")!.get!))(), 42);
  t.is((await roundTrip(obj[Symbol.for("key")]!))(7), "computed 7");
  class Calc {
    static twice(x: number): number { return x * 2; }
    inc(x: number): number { return x + 1; }
  }
  t.is((await roundTrip(Calc.twice))(4), 8);
  t.is((await roundTrip(new Calc().inc))(4), 5);
  const Revived = (await roundTrip(class Point { constructor(readonly x: number) {} norm() { return Math.abs(this.x); } }));
  t.is(new Revived(-3).norm(), 3);
  t.is(Revived.name, "Point");
});

test("transpiler helpers, __dirname, names shadowing the injected ones", async (t) => {
  const f = (await roundTrip(globalEval('(x) => { const sq = __name((y) => y * y, "sq"); return sq.name + sq(x); }') as Function));
  t.is(f(3), "sq9");
  t.is((await roundTrip(() => __dirname))(), baseDir);
  const fake = (name: string): string => `fake ${name}`;
  t.is((await roundTrip(() => require("node:fs"), { require: fake }))(), "fake node:fs");
});

test("sloppy-only sources revive in sloppy mode", async (t) => {
  const f = (await roundTrip(globalEval("(o) => { with (o) { return a + 010; } }") as Function, { a: 100 }));
  t.is(f({ a: 1 }), 9);
});

test("errors pass through with their message, class and stack", async (t) => {
  const f = (await roundTrip(function failing(x: number) { if (x > 0) throw new RangeError(`too big: ${x}`); return x; }));
  const error = t.throws(() => f(5), { instanceOf: RangeError, message: "too big: 5" });
  t.true(error!.stack!.startsWith("RangeError: too big: 5\n"));
  t.regex(error!.stack!, /at failing /);
  const thrownValue = { not: "an error" };
  const g = (await roundTrip(() => { throw thrownValue; }, { thrownValue }));
  let caught: unknown;
  try {
    g();
  } catch (value) {
    caught = value;
  }
  t.deepEqual(caught, thrownValue);
  const h = (await roundTrip(async () => { await null; throw new TypeError("async boom"); }));
  await t.throwsAsync(h(), { instanceOf: TypeError, message: "async boom" });
});

test("cacheKey hands back the same function; different keys or none build anew", async (t) => {
  const k = 1;
  const shipped = shipFunction((x: number) => x + k, { k }, "map");
  const a = reviveFunction(shipped, { baseDir }, "task-1");
  t.is(reviveFunction(shipped, { baseDir }, "task-1"), a);
  t.not(reviveFunction(shipped, { baseDir }, "task-2"), a);
  t.not(reviveFunction(shipped, { baseDir }), a);
  t.is((reviveFunction(shipped, { baseDir }) as (x: number) => number)(1), 2);
});

test("in a worker thread, after a structured clone", async (t) => {
  const moduleUrl = pathToFileURL(`${root}dist/core/shipped-fn.js`).href;
  const worker = new Worker(new URL("test/fixtures/shipped-fn/revive-worker.mjs", pathToFileURL(root)), { workerData: { moduleUrl } });
  const k = 4;
  const helper = (x: number): number => x * k;
  const cases = [
    { shipped: shipFunction((x: number) => helper(x) + k, { helper, k }, "map"), input: 1 },
    { shipped: shipFunction(async (x: number) => { const specifier: string = "./helper.mjs"; return (await import(specifier)).double(x) + require("./helper.cjs").triple(x); }, undefined, "map"), input: 1 },
    { shipped: shipFunction(async function* (n: number) { for (let i = 0; i < n; i += 1) yield i; }, undefined, "mapPartitions"), input: 3 },
    { shipped: shipFunction(Number, undefined, "map"), input: "12" },
    { shipped: shipFunction(() => { throw new Error("from worker"); }, undefined, "map"), input: 0 },
  ];
  try {
    const results = await new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("worker timed out")), 20_000);
      worker.once("message", (m) => { clearTimeout(timer); resolve(m); });
      worker.once("error", (e) => { clearTimeout(timer); reject(e); });
      worker.postMessage({ cases, baseDir });
    });
    t.deepEqual(results.slice(0, 4), [
      { ok: true, value: 8 },
      { ok: true, value: 5 },
      { ok: true, value: [0, 1, 2] },
      { ok: true, value: 12 },
    ]);
    t.like(results[4]!, { ok: false, message: "from worker" });
  } finally {
    await worker.terminate();
  }
});
