/** Numeric actions (sum, mean, variance, stats, histogram), with PySpark's documented examples. */
import test from "ava";
import { useContext } from "../harness.js";

const sc = useContext(test);

test("sum, mean, variance, stdev and their sample forms", async (t) => {
  t.is(await sc().parallelize([1.0, 2.0, 3.0]).sum(), 6);
  t.is(await sc().parallelize([1, 2, 3]).mean(), 2);
  t.true(Math.abs((await sc().parallelize([1, 2, 3]).variance()) - 2 / 3) < 1e-12);
  t.true(Math.abs((await sc().parallelize([1, 2, 3]).stdev()) - Math.sqrt(2 / 3)) < 1e-12);
  t.is(await sc().parallelize([1, 2, 3]).sampleStdev(), 1);
  t.is(await sc().parallelize([1, 2, 3]).sampleVariance(), 1);
  t.is(await sc().emptyRDD<number>().sum(), 0);
});

test("stats: population stdev, merged across partitions", async (t) => {
  const data = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 100);
  const s = await sc().parallelize(data, 7).stats();
  const mean = data.reduce((a, b) => a + b, 0) / data.length;
  const variance = data.reduce((a, b) => a + (b - mean) ** 2, 0) / data.length;
  t.is(s.count, 1000);
  t.true(Math.abs(s.mean - mean) < 1e-9);
  t.true(Math.abs(s.stdev - Math.sqrt(variance)) < 1e-9);
  t.is(s.max, Math.max(...data));
  t.is(s.min, Math.min(...data));
  t.true(Math.abs(s.sum - mean * 1000) < 1e-6);
  const empty = await sc().emptyRDD<number>().stats();
  t.is(empty.count, 0);
  t.true(Number.isNaN(empty.stdev));
  t.is(empty.max, -Infinity);
  t.is(empty.min, Infinity);
});

test("histogram", async (t) => {
  const rdd = sc().range(51);
  t.deepEqual(await rdd.histogram(2), [[0, 25, 50], [25, 26]]);
  t.deepEqual(await rdd.histogram([0, 5, 25, 50]), [[0, 5, 25, 50], [5, 20, 26]]);
  t.deepEqual(await rdd.histogram([0, 15, 30, 45, 60]), [[0, 15, 30, 45, 60], [15, 15, 15, 6]]);
  t.deepEqual(await sc().parallelize(["ab", "ac", "b", "bd", "ef"]).histogram(["a", "b", "c"]), [["a", "b", "c"], [2, 2]]);
  t.deepEqual(await sc().parallelize([1, 1, 1]).histogram(4), [[1, 1], [3]]);
  t.deepEqual(await sc().parallelize([0, 1, 2, 3, NaN]).histogram(3), [[0, 1, 2, 3], [1, 1, 2]]);
  t.deepEqual(await sc().parallelize([1.5, 2.5]).histogram(2), [[1.5, 2, 2.5], [1, 1]]);
});

test("histogram rejects bad buckets, naming them", async (t) => {
  const rdd = sc().range(10);
  await t.throwsAsync(rdd.histogram([1]), { code: "INVALID_ARGUMENT", message: /at least two/ } as never);
  await t.throwsAsync(rdd.histogram([3, 1, 2]), { code: "INVALID_ARGUMENT", message: /sorted/ } as never);
  await t.throwsAsync(rdd.histogram([1, 1, 2]), { code: "INVALID_ARGUMENT", message: /repeat/ } as never);
  await t.throwsAsync(rdd.histogram([1, NaN]), { code: "INVALID_ARGUMENT", message: /NaN/ } as never);
  await t.throwsAsync(rdd.histogram(0), { code: "INVALID_ARGUMENT" } as never);
  await t.throwsAsync(sc().emptyRDD<number>().histogram(3), { code: "EMPTY_RDD" } as never);
});
