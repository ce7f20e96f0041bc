/** RDD transformations through the public API, with PySpark's documented examples as cases. */
import test from "ava";
import { sorted, useContext } from "../harness.js";

const sc = useContext(test);

test("parallelize slices as Spark does", async (t) => {
  t.deepEqual(await sc().parallelize([0, 2, 3, 4, 6], 5).glom().collect(), [[0], [2], [3], [4], [6]]);
  t.deepEqual(await sc().parallelize([0, 2, 4], 5).glom().collect(), [[], [0], [], [2], [4]]);
  t.deepEqual(await sc().parallelize([1, 2, 3, 4, 5], 3).glom().collect(), [[1], [2, 3], [4, 5]]);
  t.is(sc().parallelize([1, 2, 3, 4], 2).getNumPartitions(), 2);
  t.is(sc().parallelize([1, 2, 3]).getNumPartitions(), sc().defaultParallelism);
});

test("parallelize takes any iterable", async (t) => {
  t.deepEqual(await sc().parallelize(new Set([3, 1, 3])).collect(), [3, 1]);
  function* gen() {
    yield "a";
    yield "b";
  }
  t.deepEqual(await sc().parallelize(gen(), 1).collect(), ["a", "b"]);
});

test("range as Python's range", async (t) => {
  t.deepEqual(await sc().range(5).collect(), [0, 1, 2, 3, 4]);
  t.deepEqual(await sc().range(2, 4).collect(), [2, 3]);
  t.deepEqual(await sc().range(1, 7, 2).collect(), [1, 3, 5]);
  t.deepEqual(await sc().range(-1, -10, -3).collect(), [-1, -4, -7]);
  t.deepEqual(await sc().range(5, 5).collect(), []);
  t.deepEqual(await sc().range(0, 10, 1, 3).glom().collect(), [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]);
});

test("map, filter, flatMap", async (t) => {
  t.deepEqual(sorted(await sc().parallelize(["b", "a", "c"]).map((x) => [x, 1]).collect()), [["a", 1], ["b", 1], ["c", 1]]);
  t.deepEqual(await sc().parallelize([1, 2, 3, 4, 5]).filter((x) => x % 2 === 0).collect(), [2, 4]);
  t.deepEqual(
    sorted(await sc().parallelize([2, 3, 4]).flatMap((x) => Array.from({ length: x - 1 }, (_, i) => i + 1)).collect()),
    [1, 1, 1, 2, 2, 3],
  );
  t.deepEqual(
    await sc().parallelize([2, 3, 4]).flatMap((x) => [[x, x], [x, x]]).collect(),
    [[2, 2], [2, 2], [3, 3], [3, 3], [4, 4], [4, 4]],
  );
});

test("flatMap accepts generators and strings", async (t) => {
  t.deepEqual(
    await sc().parallelize([2, 3], 1).flatMap(function* (x) {
      for (let i = 0; i < x; i++) yield x;
    }).collect(),
    [2, 2, 3, 3, 3],
  );
  t.deepEqual(await sc().parallelize(["ab"], 1).flatMap((s) => s).collect(), ["a", "b"]);
});

test("mapPartitions and mapPartitionsWithIndex", async (t) => {
  const rdd = sc().parallelize([1, 2, 3, 4], 2);
  t.deepEqual(
    await rdd.mapPartitions(function* (it) {
      let s = 0;
      for (const x of it) s += x;
      yield s;
    }).collect(),
    [3, 7],
  );
  t.is(await sc().parallelize([1, 2, 3, 4], 4).mapPartitionsWithIndex((i, it) => [i]).sum(), 6);
  t.deepEqual(await rdd.mapPartitions((it) => [...it].map((x) => x * 10), true).collect(), [10, 20, 30, 40]);
});

test("glom, keyBy, distinct", async (t) => {
  t.deepEqual(sorted(await sc().parallelize([1, 2, 3, 4], 2).glom().collect()), [[1, 2], [3, 4]]);
  t.deepEqual(await sc().parallelize([0, 1, 2], 1).keyBy((x) => x * x).collect(), [[0, 0], [1, 1], [4, 2]]);
  t.deepEqual(sorted(await sc().parallelize([1, 1, 2, 3]).distinct().collect()), [1, 2, 3]);
  t.deepEqual(sorted(await sc().parallelize([[1, 2], [1, 2], [2, 1]]).distinct().collect()), [[1, 2], [2, 1]]);
  t.is(sc().parallelize([1, 2], 2).distinct(5).getNumPartitions(), 5);
});

test("union, intersection, subtract, cartesian", async (t) => {
  const rdd = sc().parallelize([1, 1, 2, 3]);
  t.deepEqual(await rdd.union(rdd).collect(), [1, 1, 2, 3, 1, 1, 2, 3]);
  const a = sc().parallelize([1, 10, 2, 3, 4, 5]);
  const b = sc().parallelize([1, 6, 2, 3, 7, 8]);
  t.deepEqual(sorted(await a.intersection(b).collect()), [1, 2, 3]);
  const x = sc().parallelize<[string, number | null]>([["a", 1], ["b", 4], ["b", 5], ["a", 3]]);
  const y = sc().parallelize<[string, number | null]>([["a", 3], ["c", null]]);
  t.deepEqual(sorted(await x.subtract(y).collect()), [["a", 1], ["b", 4], ["b", 5]]);
  const r = sc().parallelize([1, 2]);
  t.deepEqual(sorted(await r.cartesian(r).collect()), [[1, 1], [1, 2], [2, 1], [2, 2]]);
  t.is(r.cartesian(sc().parallelize([1, 2, 3], 3)).getNumPartitions(), r.getNumPartitions() * 3);
});

