/**
 * Free-identifier detection of shipFunction across JavaScript syntax: each case is a function
 * built from source text in the global scope (indirect eval), so every name it does not declare
 * is free (none is a global: capture finds no value for it); the test asserts exactly which names
 * the UNBOUND_IDENTIFIER error reports, in order.
 */
import test from "ava";
import fc from "fast-check";

import { EngineError } from "../../../core/engine-error.js";
import { shipFunction } from "../../../core/shipped-fn.js";

declare const notAnywhere: number;

const globalEval = eval;

/** A function from source text, evaluated in the global scope. */
function fromSource(source: string): Function {
  return globalEval(`(${source}\n)`) as Function;
}

/** The one method of an object literal written `{ <source> }`. */
function methodFromSource(source: string): Function {
  const holder = globalEval(`({${source}\n})`) as object;
  const descriptor = Object.getOwnPropertyDescriptor(holder, Reflect.ownKeys(holder)[0]!)!;
  return (descriptor.value ?? descriptor.get) as Function;
}

/** Names the UNBOUND_IDENTIFIER error reports for `fn` with `env` ([] when shipping succeeds). */
function missingNames(fn: Function, env?: Record<string, unknown>): string[] {
  try {
    shipFunction(fn, env, "map");
    return [];
  } catch (error) {
    if (!(error instanceof EngineError) || error.code !== "UNBOUND_IDENTIFIER") throw error;
    const inBraces = /\{ ([^}]*) \}\)$/.exec(error.message);
    return inBraces === null ? [] : inBraces[1]!.split(", ");
  }
}

const cases: Array<[string, string, string[]]> = [
  ["plain reference", "(x) => x * k", ["k"]],
  ["parameters only", "(a, b) => a + b", []],
  ["destructuring params", "({ a, b: [c, ...d] }, [e = f], ...g) => a + c + d + e + g + h", ["f", "h"]],
  ["nested default refers to earlier param", "(a, b = a * 2, { c = b } = {}) => a + b + c", []],
  ["default refers to outer name", "(x, y = outerDefault) => x + y", ["outerDefault"]],
  ["default does not see body declarations", "(a = later) => { const later = 1; return a + later; }", ["later"]],
  ["block scoping", "(x) => { { let inner = 1; } return inner; }", ["inner"]],
  ["var hoisting out of blocks", "(x) => { if (x) { var hoisted = 1; } return hoisted; }", []],
  ["function declarations hoist", "(x) => { return twice(x); function twice(y) { return y * 2; } }", []],
  ["shadowing a would-be free name", "(k) => { const f = (k) => k + 1; return f(k); }", []],
  ["closures inside", "(x) => { const inner = (y) => y + z + x; return inner(1); }", ["z"]],
  ["named function expression sees itself", "function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }", []],
  ["arguments, this, new.target", "function (a) { return arguments.length + this + new.target + a; }", []],
  [
    "class bodies",
    "(x) => { class A extends Base { static s = S1; #p = P1; m() { return this.#p + A.s + mFree; } static { blockFree; } } return new A(x); }",
    ["Base", "S1", "P1", "mFree", "blockFree"],
  ],
  ["class expression name", "(x) => { const C = class Named { make() { return new Named(); } }; return new C(); }", []],
  [
    "try/catch/finally",
    "(x) => { try { return risky(x); } catch ({ message }) { return message + e2; } finally { fin(); } }",
    ["risky", "e2", "fin"],
  ],
  ["catch parameter", "(x) => { try { x(); } catch (e) { return e; } }", []],
  ["catch without binding", "(x) => { try { x(); } catch { return err; } }", ["err"]],
  ["labels are not identifiers", "(x) => { k: for (const i of x) { inner: for (;;) { if (i) continue k; break inner; } } }", []],
  ["template literals", "(x) => `${x}-${tpl}` + tag`a${b}`", ["tpl", "tag", "b"]],
  ["optional chaining", "(x) => x?.a?.[idx]?.(arg)?.deep", ["idx", "arg"]],
  ["spread", "(x) => [...x, ...sp1, { ...sp2 }, f2(...args2)]", ["sp1", "sp2", "f2", "args2"]],
  [
    "object literal: getters, setters, computed keys, shorthand",
    "(x) => ({ get v() { return gv; }, set v(val) { sv = val; }, [ck]: 1, plain: pl, short, m() { return x; } })",
    ["gv", "sv", "ck", "pl", "short"],
  ],
  ["member names are not references", "(x) => x.notFree + x['alsoNot'] + Math.max(x.y)", []],
  ["assignment counts as use", "(x) => { counter += x; assigned = 1; [da] = x; ({ db } = x); }", ["counter", "assigned", "da", "db"]],
  ["typeof still uses the name", "(x) => typeof maybe === 'undefined' ? x : maybe", ["maybe"]],
  ["for-of declarations", "(xs) => { let s = 0; for (const [key, v] of xs) s += v + key.length; for (let i = 0; i < 2; i++) s += i; return s; }", []],
  ["async arrow", "async (x) => await fetchIt(x)", ["fetchIt"]],
  ["async generator", "async function* ag(x) { for await (const y of x) yield y + agFree; }", ["agFree"]],
  ["generator", "function* g(n) { let i = 0; while (i < n) yield i++ + gFree; }", ["gFree"]],
  ["dynamic import specifier", "async (x) => (await import(spec)).default", ["spec"]],
  ["each name once, first use first", "(x) => b + a + b + a + c", ["b", "a", "c"]],
  ["several declarators and destructuring", "(x) => { const { p, q: [r] } = x, s = p + r; let t; var u = s + t; return u; }", []],
  ["switch scope", "(x) => { switch (x) { case 1: let y = 2; return y; default: return sw; } }", ["sw"]],
  ["with statement (sloppy) still reports", "(o) => { with (o) { return prop; } }", ["prop"]],
];

