/**
 * Errors at the user's code: a driver script whose task fails in a helper written in the script
 * (TypeScript run by `spate submit`, through tsx and its source map; JavaScript run by plain
 * node) prints a TASK_FAILED error whose message names the action and its line, and whose stack
 * shows the script's lines where the function failed, without spate's frames.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import test from "ava";

import { killAllChildren, runChild } from "../../helpers/children.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const fixtures = path.join(root, "test/fixtures/shipped-fn/errors");
test.after.always(killAllChildren);

function env(master: string): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, SPATE_MASTER: master };
  delete e.SPATE_DEBUG;
  return e;
}

for (const master of ["local[2]", "local-cluster[2]"]) {
  test(`TypeScript under spate submit, on ${master}: the message names collect and its line, the stack the helper's throw`, async (t) => {
    const r = await runChild(process.execPath, [path.join(root, "dist/api/cli/bin.js"), "submit", path.join(fixtures, "fail.ts"), "--no-progress"], { env: env(master), timeoutMs: 90_000 });
    t.is(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    t.regex(lines[0]!, /^EngineError: collect at fail\.ts:17: task for partition 1 of stage 0 failed 4 times; last error: RangeError: reading 3 out of range at s1$/);
    const frames = lines.filter((l) => /^\s+at /.test(l));
    t.regex(frames[0]!, /at check \(.*fail\.ts:11:\d+\)$/, "the throw, at the line it was written in the TypeScript file");
    t.regex(frames[1]!, /fail\.ts:17:\d+\)?$/, "the arrow that called it");
    t.true(frames.some((f) => /fail\.ts:17:/.test(f)), "and where collect was called");
    t.false(frames.some((f) => /dist\/|node:internal|slot-worker/.test(f)), frames.join("\n"));
  });
}

test("JavaScript under node: the same, with the script's own positions", async (t) => {
  const r = await runChild(process.execPath, [path.join(fixtures, "fail.mjs")], { env: env("local[2]"), timeoutMs: 90_000 });
  t.is(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  t.regex(lines[0]!, /^EngineError: collect at fail\.mjs:12: /);
  const frames = lines.filter((l) => /^\s+at /.test(l));
  t.regex(frames[0]!, /at check \(.*fail\.mjs:6:26\)$/);
  t.false(frames.some((f) => /dist\/|node:internal/.test(f)), frames.join("\n"));
});

test("SPATE_DEBUG=1 keeps spate's own frames", async (t) => {
  const r = await runChild(process.execPath, [path.join(fixtures, "fail.mjs")], { env: { ...env("local[2]"), SPATE_DEBUG: "1" }, timeoutMs: 90_000 });
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /dist\/(driver|core)\//);
});
