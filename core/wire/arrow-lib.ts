/**
 * apache-arrow, loaded on first use. It takes about 170 ms to load in each thread (most of an
 * executor slot's cold start), and many tasks never touch an Arrow block: one-element tasks and
 * small results use the value codec. The row codec reaches Arrow only through `arrow()`, so a
 * thread pays for loading it when it first encodes or decodes an Arrow block.
 */
import { createRequire } from "node:module";
import type * as Arrow from "apache-arrow";

const load = createRequire(import.meta.url);
let lib: typeof Arrow | undefined;

export function arrow(): typeof Arrow {
  lib ??= load("apache-arrow") as typeof Arrow;
  return lib;
}
