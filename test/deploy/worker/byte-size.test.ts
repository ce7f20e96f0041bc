/** `spate worker --memory` sizes. */
import test from "ava";
import type { EngineError } from "../../../core/engine-error.js";
import { defaultWorkerMemory, parseByteSize } from "../../../deploy/worker/byte-size.js";

test("sizes with k, m, g, t (1024-based), optional b / ib, any case, or plain bytes", (t) => {
  t.is(parseByteSize("4g"), 4 * 2 ** 30);
  t.is(parseByteSize("512m"), 512 * 2 ** 20);
  t.is(parseByteSize("512M"), 512 * 2 ** 20);
  t.is(parseByteSize("1.5G"), 1.5 * 2 ** 30);
  t.is(parseByteSize("4GiB"), 4 * 2 ** 30);
  t.is(parseByteSize("2048kb"), 2 * 2 ** 20);
  t.is(parseByteSize("1t"), 2 ** 40);
  t.is(parseByteSize("1000"), 1000);
});

test("anything else is INVALID_ARGUMENT naming the text and the forms", (t) => {
  for (const bad of ["", "g", "4x", "-1g", "0", "four"]) {
    const err = t.throws(() => parseByteSize(bad)) as EngineError;
    t.is(err.code, "INVALID_ARGUMENT");
    t.true(err.message.includes(`'${bad}'`));
    t.regex(err.message, /512m or 4g/);
  }
});

test("the default is the machine's memory minus 1 GiB, at least 512 MiB", (t) => {
  t.is(defaultWorkerMemory(16 * 2 ** 30), 15 * 2 ** 30);
  t.is(defaultWorkerMemory(2 ** 30), 512 * 2 ** 20);
});
