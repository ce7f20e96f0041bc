/** Pair RDD transformations and actions, with PySpark's documented examples as cases. */
import test from "ava";
import { add, sorted, useContext } from "../harness.js";

const sc = useContext(test);
type P = [string, number];

test("mapValues, flatMapValues, keys, values", async (t) => {
  const x = sc().parallelize<[string, string[]]>([["a", ["apple", "banana", "lemon"]], ["b", ["grapes"]]]);
  t.deepEqual(await x.mapValues((v) => v.length).collect(), [["a", 3], ["b", 1]]);
  const y = sc().parallelize<[string, string[]]>([["a", ["x", "y", "z"]], ["b", ["p", "r"]]]);
  t.deepEqual(await y.flatMapValues((v) => v).collect(), [["a", "x"], ["a", "y"], ["a", "z"], ["b", "p"], ["b", "r"]]);
  const m = sc().parallelize<[number, number]>([[1, 2], [3, 4]]);
  t.deepEqual(await m.keys().collect(), [1, 3]);
  t.deepEqual(await m.values().collect(), [2, 4]);
});

test("reduceByKey, foldByKey, groupByKey, countByKey", async (t) => {
  const rdd = sc().parallelize<P>([["a", 1], ["b", 1], ["a", 1]]);
  t.deepEqual(sorted(await rdd.reduceByKey(add).collect()), [["a", 2], ["b", 1]]);
  t.deepEqual(sorted(await rdd.foldByKey(0, add).collect()), [["a", 2], ["b", 1]]);
  t.deepEqual(sorted(await rdd.groupByKey().mapValues((vs) => vs.length).collect()), [["a", 2], ["b", 1]]);
  t.deepEqual(sorted(await rdd.groupByKey().collect()), [["a", [1, 1]], ["b", [1]]]);
  const counts = await rdd.countByKey();
  t.deepEqual([...counts.entries()].sort(), [["a", 2], ["b", 1]]);
  t.is(rdd.reduceByKey(add, 7).getNumPartitions(), 7);
});

test("foldByKey gives every key its own copy of the zero", async (t) => {
  const rdd = sc().parallelize<P>([["a", 1], ["b", 2], ["a", 3]], 2);
  const append = (acc: unknown, v: unknown): never => {
    const list = acc as unknown[];
    if (Array.isArray(v)) list.push(...v);
    else list.push(v);
    return list as never;
  };
  const out = await rdd.foldByKey([] as never, append).collect();
  t.deepEqual(sorted(out.map(([k, vs]) => [k, sorted(vs as unknown as number[])])), [["a", [1, 3]], ["b", [2]]]);
});

test("combineByKey and aggregateByKey", async (t) => {
  const x = sc().parallelize<P>([["a", 1], ["b", 1], ["a", 2]]);
  const out = await x.combineByKey((a) => [a], (acc: number[], b) => (acc.push(b), acc), (a: number[], b: number[]) => a.concat(b)).collect();
  t.deepEqual(sorted(out.map(([k, v]) => [k, sorted(v)])), [["a", [1, 2]], ["b", [1]]]);
  const seqOp = (acc: [number, number], v: number): [number, number] => [acc[0] + v, acc[1] + 1];
  const combOp = (a: [number, number], b: [number, number]): [number, number] => [a[0] + b[0], a[1] + b[1]];
  t.deepEqual(sorted(await x.aggregateByKey([0, 0] as [number, number], seqOp, combOp).collect()), [["a", [3, 2]], ["b", [1, 1]]]);
});

test("aggregateByKey with env and numPartitions", async (t) => {
  const scale = 10;
  const x = sc().parallelize<P>([["a", 1], ["b", 2], ["a", 3]]);
  const out = x.aggregateByKey(0, (acc, v) => acc + v * scale, (a, b) => a + b, 3, { scale });
  t.is(out.getNumPartitions(), 3);
  t.deepEqual(sorted(await out.collect()), [["a", 40], ["b", 20]]);
});

test("joins", async (t) => {
  const x = sc().parallelize<P>([["a", 1], ["b", 4]]);
  const y = sc().parallelize<P>([["a", 2], ["a", 3]]);
  t.deepEqual(sorted(await x.join(y).collect()), [["a", [1, 2]], ["a", [1, 3]]]);
  const y2 = sc().parallelize<P>([["a", 2]]);
  t.deepEqual(sorted(await x.leftOuterJoin(y2).collect()), [["a", [1, 2]], ["b", [4, null]]]);
  t.deepEqual(sorted(await y2.rightOuterJoin(x).collect()), [["a", [2, 1]], ["b", [null, 4]]]);
  const y3 = sc().parallelize<P>([["a", 2], ["c", 8]]);
  t.deepEqual(sorted(await x.fullOuterJoin(y3).collect()), [["a", [1, 2]], ["b", [4, null]], ["c", [null, 8]]]);
  t.is(x.join(y, 5).getNumPartitions(), 5);
});

