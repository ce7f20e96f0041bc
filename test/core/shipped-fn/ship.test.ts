/**
 * shipFunction on the driver: env validation, native globals shipped by path, bound/native
 * functions rejected, sources that cannot stand alone (import.meta, super, private names), and
 * the shape of what is handed to the caller. What capture finds is tested in capture.test.ts.
 */
import test from "ava";

import { EngineError } from "../../../core/engine-error.js";
import { shipFunction } from "../../../core/shipped-fn.js";

const globalEval = eval;

test("env: must be a plain object with identifier keys", (t) => {
  const fn = (x: number) => x;
  for (const bad of [[1, 2], new Map(), new (class Env {})(), null, 3, "k"]) {
    t.throws(() => shipFunction(fn, bad as unknown as Record<string, unknown>, "mapValues"), {
      instanceOf: EngineError,
      message: /^mapValues: env must be a plain object/,
    });
  }
  t.throws(() => shipFunction(fn, { "a-b": 1 }, "map"), { message: /env key 'a-b' is not a valid JavaScript variable name/ });
  t.throws(() => shipFunction(fn, { "a, b": 1 }, "map"), { message: /env key 'a, b'/ });
  t.throws(() => shipFunction(fn, { default: 1 }, "map"), { message: /env key 'default'/ });
  t.notThrows(() => shipFunction(fn, Object.assign(Object.create(null), { k: 1 }), "map"));
  t.notThrows(() => shipFunction(fn, { $k: 1, _x: 2, ünï: 3 }, "map"));
});

test("fn: must be a function", (t) => {
  const error = t.throws(() => shipFunction(42 as unknown as Function, undefined, "map"), { instanceOf: EngineError });
  t.is((error as EngineError).code, "INVALID_ARGUMENT");
});

test("native globals ship as their path", (t) => {
  const expected: Array<[Function, string]> = [
    [Number, "Number"],
    [String, "String"],
    [Boolean, "Boolean"],
    [parseInt, "parseInt"],
    [parseFloat, "parseFloat"],
    [BigInt, "BigInt"],
    [encodeURIComponent, "encodeURIComponent"],
    [Math.max, "Math.max"],
    [Math.sqrt, "Math.sqrt"],
    [JSON.stringify, "JSON.stringify"],
    [JSON.parse, "JSON.parse"],
    [Object.keys, "Object.keys"],
    [Object.entries, "Object.entries"],
    [Array.isArray, "Array.isArray"],
  ];
  for (const [fn, path] of expected) {
    t.deepEqual(shipFunction(fn, undefined, "map"), { kind: "global", path, label: path });
  }
});

test("bound and other native functions are UNSERIALIZABLE", (t) => {
  const bound = ((x: number) => x).bind(null);
  const error = t.throws(() => shipFunction(bound, undefined, "map"), { instanceOf: EngineError });
  t.is((error as EngineError).code, "UNSERIALIZABLE");
  t.regex(error!.message, /^map: the function cannot be shipped.*bound function.*arrow function/);
  t.throws(() => shipFunction([].push, undefined, "foreach"), { message: /^foreach: .*native code \(push\).*arrow function/ });
  t.throws(() => shipFunction((x: number) => x, { helper: Math.max.bind(Math) }, "map"), {
    message: "map: env uses env.helper, which is a bound function (bound max); it cannot be shipped to executors: pass an arrow function that calls it instead: (x) => obj.method(x).",
  });
});

test("sources that cannot stand alone are UNSERIALIZABLE", (t) => {
  t.throws(() => shipFunction((x: number) => import.meta.url + x, undefined, "map"), {
    code: "UNSERIALIZABLE",
    message: "map: the function cannot be shipped to executors: it uses import.meta, which has no meaning on executors: " +
      "compute the value outside the function (const url = import.meta.url) and use that",
  });
  class Base {
    m(): number {
      return 1;
    }
  }
  class Derived extends Base {
    override m(): number {
      return super.m() + 1;
    }
    #secret = 1;
    peek(): number {
      return this.#secret;
    }
  }
  t.throws(() => shipFunction(new Derived().m, undefined, "map"), { code: "UNSERIALIZABLE", message: /uses super/ });
  t.throws(() => shipFunction(new Derived().peek, undefined, "map"), {
    message: /^map: the function cannot be shipped to executors: its source does not parse on its own \(.*#secret/,
  });
  t.notThrows(() => shipFunction((x: number) => { class Inner extends Base { override m() { return super.m() + x; } } return new Inner(); }, { Base }, "map"));
});

test("shipped shape: the function, its helpers once, data, env, label", (t) => {
  const k = 2;
  const helper = (x: number): number => x * k;
  const shipped = shipFunction(function scale(x: number) { return helper(x) + helper(k); }, { max: Math.max, k: 5 }, "map");
  if (shipped.kind !== "closure") return t.fail();
  t.is(shipped.entries.length, 2);
  t.like(shipped.entries[shipped.root]!, { kind: "function", name: "scale", strict: true, wrap: "expression" });
  t.deepEqual(shipped.entries[shipped.root]!.captures, { helper: { kind: "fn", entry: 1 } });
  t.deepEqual(shipped.entries[1]!.captures, {}, "k of helper is in env: env wins");
  t.deepEqual(shipped.env, { max: { kind: "global", path: "Math.max" }, k: { kind: "data", index: 0 } });
  t.regex(shipped.label, /^function scale\(x\)/);
  t.regex(shipped.entries[0]!.origin!.url, /ship\.test\.js$/);
  t.true(shipped.data instanceof Uint8Array);
});

test("long sources get a truncated label", (t) => {
  const long = globalEval(`(x) => x${" + 1".repeat(400)}`) as Function;
  const shipped = shipFunction(long, undefined, "map");
  t.true(shipped.label.length <= 501 && shipped.label.endsWith("…"));
});

test("sloppy-only sources ship with strict: false", (t) => {
  const shipped = shipFunction(globalEval("(o) => { with (o) { return a + 010; } }") as Function, { a: 1 }, "map");
  if (shipped.kind !== "closure") return t.fail();
  t.like(shipped.entries[shipped.root]!, { kind: "function", strict: false });
});
