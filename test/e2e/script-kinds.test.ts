/**
 * Capture works the same whatever kind of script the driver is: a CommonJS .cjs run with node
 * (require forms), a .cts that tsx compiles to CommonJS (esbuild's __toESM(require()) forms), a
 * .mts run with tsx (ES imports), on local[2] and local-cluster[2]. Each ships a module-level
 * helper that uses its imports and a captured value, without env.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import test from "ava";

import { killAllChildren, runChild } from "../helpers/children.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const dir = path.join(root, "test/fixtures/shipped-fn/scripts");
const tsx = path.join(root, "node_modules/tsx/dist/loader.mjs");
test.after.always(killAllChildren);

const kinds: Array<[string, string[], string]> = [
  ["job.cjs", [path.join(dir, "job.cjs")], "!"],
  ["job.cts", ["--import", tsx, path.join(dir, "job.cts")], "?"],
  ["job.mts", ["--import", tsx, path.join(dir, "job.mts")], "#"],
];

for (const master of ["local[2]", "local-cluster[2]"]) {
  for (const [name, args, suffix] of kinds) {
    test(`${name} on ${master}`, async (t) => {
      const r = await runChild(process.execPath, args, { cwd: dir, env: { ...process.env, SPATE_MASTER: master }, timeoutMs: 90_000 });
      t.is(r.code, 0, r.stderr);
      t.deepEqual(JSON.parse(r.stdout.trim().split("\n").pop()!), [`${name}:true${suffix}`, `such:false${suffix}`]);
    });
  }
}
