/**
 * Capture, row by row of API.md's table ("Shipping functions"): what a function uses is found
 * where it was written and crosses by kind. Each case ships a real closure, sends it through the
 * value codec as a task carries it, revives it (modules loaded, as on an executor) and runs it.
 */
import { EventEmitter } from "node:events";
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";

import test from "ava";

import { EngineError } from "../../../core/engine-error.js";
import { shipFunction, type ShippedClosure } from "../../../core/shipped-fn.js";
import { overTheWire, roundTrip } from "./round-trip.js";

const project = mkdtempSync(path.join(tmpdir(), "spate-capture-"));
test.after.always(() => rmSync(project, { recursive: true, force: true }));

/** A user's project: a module importing in every form, its own helper modules, an ESM-only package. */
function writeProject(): void {
  const esmOnly = path.join(project, "node_modules", "esm-only");
  mkdirSync(esmOnly, { recursive: true });
  writeFileSync(path.join(esmOnly, "package.json"), JSON.stringify({ name: "esm-only", type: "module", exports: { ".": { import: "./index.js" }, "./extra": { import: "./extra.js" } } }));
  writeFileSync(path.join(esmOnly, "index.js"), "export const greet = (x) => `hi ${x}`;\nexport default 7;\n");
  writeFileSync(path.join(esmOnly, "extra.js"), "export const extra = 'extra';\n");
  writeFileSync(path.join(project, "lib.mjs"), "export default (x) => x * 10;\nexport const triple = (x) => 3 * x;\n");
  writeFileSync(path.join(project, "lib.cjs"), "exports.twice = (x) => 2 * x;\n");
  writeFileSync(
    path.join(project, "forms.mjs"),
    [
      'import fs from "node:fs";',
      'import { basename } from "node:path";',
      'import * as os from "node:os";',
      'import tenTimes, { triple } from "./lib.mjs";',
      'import { greet } from "esm-only";',
      'import seven from "esm-only";',
      "export const usesDefault = (p) => fs.existsSync(p);",
      "export const usesNamed = (p) => basename(p);",
      "export const usesNamespace = () => typeof os.cpus;",
      "export const usesOwnModule = (x) => tenTimes(x) + triple(x);",
      "export const usesEsmOnly = (x) => greet(x) + seven;",
      'export const importsInside = async () => (await import("esm-only/extra")).extra;',
    ].join("\n"),
  );
  writeFileSync(
    path.join(project, "forms.cjs"),
    [
      'const path = require("node:path");',
      'const { join } = require("node:path");',
      'const lib = require("./lib.cjs");',
      "module.exports = { usesRequire: (p) => path.basename(p), usesDestructured: (a) => join(a, 'b'), usesOwnCjs: (x) => lib.twice(x) };",
    ].join("\n"),
  );
}
writeProject();

function closure(fn: Function, env?: Record<string, unknown>): ShippedClosure {
  const shipped = shipFunction(fn, env, "map");
  if (shipped.kind !== "closure") throw new Error("expected a closure");
  return shipped;
}

test("data: every structured-clone kind ships by value, as it was at the call", async (t) => {
  let k = 3;
  const big = 2n ** 70n;
  const table = { a: [1, 2], when: new Date(0), m: new Map([["x", 1]]), s: new Set([1]), v: new Float64Array([0.5]), nan: NaN, neg: -0 };
  const fn = (x: number) => [x * k, big + 1n, table.a.length, table.when.getTime(), table.m.get("x"), table.s.has(1), table.v[0], Number.isNaN(table.nan), Object.is(table.neg, -0)];
  const shipped = overTheWire(shipFunction(fn, undefined, "map"));
  k = 100;
  table.a.push(3);
  const { prepareShipped, reviveFunction } = await import("../../../core/shipped-fn.js");
  await prepareShipped(shipped);
  const revived = reviveFunction(shipped, { baseDir: "" }) as typeof fn;
  t.deepEqual(revived(2), [6, big + 1n, 2, 0, 1, true, 0.5, true, true]);
});

