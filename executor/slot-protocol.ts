/**
 * Messages between an executor and its slot threads (closed unions on `type`). Byte arrays
 * coming back are transferred, not copied. A slot runs its tasks one at a time, in the order
 * received. Both directions are batched: short tasks go to a slot several at a time and their
 * results come back together, so a thread message is not paid per tiny task.
 */
import type { TaskEndReason } from "../core/task/task-end-reason.js";
import type { SlotTask } from "../core/task/task-runner.js";

export type ToSlot =
  | { type: "run"; tasks: SlotTask[] }
  | { type: "cancel"; taskId: number }
  | { type: "broadcast"; requestId: number; bytes: Uint8Array | null; error: string | null }
  | { type: "dropBroadcast"; id: number };

export type FromSlot =
  | { type: "ready" }
  | { type: "done"; results: SlotResult[] }
  | { type: "getBroadcast"; requestId: number; id: number };

/** How one task ended in a slot. */
export interface SlotResult {
  taskId: number;
  /** how it ended (a result's bytes are transferred with the message) */
  reason: TaskEndReason;
  /** milliseconds the task ran in its slot */
  runMs: number;
  shuffleId: number | null;
  mapIndex: number;
  shuffleBlocks: (Uint8Array | null)[] | null;
  cachedBlocks: Array<[string, Uint8Array]>;
}

/** A view that owns its whole buffer can be transferred; a sub-view is copied first. */
export function transferable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !(bytes.buffer instanceof SharedArrayBuffer) ? bytes : bytes.slice();
}
