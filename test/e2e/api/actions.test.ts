/** Actions through the public API, with PySpark's documented examples as cases. */
import test from "ava";
import { add, useContext } from "../harness.js";

const sc = useContext(test);

test("collect keeps partition order; count", async (t) => {
  t.deepEqual(await sc().parallelize([5, 4, 3, 2, 1], 3).collect(), [5, 4, 3, 2, 1]);
  t.is(await sc().parallelize([2, 3, 4]).count(), 3);
  t.is(await sc().emptyRDD().count(), 0);
  t.deepEqual(await sc().emptyRDD().collect(), []);
});

test("take, first, isEmpty", async (t) => {
  t.deepEqual(await sc().parallelize([2, 3, 4, 5, 6]).cache().take(2), [2, 3]);
  t.deepEqual(await sc().parallelize([2, 3, 4, 5, 6]).take(10), [2, 3, 4, 5, 6]);
  t.deepEqual(await sc().range(0, 100, 1, 100).filter((x) => x > 90).take(3), [91, 92, 93]);
  t.deepEqual(await sc().parallelize([1, 2]).take(0), []);
  t.is(await sc().parallelize([2, 3, 4]).first(), 2);
  await t.throwsAsync(sc().parallelize([]).first(), { code: "EMPTY_RDD" } as never);
  t.true(await sc().parallelize([]).isEmpty());
  t.false(await sc().parallelize([1]).isEmpty());
  t.true(await sc().emptyRDD().isEmpty());
});

test("reduce, treeReduce", async (t) => {
  t.is(await sc().parallelize([1, 2, 3, 4, 5]).reduce(add), 15);
  t.is(await sc().parallelize(Array(10).fill(2)).map(() => 1).cache().reduce(add), 10);
  await t.throwsAsync(sc().parallelize([] as number[]).reduce(add), { code: "EMPTY_RDD" } as never);
  const rdd = sc().parallelize([-5, -4, -3, -2, -1, 1, 2, 3, 4], 10);
  for (const depth of [1, 2, 5, 10]) t.is(await rdd.treeReduce(add, depth), -5);
  t.is(await rdd.treeReduce(add), -5);
  await t.throwsAsync(sc().parallelize([] as number[], 3).treeReduce(add), { code: "EMPTY_RDD" } as never);
  await t.throwsAsync(async () => rdd.treeReduce(add, 0), { code: "INVALID_ARGUMENT" } as never);
});

test("fold, aggregate, treeAggregate", async (t) => {
  t.is(await sc().parallelize([1, 2, 3, 4, 5]).fold(0, add), 15);
  const seqOp = (x: [number, number], y: number): [number, number] => [x[0] + y, x[1] + 1];
  const combOp = (x: [number, number], y: [number, number]): [number, number] => [x[0] + y[0], x[1] + y[1]];
  t.deepEqual(await sc().parallelize([1, 2, 3, 4]).aggregate([0, 0] as [number, number], seqOp, combOp), [10, 4]);
  t.deepEqual(await sc().parallelize([] as number[]).aggregate([0, 0] as [number, number], seqOp, combOp), [0, 0]);
  const rdd = sc().parallelize([-5, -4, -3, -2, -1, 1, 2, 3, 4], 10);
  t.is(await rdd.treeAggregate(0, add, add), -5);
  for (const depth of [1, 2, 5, 10]) t.is(await rdd.treeAggregate(0, add, add, depth), -5);
  const wide = sc().range(0, 1000, 1, 64);
  t.is(await wide.treeAggregate(0, add, add, 3), 499500);
  t.deepEqual(await wide.treeAggregate([0, 0] as [number, number], seqOp, combOp), [499500, 1000]);
});

test("max, min, top, takeOrdered", async (t) => {
  const rdd = sc().parallelize([2.0, 5.0, 43.0, 10.0]);
  t.is(await rdd.max(), 43);
  t.is(await rdd.max(String), 5);
  t.is(await rdd.min(), 2);
  t.is(await rdd.min(String), 10);
  t.deepEqual(await sc().parallelize([10, 4, 2, 12, 3]).top(1), [12]);
  t.deepEqual(await sc().parallelize([2, 3, 4, 5, 6], 2).top(2), [6, 5]);
  t.deepEqual(await sc().parallelize([10, 4, 2, 12, 3]).top(3, String), [4, 3, 2]);
  t.deepEqual(await sc().parallelize([10, 1, 2, 9, 3, 4, 5, 6, 7]).takeOrdered(6), [1, 2, 3, 4, 5, 6]);
  t.deepEqual(await sc().parallelize([10, 1, 2, 9, 3, 4, 5, 6, 7], 2).takeOrdered(6, (x) => -x), [10, 9, 7, 6, 5, 4]);
  await t.throwsAsync(sc().emptyRDD<number>().max(), { code: "EMPTY_RDD" } as never);
});

test("ordering across types: null < boolean < number < bigint < string < array", async (t) => {
  const mixed = ["b", [1], 3n, 2, true, null, "a", [0, 5], -1];
  t.deepEqual(await sc().parallelize(mixed, 3).sortBy((x) => x).collect(), [null, true, -1, 2, 3n, "a", "b", [0, 5], [1]]);
  t.deepEqual(await sc().parallelize(["b", "B", "a", "é"]).takeOrdered(4), ["B", "a", "b", "é"]);
});

test("takeSample", async (t) => {
  const rdd = sc().range(0, 10);
  t.is((await rdd.takeSample(true, 20, 1)).length, 20);
  t.is((await rdd.takeSample(false, 5, 2)).length, 5);
  const all = await rdd.takeSample(false, 15, 3);
  t.deepEqual([...all].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  t.deepEqual(await rdd.takeSample(false, 5, 9), await rdd.takeSample(false, 5, 9));
  t.is(new Set(await rdd.takeSample(false, 8, 4)).size, 8);
  t.deepEqual(await rdd.takeSample(false, 0), []);
});

test("foreach and foreachPartition run on every element", async (t) => {
  const acc = sc().accumulator(0);
  await sc().parallelize([1, 2, 3, 4]).foreach((x) => acc.add(x), { acc });
  t.is(acc.value, 10);
  const parts = sc().accumulator(0);
  await sc().parallelize([1, 2, 3, 4], 3).foreachPartition((it) => {
    for (const _ of it) parts.add(1);
  }, { parts });
  t.is(parts.value, 4);
});

test("toLocalIterator returns an async iterator at once, one partition at a time", async (t) => {
  const it = sc().range(0, 10, 1, 3).toLocalIterator();
  t.is(typeof it[Symbol.asyncIterator], "function");
  const out: number[] = [];
  for await (const x of it) out.push(x);
  t.deepEqual(out, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});