test("cogroup and subtractByKey", async (t) => {
  const x = sc().parallelize<P>([["a", 1], ["b", 4]]);
  const y = sc().parallelize<P>([["a", 2]]);
  t.deepEqual(sorted(await x.cogroup(y).collect()), [["a", [[1], [2]]], ["b", [[4], []]]]);
  const k = sc().range(0, 3).keyBy((v) => v * v);
  const z = sc().parallelize<[number, number]>([0, 1, 2, 3, 4].map((i) => [i, i]));
  t.deepEqual(sorted(await k.cogroup(z).collect()), [[0, [[0], [0]]], [1, [[1], [1]]], [2, [[], [2]]], [3, [[], [3]]], [4, [[2], [4]]]]);
  const a = sc().parallelize<P>([["a", 1], ["b", 4], ["b", 5], ["a", 2]]);
  const b = sc().parallelize<[string, number | null]>([["a", 3], ["c", null]]);
  t.deepEqual(sorted(await a.subtractByKey(b).collect()), [["b", 4], ["b", 5]]);
});

test("sortByKey", async (t) => {
  const tmp: P[] = [["a", 1], ["b", 2], ["1", 3], ["d", 4], ["2", 5]];
  t.deepEqual(await sc().parallelize(tmp).sortByKey().first(), ["1", 3]);
  const expected = [["1", 3], ["2", 5], ["a", 1], ["b", 2], ["d", 4]];
  t.deepEqual(await sc().parallelize(tmp).sortByKey(true, 1).collect(), expected);
  t.deepEqual(await sc().parallelize(tmp).sortByKey(true, 2).collect(), expected);
  t.deepEqual(await sc().parallelize(tmp).sortByKey(false, 3).collect(), [...expected].reverse());
});

test("partitionBy places integer keys as PySpark does", async (t) => {
  const pairs = sc().parallelize([1, 2, 3, 4, 2, 4, 1]).map((x) => [x, x] as [number, number]);
  const sets = await pairs.partitionBy(2).glom().collect();
  t.deepEqual(sets, [[[2, 2], [4, 4], [2, 2], [4, 4]], [[1, 1], [3, 3], [1, 1]]]);
});

test("keys compare by value: arrays, -0, bigint", async (t) => {
  const rdd = sc().parallelize<[unknown, number]>([[[1, "a"], 1], [[1, "a"], 2], [-0, 1], [0, 1], [5n, 1], [5n, 2]], 3);
  const out = await rdd.reduceByKey(add).collect();
  t.deepEqual(sorted(out.map(([k, v]) => [String(k), v])), [["0", 2], ["1,a", 3], ["5", 3]]);
});

test("collectAsMap and lookup", async (t) => {
  const m = await sc().parallelize<[number, number]>([[1, 2], [3, 4]]).collectAsMap();
  t.is(m.get(1), 2);
  t.is(m.get(3), 4);
  const l = Array.from({ length: 1000 }, (_, i) => [i, i] as [number, number]);
  const rdd = sc().parallelize(l, 10);
  t.deepEqual(await rdd.lookup(42), [42]);
  const sortedRdd = rdd.sortByKey();
  t.deepEqual(await sortedRdd.lookup(42), [42]);
  t.deepEqual(await sortedRdd.lookup(1024), []);
  const grouped = sc().parallelize<[[string, string], string]>([[["a", "b"], "c"]]).groupByKey();
  t.deepEqual(await grouped.lookup(["a", "b"]), [["c"]]);
  const hashed = sc().parallelize<[string, number]>([["x", 1], ["y", 2], ["x", 3]]).partitionBy(4);
  t.deepEqual(sorted(await hashed.lookup("x")), [1, 3]);
});

test("countByValue", async (t) => {
  const counts = await sc().parallelize([1, 2, 1, 2, 2], 2).countByValue();
  t.deepEqual([...counts.entries()].sort(), [[1, 2], [2, 3]]);
});

