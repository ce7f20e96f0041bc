/**
 * `spate submit` (api/cli/commands/submit.ts) as users run it, in child processes: TypeScript and
 * JavaScript drivers that import "spate", the master and the progress setting handed on through
 * the environment, script arguments after `--`, exit codes and signals passed through, a missing
 * script, scripts outside this package, and the help. Every child runs in its own process group,
 * has a timeout, and is killed with everything it started however the test ends.
 */
import test from "ava";
import type { ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { type ChildResult, killAllChildren, runChild } from "../../helpers/children.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const bin = path.join(root, "dist/api/cli/bin.js");
const fixtures = path.join(root, "test/fixtures/cli");
const dirs: string[] = [];
test.after.always(() => {
  killAllChildren();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function spate(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; onStdout?: (text: string, child: ChildProcess) => void } = {}): Promise<ChildResult> {
  const env = { ...process.env };
  delete env.SPATE_MASTER;
  delete env.SPATE_PROGRESS;
  Object.assign(env, options.env);
  return runChild(process.execPath, [bin, ...args], { cwd: options.cwd ?? root, env, timeoutMs: options.timeoutMs ?? 60_000, ...(options.onStdout ? { onStdout: options.onStdout } : {}) });
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "spate-submit-"));
  dirs.push(dir);
  return dir;
}

test("a TypeScript driver runs on the --master given, with the script's arguments after --", async (t) => {
  const r = await spate(["submit", path.join(fixtures, "submit-script.ts"), "--master", "local[2]", "--", "3", "--flag", "x", "--", "--master"]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^master=local\[2\] parallelism=2$/m);
  t.regex(r.stdout, /^args=\["3","--flag","x","--","--master"\]$/m);
  t.regex(r.stdout, /^result=\[3,6,9,12\]$/m);
  t.regex(r.stdout, /^progress=1$/m);
});

test("a JavaScript driver runs too; --no-progress sets SPATE_PROGRESS=0; a relative script path resolves from the cwd", async (t) => {
  const r = await spate(["submit", "submit-script.js", "--master", "local[2]", "--no-progress", "--", "b", "a", "b", "--top"], { cwd: fixtures });
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^master=local\[2\]$/m);
  t.regex(r.stdout, /^counts=\[\["--top",1\],\["a",1\],\["b",2\]\]$/m);
});

test("the script may also come after --, and words before -- go to the script too", async (t) => {
  const after = await spate(["submit", "--master", "local[1]", "--no-progress", "--", path.join(fixtures, "submit-script.ts"), "4", "-x"]);
  t.is(after.code, 0, after.stderr);
  t.regex(after.stdout, /^args=\["4","-x"\]$/m);
  t.regex(after.stdout, /^result=\[4,8,12,16\]$/m);
  const before = await spate(["submit", path.join(fixtures, "submit-script.ts"), "2", "--master", "local[1]", "--", "y"]);
  t.is(before.code, 0, before.stderr);
  t.regex(before.stdout, /^args=\["2","y"\]$/m);
});

test("without --master the script's default applies (SPATE_MASTER inherited)", async (t) => {
  const r = await spate(["submit", path.join(fixtures, "submit-script.ts"), "--no-progress", "--", "2"], { env: { SPATE_MASTER: "local[1]" } });
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^master=local\[1\] parallelism=1$/m);
  t.regex(r.stdout, /^result=\[2,4,6,8\]$/m);
  t.regex(r.stdout, /^progress=0$/m);
});

test("tsx is found from any working directory, and a script outside this package still imports spate", async (t) => {
  const dir = tempDir();
  copyFileSync(path.join(fixtures, "submit-script.ts"), path.join(dir, "job.mts"));
  copyFileSync(path.join(fixtures, "submit-script.js"), path.join(dir, "job.mjs"));
  const ts = await spate(["submit", "job.mts", "--master", "local[2]", "--", "5"], { cwd: dir });
  t.is(ts.code, 0, ts.stderr);
  t.regex(ts.stdout, /^result=\[5,10,15,20\]$/m);
  const js = await spate(["submit", path.join(dir, "job.mjs"), "--master", "local[2]", "--", "z"], { cwd: tmpdir() });
  t.is(js.code, 0, js.stderr);
  t.regex(js.stdout, /^counts=\[\["z",1\]\]$/m);
});