for (const [title, source, expected] of cases) {
  test(`free identifiers: ${title}`, (t) => {
    t.deepEqual(missingNames(fromSource(source)), expected);
  });
}

test("free identifiers: env keys are not reported", (t) => {
  t.deepEqual(missingNames(fromSource("(x) => x * a + b - c"), { a: 1, c: 3 }), ["b"]);
  t.deepEqual(missingNames(fromSource("(x) => x * a + b - c"), { a: 1, b: 2, c: 3 }), []);
});

test("free identifiers: JS and Node globals are allowed", (t) => {
  const source = `(x) => [Math.max(x), JSON.stringify(x), console, process.env, Buffer.from("a"), require, module,
    exports, __filename, __dirname, __name, undefined, NaN, Infinity, globalThis, structuredClone(x),
    new URL("http://a"), setTimeout, Symbol.iterator, new Map(), BigInt(1), parseInt("1"), Intl, queueMicrotask,
    TextEncoder, crypto, performance, AbortController, WeakRef, encodeURIComponent("a")]`;
  t.deepEqual(missingNames(fromSource(source)), []);
});

test("free identifiers: method shorthand, async and generator methods, getters", (t) => {
  t.deepEqual(missingNames(methodFromSource("foo(x) { return x + mf; }")), ["mf"]);
  t.deepEqual(missingNames(methodFromSource("async foo(x) { return await x + am; }")), ["am"]);
  t.deepEqual(missingNames(methodFromSource("*gen(x) { yield x + gm; }")), ["gm"]);
  t.deepEqual(missingNames(methodFromSource("async *gen(x) { yield x + agm; }")), ["agm"]);
  t.deepEqual(missingNames(methodFromSource("get v() { return this.x + gv; }")), ["gv"]);
  t.deepEqual(missingNames(methodFromSource("[Symbol.iterator]() { return ci; }")), ["ci"]);
  t.deepEqual(missingNames(methodFromSource("async(x) { return x + named; }")), ["named"]);
});

test("free identifiers: names of real closures are captured, not missing (class methods and classes)", (t) => {
  const outer = 5;
  class Holder {
    static s(x: number): number {
      return x + outer;
    }
    inst(x: number): number {
      return x + outer;
    }
  }
  t.deepEqual(missingNames(Holder.s), []);
  t.deepEqual(missingNames(new Holder().inst), []);
  t.deepEqual(missingNames(Holder.s, { outer }), []);
  t.deepEqual(missingNames(class { m() { return outer + notAnywhere; } }), ["notAnywhere"]);
});

const reserved = (name: string): boolean => {
  try {
    new Function(name, '"use strict"');
    return false;
  } catch {
    return true;
  }
};

test("free identifiers: property: exactly the names not in env are reported, in order of use", (t) => {
  const name = fc
    .stringMatching(/^[a-z][a-zA-Z0-9]{0,6}Q$/)
    .filter((n) => !reserved(n) && !(n in globalThis));
  fc.assert(
    fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (names, given) => {
      const fn = fromSource(`(x) => [x, ${names.join(", ")}]`);
      const env: Record<string, unknown> = {};
      names.forEach((n, i) => {
        if (given[i]) env[n] = i;
      });
      const expected = names.filter((n) => !Object.hasOwn(env, n));
      t.deepEqual(missingNames(fn, env), expected);
    }),
    { numRuns: 100 },
  );
});
