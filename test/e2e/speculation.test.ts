/**
 * Speculative execution: off by default; with `speculation: true` a straggler gets a copy started
 * on another slot, the first copy to finish wins, and results and accumulators see exactly one
 * success per partition. The straggler here is the first attempt of one partition, which waits
 * (up to a minute) while its copy returns at once.
 */
import test from "ava";
import { existsSync } from "node:fs";
import path from "node:path";
import { Context } from "../../api/index.js";
import { tempDir } from "./harness.js";

test("a straggler's copy wins; results and accumulators count one success per partition", async (t) => {
  const dir = tempDir();
  const sc = await Context.create({ master: "local[3]", speculation: true });
  try {
    const seen = sc.accumulator(0);
    const out = await sc
      .parallelize([0, 1, 2, 3, 4, 5, 6, 7], 8)
      .map(async (x: number) => {
        const fs = require("node:fs");
        const pathMod = require("node:path");
        seen.add(1);
        if (x === 7) {
          const started = pathMod.join(dir, "first-attempt-started");
          if (!fs.existsSync(started)) {
            fs.writeFileSync(started, "");
            for (let i = 0; i < 600 && !fs.existsSync(pathMod.join(dir, "never")); i++) await new Promise((r) => setTimeout(r, 100));
            fs.writeFileSync(pathMod.join(dir, "first-attempt-finished"), "");
          } else {
            fs.writeFileSync(pathMod.join(dir, "copy-ran"), "");
          }
        }
        return x * 10;
      }, { dir, seen })
      .collect();
    t.deepEqual(out, [0, 10, 20, 30, 40, 50, 60, 70]);
    t.true(existsSync(path.join(dir, "copy-ran")), "the copy of the straggler ran");
    t.false(existsSync(path.join(dir, "first-attempt-finished")), "the job waited for the straggler");
    t.is(seen.value, 8);
  } finally {
    await sc.stop();
  }
});

test("speculation is off by default: a slow task is not copied", async (t) => {
  const dir = tempDir();
  const sc = await Context.create({ master: "local[3]" });
  try {
    const out = await sc
      .parallelize([0, 1, 2, 3], 4)
      .map(async (x: number) => {
        const fs = require("node:fs");
        const file = require("node:path").join(dir, `attempt-${x}-${Date.now()}-${Math.random()}`);
        fs.writeFileSync(file, "");
        if (x === 3) await new Promise((r) => setTimeout(r, 1500));
        return x;
      }, { dir })
      .collect();
    t.deepEqual(out, [0, 1, 2, 3]);
    const { readdirSync } = await import("node:fs");
    t.is(readdirSync(dir).filter((f) => f.startsWith("attempt-3-")).length, 1);
  } finally {
    await sc.stop();
  }
});
