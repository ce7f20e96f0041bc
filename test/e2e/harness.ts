/**
 * Shared set-up of the end-to-end tests: one Context per test file on the master under test
 * (SPATE_TEST_MASTER, default local[2]), stopped after the file's tests, and small helpers.
 */
import type { TestFn } from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Context } from "../../api/index.js";

export const MASTER = process.env.SPATE_TEST_MASTER ?? "local[2]";

export interface Ctx {
  sc: Context;
  dir: string;
}

/** Starts a Context before the file's tests and stops it after; returns a getter for it. */
export function useContext(test: TestFn<unknown>, options: { maxFailures?: number } = {}): () => Context {
  let sc: Context | undefined;
  let dir: string | undefined;
  test.before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "spate-e2e-"));
    sc = await Context.create({ master: MASTER, appName: "e2e", baseDir: dir, ...options });
  });
  test.after.always(async () => {
    await sc?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => sc!;
}

const made: string[] = [];
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new temp dir, removed when the test process exits. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "spate-e2e-"));
  made.push(dir);
  return dir;
}

/** Sorts like Python's sorted() for the values tests use (numbers, strings, tuples as arrays). */
export function sorted<T>(xs: readonly T[]): T[] {
  const cmp = (a: unknown, b: unknown): number => {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const c = cmp(a[i], b[i]);
        if (c !== 0) return c;
      }
      return a.length - b.length;
    }
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  };
  return [...xs].sort(cmp);
}

export const add = (a: number, b: number): number => a + b;
