/**
 * Tests of readSplitLines / readSplitLinesAsync (core/io/line-reader.ts): Hadoop line
 * semantics on examples, and properties over random contents, random split plans and tiny
 * chunk sizes: all splits together read every line of the file exactly once, in order.
 */
import test from "ava";
import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readSplitLineBatchesAsync, readSplitLines, readSplitLinesAsync } from "../../../core/io/line-reader.js";
import { planTextSplits, type FileSplit } from "../../../core/io/text-splits.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spate-lines-"));
test.after.always(() => fs.rmSync(dir, { recursive: true, force: true }));
let fileCounter = 0;

function writeTemp(content: string | Uint8Array): string {
  const p = path.join(dir, `f${fileCounter++}`);
  fs.writeFileSync(p, content);
  return p;
}

/** The reference: split the whole decoded file at \r\n, \r or \n; no empty line after a final terminator. */
function referenceLines(text: string): string[] {
  if (text === "") return [];
  const parts = text.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(text)) parts.pop();
  return parts;
}

function readAll(file: string, bounds: number[], chunkSize?: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const split: FileSplit = { path: file, start: bounds[i]!, length: bounds[i + 1]! - bounds[i]! };
    for (const line of readSplitLines(split, chunkSize === undefined ? {} : { chunkSize })) out.push(line);
  }
  return out;
}

async function readAllAsync(file: string, bounds: number[], chunkSize: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const split: FileSplit = { path: file, start: bounds[i]!, length: bounds[i + 1]! - bounds[i]! };
    for await (const line of readSplitLinesAsync(split, { chunkSize })) out.push(line);
  }
  return out;
}

const cases: Array<[string, string[]]> = [
  ["", []],
  ["a", ["a"]],
  ["a\n", ["a"]],
  ["a\nb", ["a", "b"]],
  ["\n", [""]],
  ["\n\n", ["", ""]],
  ["a\r\nb\r\n", ["a", "b"]],
  ["a\rb\rc", ["a", "b", "c"]],
  ["a\r", ["a"]],
  ["\r\n", [""]],
  ["\r\r\n", ["", ""]],
  ["\n\r", ["", ""]],
  ["a\r\n\r\nb", ["a", "", "b"]],
  ["héllo\n😀 wörld\r\n中文", ["héllo", "😀 wörld", "中文"]],
  ["\uFEFFbom\n", ["\uFEFFbom"]],
];

test("whole-file examples (Hadoop terminators: \\n, \\r\\n, lone \\r)", (t) => {
  for (const [content, expected] of cases) {
    const file = writeTemp(content);
    const size = Buffer.byteLength(content);
    t.deepEqual(readAll(file, [0, size]), expected, JSON.stringify(content));
    t.deepEqual(readAll(file, [0, size], 1), expected, `${JSON.stringify(content)} chunk 1`);
    t.deepEqual(referenceLines(content), expected, `reference ${JSON.stringify(content)}`);
  }
});

test("a line belongs to the split holding its first byte", (t) => {
  const file = writeTemp("ab\ncd\nef\n");
  t.deepEqual(readAll(file, [0, 3]), ["ab"], "the line starting at the end is the next split's");
  t.deepEqual(readAll(file, [3, 9]), ["cd", "ef"], "a line starting exactly at start is kept");
  t.deepEqual(readAll(file, [0, 1]), ["ab"], "a line crossing the end is read whole");
  t.deepEqual(readAll(file, [1, 4]), ["cd"]);
  t.deepEqual(readAll(file, [4, 5]), []);
  t.deepEqual(readAll(file, [2, 3]), [], "a split holding only a terminator reads nothing");
  t.deepEqual(readAll(file, [5, 6]), [], "the line after the terminator starts in the next split");
  t.deepEqual(readAll(file, [6, 7]), ["ef"]);
  t.deepEqual(readAll(file, [3, 3]), [], "a zero-length split reads nothing");
});

test("a split boundary between \\r and \\n", (t) => {
  const file = writeTemp("ab\r\ncd\r\n");
  t.deepEqual(readAll(file, [0, 3]), ["ab"]);
  t.deepEqual(readAll(file, [3, 8]), ["cd"]);
  t.deepEqual(readAll(file, [0, 3, 4, 8]), ["ab", "cd"]);
});

test("a split past the end of a file (the file shrank) reads what is there", (t) => {
  const file = writeTemp("x\ny\n");
  t.deepEqual(readAll(file, [0, 100]), ["x", "y"]);
  t.deepEqual(readAll(file, [3, 100]), []);
  t.deepEqual(readAll(file, [50, 100]), []);
});

test("lines longer than the chunk grow the buffer", (t) => {
  const long = "x".repeat(10_000);
  const file = writeTemp(`${long}\n${long}é\r\nshort\n`);
  t.deepEqual(readAll(file, [0, 20_100], 7), [long, `${long}é`, "short"]);
  t.deepEqual(readAll(file, [0, 5_000, 10_000, 20_100], 64), [long, `${long}é`, "short"]);
});

test("malformed UTF-8 decodes to U+FFFD per line, as the whole file would", (t) => {
  const bytes = Uint8Array.from([0x61, 0xe2, 0x82, 0x0a, 0xf0, 0x9f, 0x0d, 0x62, 0xff]);
  const file = writeTemp(bytes);
  const expected = referenceLines(Buffer.from(bytes).toString("utf8"));
  t.deepEqual(readAll(file, [0, bytes.length], 1), expected);
  t.deepEqual(readAll(file, [0, 2, 5, 6, 9], 2), expected);
});

