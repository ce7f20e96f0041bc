/**
 * Messages between an executor and its slot threads (closed unions on `type`). Byte arrays
 * are transferred, not copied. A slot runs one task at a time.
 */

export type ToSlot =
  | { type: "run"; task: Uint8Array; shuffle: Array<[string, Uint8Array[]]>; cached: Array<[string, Uint8Array]> }
  | { type: "broadcast"; requestId: number; bytes: Uint8Array | null; error: string | null }
  | { type: "dropBroadcast"; id: number };

export type FromSlot =
  | { type: "ready" }
  | {
      type: "done";
      taskId: number;
      /** the TaskEndReason, value-encoded: the bytes that cross the wire to the driver */
      reason: Uint8Array;
      shuffleId: number | null;
      mapIndex: number;
      shuffleBlocks: (Uint8Array | null)[] | null;
      cachedBlocks: Array<[string, Uint8Array]>;
    }
  | { type: "getBroadcast"; requestId: number; id: number };

/** A view that owns its whole buffer can be transferred; a sub-view is copied first. */
export function transferable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !(bytes.buffer instanceof SharedArrayBuffer) ? bytes : bytes.slice();
}
