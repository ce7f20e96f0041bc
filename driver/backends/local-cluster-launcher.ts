/**
 * local-cluster[N,C]: the driver starts N executor processes on 127.0.0.1 (C slots each) with
 * an application key of their own (on their standard input), and stops every one of them on
 * sc.stop(), on an unhandled error and when the driver's process exits; an executor whose driver
 * was killed exits by itself when its standard input or its stream ends.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { describeExit, type ExecutorDeath } from "../../core/executor-exit.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { entryPoint } from "../../core/package-layout.js";
import { writeAppKey } from "../../core/rpc/key-pipe.js";
import { newKey } from "../../core/rpc/seal.js";
import type { ExecutorLauncher, LaunchedApp } from "./executor-launcher.js";


export class LocalClusterLauncher implements ExecutorLauncher {
  private readonly children: ChildProcess[] = [];
  private readonly stderr = new Map<ChildProcess, string>();
  private readonly byId = new Map<string, ChildProcess>();
  private readonly workDirs: string[] = [];
  private readonly killAll = (): void => {
    for (const c of this.children) if (c.exitCode === null) c.kill("SIGKILL");
  };

  constructor(private readonly executors: number, private readonly cores: number, private readonly memoryBytes = 1024 * 1024 * 1024) {}

  async driverHost(): Promise<string> {
    return "127.0.0.1";
  }

  readonly releasable = false;

  async release(): Promise<void> {
    await this.stop();
  }

  async launch(driverUrl: string): Promise<LaunchedApp> {
    const appId = `local-cluster-${process.pid}-${Date.now().toString(36)}`;
    const appKey = newKey();
    const env = { ...process.env };
    for (const name of ["SPATE_SECRET", "SPATE_SECRET_FILE"]) delete env[name];
    process.once("exit", this.killAll);
    for (let i = 0; i < this.executors; i++) {
      // each executor deletes its own work dir when it exits, even if this driver was killed
      const workDir = mkdtempSync(path.join(tmpdir(), `spate-exec-${i}-`));
      this.workDirs.push(workDir);
      const child = spawn(
        process.execPath,
        [entryPoint("executor-main"), "--driver", driverUrl, "--app-id", appId, "--executor-id", `exec-${i}`, "--cores", String(this.cores),
          "--memory-bytes", String(this.memoryBytes), "--work-dir", workDir, "--host", "127.0.0.1"],
        { env, stdio: ["pipe", "ignore", "pipe"] },
      );
      writeAppKey(child.stdin!, appKey);
      (child.stdin as unknown as { unref?: () => void }).unref?.();
      this.stderr.set(child, "");
      child.stderr!.on("data", (d: Buffer) => {
        const text = (this.stderr.get(child) ?? "") + d.toString();
        this.stderr.set(child, text.slice(-4000));
      });
      child.unref();
      (child.stderr as unknown as { unref?: () => void }).unref?.();
      this.children.push(child);
      this.byId.set(`exec-${i}`, child);
    }
    return { appId, appKey, executorIds: Array.from({ length: this.executors }, (_, i) => `exec-${i}`) };
  }

  async exitOf(executorId: string, waitMs: number): Promise<ExecutorDeath | undefined> {
    const child = this.byId.get(executorId);
    if (child === undefined) return undefined;
    if (child.exitCode === null && child.signalCode === null) {
      const ended = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), waitMs);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (!ended) return undefined;
    }
    // stderr may still be arriving after the exit event: give its last chunk a moment
    await new Promise((r) => setTimeout(r, 50));
    return describeExit(child.exitCode, child.signalCode, this.stderr.get(child) ?? "", this.memoryBytes, this.cores);
  }

  diagnostics(): string {
    const dead = this.children.filter((c) => c.exitCode !== null);
    if (dead.length === 0) return "";
    return dead.map((c) => `an executor exited with code ${c.exitCode}: ${(this.stderr.get(c) ?? "").trim().split("\n").slice(-3).join(" | ")}`).join("\n");
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const timer = setTimeout(() => c.kill("SIGKILL"), 3000);
            c.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            c.kill("SIGTERM");
          }),
      ),
    );
    process.removeListener("exit", this.killAll);
    for (const dir of this.workDirs) rmSync(dir, { recursive: true, force: true });
  }
}