test("keys that are NaN, -0, bigint or deeply nested group by value", async (t) => {
  let deep: unknown = "leaf";
  for (let i = 0; i < 300; i++) deep = [deep];
  const copy = JSON.parse(JSON.stringify(deep)) as unknown;
  const rdd = sc().parallelize<[unknown, number]>([[NaN, 1], [NaN, 2], [-0, 1], [0, 1], [2n ** 80n, 1], [2n ** 80n, 1], [deep, 1], [copy, 2]], 4);
  const out = await rdd.reduceByKey((a, b) => a + b).collect();
  t.is(out.length, 4);
  const byKind = new Map(out.map(([k, v]) => [typeof k === "number" ? (Number.isNaN(k) ? "nan" : "zero") : typeof k, v]));
  t.deepEqual([...byKind.entries()].sort(), [["bigint", 2], ["nan", 3], ["object", 3], ["zero", 2]]);
});

const shuffles = (debug: string): number => debug.split("\n").filter((l) => l.includes("+-(")).length;

test("an RDD knows its partitioner: a shuffle sets it, mapValues, filter and flatMapValues keep it, map drops it; toDebugString shows it", (t) => {
  const reduced = sc().parallelize<P>([["a", 1], ["b", 2], ["a", 3]], 2).reduceByKey(add, 3);
  t.deepEqual(reduced.partitioner, { kind: "hash", numPartitions: 3 });
  t.deepEqual(reduced.mapValues((v) => v * 2).partitioner, { kind: "hash", numPartitions: 3 });
  t.deepEqual(reduced.filter(([, v]) => v > 1).partitioner, { kind: "hash", numPartitions: 3 });
  t.deepEqual(reduced.flatMapValues((v) => [v]).partitioner, { kind: "hash", numPartitions: 3 });
  t.is(reduced.map((kv) => kv).partitioner, undefined);
  t.is(reduced.keys().partitioner, undefined);
  t.is(sc().parallelize([1, 2]).partitioner, undefined);
  t.regex(reduced.toDebugString().split("\n")[0]!, /^\(3\) ShuffledRDD\[\d+\] at reduceByKey \[\] HashPartitioner\(3\)$/);
});

test("a join or cogroup of RDDs partitioned alike adds no shuffle, and gives what a shuffled join gives", async (t) => {
  const left = sc().parallelize(Array.from({ length: 60 }, (_, i) => [i % 7, i] as [number, number]), 4).reduceByKey(add, 4);
  const right = sc().parallelize(Array.from({ length: 40 }, (_, i) => [i % 5, 1] as [number, number]), 3).reduceByKey(add, 4);
  const joined = left.join(right);
  t.is(shuffles(joined.toDebugString()), 2, "only the two reduceByKey shuffles");
  t.deepEqual(joined.partitioner, { kind: "hash", numPartitions: 4 });
  const plain = (rdd: typeof left) => rdd.map((kv) => kv);
  const reference = plain(left).join(plain(right));
  t.is(shuffles(reference.toDebugString()), 3, "without partitioners the join shuffles");
  t.deepEqual(sorted(await joined.collect()), sorted(await reference.collect()));
  const grouped = left.cogroup(right);
  t.is(shuffles(grouped.toDebugString()), 2);
  t.deepEqual(sorted(await grouped.collect()), sorted(await plain(left).cogroup(plain(right)).collect()));
  t.deepEqual(sorted(await left.fullOuterJoin(right).collect()), sorted(await plain(left).fullOuterJoin(plain(right)).collect()));
  const oneSide = left.join(plain(right));
  t.is(shuffles(oneSide.toDebugString()), 3, "the partitioned side is not shuffled again");
  t.deepEqual(sorted(await oneSide.collect()), sorted(await reference.collect()));
});

test("union keeps a common partitioner (partition p of each); partitionBy and reduceByKey on a partitioned RDD add no shuffle", async (t) => {
  const a = sc().parallelize<P>([["a", 1], ["b", 2]], 2).partitionBy(3);
  const b = sc().parallelize<P>([["a", 10], ["c", 5]], 2).partitionBy(3);
  const u = a.union(b);
  t.is(u.getNumPartitions(), 3);
  t.deepEqual(u.partitioner, { kind: "hash", numPartitions: 3 });
  t.deepEqual(sorted(await u.reduceByKey(add).collect()), [["a", 11], ["b", 2], ["c", 5]]);
  t.is(shuffles(u.reduceByKey(add).toDebugString()), 2);
  t.is(a.partitionBy(3), a);
  t.is(shuffles(a.partitionBy(2).toDebugString()), 2, "another partition count shuffles again");
  t.is(sc().parallelize([1, 2], 2).union(sc().parallelize([3], 1)).getNumPartitions(), 3, "without partitioners a union keeps every partition");
  t.deepEqual(await a.lookup("a"), [1]);
});
