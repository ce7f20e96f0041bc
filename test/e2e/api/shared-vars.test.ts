/** Broadcast variables and accumulators through the public API. */
import test from "ava";
import { EngineError } from "../../../api/index.js";
import path from "node:path";
import { tempDir, useContext } from "../harness.js";

const sc = useContext(test, { maxFailures: 2 });

test("a broadcast value is read on executors through env", async (t) => {
  const b = sc().broadcast([1, 2, 3, 4, 5]);
  t.deepEqual(await sc().parallelize([0, 0]).flatMap(() => b.value, { b }).collect(), [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
  t.deepEqual(b.value, [1, 2, 3, 4, 5]);
  const table = sc().broadcast(new Map([["a", 1]]));
  t.deepEqual(await sc().parallelize(["a", "b"]).map((k) => table.value.get(k) ?? -1, { table }).collect(), [1, -1]);
  b.unpersist();
  t.is(await sc().parallelize([0]).map(() => b.value.length, { b }).first(), 5);
});

test("using a destroyed broadcast fails the job saying so", async (t) => {
  const b = sc().broadcast({ x: 1 });
  const rdd = sc().parallelize([1]).map(() => b.value.x, { b });
  t.deepEqual(await rdd.collect(), [1]);
  b.destroy();
  const err = (await t.throwsAsync(rdd.collect())) as EngineError;
  t.regex(err.message, /destroyed/);
  t.throws(() => b.value, { message: /destroyed/ });
});

test("accumulators add on executors and on the driver; value on the driver", async (t) => {
  const a = sc().accumulator(0);
  await sc().parallelize([1, 2, 3]).foreach((x) => a.add(x), { a });
  t.is(a.value, 6);
  a.add(4);
  t.is(a.value, 10);
  const err = (await t.throwsAsync(sc().parallelize([1]).map(() => a.value, { a }).collect())) as EngineError;
  t.regex(err.message, /only be read on the driver/);
});

test("updates from failed attempts are not counted", async (t) => {
  const a = sc().accumulator(0);
  const marker = path.join(tempDir(), "failed-once");
  await sc().parallelize([1, 2, 3, 4], 2).foreach((x) => {
    a.add(x);
    const fs = require("node:fs");
    if (x === 3 && !fs.existsSync(marker)) {
      fs.writeFileSync(marker, "");
      throw new Error("first attempt fails after adding");
    }
  }, { a, marker });
  t.is(a.value, 10);
});

test("accumulators count once per partition across stages", async (t) => {
  const seen = sc().accumulator(0);
  const counts = await sc().parallelize(["a", "b", "a", "c"], 2)
    .map((w) => {
      seen.add(1);
      return [w, 1] as [string, number];
    }, { seen })
    .reduceByKey((x, y) => x + y)
    .collectAsMap();
  t.is(counts.get("a"), 2);
  t.is(seen.value, 4);
});
