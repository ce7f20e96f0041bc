/**
 * Actions of pair RDDs and counting: countByKey, countByValue, collectAsMap and lookup. Keys
 * compare by value (KeyMap); the Maps returned keep the first key object seen for each key.
 */
import { hashPartition } from "../../keys/portable-hash.js";
import { KeyMap } from "../../keys/key-identity.js";
import { RDD } from "../rdd.js";
import { runRows } from "./actions.js";
import { elementOp } from "./transformations.js";

declare module "../rdd.js" {
  interface RDD<T> {
    countByKey<K, V>(this: RDD<[K, V]>): Promise<Map<K, number>>;
    countByValue(): Promise<Map<T, number>>;
    collectAsMap<K, V>(this: RDD<[K, V]>): Promise<Map<K, V>>;
    lookup<K, V>(this: RDD<[K, V]>, key: K): Promise<V[]>;
  }
}

const proto = RDD.prototype as unknown as Record<string, (this: RDD<unknown>, ...args: unknown[]) => unknown>;

function toMap(pairs: unknown[]): Map<unknown, unknown> {
  const byValue = new KeyMap<unknown>();
  for (const pair of pairs) {
    const [k, v] = pair as [unknown, unknown];
    byValue.set(k, v);
  }
  return new Map(byValue.entries());
}

proto.countByValue = async function () {
  const ones = elementOp<[unknown, number]>(this, "map", [(x: unknown) => [x, 1]]);
  const counts = (ones as RDD<[unknown, number]>).reduceByKey((a: number, b: number) => a + b);
  return toMap(await counts.collect());
};

proto.countByKey = function () {
  return (this as RDD<[unknown, unknown]>).keys().countByValue();
};

proto.collectAsMap = async function () {
  return toMap((await this.collect()) as unknown[]);
};

proto.lookup = async function (key: unknown) {
  const matching = elementOp(this, "filter", [
    (kv: [unknown, unknown]) => {
      const same = (a: unknown, b: unknown): boolean => {
        if (Object.is(a, b) || a === b) return true;
        if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
        return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
      };
      return same(kv[0], key);
    },
    { key },
  ]);
  const values = elementOp(matching, "map", [(kv: [unknown, unknown]) => kv[1]]);
  // a hash-partitioned RDD holds the key in one partition only: read just that one (as Spark)
  if (this.partitioner?.kind === "hash" && this.numPartitions > 0) {
    return runRows(values, { kind: "collect" }, [hashPartition(key, this.numPartitions)]);
  }
  return runRows(values, { kind: "collect" });
};
