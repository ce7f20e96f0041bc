/**
 * TypeScript scripts: runs test/fixtures/shipped-fn/ts-functions.ts under tsx (node --import tsx,
 * killed after a timeout), which ships and revives functions as esbuild compiled them and prints
 * JSON; asserts that the helpers esbuild injected (__name, __using/__callDispose, decorator
 * helpers) were really in the shipped sources and work on revive.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

import test from "ava";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

interface CaseResult {
  name: string;
  source: string;
  value?: unknown;
  error?: string;
  code?: string;
}

function runFixture(): Promise<Map<string, CaseResult>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "test/fixtures/shipped-fn/ts-functions.ts"],
      { cwd: root, timeout: 60_000, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`tsx fixture failed: ${error.message}\n${stderr}`));
        const results = JSON.parse(stdout) as CaseResult[];
        resolve(new Map(results.map((r) => [r.name, r])));
      },
    );
  });
}

const results = runFixture();

test("tsx: inner named functions ship with __name and keep their names", async (t) => {
  const r = (await results).get("innerNamed")!;
  t.regex(r.source, /__name\(/);
  t.is(r.value, "sq:16");
});

test("tsx: classes inside functions (static __name blocks, parameter properties)", async (t) => {
  const r = (await results).get("classInside")!;
  t.regex(r.source, /static\s*\{\s*__name\(this/);
  t.deepEqual(r.value, [10, "Point"]);
});

test("tsx: async arrows, generators, async generators", async (t) => {
  const all = await results;
  t.is(all.get("asyncArrow")!.value, 2);
  t.deepEqual(all.get("generator")!.value, [0, 1, 2]);
  t.deepEqual(all.get("asyncGenerator")!.value, [0, 2, 4]);
});

test("tsx: method shorthand and class methods", async (t) => {
  const all = await results;
  t.is(all.get("methodShorthand")!.value, 20);
  t.is(all.get("classMethod")!.value, 42);
  t.deepEqual(all.get("classGeneratorMethod")!.value, [0, 1]);
});

test("tsx: lowered `using` (__using, __callDispose)", async (t) => {
  const r = (await results).get("using")!;
  t.regex(r.source, /__using\(/);
  t.deepEqual(r.value, ["body 7", "disposed"]);
});

test("tsx: TC39 decorators (__decorateElement and friends)", async (t) => {
  const r = (await results).get("decorator")!;
  t.regex(r.source, /__decorateElement\(/);
  t.is(r.value, 42);
});

test("tsx: env helpers, require and import() relative to baseDir", async (t) => {
  const all = await results;
  t.is(all.get("envHelper")!.value, 4);
  t.is(all.get("requireInTs")!.value, "b.txt6");
  t.is(all.get("importRelative")!.value, 16);
});

test("tsx: module-level values and helpers are captured; unbound identifiers and import.meta are reported", async (t) => {
  const all = await results;
  t.is(all.get("captured")!.value, 5);
  t.like(all.get("unbound")!, {
    code: "UNBOUND_IDENTIFIER",
    error: "map: the function uses 'notDefinedAnywhere', which is not defined where the function was written. Define it there, or pass it: rdd.map(fn, { notDefinedAnywhere })",
  });
  t.like(all.get("importMeta")!, { code: "UNSERIALIZABLE" });
});
