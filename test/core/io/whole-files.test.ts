/**
 * Tests of wholeTextFiles planning and reading (core/io/whole-files.ts).
 */
import test from "ava";
import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { planWholeFileSplits, readWholeFile, readWholeFileSplit } from "../../../core/io/whole-files.js";
import { EngineError } from "../../../core/engine-error.js";

const files = (...sizes: number[]) => sizes.map((size, i) => ({ path: `f${i}`, size }));
const groups = (sizes: number[], minPartitions: number) =>
  planWholeFileSplits(files(...sizes), minPartitions).map((s) => s.paths);

test("packs files contiguously by size, up to ceil(total / minPartitions) each", (t) => {
  t.deepEqual(groups([10, 10, 10, 10], 2), [["f0", "f1"], ["f2", "f3"]]);
  t.deepEqual(groups([10, 10, 10], 2), [["f0", "f1"], ["f2"]]);
  t.deepEqual(groups([100, 1, 1, 1], 2), [["f0"], ["f1", "f2", "f3"]]);
  t.deepEqual(groups([1, 1, 1, 100], 2), [["f0", "f1", "f2", "f3"]]);
  t.deepEqual(groups([5, 5, 5], 10), [["f0"], ["f1"], ["f2"]]);
  t.deepEqual(groups([5, 5], 0), [["f0", "f1"]]);
  t.deepEqual(
    planWholeFileSplits(files(3, 4), 2).map((s) => s.size),
    [7],
    "target ceil(7/2)=4: 3 < 4, 3+4 >= 4",
  );
});

test("empty files are records: they join the partition being filled, trailing ones the last", (t) => {
  t.deepEqual(groups([0, 0, 0], 2), [["f0", "f1", "f2"]]);
  t.deepEqual(groups([5, 5, 0], 2), [["f0"], ["f1", "f2"]]);
  t.deepEqual(groups([0, 5, 5], 2), [["f0", "f1"], ["f2"]]);
  t.deepEqual(groups([], 2), []);
});

test("property: every file once, in order, never more than max(minPartitions, 1) groups", (t) => {
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 1000 }), { maxLength: 30 }), fc.nat({ max: 40 }), (sizes, minP) => {
      const splits = planWholeFileSplits(files(...sizes), minP);
      const flat = splits.flatMap((s) => s.paths);
      if (JSON.stringify(flat) !== JSON.stringify(sizes.map((_, i) => `f${i}`))) return false;
      if (splits.some((s) => s.paths.length === 0)) return false;
      return splits.length <= Math.max(minP, 1);
    }),
  );
  t.pass();
});

test("bad minPartitions is INVALID_ARGUMENT naming wholeTextFiles", (t) => {
  const err = t.throws(() => planWholeFileSplits(files(1), -2), { instanceOf: EngineError });
  t.regex(err!.message, /^wholeTextFiles: minPartitions/);
});

test("readWholeFile gives [absolute path, UTF-8 content], BOM kept", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spate-whole-"));
  try {
    const a = path.join(dir, "a.txt");
    fs.writeFileSync(a, "\uFEFFhé\r\nllo 😀\n");
    fs.writeFileSync(path.join(dir, "e.txt"), "");
    t.deepEqual(readWholeFile(a), [a, "\uFEFFhé\r\nllo 😀\n"]);
    const rel = path.relative(process.cwd(), a);
    t.is(readWholeFile(rel)[0], a);
    t.deepEqual([...readWholeFileSplit({ paths: [path.join(dir, "e.txt"), a], size: 0 })].map((r) => r[1].length), [0, 12]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
