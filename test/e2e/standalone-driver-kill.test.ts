/**
 * Chaos (c) on a standalone cluster: the driver is killed with SIGKILL in the middle of a job with
 * a shuffle; every executor of its application exits, the worker deletes their files (shuffle
 * blocks included), and the master frees their cores.
 */
import test from "ava";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MasterDaemon } from "../../deploy/master/master.js";
import { WorkerDaemon } from "../../deploy/worker/worker.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const SECRET = "driver-kill-secret-0123456789abcdef012";
const dir = mkdtempSync(path.join(tmpdir(), "spate-driver-kill-"));
const children = new Set<ChildProcess>();

test.after.always(() => {
  for (const c of children) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, probe: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("killing a driver mid-job ends its executors, deletes their files and frees their cores", async (t) => {
  const master = new MasterDaemon({ secret: SECRET, host: "127.0.0.1", port: 0, heartbeatIntervalMs: 200, log: () => undefined });
  const port = await master.start();
  const worker = new WorkerDaemon({ master: { host: "127.0.0.1", port }, secret: SECRET, host: "127.0.0.1", cores: 2, memoryBytes: 2 * 1024 ** 3, workDir: path.join(dir, "work"), log: () => undefined });
  await worker.start();
  try {
    await until("the worker to register", () => master.clusterState().workers.some((w) => w.alive));
    const driver = spawn(process.execPath, ["--import", "tsx", path.join(root, "test/fixtures/e2e/slow-shuffle.mjs")], {
      cwd: root,
      env: { ...process.env, SPATE_MASTER: `spate://127.0.0.1:${port}`, SPATE_SECRET: SECRET },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(driver);
    let out = "";
    driver.stdout!.on("data", (d) => (out += d));
    await until("the job to start", () => /started/.test(out), 60_000);
    await until("shuffle files to exist", () => worker.executors().length > 0 && readdirSync(path.join(dir, "work")).length > 0);
    await new Promise((r) => setTimeout(r, 700)); // into the map stage
    driver.kill("SIGKILL");
    await until("the executors to exit", () => worker.executors().length === 0);
    await until("their files to be deleted", () => !existsSync(path.join(dir, "work")) || readdirSync(path.join(dir, "work")).every((app) => readdirSync(path.join(dir, "work", app)).length === 0));
    await until("the master to free their cores", () => master.clusterState().workers.every((w) => (w.coresUsed ?? 0) === 0));
    t.pass();
  } finally {
    await worker.stop();
    await master.stop();
  }
});
