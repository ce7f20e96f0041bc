/**
 * The seed workshop's PySpark script ported the way a PySpark user writes it (test/fixtures/cli/
 * workshop/processing.ts: a module-level helper using the imported fs and path, a channel id
 * captured from the module, no env), run with `spate submit` from a folder outside the clone where
 * spate is installed as a package (node_modules/spate, as `npm install <clone>` makes it), on
 * local[2] and local-cluster[2]; the means equal the ones computed here.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import test from "ava";

import { killAllChildren, runChild } from "../helpers/children.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = path.join(root, "dist/api/cli/bin.js");
const project = mkdtempSync(path.join(tmpdir(), "spate-workshop-"));
test.after.always(() => {
  killAllChildren();
  rmSync(project, { recursive: true, force: true });
});

function expectedMeans(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".csv")).sort().map((f) => {
    const rows = readFileSync(path.join(dir, f), "utf8").trim().split("\n").slice(1);
    let total = 0;
    for (const r of rows) total += Number(r.split(";")[2]);
    return `${f} ${total / rows.length}`;
  });
}

test.before(async () => {
  mkdirSync(path.join(project, "node_modules"));
  symlinkSync(root, path.join(project, "node_modules", "spate"), "dir");
  copyFileSync(path.join(root, "test/fixtures/cli/workshop/processing.ts"), path.join(project, "processing.ts"));
  const made = await runChild(process.execPath, [bin, "generate-data", path.join(project, "data"), "--num-files", "6", "--num-rows", "200"], { timeoutMs: 60_000 });
  if (made.code !== 0) throw new Error(made.stderr);
});

for (const master of ["local[2]", "local-cluster[2]"]) {
  test(`the ported script runs unchanged on ${master}`, async (t) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.SPATE_MASTER;
    const r = await runChild(process.execPath, [bin, "submit", "processing.ts", "--master", master, "--no-progress", "--", "data", "4"], { cwd: project, env, timeoutMs: 90_000 });
    t.is(r.code, 0, r.stderr);
    t.deepEqual(r.stdout.trim().split("\n"), expectedMeans(path.join(project, "data")));
  });
}
