/** ExecutorRunner on its own: what it refuses, and how it stops processes. */
import test, { type ExecutionContext } from "ava";
import { existsSync } from "node:fs";
import path from "node:path";
import type { EngineError } from "../../../core/engine-error.js";
import { ExecutorRunner } from "../../../deploy/worker/executor-runner.js";
import { alive, FAKE_EXECUTOR, records, tempDir, waitFor } from "../deploy-harness.js";

function runner(t: ExecutionContext, extra: string[] = []): { r: ExecutorRunner; recordDir: string; workDir: string } {
  const recordDir = tempDir(t);
  const workDir = tempDir(t);
  const r = new ExecutorRunner({
    command: [process.execPath, FAKE_EXECUTOR, "--record-dir", recordDir, ...extra], workDir, host: "127.0.0.1",
    cores: 4, memoryBytes: 4 * 2 ** 30, killGraceMs: 300, log: () => undefined,
  });
  t.teardown(() => r.stopAll());
  return { r, recordDir, workDir };
}

const APP_KEY = "e".repeat(64);
const launch = (appId: string, executorId: string, cores: number, memoryBytes = 2 ** 30) => ({ appId, executorId, driverUrl: "127.0.0.1:1", cores, memoryBytes, appKey: APP_KEY });

test("never more cores or memory than offered; no unsafe ids, no duplicates", async (t) => {
  const { r } = runner(t);
  await r.launch(launch("app-1", "exec-0", 3));
  let err = (await t.throwsAsync(r.launch(launch("app-2", "exec-0", 2)))) as EngineError;
  t.regex(err.message, /offers 4 cores and 3 are in use; 2 more do not fit/);
  err = (await t.throwsAsync(r.launch(launch("app-2", "exec-0", 1, 4 * 2 ** 30)))) as EngineError;
  t.regex(err.message, /memory/);
  err = (await t.throwsAsync(r.launch(launch("app-1", "exec-0", 1)))) as EngineError;
  t.regex(err.message, /already runs/);
  for (const bad of ["..", "a/b", "", "../x"]) {
    err = (await t.throwsAsync(r.launch(launch(bad, "exec-1", 1)))) as EngineError;
    t.is(err.code, "INVALID_ARGUMENT");
  }
  t.is(r.coresUsed, 3);
  t.deepEqual(r.running(), [{ appId: "app-1", executorId: "exec-0", cores: 3 }]);
});

test("killApplication stops only that application's processes (SIGKILL after the grace) and deletes their dirs", async (t) => {
  const { r, recordDir, workDir } = runner(t, ["--ignore-sigterm"]);
  await r.launch(launch("app-1", "exec-0", 1));
  await r.launch(launch("app-1", "exec-1", 1));
  await r.launch(launch("app-2", "exec-0", 1));
  const recs = await waitFor("three fake executors", () => (records(recordDir).size === 3 ? records(recordDir) : undefined));
  t.is(await r.killApplication("app-1"), 2);
  t.false(alive(recs.get("app-1__exec-0")!.pid));
  t.false(alive(recs.get("app-1__exec-1")!.pid));
  t.true(alive(recs.get("app-2__exec-0")!.pid));
  t.false(existsSync(path.join(workDir, "app-1")));
  t.true(existsSync(path.join(workDir, "app-2", "exec-0", "executor.log")));
  t.is(await r.killApplication("app-1"), 0);
  t.is(await r.stopAll(), 1);
  t.false(alive(recs.get("app-2__exec-0")!.pid));
  const err = (await t.throwsAsync(r.launch(launch("app-3", "exec-0", 1)))) as EngineError;
  t.regex(err.message, /shutting down/);
});

test("a command that cannot start is an error, and leaves nothing behind", async (t) => {
  const workDir = tempDir(t);
  const r = new ExecutorRunner({ command: [path.join(workDir, "no-such-node")], workDir, host: "h", cores: 1, memoryBytes: 2 ** 30, killGraceMs: 100, log: () => undefined });
  const err = (await t.throwsAsync(r.launch(launch("app-1", "exec-0", 1)))) as EngineError;
  t.regex(err.message, /cannot start/);
  t.deepEqual(r.running(), []);
  t.false(existsSync(path.join(workDir, "app-1")));
});
