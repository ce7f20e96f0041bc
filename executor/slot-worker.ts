/**
 * The entry point of one executor slot (a worker thread): runs the tasks its executor sends, one
 * at a time in order, with a TaskRunner, and posts back each task's end reason and blocks,
 * transferring their buffers; results of tasks run back to back go in one message (the
 * batch is flushed when the slot runs out of tasks, or every RESULTS_PER_SLOT_MESSAGE results). Broadcast
 * values are requested from the executor on first use. A task cancelled before it started is
 * reported as killed without running.
 */
import { parentPort, workerData } from "node:worker_threads";
import { EngineError } from "../core/engine-error.js";
import { RESULTS_PER_SLOT_MESSAGE } from "../core/task/batching.js";
import type { TaskEndReason } from "../core/task/task-end-reason.js";
import { type SlotTask, type TaskOutcome, TaskRunner } from "../core/task/task-runner.js";
import { type FromSlot, type SlotResult, type ToSlot, transferable } from "./slot-protocol.js";


const port = parentPort!;
const { executorId } = workerData as { executorId: string };
const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
const queue: SlotTask[] = [];
const cancelled = new Set<number>();
let nextRequest = 0;
let busy = false;

const runner = new TaskRunner({
  executorId,
  fetchBroadcast(id) {
    return new Promise((resolve, reject) => {
      const requestId = nextRequest++;
      pending.set(requestId, { resolve, reject });
      port.postMessage({ type: "getBroadcast", requestId, id } satisfies FromSlot);
    });
  },
});

port.on("message", (msg: ToSlot) => {
  switch (msg.type) {
    case "run":
      for (const task of msg.tasks) queue.push(task);
      if (!busy) void drain();
      return;
    case "cancel":
      cancelled.add(msg.taskId);
      return;
    case "broadcast": {
      const waiter = pending.get(msg.requestId);
      pending.delete(msg.requestId);
      if (!waiter) return;
      if (msg.bytes) waiter.resolve(msg.bytes);
      else waiter.reject(new EngineError("INVALID_ARGUMENT", msg.error ?? "broadcast unavailable"));
      return;
    }
    case "dropBroadcast":
      runner.dropBroadcast(msg.id);
      return;
  }
});

let results: SlotResult[] = [];
let transfer: ArrayBuffer[] = [];

async function drain(): Promise<void> {
  busy = true;
  while (queue.length > 0) {
    const task = queue.shift()!;
    if (cancelled.delete(task.task.taskId)) {
      add(killedOutcome(task.task.taskId), 0);
    } else {
      const start = performance.now();
      const outcome = await runner.run(task);
      add(outcome, performance.now() - start);
    }
    if (queue.length === 0 || results.length >= RESULTS_PER_SLOT_MESSAGE) flush();
  }
  busy = false;
}

function flush(): void {
  if (results.length === 0) return;
  port.postMessage({ type: "done", results } satisfies FromSlot, transfer);
  results = [];
  transfer = [];
}

function killedOutcome(taskId: number): TaskOutcome {
  const reason: TaskEndReason = { kind: "killed", reason: "cancelled before it started" };
  return { taskId, reason, shuffleBlocks: null, shuffleId: null, mapIndex: -1, cachedBlocks: [] };
}

function add(outcome: TaskOutcome, runMs: number): void {
  const own = (b: Uint8Array): Uint8Array => {
    const t = transferable(b);
    if (!transfer.includes(t.buffer as ArrayBuffer)) transfer.push(t.buffer as ArrayBuffer);
    return t;
  };
  const reason = outcome.reason.kind === "resultSuccess" ? { ...outcome.reason, result: own(outcome.reason.result) } : outcome.reason;
  results.push({
    taskId: outcome.taskId,
    reason,
    runMs,
    shuffleId: outcome.shuffleId,
    mapIndex: outcome.mapIndex,
    shuffleBlocks: outcome.shuffleBlocks?.map((b) => (b ? own(b) : null)) ?? null,
    cachedBlocks: outcome.cachedBlocks.map(([k, b]) => [k, own(b)]),
  });
}

port.postMessage({ type: "ready" } satisfies FromSlot);
