/**
 * Hostile input for both wire codecs: random, truncated and bit-flipped bytes given to
 * decodeValue and decodeRows either decode to something or throw EngineError("CORRUPT_DATA"),
 * never another error, never a hang; crafted headers claiming absurd counts, nesting or
 * lengths are refused without allocating what they claim. (Row blocks carry a CRC-32, so
 * damaged ones are refused before apache-arrow parses them.)
 */
import test from "ava";
import fc from "fast-check";
import { EngineError } from "../../../core/engine-error.js";
import { crc32 } from "../../../core/wire/crc32.js";
import { decodeColumns, decodeRows, encodeColumns, encodeRows } from "../../../core/wire/row-codec.js";
import { decodeValue, encodeValue } from "../../../core/wire/value-codec.js";

/** Runs decode; passes when it returns or throws CORRUPT_DATA, fails on anything else. */
function decodesOrCorrupt(decode: () => unknown): string | null {
  try {
    decode();
    return null;
  } catch (e) {
    if (e instanceof EngineError && e.code === "CORRUPT_DATA") return null;
    return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}

function corruptMessage(t: import("ava").ExecutionContext, decode: () => unknown, part: string): void {
  const e = t.throws(decode, { instanceOf: EngineError });
  t.is(e?.code, "CORRUPT_DATA");
  t.true(e!.message.includes(part), `${e!.message} lacks "${part}"`);
}

const samples: unknown[] = [
  [1, -0, NaN, "str", "é😀\uD800", 2n ** 70n, -5n, true, null, undefined],
  { a: [1, { b: new Map<unknown, unknown>([[1, new Set([1, "x"])]]) }], d: new Date(5), r: /x+/g },
  [new Float64Array([1.5, NaN]), new BigInt64Array([7n]), new DataView(new ArrayBuffer(3)), new Error("e"), Object(3)],
  Array.from({ length: 50 }, (_, i) => ({ k: `key${i}`, v: i * 0.5 })),
];

function flips(bytes: Uint8Array, seed: number, count: number): Uint8Array[] {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const copy = bytes.slice();
    const nflips = 1 + (next() % 3);
    for (let f = 0; f < nflips; f++) copy[next() % copy.length] ^= 1 << (next() % 8);
    out.push(copy);
  }
  return out;
}

test("value codec: every truncation of valid bytes is CORRUPT_DATA", (t) => {
  for (const v of samples) {
    const bytes = encodeValue(v, "t");
    for (let n = 0; n < bytes.length; n++) {
      const e = t.throws(() => decodeValue(bytes.subarray(0, n)), { instanceOf: EngineError });
      t.is(e?.code, "CORRUPT_DATA");
    }
  }
});

test("value codec: bit flips decode or throw CORRUPT_DATA", (t) => {
  for (const [i, v] of samples.entries()) {
    for (const bad of flips(encodeValue(v, "t"), i + 1, 400)) {
      const problem = decodesOrCorrupt(() => decodeValue(bad));
      if (problem !== null) t.fail(`${problem} for ${Buffer.from(bad).toString("hex")}`);
    }
  }
  t.pass();
});

test("value codec: random bytes decode or throw CORRUPT_DATA", (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => decodesOrCorrupt(() => decodeValue(bytes)) === null),
    { numRuns: 3000 },
  );
  t.pass();
});

test("value codec: crafted headers are refused with a reason", (t) => {
  corruptMessage(t, () => decodeValue(new Uint8Array([0x01, 0x01])), "unexpected bytes after the value");
  corruptMessage(t, () => decodeValue(new Uint8Array([0x7f])), "unknown tag 0x7f");
  corruptMessage(t, () => decodeValue(new Uint8Array([])), "truncated");
  // An array claiming 2^49 elements, a string claiming 1 GB, a Map claiming 10^6 entries.
  corruptMessage(t, () => decodeValue(new Uint8Array([0x0c, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])), "claims");
  corruptMessage(t, () => decodeValue(new Uint8Array([0x07, 0x80, 0x80, 0x80, 0x80, 0x04, 0x61])), "truncated");
  corruptMessage(t, () => decodeValue(new Uint8Array([0x0e, 0xc0, 0x84, 0x3d, 1, 1])), "claims");
  // A varint longer than 8 bytes, a back-reference to nothing, a bad typed array.
  corruptMessage(t, () => decodeValue(new Uint8Array([0x04, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])), "varint");
  corruptMessage(t, () => decodeValue(new Uint8Array([0x0c, 0x01, 0x1b, 0x05])), "back-reference");
  corruptMessage(t, () => decodeValue(new Uint8Array([0x12, 0x08, 0x03, 1, 2, 3])), "not a multiple of 8");
  corruptMessage(t, () => decodeValue(new Uint8Array([0x12, 0x63, 0x00])), "typed array kind");
  corruptMessage(t, () => decodeValue(new Uint8Array([0x11, 0x07, 0x01, 0x61, 0x07, 0x01, 0x51])), "invalid RegExp");
  corruptMessage(t, () => decodeValue(new Uint8Array([0x0d, 0x01, 0x80, 0x01, 0x01])), "object key");
});

