/**
 * Chaos (a): on local-cluster[3], a job with a shuffle runs while one executor is killed with
 * SIGKILL at a random point (seeded, so a failure can be replayed), many times over; every answer
 * must equal the fault-free one. Lost map outputs are recomputed from lineage, lost tasks rerun.
 */
import test from "ava";
import { execFileSync } from "node:child_process";
import { Context, type RDD } from "../../api/index.js";
import { SeededRandom } from "../../core/random/seeded-random.js";

const ROUNDS = 8;
const seed = Number(process.env.SPATE_CHAOS_SEED ?? Date.now() % 100000);

function executorPids(): number[] {
  return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" })
    .trim()
    .split("\n")
    .filter((l) => l.includes("executor-main"))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

function job(sc: Context): Promise<Array<[string, number]>> {
  const pairs = sc.range(0, 60_000, 1, 12).map(async (i) => {
    if (i % 5000 === 0) await new Promise((r) => setTimeout(r, 30));
    return ["k" + (i % 300), 1] as [string, number];
  }) as RDD<[string, number]>;
  return pairs.reduceByKey((a, b) => a + b, 6).mapValues((v) => v * 2).sortByKey().collect();
}

test.serial(`killing one executor of three at a random point never changes the answer (seed ${seed})`, async (t) => {
  const rng = new SeededRandom(seed);
  const reference = await Context.create({ master: "local-cluster[3]" });
  const expected = await job(reference);
  await reference.stop();
  t.is(expected.length, 300);
  for (let round = 0; round < ROUNDS; round++) {
    const sc = await Context.create({ master: "local-cluster[3]" });
    try {
      const pids = executorPids();
      t.is(pids.length, 3);
      const victim = pids[rng.nextInt(pids.length)]!;
      const delay = 20 + rng.nextInt(700);
      const timer = setTimeout(() => process.kill(victim, "SIGKILL"), delay);
      const got = await job(sc);
      clearTimeout(timer);
      t.deepEqual(got, expected, `round ${round}: victim killed after ${delay} ms`);
    } finally {
      await sc.stop();
    }
  }
});
