/**
 * Tests of expandPaths (core/io/path-expansion.ts) over a temporary directory tree: files,
 * directories, globs, comma lists, ordering, de-duplication, hidden names and the errors.
 */
import test from "ava";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expandPaths } from "../../../core/io/path-expansion.js";
import { EngineError } from "../../../core/engine-error.js";

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "spate-paths-")));
const files = [
  "data/a.csv",
  "data/b.csv",
  "data/c.txt",
  "data/.hidden",
  "data/_SUCCESS",
  "data/sub/d.csv",
  "data/sub/.x.csv",
  "data/.git/e.csv",
  "logs/2024/x.log",
  "logs/2025/y.log",
  "logs/2025/_tmp/z.log",
  "only-hidden/.h",
  "odd/report[1].txt",
  "odd/report1.txt",
  "odd/comma,name.txt",
  "ünï/😀.txt",
];
for (const f of files) {
  fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
  fs.writeFileSync(path.join(root, f), `${f}\n`);
}
fs.mkdirSync(path.join(root, "empty"));
fs.symlinkSync(path.join(root, "data/a.csv"), path.join(root, "odd/link.csv"));

test.after.always(() => fs.rmSync(root, { recursive: true, force: true }));

const abs = (...rel: string[]): string[] => rel.map((r) => path.join(root, r));
const ex = (spec: string): string[] => expandPaths(spec, "textFile", root);

test("a file, relative or absolute", (t) => {
  t.deepEqual(ex("data/a.csv"), abs("data/a.csv"));
  t.deepEqual(ex("./data/../data/a.csv"), abs("data/a.csv"));
  t.deepEqual(expandPaths(path.join(root, "data/b.csv"), "textFile", "/"), abs("data/b.csv"));
  t.deepEqual(ex(`file://${root}/data/a.csv`), abs("data/a.csv"));
  t.deepEqual(ex(`file:${root}/data/a.csv`), abs("data/a.csv"));
});

test("relative paths resolve from process.cwd() by default", (t) => {
  const rel = path.relative(process.cwd(), path.join(root, "data/a.csv"));
  t.deepEqual(expandPaths(rel, "textFile"), abs("data/a.csv"));
});

test("a directory gives its visible regular files, sorted, without subdirectories", (t) => {
  t.deepEqual(ex("data"), abs("data/a.csv", "data/b.csv", "data/c.txt"));
  t.deepEqual(ex("data/"), abs("data/a.csv", "data/b.csv", "data/c.txt"));
  t.deepEqual(ex("odd"), abs("odd/comma,name.txt", "odd/link.csv", "odd/report1.txt", "odd/report[1].txt"));
});

test("a hidden file named explicitly is read", (t) => {
  t.deepEqual(ex("data/.hidden"), abs("data/.hidden"));
  t.deepEqual(ex("data/_SUCCESS"), abs("data/_SUCCESS"));
});

test("globs: *, ?, classes, braces", (t) => {
  t.deepEqual(ex("data/*.csv"), abs("data/a.csv", "data/b.csv"));
  t.deepEqual(ex("data/?.*"), abs("data/a.csv", "data/b.csv", "data/c.txt"));
  t.deepEqual(ex("data/[ac].*"), abs("data/a.csv", "data/c.txt"));
  t.deepEqual(ex("data/[!a].csv"), abs("data/b.csv"));
  t.deepEqual(ex("data/{c,a}.*"), abs("data/a.csv", "data/c.txt"));
  t.deepEqual(ex("{data/a.csv,logs/*/y.log}"), abs("data/a.csv", "logs/2025/y.log"));
  t.deepEqual(ex("d*/sub/*"), abs("data/sub/d.csv"));
  t.deepEqual(ex("data/.h*"), abs("data/.hidden"));
  t.deepEqual(ex("ünï/?.txt"), abs("ünï/😀.txt"));
});

test("a glob matching directories reads the files inside them", (t) => {
  t.deepEqual(ex("logs/*"), abs("logs/2024/x.log", "logs/2025/y.log"));
  t.deepEqual(ex("logs/202[45]"), abs("logs/2024/x.log", "logs/2025/y.log"));
});

test("** matches any depth, skipping hidden directories", (t) => {
  t.deepEqual(ex("data/**/*.csv"), abs("data/a.csv", "data/b.csv", "data/sub/d.csv"));
  t.deepEqual(ex("data/**"), abs("data/a.csv", "data/b.csv", "data/c.txt", "data/sub/d.csv"));
  t.deepEqual(ex("**/*.log"), abs("logs/2024/x.log", "logs/2025/y.log"));
});

test("a name that only looks like a glob still names itself; escapes work", (t) => {
  t.deepEqual(ex("odd/report[1].txt"), abs("odd/report1.txt"), "a glob that matches is a glob");
  t.deepEqual(ex("odd/report\\[1\\].txt"), abs("odd/report[1].txt"));
  t.deepEqual(ex("odd/comma\\,name.txt"), abs("odd/comma,name.txt"));
  fs.writeFileSync(path.join(root, "odd/only[x].md"), "");
  t.deepEqual(ex("odd/only[x].md"), abs("odd/only[x].md"));
});

test("comma lists keep item order, sort within items, drop duplicates, trim spaces", (t) => {
  t.deepEqual(ex("data/b.csv,data/a.csv"), abs("data/b.csv", "data/a.csv"));
  t.deepEqual(ex("logs/*, data/*.csv"), abs("logs/2024/x.log", "logs/2025/y.log", "data/a.csv", "data/b.csv"));
  t.deepEqual(ex("data/a.csv,data/*.csv,data"), abs("data/a.csv", "data/b.csv", "data/c.txt"));
  t.deepEqual(ex("data/{b,a}.csv"), abs("data/a.csv", "data/b.csv"));
  t.deepEqual(ex("odd/link.csv,data/a.csv"), abs("odd/link.csv", "data/a.csv"), "a symlink is its own path");
});

function invalid(t: import("ava").ExecutionContext, spec: string, ...parts: string[]): void {
  const err = t.throws(() => ex(spec), { instanceOf: EngineError });
  t.is((err as EngineError).code, "INVALID_ARGUMENT");
  for (const p of parts) t.true(err!.message.includes(p), `'${err!.message}' should mention '${p}'`);
}

test("no match is INVALID_ARGUMENT naming the operation, the item and the cwd", (t) => {
  invalid(t, "nope.csv", "textFile: no file matches 'nope.csv'", `(resolved from ${root})`, "comma-separated list");
  invalid(t, "data/*.parquet", "no file matches 'data/*.parquet'");
  invalid(t, "data/a.csv,missing/*", "no file matches 'missing/*'");
  invalid(t, "empty", "no file matches 'empty'", "no visible files");
  invalid(t, "only-hidden", "no visible files");
  invalid(t, "data/sub/*.x", "data/sub/*.x");
  const err = t.throws(() => expandPaths("nothing", "wholeTextFiles", root));
  t.true(err!.message.startsWith("wholeTextFiles: no file matches 'nothing'"));
});

test("empty specs, empty items and remote URLs are INVALID_ARGUMENT", (t) => {
  invalid(t, "", "the path is empty");
  invalid(t, "  ", "the path is empty");
  invalid(t, "data/a.csv,", "empty item");
  invalid(t, "hdfs://nn:8020/data", "'hdfs' URL", "local files only");
  invalid(t, "data/[z-a]*", "malformed");
});