test("functions: helpers ship as source with their own captures; shared helpers and cycles once", async (t) => {
  const offset = 1;
  const inc = (x: number): number => x + offset;
  const isEven = (n: number): boolean => (n === 0 ? true : isOdd(n - 1));
  const isOdd = (n: number): boolean => (n === 0 ? false : isEven(n - 1));
  const twice = (x: number): number => inc(inc(x));
  const fn = (x: number) => [twice(x), inc(x), isEven(x)];
  const shipped = closure(fn);
  t.is(shipped.entries.length, 5, "fn, twice, inc, isEven, isOdd: each once");
  t.deepEqual((await roundTrip(fn))(4), [6, 5, true]);
  async function* gen(n: number) {
    for (let i = 0; i < n; i++) yield inc(i);
  }
  const out: number[] = [];
  for await (const v of (await roundTrip((n: number) => gen(n)))(3)) out.push(v);
  t.deepEqual(out, [1, 2, 3]);
});

class Shape {
  constructor(readonly name: string) {}
  describe(): string {
    return `${this.name} of area ${this.area()}`;
  }
  area(): number {
    return 0;
  }
}
const SCALE = 2;
class Square extends Shape {
  static unit = new Square(1);
  constructor(readonly side: number) {
    super("square");
  }
  override area(): number {
    return this.side * this.side * SCALE;
  }
}

test("classes: a class ships with its user superclass; captured instances keep their prototype (instanceof holds)", async (t) => {
  const origin = new Square(3);
  const fn = (x: number) => {
    const s = new Square(x);
    return [s instanceof Square, s instanceof Shape, s.describe(), origin instanceof Square, origin.area(), Square.unit.side];
  };
  const shipped = closure(fn);
  const kinds = shipped.entries.map((e) => `${e.kind}:${e.name}`);
  t.true(kinds.includes("class:Square") && kinds.includes("class:Shape"));
  t.deepEqual((await roundTrip(fn))(2), [true, true, "square of area 8", true, 18, 1]);
});

test("modules: every import form ships as a reference and is imported again (ESM-only packages too)", async (t) => {
  const forms = (await import(pathToFileURL(path.join(project, "forms.mjs")).href)) as Record<string, Function>;
  const named = closure(forms["usesNamed"]!);
  t.deepEqual(named.modules, [{ specifier: "node:path", from: "", form: "named", member: "basename", nodeMode: false }]);
  t.is((await roundTrip(forms["usesDefault"]!))(project), true);
  t.is((await roundTrip(forms["usesNamed"]!))("/a/b.txt"), "b.txt");
  t.is((await roundTrip(forms["usesNamespace"]!))(), "function");
  t.is((await roundTrip(forms["usesOwnModule"]!))(2), 26);
  t.deepEqual(closure(forms["usesOwnModule"]!).modules.map((m) => [m.specifier, m.form, m.from]), [
    ["./lib.mjs", "default", path.join(project, "forms.mjs")],
    ["./lib.mjs", "named", path.join(project, "forms.mjs")],
  ]);
  t.is((await roundTrip(forms["usesEsmOnly"]!))("x"), "hi x7");
  t.is(await (await roundTrip(forms["importsInside"]!))(), "extra");
  const { createRequire } = await import("node:module");
  const cjs = createRequire(path.join(project, "x.cjs"))("./forms.cjs") as Record<string, Function>;
  t.like(closure(cjs["usesRequire"]!).modules[0]!, { specifier: "node:path", form: "require" });
  t.like(closure(cjs["usesDestructured"]!).modules[0]!, { specifier: "node:path", form: "requireMember", member: "join" });
  t.is((await roundTrip(cjs["usesRequire"]!))("/x/y.z"), "y.z");
  t.is((await roundTrip(cjs["usesDestructured"]!))("a"), path.join("a", "b"));
  t.is((await roundTrip(cjs["usesOwnCjs"]!))(21), 42);
});