test("value codec: hostile nesting is CORRUPT_DATA, without a stack overflow", (t) => {
  for (const depth of [10_001, 100_000]) {
    const bytes = new Uint8Array(depth * 2 + 1);
    for (let i = 0; i < depth; i++) bytes.set([0x0c, 0x01], i * 2);
    bytes[depth * 2] = 0x01;
    corruptMessage(t, () => decodeValue(bytes), "nested deeper than 10000");
  }
  // 5,000 levels are within the bound and decode (the decoder keeps its own stack).
  const ok = new Uint8Array(5000 * 2 + 1);
  for (let i = 0; i < 5000; i++) ok.set([0x0c, 0x01], i * 2);
  ok[10_000] = 0x01;
  let v = decodeValue(ok) as unknown[];
  let depth = 0;
  while (Array.isArray(v)) {
    v = v[0] as unknown[];
    depth++;
  }
  t.is(depth, 5000);
});

const blocks: Uint8Array[] = [
  encodeRows([["k1", 1.5], ["k2", -0], ["k3", NaN]], "t"),
  encodeRows([1, 2, 3, 4], "t"),
  encodeRows([true, false], "t"),
  encodeRows([[1n, { a: [1, "x"] }], [2n, new Map([[1, 2]])]], "t"),
  encodeRows([], "t"),
  encodeColumns({ keys: ["a", "b\uD800"], values: [[1], null] }, "t"),
  encodeRows(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]), "t", "a value", { maxBatchRows: 7 }),
];

test("row codec: every truncation is CORRUPT_DATA (no rows are lost silently)", (t) => {
  for (const bytes of blocks) {
    for (let n = 0; n < bytes.length; n++) {
      const e = t.throws(() => decodeRows(bytes.subarray(0, n)), { instanceOf: EngineError });
      t.is(e?.code, "CORRUPT_DATA");
    }
  }
});

test("row codec: bit flips decode or throw CORRUPT_DATA", (t) => {
  for (const [i, bytes] of blocks.entries()) {
    for (const bad of flips(bytes, 100 + i, 300)) {
      const problem = decodesOrCorrupt(() => decodeRows(bad));
      if (problem !== null) t.fail(`${problem} (block ${i})`);
    }
  }
  t.pass();
});

test("row codec: random bytes and garbage are CORRUPT_DATA, with a reason", (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => decodesOrCorrupt(() => decodeRows(bytes)) === null),
    { numRuns: 1500 },
  );
  const good = blocks[0]!;
  corruptMessage(t, () => decodeColumns(new Uint8Array(0)), "too short");
  corruptMessage(t, () => decodeColumns(Uint8Array.from([...good, 1, 2, 3])), "trailer");
  corruptMessage(t, () => decodeColumns(good.subarray(0, good.length - 1)), "trailer");
  const flipped = good.slice();
  flipped[40]! ^= 4;
  corruptMessage(t, () => decodeColumns(flipped), "checksum");
  // A value codec encoding is not a row block.
  corruptMessage(t, () => decodeRows(encodeValue([1, 2], "t")), "row block");
});

/** Flips bits inside the first record batch's body (the column buffers) and re-seals the block. */
function damagedBodies(block: Uint8Array, seed: number, count: number): Uint8Array[] {
  const stream = block.subarray(0, block.length - 8);
  const dv = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  let p = 0;
  for (let m = 0; m < 2; m++) p += 8 + dv.getInt32(p + 4, true); // the schema message, then the batch's metadata
  const bodyStart = p;
  const bodyEnd = stream.length - 8; // a one-batch block: the body runs to the end-of-stream marker
  const out: Uint8Array[] = [];
  let x = seed;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < count; i++) {
    const copy = new Uint8Array(block.length);
    copy.set(block);
    for (let f = 0; f < 1 + (next() % 3); f++) copy[bodyStart + (next() % (bodyEnd - bodyStart))]! ^= 1 << (next() % 8);
    const cdv = new DataView(copy.buffer);
    cdv.setUint32(stream.length, crc32(copy.subarray(0, stream.length)), true);
    out.push(copy);
  }
  return out;
}

test("row codec: damaged column buffers behind a valid checksum decode or throw CORRUPT_DATA", (t) => {
  const oneBatch = [
    encodeRows([["k1", 1.5], ["k2", -0], ["k3", NaN]], "t"),
    encodeRows([[1n, { a: [1, "x"] }], [2n, new Map([[1, 2]])], [3n, "s"]], "t"),
    encodeColumns({ keys: ["a", "bé", "c"], values: [[1], null, true] }, "t"),
    encodeRows([true, false, true], "t"),
  ];
  let refused = 0;
  for (const [i, block] of oneBatch.entries()) {
    for (const bad of damagedBodies(block, 7 + i, 300)) {
      try {
        decodeRows(bad);
      } catch (e) {
        if (!(e instanceof EngineError && e.code === "CORRUPT_DATA")) t.fail(`block ${i}: ${String(e)}`);
        refused++;
      }
    }
  }
  t.true(refused > 0);
});
