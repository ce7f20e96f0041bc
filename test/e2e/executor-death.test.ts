/**
 * An executor that dies while running a task is reported for what it is. On local-cluster[2], a
 * partition far too big for a task slot's heap (512 MiB with 1 GiB executors) kills its executor:
 * the job fails at once (not after killing every executor) with the cause, the partition and what
 * to do, and the Context goes on with the other executor.
 */
import test from "ava";

import { Context } from "../../api/index.js";
import type { EngineError } from "../../api/index.js";

test("a partition that runs its executor out of memory fails its job naming it; the other executor lives on", async (t) => {
  const sc = await Context.create({ master: "local-cluster[2]", appName: "oom", executorWaitMs: 60_000 });
  try {
    const err = (await t.throwsAsync(sc.range(0, 6e7, 1, 1).glom().count())) as EngineError;
    t.is(err.code, "TASK_FAILED");
    t.is(err.attempts, 1, "not retried on the other executor");
    t.regex(err.message, /^count at executor-death\.test\.ts:\d+: /);
    t.regex(err.message, /partition 0 of stage \d+ was too big for its task slot: executor exec-\d ran out of memory: the JavaScript heap of a task slot is limited to 512 MiB/);
    t.regex(err.message, /more, smaller partitions[\s\S]*executorMemoryBytes/);
    t.is(await sc.range(0, 100, 1, 2).sum(), 4950);
  } finally {
    await sc.stop();
  }
});