test("modules: a module a function imports that is missing on the executor fails naming it", async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), "spate-gone-"));
  writeFileSync(path.join(dir, "gone.mjs"), "export const g = 1;\n");
  writeFileSync(path.join(dir, "user.mjs"), 'import { g } from "./gone.mjs";\nexport const f = () => g;\n');
  const { f } = (await import(pathToFileURL(path.join(dir, "user.mjs")).href)) as { f: Function };
  const shipped = overTheWire(shipFunction(f, undefined, "map"));
  rmSync(dir, { recursive: true, force: true });
  const { prepareShipped } = await import("../../../core/shipped-fn.js");
  await t.throwsAsync(prepareShipped(shipped), { message: /Cannot find module '\.\/gone\.mjs'.*shared file system/s });
});

test("REPL scope: const, let and imports typed at earlier prompts are found", async (t) => {
  vm.runInThisContext("const replK = 10;");
  // what Node's REPL makes of `const replPath = await import("node:path")`, and a require of an earlier prompt
  const loader = { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } as vm.RunningScriptOptions;
  await (vm.runInThisContext('let replPath; (async () => { void (replPath = await import("node:path")); })()', loader) as Promise<void>);
  (globalThis as Record<string, unknown>)["require"] = (await import("node:module")).createRequire(import.meta.url);
  vm.runInThisContext('const { sep: replSep } = require("node:path");');
  const fn = vm.runInThisContext("(x) => x * replK + replPath.basename('/a/b') + replSep") as (x: number) => string;
  const shipped = closure(fn);
  t.deepEqual(shipped.modules.map((m) => [m.specifier, m.form, m.member]), [["node:path", "namespace", ""], ["node:path", "requireMember", "sep"]]);
  t.is((await roundTrip(fn))(2), "20b/");
});

test("env wins over captured values of the same name, also in the functions they capture", async (t) => {
  const k = 100;
  const helper = (x: number): number => x + k;
  t.deepEqual((await roundTrip((x: number) => [x * k, helper(x)], { k: 2 }))(3), [6, 5]);
});

test("what cannot cross is UNSERIALIZABLE at the call, naming the identifier, its kind and what to do", (t) => {
  const socket = new Socket();
  const stream = createReadStream(import.meta.filename ?? new URL(import.meta.url).pathname);
  const pending = Promise.resolve(1);
  const weak = new WeakMap<object, number>();
  const emitter = new EventEmitter();
  const url = new URL("http://example.org/");
  const config = { db: socket };
  const cases: Array<[Function, RegExp]> = [
    [() => socket.remotePort, /uses 'socket', which is a Socket \(an open network connection\); .*create it inside the function, or broadcast/],
    [() => stream.bytesRead, /uses 'stream', which is a stream \(ReadStream\)/],
    [() => pending, /uses 'pending', which is a Promise/],
    [() => weak.has({}), /uses 'weak', which is a WeakMap/],
    [() => emitter.emit("x"), /uses 'emitter', which is an event emitter \(EventEmitter\)/],
    [() => url.href, /uses 'url', which is an instance of URL; .*plain data/],
    [() => config.db, /uses 'config', which holds a Socket \(an open network connection\) at 'config'\.db/],
  ];
  try {
    for (const [fn, message] of cases) {
      const error = t.throws(() => shipFunction(fn, undefined, "map"), { instanceOf: EngineError }) as EngineError;
      t.is(error.code, "UNSERIALIZABLE");
      t.regex(error.message, message);
    }
  } finally {
    socket.destroy();
    stream.destroy();
  }
});

test("a name bound nowhere is UNBOUND_IDENTIFIER at the call; globals stay globals", (t) => {
  const fn = vm.runInThisContext("(x) => x * notDefinedHere + Math.max(x, 1)") as Function;
  t.throws(() => shipFunction(fn, undefined, "map"), {
    code: "UNBOUND_IDENTIFIER",
    message: "map: the function uses 'notDefinedHere', which is not defined where the function was written. Define it there, or pass it: rdd.map(fn, { notDefinedHere })",
  } as never);
  t.notThrows(() => shipFunction(fn, { notDefinedHere: 1 }, "map"));
});
