/**
 * shipFunction on the driver: the exact UNBOUND_IDENTIFIER message form, env validation,
 * native globals shipped by path, bound/native functions rejected, sources that cannot stand
 * alone (import.meta, super, private names), env functions shipped alongside, and the
 * shape of what is handed to the caller.
 */
import test from "ava";

import { EngineError } from "../../../core/engine-error.js";
import { shipFunction, type ShippedFn } from "../../../core/shipped-fn.js";

const globalEval = eval;

test("unbound: the exact message for one name", (t) => {
  const k = 3;
  const error = t.throws(() => shipFunction((x: number) => x * k, undefined, "map"), { instanceOf: EngineError });
  t.is(error?.message, "map: the function uses 'k', which is not in env. Pass it: rdd.map(fn, { k })");
  t.is((error as EngineError).code, "UNBOUND_IDENTIFIER");
});

test("unbound: two and three names, operation named", (t) => {
  const a = 1;
  const b = 2;
  const c = 3;
  t.throws(() => shipFunction((x: number) => x * a + b, undefined, "map"), {
    message: "map: the function uses 'a' and 'b', which are not in env. Pass them: rdd.map(fn, { a, b })",
  });
  t.throws(() => shipFunction((x: number) => x > a + b + c, {}, "filter"), {
    message: "filter: the function uses 'a', 'b' and 'c', which are not in env. Pass them: rdd.filter(fn, { a, b, c })",
  });
  t.throws(() => shipFunction((x: number) => x * a + b, { a }, "flatMap"), {
    message: "flatMap: the function uses 'b', which is not in env. Pass it: rdd.flatMap(fn, { b })",
  });
});

test("unbound: an env function's free names are checked against the same env", (t) => {
  const k = 2;
  const helper = (x: number): number => x * k;
  t.throws(() => shipFunction((x: number) => helper(x), { helper }, "map"), {
    message: "map: the function 'helper' in env uses 'k', which is not in env. Pass it: rdd.map(fn, { k })",
    instanceOf: EngineError,
  });
  t.notThrows(() => shipFunction((x: number) => helper(x), { helper, k }, "map"));
});

test("unbound: REPL module shortcuts are pointed at require", (t) => {
  const had = Object.getOwnPropertyDescriptor(globalThis, "zlib");
  Object.defineProperty(globalThis, "zlib", { get: () => ({}), configurable: true });
  try {
    t.throws(() => shipFunction(globalEval("(x) => zlib.gzipSync(x)") as Function, undefined, "map"), {
      message: /uses 'zlib', a REPL shortcut.*require\("node:zlib"\)/,
    });
  } finally {
    if (had === undefined) delete (globalThis as Record<string, unknown>)["zlib"];
    else Object.defineProperty(globalThis, "zlib", had);
  }
});

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
    message: /the function 'helper' in env cannot be shipped.*bound function/,
  });
});

test("sources that cannot stand alone are UNSERIALIZABLE", (t) => {
  t.throws(() => shipFunction((x: number) => import.meta.url + x, undefined, "map"), {
    code: "UNSERIALIZABLE",
    message: "map: the function cannot be shipped to executors: it uses import.meta, which has no meaning on executors: " +
      "compute the value on the driver and pass it in env",
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

test("shipped shape: source, env values, env functions, label", (t) => {
  const k = 2;
  const helper = (x: number): number => x * k;
  const shipped = shipFunction(function scale(x: number) { return helper(x) + k; }, { k, helper, max: Math.max }, "map");
  if (shipped.kind !== "source") return t.fail();
  t.is(shipped.name, "scale");
  t.true(shipped.strict);
  t.deepEqual(shipped.env, { k: 2 });
  t.deepEqual(Object.keys(shipped.envFns), ["helper", "max"]);
  t.like(shipped.envFns["helper"] as object, { kind: "source", name: "helper", env: {}, envFns: {} });
  t.deepEqual(shipped.envFns["max"], { kind: "global", path: "Math.max", label: "Math.max" });
  t.regex(shipped.label, /^function scale\(x\)/);
  t.deepEqual(JSON.parse(JSON.stringify(shipped)) as ShippedFn, shipped);
});

test("long sources get a truncated label; repeated ships are cached and fast", (t) => {
  const long = globalEval(`(x) => x${" + 1".repeat(400)}`) as Function;
  const shipped = shipFunction(long, undefined, "map");
  t.true(shipped.label.length <= 501 && shipped.label.endsWith("…"));
  const k = 1;
  const start = performance.now();
  for (let i = 0; i < 20_000; i += 1) shipFunction((x: number) => x + k, { k }, "map");
  t.true(performance.now() - start < 2000);
});

test("sloppy-only sources ship with strict: false", (t) => {
  const shipped = shipFunction(globalEval("(o) => { with (o) { return a + 010; } }") as Function, { a: 1 }, "map");
  t.like(shipped as object, { kind: "source", strict: false });
});
