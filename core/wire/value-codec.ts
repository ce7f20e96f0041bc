/**
 * The value codec: a tagged binary form of anything the structured clone algorithm carries
 * (plus bigint of any size, lone surrogates, cycles and shared references, and references to
 * Broadcast/Accumulator objects through `wireRef`). It is what crosses between driver and
 * executors for elements, keys, env values and task results, and the per-row encoding of the
 * row codec's binary column. Called by the row codec, the task/closure shipping code and the
 * transports; hands on Uint8Arrays (or writes into a caller's ByteWriter).
 *
 * Errors: a value that cannot cross is EngineError("UNSERIALIZABLE") naming the operation and
 * the path inside the value; bytes that do not decode are EngineError("CORRUPT_DATA").
 */
import { EngineError } from "../engine-error.js";
import { ByteReader, ByteWriter } from "./byte-buffer.js";
import { ValueDecoder, type DecodeOptions } from "./value-decoder.js";
import { type EncodeHooks, ValueEncoder } from "./value-encoder.js";
import { locateUnclonable, Unclonable } from "./value-path.js";
import { MAX_DEPTH } from "./value-tags.js";

export { wireRef, type WireRef } from "./value-tags.js";
export type { DecodeOptions } from "./value-decoder.js";
export type { EncodeHooks } from "./value-encoder.js";
export { locateUnclonable, Unclonable } from "./value-path.js";

const PLAIN_DATA_HINT = "Return plain data (numbers, strings, arrays, objects, Map, Set, Date, typed arrays).";
/** A shared writer that grew past this is dropped after use rather than kept. */
const KEEP_CAPACITY = 64 * 1024 * 1024;

let ownEncoder = new ValueEncoder();
const streamEncoder = new ValueEncoder();
const sharedDecoder = new ValueDecoder();

/**
 * Encodes one value. `operation` (e.g. "collect", "map") starts the UNSERIALIZABLE message;
 * `subject` says what the value is (default "a value"; e.g. "a task returned a value").
 */
export function encodeValue(value: unknown, operation: string, subject = "a value"): Uint8Array {
  const enc = ownEncoder.busy ? new ValueEncoder() : ownEncoder;
  enc.busy = true;
  enc.w.reset();
  try {
    writeWith(enc, value, operation, subject);
    return enc.w.finish();
  } finally {
    enc.busy = false;
    if (enc === ownEncoder && enc.w.buf.length > KEEP_CAPACITY) ownEncoder = new ValueEncoder();
  }
}

/**
 * Appends one value to `w` (many values may share one buffer; read them back with readValue).
 * On failure nothing is appended. `pathPrefix` places the value inside a larger one in the
 * UNSERIALIZABLE message (e.g. "[12][1]" for the value of row 12).
 */
export function writeValue(w: ByteWriter, value: unknown, operation: string, subject = "a value", pathPrefix = ""): void {
  const enc = streamEncoder.busy ? new ValueEncoder(w) : streamEncoder;
  enc.busy = true;
  enc.w = w;
  try {
    writeWith(enc, value, operation, subject, pathPrefix);
  } finally {
    enc.busy = false;
  }
}

function writeWith(enc: ValueEncoder, value: unknown, operation: string, subject: string, pathPrefix = ""): void {
  const start = enc.w.pos;
  try {
    enc.write(value);
  } catch (e) {
    enc.w.pos = start;
    if (e instanceof Unclonable) throw unserializable(value, e, operation, subject, pathPrefix);
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      const at = pathPrefix === "" ? "" : ` at ${pathPrefix}`;
      throw new EngineError(
        "UNSERIALIZABLE",
        `${operation}: ${subject} that cannot cross between processes: it is nested too deeply to encode${at}. ${PLAIN_DATA_HINT}`,
      );
    }
    throw e;
  }
}

function unserializable(value: unknown, e: Unclonable, operation: string, subject: string, pathPrefix: string): EngineError {
  const head = `${operation}: ${subject} that cannot cross between processes`;
  if (e.tooDeep) {
    const at = pathPrefix === "" ? "" : ` at ${pathPrefix}`;
    return new EngineError("UNSERIALIZABLE", `${head}: it is nested deeper than ${MAX_DEPTH} levels${at}. ${PLAIN_DATA_HINT}`);
  }
  let where = pathPrefix === "" ? "" : ` at ${pathPrefix}`;
  let what = e.what;
  try {
    const found = locateUnclonable(value);
    if (found !== null) {
      what = found.what;
      const path = pathPrefix + found.path;
      where = path === "" ? "" : ` at ${path}`;
    }
  } catch {
    // A getter that throws on the second walk: report what the encoder saw, without a path.
  }
  return new EngineError("UNSERIALIZABLE", `${head}: ${what}${where}. ${PLAIN_DATA_HINT}`);
}

/**
 * Encodes one value with the caller's hooks (capture.ts: functions and class instances of a
 * shipped closure). What cannot be encoded is thrown as the encoder's `Unclonable`, for the
 * caller to word (locateUnclonable finds where it is).
 */
export function encodeValueWith(value: unknown, hooks: EncodeHooks): Uint8Array {
  const enc = new ValueEncoder();
  enc.hooks = hooks;
  enc.write(value);
  return enc.w.finish();
}

/** Decodes bytes made by encodeValue; anything else than exactly one value is CORRUPT_DATA. */
export function decodeValue(bytes: Uint8Array, options?: DecodeOptions): unknown {
  const r = new ByteReader(bytes);
  const v = readValue(r, options);
  if (r.pos !== r.end) {
    throw new EngineError("CORRUPT_DATA", `${r.end - r.pos} unexpected bytes after the value (at offset ${r.pos} of ${r.end})`);
  }
  return v;
}

/** Reads the next value written by writeValue, advancing `r`. */
export function readValue(r: ByteReader, options?: DecodeOptions): unknown {
  const dec = sharedDecoder.busy ? new ValueDecoder() : sharedDecoder;
  dec.busy = true;
  try {
    return dec.read(r, options);
  } finally {
    dec.busy = false;
  }
}
