/**
 * Child processes of a test file, each started in its own process group so that it and everything
 * it starts (a `spate submit` and its script, a driver and its executors) are killed together:
 * when the file's tests end, and also when the test process exits or is told to stop (an ava
 * timeout), so no child outlives its test.
 */
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import { constants } from "node:os";

const running = new Set<ChildProcess>();

/** Kills every child still running, with its whole process group. */
export function killAllChildren(): void {
  for (const child of running) killGroup(child);
  running.clear();
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}

process.on("exit", killAllChildren);
for (const signal of ["SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(128 + (constants.signals[signal] ?? 0));
  });
}

/** Starts a child in its own process group, tracked until it closes. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, [...args], { ...options, detached: true });
  running.add(child);
  child.once("close", () => running.delete(child));
  return child;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a child to its end (killed with its group after `timeoutMs`), collecting its output. */
export function runChild(command: string, args: readonly string[], options: SpawnOptions & { timeoutMs?: number; onStdout?: (text: string, child: ChildProcess) => void } = {}): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawnTracked(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => killGroup(child), options.timeoutMs ?? 60_000);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
