/**
 * Tests of planTextSplits and statFiles (core/io/text-splits.ts): Hadoop's getSplits figures,
 * the 1.1 slop, the 32 MiB block cap, empty files, and a coverage property.
 */
import test from "ava";
import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LOCAL_BLOCK_SIZE, planTextSplits, statFiles } from "../../../core/io/text-splits.js";
import { EngineError } from "../../../core/engine-error.js";

const MiB = 1024 * 1024;

test("splits a file into goalSize pieces", (t) => {
  t.deepEqual(planTextSplits([{ path: "f", size: 100 }], 2), [
    { path: "f", start: 0, length: 50 },
    { path: "f", start: 50, length: 50 },
  ]);
});

test("the last split takes up to 10% more (SPLIT_SLOP)", (t) => {
  // goalSize = floor(105 / 2) = 52; 105/52 > 1.1, then 53/52 <= 1.1
  t.deepEqual(planTextSplits([{ path: "f", size: 105 }], 2), [
    { path: "f", start: 0, length: 52 },
    { path: "f", start: 52, length: 53 },
  ]);
  // goalSize 33; 100/33 > 1.1, 67/33 > 1.1, 34/33 <= 1.1
  t.deepEqual(
    planTextSplits([{ path: "f", size: 100 }], 3).map((s) => s.length),
    [33, 33, 34],
  );
});

test("minPartitions 0 counts as 1; the goal is over the total of all files", (t) => {
  t.deepEqual(planTextSplits([{ path: "f", size: 100 }], 0), [{ path: "f", start: 0, length: 100 }]);
  t.deepEqual(planTextSplits([{ path: "a", size: 100 }, { path: "b", size: 50 }], 3), [
    { path: "a", start: 0, length: 50 },
    { path: "a", start: 50, length: 50 },
    { path: "b", start: 0, length: 50 },
  ]);
  // a small file next to a big one is one split of its own
  t.deepEqual(planTextSplits([{ path: "a", size: 1000 }, { path: "b", size: 3 }], 2).length, 3);
});

test("splits never exceed the 32 MiB local block size (but for the slop)", (t) => {
  const big = planTextSplits([{ path: "f", size: 100 * MiB }], 1);
  t.deepEqual(big.map((s) => s.length / MiB), [32, 32, 32, 4]);
  t.deepEqual(planTextSplits([{ path: "f", size: 35 * MiB }], 1).length, 1, "35/32 <= 1.1");
  t.is(LOCAL_BLOCK_SIZE, 32 * MiB);
  t.deepEqual(planTextSplits([{ path: "f", size: 10 }], 1, { blockSize: 4 }).map((s) => s.length), [4, 4, 2]);
});

test("more partitions than bytes gives one-byte splits", (t) => {
  t.deepEqual(planTextSplits([{ path: "f", size: 3 }], 10).map((s) => [s.start, s.length]), [[0, 1], [1, 1], [2, 1]]);
});

test("empty files yield no split (Spark 3.2+), or one empty split with keepEmptyFiles (Hadoop)", (t) => {
  t.deepEqual(planTextSplits([{ path: "e", size: 0 }], 2), []);
  t.deepEqual(planTextSplits([{ path: "e", size: 0 }, { path: "f", size: 4 }], 1), [{ path: "f", start: 0, length: 4 }]);
  t.deepEqual(planTextSplits([{ path: "e", size: 0 }], 2, { keepEmptyFiles: true }), [{ path: "e", start: 0, length: 0 }]);
  t.deepEqual(planTextSplits([], 2), []);
});

test("bad minPartitions is INVALID_ARGUMENT", (t) => {
  for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    const err = t.throws(() => planTextSplits([{ path: "f", size: 1 }], bad), { instanceOf: EngineError });
    t.is((err as EngineError).code, "INVALID_ARGUMENT");
    t.regex(err!.message, /^textFile: minPartitions/);
  }
});

test("property: splits tile every non-empty file, in order, within 1.1 x splitSize", (t) => {
  fc.assert(
    fc.property(
      fc.array(fc.nat({ max: 10_000 }), { maxLength: 6 }),
      fc.nat({ max: 50 }),
      fc.integer({ min: 1, max: 5000 }),
      (sizes, minPartitions, blockSize) => {
        const files = sizes.map((size, i) => ({ path: `f${i}`, size }));
        const splits = planTextSplits(files, minPartitions, { blockSize });
        const total = sizes.reduce((a, b) => a + b, 0);
        const splitSize = Math.max(1, Math.min(Math.floor(total / Math.max(minPartitions, 1)), blockSize));
        let k = 0;
        for (const f of files) {
          let pos = 0;
          while (k < splits.length && splits[k]!.path === f.path) {
            const s = splits[k]!;
            if (s.start !== pos || s.length <= 0 || s.length > splitSize * 1.1 + 1) return false;
            pos += s.length;
            k++;
          }
          if (pos !== f.size) return false;
        }
        return k === splits.length;
      },
    ),
  );
  t.pass();
});

test("statFiles gives sizes, and an error for a missing file", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spate-stat-"));
  try {
    fs.writeFileSync(path.join(dir, "a"), "hello");
    t.deepEqual(statFiles([path.join(dir, "a")]), [{ path: path.join(dir, "a"), size: 5 }]);
    const err = t.throws(() => statFiles([path.join(dir, "gone")], "textFile"), { instanceOf: EngineError });
    t.true(err!.message.includes("gone"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
