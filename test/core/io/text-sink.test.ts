/**
 * Tests of the saveAsTextFile output directory (core/io/text-sink.ts): preparing, atomic part
 * files, commit.
 */
import test from "ava";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  commitOutputDir,
  partFileName,
  prepareOutputDir,
  writePartFile,
  writePartFileAsync,
} from "../../../core/io/text-sink.js";
import { EngineError } from "../../../core/engine-error.js";

function tempRoot(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "spate-sink-")));
}

test("part file names have five digits or more", (t) => {
  t.is(partFileName(0), "part-00000");
  t.is(partFileName(42), "part-00042");
  t.is(partFileName(123456), "part-123456");
});

test("prepareOutputDir: missing dirs are created with parents; empty ones are used", (t) => {
  const root = tempRoot();
  try {
    t.is(prepareOutputDir("out/a/b", "saveAsTextFile", root), path.join(root, "out/a/b"));
    t.true(fs.statSync(path.join(root, "out/a/b")).isDirectory());
    t.is(prepareOutputDir(path.join(root, "out/a/b"), "saveAsTextFile"), path.join(root, "out/a/b"));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("prepareOutputDir: a non-empty dir or a file is INVALID_ARGUMENT and left untouched", (t) => {
  const root = tempRoot();
  try {
    fs.mkdirSync(path.join(root, "full"));
    fs.writeFileSync(path.join(root, "full/keep.txt"), "keep");
    fs.writeFileSync(path.join(root, "file"), "x");
    const err = t.throws(() => prepareOutputDir("full", "saveAsTextFile", root), { instanceOf: EngineError });
    t.is((err as EngineError).code, "INVALID_ARGUMENT");
    t.true(err!.message.startsWith("saveAsTextFile:"));
    t.true(err!.message.includes(path.join(root, "full")));
    t.regex(err!.message, /Remove it or choose another/);
    t.deepEqual(fs.readdirSync(path.join(root, "full")), ["keep.txt"]);
    t.is(fs.readFileSync(path.join(root, "full/keep.txt"), "utf8"), "keep");
    const err2 = t.throws(() => prepareOutputDir("file", "saveAsTextFile", root), { instanceOf: EngineError });
    t.is((err2 as EngineError).code, "INVALID_ARGUMENT");
    t.true(err2!.message.includes("not a directory"));
    const err3 = t.throws(() => prepareOutputDir("file/sub", "saveAsTextFile", root), { instanceOf: EngineError });
    t.is((err3 as EngineError).code, "INVALID_ARGUMENT");
    t.throws(() => prepareOutputDir("", "saveAsTextFile", root), { instanceOf: EngineError });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("writePartFile writes every line with \\n, atomically; commit writes _SUCCESS", async (t) => {
  const root = tempRoot();
  try {
    const dir = prepareOutputDir("out", "saveAsTextFile", root);
    const r0 = writePartFile(dir, 0, ["a", "é😀", ""], "a0");
    t.deepEqual(r0, { path: path.join(dir, "part-00000"), lines: 3, bytes: Buffer.byteLength("a\né😀\n\n") });
    writePartFile(dir, 1, [], "a0");
    function* many(): Generator<string> {
      for (let i = 0; i < 300_000; i++) yield `row ${i}`;
    }
    writePartFile(dir, 2, many(), "a0");
    async function* later(): AsyncGenerator<string> {
      yield "x";
      await new Promise((r) => setTimeout(r, 1));
      yield "y";
    }
    await writePartFileAsync(dir, 3, later(), "a0");
    fs.writeFileSync(path.join(dir, ".part-00004.dead.tmp"), "half");
    commitOutputDir(dir);
    t.deepEqual(fs.readdirSync(dir).sort(), ["_SUCCESS", "part-00000", "part-00001", "part-00002", "part-00003"]);
    t.is(fs.readFileSync(path.join(dir, "part-00000"), "utf8"), "a\né😀\n\n");
    t.is(fs.readFileSync(path.join(dir, "part-00001"), "utf8"), "");
    const rows = fs.readFileSync(path.join(dir, "part-00002"), "utf8").split("\n");
    t.is(rows.length, 300_001);
    t.is(rows[299_999], "row 299999");
    t.is(fs.readFileSync(path.join(dir, "part-00003"), "utf8"), "x\ny\n");
    t.is(fs.readFileSync(path.join(dir, "_SUCCESS"), "utf8"), "");
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("a failing partition leaves no part file and no temp file; a retry replaces", async (t) => {
  const root = tempRoot();
  try {
    const dir = prepareOutputDir("out", "saveAsTextFile", root);
    function* boom(): Generator<string> {
      yield "ok";
      throw new Error("user function failed");
    }
    t.throws(() => writePartFile(dir, 0, boom(), "a1"), { message: "user function failed" });
    async function* boomAsync(): AsyncGenerator<string> {
      yield "ok";
      throw new Error("async failure");
    }
    await t.throwsAsync(writePartFileAsync(dir, 1, boomAsync(), "a1"), { message: "async failure" });
    t.deepEqual(fs.readdirSync(dir), []);
    writePartFile(dir, 0, ["first"], "a1");
    writePartFile(dir, 0, ["second"], "a2");
    t.is(fs.readFileSync(path.join(dir, "part-00000"), "utf8"), "second\n");
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("bad partition index or attempt id is refused", (t) => {
  t.throws(() => writePartFile("/nonexistent", -1, [], "a"), { instanceOf: EngineError });
  t.throws(() => writePartFile("/nonexistent", 0, [], "../x"), { instanceOf: EngineError });
});
