/** textFile, wholeTextFiles and saveAsTextFile through the public API, on temp dirs. */
import test from "ava";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir, useContext } from "../harness.js";

const sc = useContext(test);

test("textFile reads a file, a directory, a glob and a comma-separated list", async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, "a.txt"), "one\ntwo\n");
  writeFileSync(path.join(dir, "b.txt"), "three\r\nfour");
  writeFileSync(path.join(dir, "c.log"), "five\n");
  writeFileSync(path.join(dir, "_hidden"), "never\n");
  t.deepEqual(await sc().textFile(path.join(dir, "a.txt")).collect(), ["one", "two"]);
  t.deepEqual(await sc().textFile(dir).collect(), ["one", "two", "three", "four", "five"]);
  t.deepEqual(await sc().textFile(path.join(dir, "*.txt")).collect(), ["one", "two", "three", "four"]);
  t.deepEqual(await sc().textFile(`${path.join(dir, "c.log")},${path.join(dir, "a.txt")}`).collect(), ["five", "one", "two"]);
  t.is(sc().textFile(dir).getNumPartitions() >= 2, true);
});

test("textFile splits a big file on line boundaries: every line exactly once", async (t) => {
  const dir = tempDir();
  const lines = Array.from({ length: 20000 }, (_, i) => `${i};${"x".repeat(i % 37)};é😀`);
  const file = path.join(dir, "big.txt");
  writeFileSync(file, lines.join("\r\n"));
  for (const parts of [1, 2, 7, 64]) {
    const rdd = sc().textFile(file, parts);
    t.true(rdd.getNumPartitions() >= parts);
    t.deepEqual(await rdd.collect(), lines);
  }
  t.is(await sc().textFile(file, 9).count(), 20000);
});

test("textFile of a missing path is INVALID_ARGUMENT naming it", (t) => {
  const err = t.throws(() => sc().textFile("/no/such/dir/*.csv"));
  t.is((err as { code?: string }).code, "INVALID_ARGUMENT");
  t.regex(err!.message, /\/no\/such\/dir\/\*\.csv/);
});

test("wholeTextFiles gives [absolute path, content]", async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, "1.txt"), "1");
  writeFileSync(path.join(dir, "2.txt"), "2\n");
  const files = await sc().wholeTextFiles(dir).collect();
  t.deepEqual(files, [[path.join(dir, "1.txt"), "1"], [path.join(dir, "2.txt"), "2\n"]]);
});

test("saveAsTextFile writes one part file per partition, empty ones too", async (t) => {
  const dir = path.join(tempDir(), "out");
  await sc().range(10).saveAsTextFile(dir);
  const parts = readdirSync(dir).filter((n) => n.startsWith("part-")).sort();
  t.is(parts.length, sc().defaultParallelism);
  t.is(parts.map((p) => readFileSync(path.join(dir, p), "utf8")).join(""), "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n");
  const dir2 = path.join(tempDir(), "out2");
  await sc().parallelize(["", "foo", "", "bar", ""], 5).saveAsTextFile(dir2);
  t.deepEqual(readdirSync(dir2).filter((n) => n.startsWith("part-")).sort(), ["part-00000", "part-00001", "part-00002", "part-00003", "part-00004"]);
  t.is(readFileSync(path.join(dir2, "part-00000"), "utf8"), "\n");
  const dir3 = path.join(tempDir(), "out3");
  await sc().parallelize([[1, "a"], { b: 2n }, new Map([[1, 2]])], 1).saveAsTextFile(dir3);
  t.is(readFileSync(path.join(dir3, "part-00000"), "utf8"), '[1,"a"]\n{"b":2}\n[[1,2]]\n');
  t.deepEqual(await sc().textFile(dir2).collect(), ["", "foo", "", "bar", ""]);
});

test("saveAsTextFile refuses a non-empty directory and leaves it untouched", async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, "keep.txt"), "mine");
  await t.throwsAsync(sc().range(3).saveAsTextFile(dir), { code: "INVALID_ARGUMENT" } as never);
  t.deepEqual(readdirSync(dir), ["keep.txt"]);
  const empty = path.join(tempDir(), "empty");
  mkdirSync(empty);
  await sc().range(3).saveAsTextFile(empty);
  t.true(readdirSync(empty).includes("part-00000"));
});

test("sc.union of text and parallelized RDDs", async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, "u.txt"), "Hello");
  const text = sc().textFile(path.join(dir, "u.txt"));
  const par = sc().parallelize(["World!"]);
  t.deepEqual(await sc().union([text, par]).collect(), ["Hello", "World!"]);
});
