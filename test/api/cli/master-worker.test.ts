/**
 * `spate master` and `spate worker` as processes (node dist/api/cli/bin.js): the secret file,
 * port 0, --help, a worker refused for its secret, and a worker killed outright.
 */
import test, { type ExecutionContext } from "ava";
import { type ChildProcess, spawn } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EngineError } from "../../../core/engine-error.js";
import { CLI, Cluster, tempDir, waitFor } from "../../deploy/deploy-harness.js";

interface Run {
  child: ChildProcess;
  out: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(t: ExecutionContext, args: string[]): Run {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, out: () => out, exited };
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

test("spate master writes a new secret file (0600 in a 0700 dir), listens on a free port with --port 0, and stops on SIGTERM", async (t) => {
  const dir = tempDir(t);
  const secretFile = path.join(dir, "conf", "secret");
  const m = run(t, ["master", "--host", "127.0.0.1", "--port", "0", "--secret-file", secretFile]);
  const url = await waitFor("the master's URL", () => /spate master listening on (spate:\/\/127\.0\.0\.1:(\d+))/.exec(m.out())?.[1]);
  t.notRegex(url, /:0$/);
  t.is(statSync(secretFile).mode & 0o777, 0o600);
  t.is(statSync(path.dirname(secretFile)).mode & 0o777, 0o700);
  m.child.kill("SIGTERM");
  t.is((await within(m.exited, 15_000, "the master to exit")).code, 0);
});

test("spate worker with the wrong secret exits non-zero saying the master refused it", async (t) => {
  const c = new Cluster(t);
  const master = await c.master();
  const dir = tempDir(t);
  const wrong = path.join(dir, "secret");
  writeFileSync(wrong, "a-secret-that-is-not-the-clusters-one\n", { mode: 0o600 });
  const w = run(t, ["worker", `spate://127.0.0.1:${master.port}`, "--secret-file", wrong, "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--work-dir", path.join(dir, "work")]);
  const { code } = await within(w.exited, 30_000, "the worker to exit");
  t.not(code, 0);
  t.regex(w.out(), /refused this worker's secret/);
  t.regex(w.out(), /--secret-file/);
});

test("spate worker with a missing secret file or a bad --memory exits non-zero before starting", async (t) => {
  const dir = tempDir(t);
  let w = run(t, ["worker", "spate://127.0.0.1:1", "--secret-file", path.join(dir, "none"), "--work-dir", dir]);
  t.not((await within(w.exited, 30_000, "the worker to exit")).code, 0);
  t.regex(w.out(), /cannot read the secret file/);
  w = run(t, ["worker", "spate://127.0.0.1:1", "--memory", "lots", "--work-dir", dir]);
  t.not((await within(w.exited, 30_000, "the worker to exit")).code, 0);
  t.regex(w.out(), /'lots' is not a memory size/);
  w = run(t, ["worker", "local[2]", "--work-dir", dir]);
  t.not((await within(w.exited, 30_000, "the worker to exit")).code, 0);
  t.regex(w.out(), /spate:\/\/node01:7077/);
});

test("a spate worker killed outright is dropped by the master", async (t) => {
  const c = new Cluster(t);
  const master = await c.master({ workerTimeoutMs: 500 });
  const dir = tempDir(t);
  const secretFile = path.join(dir, "secret");
  writeFileSync(secretFile, "deploy-test-secret-0123456789abcdef\n", { mode: 0o600 });
  const w = run(t, ["worker", `spate://127.0.0.1:${master.port}`, "--secret-file", secretFile, "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--work-dir", path.join(dir, "work")]);
  const s = await c.aliveWorkers(master.port, 1);
  t.like(s.workers[0], { host: "127.0.0.1", cores: 2, alive: true });
  w.child.kill("SIGKILL");
  await waitFor("the master to drop the worker", async () => (await c.state(master.port)).workers.every((x) => !x.alive));
  t.pass();
});

test("a spate worker stopped with SIGTERM leaves the master's list at once, so no application is placed on it", async (t) => {
  const c = new Cluster(t);
  const master = await c.master({ workerTimeoutMs: 120_000 }); // only the worker's own word can remove it in time
  const dir = tempDir(t);
  const secretFile = path.join(dir, "secret");
  writeFileSync(secretFile, "deploy-test-secret-0123456789abcdef\n", { mode: 0o600 });
  const w = run(t, ["worker", `spate://127.0.0.1:${master.port}`, "--secret-file", secretFile, "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--work-dir", path.join(dir, "work")]);
  await c.aliveWorkers(master.port, 1);
  w.child.kill("SIGTERM");
  t.is((await within(w.exited, 15_000, "the worker to exit")).code, 0);
  const s = await c.state(master.port);
  t.deepEqual(s.workers.filter((x) => x.alive), [], "gone from the list as soon as it exited");
  t.true(c.logs.some((l) => /master: worker \S+ stops/.test(l)));
  const err = (await t.throwsAsync(c.registerApp(master.port))) as EngineError;
  t.regex(err.message, /no alive worker/);
});

for (const command of ["master", "worker"]) {
  test(`spate ${command} --help shows what it does and an example`, async (t) => {
    const h = run(t, [command, "--help"]);
    t.is((await within(h.exited, 30_000, "--help")).code, 0);
    t.regex(h.out(), /EXAMPLES/);
    t.regex(h.out(), new RegExp(`\\$ spate ${command}`));
    t.regex(h.out(), /--secret-file/);
  });
}
