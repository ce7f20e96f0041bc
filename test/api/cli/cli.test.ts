/**
 * The `spate` command as a whole: the root help with examples, a mistyped command answered with
 * the nearest one, and errors printed whole (a long path is never folded over two lines).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import test from "ava";

import { killAllChildren, runChild } from "../../helpers/children.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const bin = path.join(root, "dist/api/cli/bin.js");
test.after.always(killAllChildren);

const spate = (args: string[], cwd = root) => runChild(process.execPath, [bin, ...args], { cwd, timeoutMs: 60_000 });

test("spate --help lists the commands and shows examples", async (t) => {
  const r = await spate(["--help"]);
  t.is(r.code, 0, r.stderr);
  for (const command of ["submit", "repl", "master", "worker", "generate-data"]) t.regex(r.stdout, new RegExp(`^  ${command}\\b`, "m"));
  t.regex(r.stdout, /EXAMPLES[\s\S]*\$ spate submit means\.ts[\s\S]*\$ spate repl/);
});

test("a mistyped command names the nearest one and exits 127", async (t) => {
  const r = await spate(["sumbit", "job.ts"]);
  t.is(r.code, 127);
  t.regex(r.stderr, /sumbit.* is not a spate command/);
  t.regex(r.stderr, /Did you mean: spate submit\?/);
  t.regex((await spate(["rpel"])).stderr, /Did you mean: spate repl\?/);
});

test("errors are printed whole: a long path stays on one line", async (t) => {
  const deep = mkdtempSync(path.join(tmpdir(), `spate-${"long-folder-name-".repeat(6)}`));
  try {
    const script = path.join(deep, "a".repeat(60), "b".repeat(60), "missing-script.ts");
    const r = await spate(["submit", script], deep);
    t.is(r.code, 2);
    const line = r.stderr.split("\n").find((l) => l.startsWith("Error: script not found"));
    t.truthy(line, r.stderr);
    t.true(line!.includes(script), "the path appears unbroken");
    t.notRegex(r.stderr, /›/);
  } finally {
    rmSync(deep, { recursive: true, force: true });
  }
});
