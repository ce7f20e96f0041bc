/**
 * Fast UTF-8 access to byte buffers for the wire codecs: Node's undeclared native string
 * methods on Buffer (`utf8Write`, `utf8Slice`, `latin1Slice`) and a decoder that builds short
 * ASCII strings in JS, where a native call would cost more than the work. Used by
 * byte-buffer.ts and the row codec's column readers.
 */

/** Up to this many bytes, an ASCII string is decoded in JS (cheaper than a native call). */
const SHORT_DECODE = 16;

/** Node's Buffer with the fast native string methods it has but does not declare. */
export type FastBuffer = Buffer & {
  utf8Write(s: string, offset: number, length?: number): number;
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
};

/** Node's native UTF-8 decoder; it works on any Uint8Array, no Buffer wrapper needed. */
const nativeUtf8Slice = (Buffer.prototype as FastBuffer).utf8Slice;

export function fastBuffer(bytes: Uint8Array): FastBuffer {
  return (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as FastBuffer;
}

const fcc = String.fromCharCode;

/**
 * UTF-8 bytes [start, end) of buf as a string. ASCII strings of up to 16 bytes are built by
 * String.fromCharCode with explicit arguments: about 3x cheaper than a native slice call.
 */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  const len = end - start;
  if (len <= 8) {
    const s = shortAscii(buf, start, len);
    if (s !== null) return s;
  } else if (len <= SHORT_DECODE) {
    const head = shortAscii(buf, start, 8);
    const tail = head === null ? null : shortAscii(buf, start + 8, len - 8);
    if (tail !== null) return head + tail;
  }
  return nativeUtf8Slice.call(buf, start, end);
}

/** The string of n <= 8 ASCII bytes at start, or null when one of them is not ASCII. */
function shortAscii(buf: Uint8Array, p: number, n: number): string | null {
  let a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number;
  switch (n) {
    case 0:
      return "";
    case 1:
      a = buf[p]!;
      return a < 0x80 ? fcc(a) : null;
    case 2:
      a = buf[p]!; b = buf[p + 1]!;
      return (a | b) < 0x80 ? fcc(a, b) : null;
    case 3:
      a = buf[p]!; b = buf[p + 1]!; c = buf[p + 2]!;
      return (a | b | c) < 0x80 ? fcc(a, b, c) : null;
    case 4:
      a = buf[p]!; b = buf[p + 1]!; c = buf[p + 2]!; d = buf[p + 3]!;
      return (a | b | c | d) < 0x80 ? fcc(a, b, c, d) : null;
    case 5:
      a = buf[p]!; b = buf[p + 1]!; c = buf[p + 2]!; d = buf[p + 3]!; e = buf[p + 4]!;
      return (a | b | c | d | e) < 0x80 ? fcc(a, b, c, d, e) : null;
    case 6:
      a = buf[p]!; b = buf[p + 1]!; c = buf[p + 2]!; d = buf[p + 3]!; e = buf[p + 4]!; f = buf[p + 5]!;
      return (a | b | c | d | e | f) < 0x80 ? fcc(a, b, c, d, e, f) : null;
    case 7:
      a = buf[p]!; b = buf[p + 1]!; c = buf[p + 2]!; d = buf[p + 3]!; e = buf[p + 4]!; f = buf[p + 5]!; g = buf[p + 6]!;
      return (a | b | c | d | e | f | g) < 0x80 ? fcc(a, b, c, d, e, f, g) : null;
    default:
      a = buf[p]!; b = buf[p + 1]!; c = buf[p + 2]!; d = buf[p + 3]!; e = buf[p + 4]!; f = buf[p + 5]!; g = buf[p + 6]!; h = buf[p + 7]!;
      return (a | b | c | d | e | f | g | h) < 0x80 ? fcc(a, b, c, d, e, f, g, h) : null;
  }
}
