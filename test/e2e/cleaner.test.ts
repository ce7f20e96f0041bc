/**
 * The cleaner (driver/context-cleaner.ts) in a long session, as the REPL pattern makes one: 200
 * jobs with shuffles in one Context, each RDD dropped after its job. Once the garbage collector
 * has run, the executors' shuffle blocks, the scheduler's stages and the driver's records stay
 * bounded; unpersist() frees cached blocks at once; dropped cached RDDs, broadcasts and
 * accumulators go too, but a broadcast that a live RDD's function captured stays.
 */
import test from "ava";
import v8 from "node:v8";
import vm from "node:vm";
import { Context } from "../../api/index.js";
import type { EngineState } from "../../driver/context.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** Runs the garbage collector until `probe` holds (executors report with heartbeats, every 2 s). */
async function afterGc(what: string, sc: Context, probe: (s: EngineState) => boolean, timeoutMs = 20_000, minRounds = 1): Promise<EngineState> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 1; ; round++) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
    const state = sc.engineState();
    if (round >= minRounds && probe(state)) return state;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(state)}`);
  }
}

const total = (s: EngineState, key: "shuffles" | "shuffleBlocks" | "cachedPartitions"): number => Object.values(s.executors).reduce((n, b) => n + b[key], 0);

for (const master of ["local[2]", "local-cluster[2]"]) {
  test.serial(`${master}: 200 jobs with shuffles leave bounded state on the driver and the executors`, async (t) => {
    const sc = await Context.create({ master, appName: "cleaner" });
    try {
      for (let i = 0; i < 200; i++) {
        const counts = await sc.parallelize([...Array(40).keys()], 4).map((x) => [x % 5, 1] as [number, number]).reduceByKey((a, b) => a + b, 2).collect();
        if (counts.length !== 5) t.fail(`job ${i}: ${JSON.stringify(counts)}`);
      }
      const busy = sc.engineState();
      t.log(`before the collector ran: ${JSON.stringify(busy)}`);
      const state = await afterGc("the shuffles to be cleaned", sc, (s) => s.trackedShuffles <= 10 && s.scheduler.shuffles <= 10 && total(s, "shuffles") <= 10 && Object.keys(s.executors).length > 0);
      t.log(`after: ${JSON.stringify(state)}`);
      t.true(state.scheduler.stages <= 10, "the scheduler's stages");
      t.true(state.scheduler.keys <= 40, "its per-partition bookkeeping");
      t.is(state.jobs, 0);
      t.is(state.plans, 0, "no plan outlives its job");
      t.true(total(state, "shuffleBlocks") <= 40, "blocks on the executors");
    } finally {
      await sc.stop();
    }
  });

  test.serial(`${master}: unpersist frees cached blocks at once; dropped cached RDDs, broadcasts and accumulators are cleaned, captured broadcasts are kept`, async (t) => {
    const sc = await Context.create({ master, appName: "cleaner-cache" });
    try {
      const kept = sc.parallelize([1, 2, 3, 4], 2).cache();
      t.is(await kept.count(), 4);
      await afterGc("cached partitions to be reported", sc, (s) => total(s, "cachedPartitions") === 2);
      kept.unpersist();
      await afterGc("unpersisted partitions to go", sc, (s) => total(s, "cachedPartitions") === 0);

      await (async () => {
        const dropped = sc.parallelize([1, 2, 3], 3).cache();
        t.is(await dropped.count(), 3);
      })();
      await afterGc("a dropped cached RDD's partitions to go", sc, (s) => total(s, "cachedPartitions") === 0);

      const make = (): ReturnType<Context["parallelize"]> => {
        const bc = sc.broadcast(10);
        const acc = sc.accumulator(0);
        return sc.parallelize([1, 2], 2).map((x: number) => {
          acc.add(1);
          return x + bc.value;
        });
      };
      const rdd = make();
      await afterGc("the collector to run a few times", sc, (s) => s.shared.broadcasts === 1, 20_000, 5);
      t.deepEqual(await rdd.collect(), [11, 12], "the broadcast the RDD's function captured is still there");
      (async () => {
        sc.broadcast("temporary");
        sc.accumulator(5);
      })();
      await afterGc("the dropped broadcast and accumulator to go", sc, (s) => s.shared.broadcasts === 1 && s.shared.accumulators === 1);
      t.deepEqual(await rdd.map((x) => (x as number) * 2).collect(), [22, 24]);
    } finally {
      await sc.stop();
    }
  });
}
