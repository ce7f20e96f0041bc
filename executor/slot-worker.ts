/**
 * The entry point of one executor slot (a worker thread): receives tasks from its executor,
 * runs them with a TaskRunner and posts back the encoded end reason and any blocks, transferring
 * their buffers. Broadcast values are requested from the executor on first use.
 */
import { parentPort, workerData } from "node:worker_threads";
import { EngineError } from "../core/engine-error.js";
import { TaskRunner } from "../core/task/task-runner.js";
import { encodeValue } from "../core/wire/value-codec.js";
import { type FromSlot, type ToSlot, transferable } from "./slot-protocol.js";

const port = parentPort!;
const { executorId } = workerData as { executorId: string };
const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
let nextRequest = 0;

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
      void run(msg);
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

async function run(msg: Extract<ToSlot, { type: "run" }>): Promise<void> {
  const outcome = await runner.run(msg.task, { shuffle: new Map(msg.shuffle), cached: new Map(msg.cached) });
  let reason: Uint8Array;
  try {
    reason = encodeValue(outcome.reason, "task result");
  } catch (e) {
    reason = encodeValue({ kind: "exception", code: "UNSERIALIZABLE", message: (e as Error).message, cause: { name: "EngineError", message: (e as Error).message }, retriable: false }, "task result");
  }
  const transfer: ArrayBuffer[] = [];
  const own = (b: Uint8Array): Uint8Array => {
    const t = transferable(b);
    if (!transfer.includes(t.buffer as ArrayBuffer)) transfer.push(t.buffer as ArrayBuffer);
    return t;
  };
  const out: FromSlot = {
    type: "done",
    taskId: outcome.taskId,
    reason: own(reason),
    shuffleId: outcome.shuffleId,
    mapIndex: outcome.mapIndex,
    shuffleBlocks: outcome.shuffleBlocks?.map((b) => (b ? own(b) : null)) ?? null,
    cachedBlocks: outcome.cachedBlocks.map(([k, b]) => [k, own(b)]),
  };
  port.postMessage(out, transfer);
}

port.postMessage({ type: "ready" } satisfies FromSlot);