test("the async reader gives the same lines", async (t) => {
  const file = writeTemp("a\r\nbb\rccc\n\nd");
  t.deepEqual(await readAllAsync(file, [0, 2, 3, 7, 12], 2), ["a", "bb", "ccc", "", "d"]);
});

const openFds = (): number => fs.readdirSync("/proc/self/fd").length;

test.serial("the file is opened lazily and closed at the end, on break, and on errors", (t) => {
  const file = writeTemp("1\n2\n3\n");
  const before = openFds();
  const it = readSplitLines({ path: file, start: 0, length: 6 }, { chunkSize: 2 });
  t.is(openFds(), before, "nothing opened before the first next()");
  t.is(it.next().value, "1");
  t.is(openFds(), before + 1);
  it.return!();
  t.is(openFds(), before);
  t.true(it.next().done, "done after return()");
  for (const line of readSplitLines({ path: file, start: 0, length: 6 }, { chunkSize: 1 })) if (line === "2") break;
  t.is(openFds(), before);
  t.deepEqual([...readSplitLines({ path: file, start: 0, length: 6 })], ["1", "2", "3"]);
  t.is(openFds(), before);
  t.throws(() => [...readSplitLines({ path: path.join(dir, "missing"), start: 0, length: 6 })], { code: "ENOENT" });
  t.is(openFds(), before);
});

test("the async batch reader gives the lines chunk by chunk", async (t) => {
  const file = writeTemp("a\nb\nc\n");
  const batches: string[][] = [];
  for await (const batch of readSplitLineBatchesAsync({ path: file, start: 0, length: 6 }, { chunkSize: 3 })) batches.push(batch);
  t.deepEqual(batches.flat(), ["a", "b", "c"]);
  t.true(batches.length > 1);
});

// ---- properties ----

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("\n", "\r\n", "\r", "", "\n\n", "\r\r") },
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom("😀", "é", "中", "𝄞x", "a", "bcd", "\uFEFF") },
);
const content = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(""));

/** Content plus random split boundaries (duplicates give zero-length splits) and a chunk size. */
const scenario = content.chain((text) => {
  const size = Buffer.byteLength(text);
  return fc.record({
    text: fc.constant(text),
    cuts: fc.array(fc.integer({ min: 0, max: size }), { maxLength: 12 }),
    chunkSize: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 9, max: 4096 })),
  });
});

function boundsOf(cuts: number[], size: number): number[] {
  return [0, ...[...cuts].sort((a, b) => a - b), size];
}

test("property: any split plan reads the file's lines exactly once, in order", (t) => {
  fc.assert(
    fc.property(scenario, ({ text, cuts, chunkSize }) => {
      const file = writeTemp(text);
      const bytes = fs.readFileSync(file);
      const expected = referenceLines(bytes.toString("utf8"));
      const got = readAll(file, boundsOf(cuts, bytes.length), chunkSize);
      fs.rmSync(file);
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        throw new Error(`got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
      }
    }),
    { numRuns: 400 },
  );
  t.pass();
});

test("property: random bytes (invalid UTF-8 too) with random splits", (t) => {
  const bytesArb = fc.array(
    fc.oneof(fc.constantFrom(0x0a, 0x0d, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff), fc.integer({ min: 0, max: 255 })),
    { maxLength: 60 },
  );
  fc.assert(
    fc.property(
      bytesArb.chain((b) =>
        fc.record({
          bytes: fc.constant(Uint8Array.from(b)),
          cuts: fc.array(fc.integer({ min: 0, max: b.length }), { maxLength: 10 }),
          chunkSize: fc.integer({ min: 1, max: 16 }),
        }),
      ),
      ({ bytes, cuts, chunkSize }) => {
        const file = writeTemp(bytes);
        const expected = referenceLines(Buffer.from(bytes).toString("utf8"));
        const got = readAll(file, boundsOf(cuts, bytes.length), chunkSize);
        fs.rmSync(file);
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          throw new Error(`got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
        }
      },
    ),
    { numRuns: 400 },
  );
  t.pass();
});

test("property: splits from planTextSplits read the lines exactly once (sync and async)", async (t) => {
  await fc.assert(
    fc.asyncProperty(
      content,
      fc.nat({ max: 40 }),
      fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: 1, max: 32 }),
      async (text, minPartitions, blockSize, chunkSize) => {
        const file = writeTemp(text);
        const size = fs.statSync(file).size;
        const expected = referenceLines(fs.readFileSync(file, "utf8"));
        const splits = planTextSplits([{ path: file, size }], minPartitions, { blockSize });
        const bounds = splits.length === 0 ? [0, 0] : [...splits.map((s) => s.start), size];
        const got = readAll(file, bounds, chunkSize);
        const gotAsync = await readAllAsync(file, bounds, chunkSize);
        fs.rmSync(file);
        if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`sync: ${JSON.stringify(got)}`);
        if (JSON.stringify(gotAsync) !== JSON.stringify(expected)) throw new Error(`async: ${JSON.stringify(gotAsync)}`);
      },
    ),
    { numRuns: 200 },
  );
  t.pass();
});