test("zip, zipWithIndex, zipWithUniqueId", async (t) => {
  const x = sc().parallelize([0, 1, 2, 3, 4]);
  const y = sc().range(1000, 1005);
  t.deepEqual(await x.zip(y).collect(), [[0, 1000], [1, 1001], [2, 1002], [3, 1003], [4, 1004]]);
  t.deepEqual(await sc().parallelize(["a", "b", "c", "d"], 3).zipWithIndex().collect(), [["a", 0], ["b", 1], ["c", 2], ["d", 3]]);
  t.deepEqual(await sc().parallelize(["a", "b", "c", "d", "e"], 3).zipWithUniqueId().collect(), [["a", 0], ["b", 1], ["c", 4], ["d", 2], ["e", 5]]);
  await t.throwsAsync(sc().parallelize([1, 2, 3], 2).zip(sc().parallelize([1, 2], 2)).collect(), { message: /same number of elements/ });
  t.throws(() => sc().parallelize([1, 2], 2).zip(sc().parallelize([1, 2], 1)), { code: "INVALID_ARGUMENT" } as never);
});

test("groupBy, sortBy", async (t) => {
  const result = await sc().parallelize([1, 1, 2, 3, 5, 8]).groupBy((x) => x % 2).collect();
  t.deepEqual(sorted(result.map(([k, vs]) => [k, sorted(vs)])), [[0, [2, 8]], [1, [1, 1, 3, 5]]]);
  const tmp: Array<[string, number]> = [["a", 1], ["b", 2], ["1", 3], ["d", 4], ["2", 5]];
  t.deepEqual(await sc().parallelize(tmp).sortBy((x) => x[0]).collect(), [["1", 3], ["2", 5], ["a", 1], ["b", 2], ["d", 4]]);
  t.deepEqual(await sc().parallelize(tmp).sortBy((x) => x[1]).collect(), [["a", 1], ["b", 2], ["1", 3], ["d", 4], ["2", 5]]);
  t.deepEqual(await sc().parallelize(tmp, 3).sortBy((x) => x[1], false, 2).collect(), [["2", 5], ["d", 4], ["1", 3], ["b", 2], ["a", 1]]);
});

test("sortBy sorts large inputs across partitions", async (t) => {
  const data = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
  const out = await sc().parallelize(data, 7).sortBy((x) => x, true, 4).collect();
  t.deepEqual(out, [...data].sort((a, b) => a - b));
  const desc = await sc().parallelize(data, 7).sortBy((x) => x, false, 3).collect();
  t.deepEqual(desc, [...data].sort((a, b) => b - a));
});

test("repartition and coalesce", async (t) => {
  const rdd = sc().parallelize([1, 2, 3, 4, 5, 6, 7], 4);
  t.deepEqual(sorted(await rdd.glom().collect()), [[1], [2, 3], [4, 5], [6, 7]]);
  t.is((await rdd.repartition(2).glom().collect()).length, 2);
  t.is((await rdd.repartition(10).glom().collect()).length, 10);
  t.deepEqual(sorted(await rdd.repartition(3).collect()), [1, 2, 3, 4, 5, 6, 7]);
  t.deepEqual(await sc().parallelize([1, 2, 3, 4, 5], 3).coalesce(1).glom().collect(), [[1, 2, 3, 4, 5]]);
  t.is(sc().parallelize([1, 2, 3], 3).coalesce(10).getNumPartitions(), 3);
  t.is(sc().parallelize([1, 2, 3], 3).coalesce(10, true).getNumPartitions(), 10);
});

test("sample is seeded and roughly the fraction", async (t) => {
  const rdd = sc().parallelize(Array.from({ length: 100 }, (_, i) => i), 4);
  const n = await rdd.sample(false, 0.1, 81).count();
  t.true(n >= 2 && n <= 25, `count ${n}`);
  t.deepEqual(await rdd.sample(false, 0.5, 7).collect(), await rdd.sample(false, 0.5, 7).collect());
  const big = await sc().range(0, 10000, 1, 4).sample(true, 2, 3).count();
  t.true(big > 18000 && big < 22000, `count ${big}`);
  t.throws(() => rdd.sample(false, 1.5), { message: /\[0, 1\]/ });
});

test("setName, id, cache and toDebugString", async (t) => {
  const rdd = sc().parallelize([1, 2]).setName("RDD1");
  t.is(rdd.name, "RDD1");
  t.not(rdd.id, sc().parallelize([1]).id);
  const counts = sc().parallelize(["a", "b", "a"], 2).map((w) => [w, 1] as [string, number]).reduceByKey((a, b) => a + b);
  const text = counts.toDebugString();
  t.regex(text, /^\(2\) ShuffledRDD\[\d+\] at reduceByKey/);
  t.regex(text, /\n \+-\(2\) MapPartitionsRDD\[\d+\] at map/);
  t.regex(text, /\n    \|  ParallelCollectionRDD\[\d+\] at parallelize/);
  const cached = sc().parallelize([1, 2, 3]).map((x) => x * 2).cache();
  t.deepEqual(await cached.collect(), [2, 4, 6]);
  t.deepEqual(await cached.collect(), [2, 4, 6]);
  t.regex(cached.toDebugString(), /Memory/);
  t.is(cached.unpersist(), cached);
});