test("a .ts script with top-level await runs where Node would take it for CommonJS (no \"type\": \"module\")", async (t) => {
  const dir = tempDir();
  copyFileSync(path.join(fixtures, "secret-script.ts"), path.join(dir, "job.ts"));
  copyFileSync(path.join(fixtures, "submit-script.js"), path.join(dir, "job.js"));
  const ts = await spate(["submit", "job.ts", "--no-progress"], { cwd: dir });
  t.is(ts.code, 0, ts.stderr);
  t.regex(ts.stdout, /^sum=6$/m);
  const js = await spate(["submit", "job.js", "--master", "local[1]", "--", "q"], { cwd: dir });
  t.is(js.code, 0, js.stderr);
  t.regex(js.stdout, /^counts=\[\["q",1\]\]$/m);
});

test("--secret-file is handed to the script as SPATE_SECRET_FILE (absolute), replacing SPATE_SECRET; a missing one is an error naming it", async (t) => {
  const dir = tempDir();
  const file = path.join(dir, "cluster-secret");
  writeFileSync(file, "0123456789abcdef0123456789abcdef\n", { mode: 0o600 });
  const r = await spate(["submit", path.join(fixtures, "secret-script.ts"), "--secret-file", "cluster-secret"], { cwd: dir, env: { SPATE_SECRET: "from-the-environment-0123456789" } });
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, new RegExp(`^secretFile=${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} secretSet=false$`, "m"));
  const missing = await spate(["submit", path.join(fixtures, "secret-script.ts"), "--secret-file", "nope/secret"], { cwd: dir });
  t.is(missing.code, 2);
  t.regex(missing.stderr, /^Error: secret file not found: nope\/secret \(no file at .*nope\/secret\)/m);
});

test("a failing script's exit code is spate submit's exit code", async (t) => {
  const failing = await spate(["submit", path.join(fixtures, "failing-script.ts"), "--master", "local[2]"]);
  t.is(failing.code, 7);
  t.regex(failing.stderr, /caught TASK_FAILED: .*boom at two/);
  const throwing = await spate(["submit", path.join(fixtures, "throwing-script.mjs")]);
  t.is(throwing.code, 1);
  t.regex(throwing.stderr, /thrown at the top level/);
});

test("a missing script is an error that names it", async (t) => {
  const r = await spate(["submit", "no/such/script.ts", "--master", "local[2]"]);
  t.is(r.code, 2);
  t.regex(r.stderr, /script not found: no\/such\/script\.ts/);
  t.regex(r.stderr, new RegExp(path.join(root, "no/such/script.ts").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  const dir = await spate(["submit", fixtures]);
  t.is(dir.code, 2);
  t.regex(dir.stderr, /script is not a file/);
  const none = await spate(["submit", "--master", "local[2]"]);
  t.is(none.code, 2);
  t.regex(none.stderr, /missing the script to run/);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  test(`${signal} sent to spate submit reaches the script`, async (t) => {
    let sent = false;
    const r = await spate(["submit", path.join(fixtures, "wait-for-signal.mjs")], {
      timeoutMs: 30_000,
      onStdout: (text, child) => {
        if (!sent && text.includes("ready")) {
          sent = true;
          child.kill(signal);
        }
      },
    });
    t.true(sent);
    t.regex(r.stdout, new RegExp(`got ${signal}`));
    t.is(r.code, 42, r.stderr);
  });
}

test("a script ended by a signal makes spate submit exit with 128 + the signal's number", async (t) => {
  const r = await spate(["submit", path.join(fixtures, "wait-for-signal.mjs"), "--", "self-kill"]);
  t.is(r.code, 143, r.stderr);
});

test("--help shows the usage, the flags and an example", async (t) => {
  const r = await spate(["submit", "--help"]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /spate submit SCRIPT/);
  t.regex(r.stdout, /--master=URL/);
  t.regex(r.stdout, /--\[no-\]progress/);
  t.regex(r.stdout, /EXAMPLES[\s\S]*\$ spate submit \S+\.ts --master/);
});
