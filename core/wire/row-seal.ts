/**
 * The envelope of a row block: apache-arrow writes the IPC stream (schema message, record
 * batches, end-of-stream marker) into a sink that keeps the chunks, which are then joined once
 * with an 8-byte trailer: the stream's CRC-32 and a magic number. Damaged or truncated bytes are
 * refused here, before apache-arrow parses them: its flatbuffer reader trusts the lengths it
 * reads, and damaged ones can make it loop or allocate without bound. Arrow readers ignore
 * bytes after the end-of-stream marker, so a block still opens with tableFromIPC.
 * Used only by row-codec.ts.
 */
import type { RecordBatch, Schema } from "apache-arrow";
import { arrow } from "./arrow-lib.js";
import { EngineError } from "../engine-error.js";
import { crc32 } from "./crc32.js";

/** The end-of-stream marker every complete Arrow IPC stream ends with. */
const EOS = [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];
const TRAILER_BYTES = 8;
/** "spt1", little-endian. */
const TRAILER_MAGIC = 0x31747073;

function corrupt(message: string): EngineError {
  return new EngineError("CORRUPT_DATA", message);
}

interface ChunkSink extends InstanceType<ReturnType<typeof arrow>["AsyncByteQueue"]> {
  chunks: Uint8Array[];
  length: number;
}

let ChunkSinkClass: (new () => ChunkSink) | undefined;

/** A sink that collects the chunks apache-arrow's writer produces, so they are joined once, with the trailer. */
function newChunkSink(): ChunkSink {
  ChunkSinkClass ??= class extends arrow().AsyncByteQueue {
    chunks: Uint8Array[] = [];
    length = 0;

    override write(value: Uint8Array | ArrayBufferView): void {
      const bytes = value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      if (bytes.byteLength === 0) return;
      this.chunks.push(bytes);
      this.length += bytes.byteLength;
    }
  };
  return new ChunkSinkClass();
}

/** The Arrow IPC stream of the batches, then the trailer: CRC-32 of the stream and TRAILER_MAGIC. */
export function sealedStream(schema: Schema, batches: readonly RecordBatch[]): Uint8Array {
  const sink = newChunkSink();
  const writer = new (arrow().RecordBatchStreamWriter)();
  writer.reset(sink, schema);
  for (const batch of batches) writer.write(batch);
  writer.close();
  const out = new Uint8Array(sink.length + TRAILER_BYTES);
  let at = 0;
  for (const chunk of sink.chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(at, crc32(out.subarray(0, at)), true);
  view.setUint32(at + 4, TRAILER_MAGIC, true);
  return out;
}

/** The Arrow IPC stream inside a block, after checking its trailer (length, magic, checksum, end-of-stream). */
export function unsealedStream(bytes: Uint8Array): Uint8Array {
  const n = bytes.length - TRAILER_BYTES;
  if (n < EOS.length) throw corrupt(`row block of ${bytes.length} bytes is too short to be one`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(n + 4, true) !== TRAILER_MAGIC) throw corrupt(`row block of ${bytes.length} bytes lacks the spate trailer (truncated, or not a row block)`);
  const stream = bytes.subarray(0, n);
  const sum = crc32(stream);
  const expected = view.getUint32(n, true);
  if (sum !== expected) throw corrupt(`row block checksum mismatch (crc32 ${sum.toString(16)}, trailer says ${expected.toString(16)}): the bytes were damaged`);
  if (EOS.some((b, i) => stream[n - EOS.length + i] !== b)) throw corrupt("row block does not end with the Arrow end-of-stream marker");
  return stream;
}
