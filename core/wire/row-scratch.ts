/**
 * Scratch memory for the row codec's encoder: the hand-filled column buffers of a block live
 * only until apache-arrow has copied them into the IPC stream, so they are carved out of one
 * reused ArrayBuffer instead of being allocated fresh for every batch. Fresh ArrayBuffers cost
 * twice: first writes to new pages are slow, and every 64 MB of new external memory makes V8
 * run a full mark-compact of the whole heap. Used only by row-codec.ts / row-column-encode.ts.
 */
import type { FastBuffer } from "./utf8.js";

/** The arena never grows past this; what does not fit is allocated fresh. */
const MAX_ARENA_BYTES = 32 * 1024 * 1024;
const MIN_ARENA_BYTES = 1024 * 1024;

export class ScratchArena {
  private buffer: ArrayBuffer | null = null;
  private used = 0;
  /** Bytes asked for since the last reset (what the arena should hold next time). */
  private wanted = 0;
  busy = false;

  /** Forgets every allocation (their memory will be overwritten) and resizes for the next block. */
  reset(): void {
    const size = this.buffer?.byteLength ?? 0;
    if (this.wanted > size && size < MAX_ARENA_BYTES) {
      let next = Math.max(MIN_ARENA_BYTES, size);
      while (next < this.wanted && next < MAX_ARENA_BYTES) next *= 2;
      this.buffer = new ArrayBuffer(Math.min(next, MAX_ARENA_BYTES));
    }
    this.used = 0;
    this.wanted = 0;
  }

  /** n bytes, 8-aligned: a region of the arena when it has room, else a fresh buffer. */
  private take(n: number): { buffer: ArrayBuffer; offset: number } {
    const size = (n + 7) & ~7;
    this.wanted += size;
    const buffer = this.buffer;
    if (buffer !== null && this.used + size <= buffer.byteLength) {
      const offset = this.used;
      this.used += size;
      return { buffer, offset };
    }
    return { buffer: new ArrayBuffer(size), offset: 0 };
  }

  float64(n: number): Float64Array {
    const { buffer, offset } = this.take(n * 8);
    return new Float64Array(buffer, offset, n);
  }

  int32(n: number): Int32Array {
    const { buffer, offset } = this.take(n * 4);
    return new Int32Array(buffer, offset, n);
  }

  bigInt64(n: number): BigInt64Array {
    const { buffer, offset } = this.take(n * 8);
    return new BigInt64Array(buffer, offset, n);
  }

  /** Zero-filled bytes. */
  zeroed(n: number): Uint8Array {
    const { buffer, offset } = this.take(n);
    return new Uint8Array(buffer, offset, n).fill(0);
  }

  bytes(n: number): FastBuffer {
    const { buffer, offset } = this.take(n);
    return Buffer.from(buffer, offset, n) as FastBuffer;
  }
}

