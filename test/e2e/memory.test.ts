/**
 * A partition larger than an executor's memory: its task fails with an error naming the
 * partition (the slot thread's heap is bounded), the executor process lives on, and the next job
 * runs. Shuffle blocks past half the executor's memory spill to disk instead (block-store tests).
 */
import test from "ava";
import { Context, EngineError } from "../../api/index.js";

test("a partition too big for an executor's memory fails its job with the partition named; the executor survives", async (t) => {
  const sc = await Context.create({ master: "local-cluster[1]", executorMemoryBytes: 256 * 1024 * 1024, maxFailures: 2 });
  try {
    const err = (await t.throwsAsync(
      sc.parallelize([0, 1], 2).map((x: number) => {
        if (x !== 1) return 0;
        const hog: string[][] = [];
        for (let i = 0; i < 1e9; i++) hog.push(new Array(1000).fill(`${i}`));
        return hog.length;
      }).collect(),
    )) as EngineError;
    t.is(err.code, "TASK_FAILED");
    t.is(err.partition, 1);
    t.regex(err.message, /memory|heap/i);
    t.deepEqual(await sc.parallelize([1, 2, 3], 3).map((x) => x * 2).collect(), [2, 4, 6]);
  } finally {
    await sc.stop();
  }
});
