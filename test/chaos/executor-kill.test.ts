/**
 * Chaos (a): on local-cluster[3], a job with a shuffle runs while one executor is killed with
 * SIGKILL at a random point (seeded, so a failure can be replayed), many times over; every answer
 * must equal the fault-free one. Lost map outputs are recomputed from lineage, lost tasks rerun.
 *
 * The point is an element of the data, not a delay: a row of the map stage or a key of the
 * reduce stage. The first task to reach it writes which process it runs in and waits there; the
 * test kills that process. So the kill lands mid-job, on an executor with a task running, however
 * fast or loaded the machine is, and each round checks that it did: the kill came before the
 * job settled, and the driver counted the executor lost (one slot fewer when the job ended).
 */
import test from "ava";
import { execFileSync } from "node:child_process";
import { existsSync, linkSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Context, type RDD } from "../../api/index.js";
import { SeededRandom } from "../../core/random/seeded-random.js";

const ROUNDS = 8;
const seed = Number(process.env.SPATE_CHAOS_SEED ?? Date.now() % 100000);
const ROWS = 60_000;
const KEYS = 300;
/** the file the task at the kill point writes its process id to */
const KILL_ME = "kill-me";

interface KillPoint {
  dir: string;
  /** the map stage's row `at`, or the reduce stage's key `k<at>` */
  stage: "map" | "reduce";
  at: number;
}

function executorPids(): number[] {
  return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" })
    .trim()
    .split("\n")
    .filter((l) => l.includes("executor-main"))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * Runs in a task at the kill point. The first attempt to get here names its process in
 * `dir/kill-me` (a hard link, so the file appears whole and only once) and waits to be killed;
 * the rerun of its task, elsewhere, finds the name taken and goes on.
 */
async function holdForKill(dir: string): Promise<void> {
  const mine = path.join(dir, `pid-${process.pid}-${Date.now()}`);
  writeFileSync(mine, String(process.pid));
  try {
    linkSync(mine, path.join(dir, KILL_ME));
  } catch {
    return;
  }
  // the test kills this process within moments; the bound only keeps a broken test from hanging
  for (let i = 0; i < 1200; i++) await sleep(50);
}

function job(sc: Context, point?: KillPoint): Promise<Array<[string, number]>> {
  const dir = point?.dir ?? "";
  const mapAt = point?.stage === "map" ? point.at : -1;
  const reduceAt = point?.stage === "reduce" ? `k${point.at}` : "";
  const pairs = sc.range(0, ROWS, 1, 12).map(async (i) => {
    if (i === mapAt) await holdForKill(dir);
    return ["k" + (i % KEYS), 1] as [string, number];
  }) as RDD<[string, number]>;
  const counts = pairs.reduceByKey((a, b) => a + b, 6).map(async ([k, v]) => {
    if (k === reduceAt) await holdForKill(dir);
    return [k, v * 2] as [string, number];
  }) as RDD<[string, number]>;
  return counts.sortByKey().collect();
}

/** The process id the task at the kill point wrote, or undefined if the job settled first. */
async function processAtKillPoint(dir: string, settled: () => boolean): Promise<number | undefined> {
  const file = path.join(dir, KILL_ME);
  while (!settled()) {
    if (existsSync(file)) return Number(readFileSync(file, "utf8"));
    await sleep(10);
  }
  return undefined;
}

test.serial(`killing one executor of three at a random point never changes the answer (seed ${seed})`, async (t) => {
  const rng = new SeededRandom(seed);
  const reference = await Context.create({ master: "local-cluster[3]" });
  const expected = await job(reference);
  await reference.stop();
  t.is(expected.length, KEYS);
  for (let round = 0; round < ROUNDS; round++) {
    const stage = rng.nextInt(2) === 0 ? "map" : "reduce";
    const point: KillPoint = { dir: mkdtempSync(path.join(tmpdir(), "spate-chaos-")), stage, at: rng.nextInt(stage === "map" ? ROWS : KEYS) };
    const where = `round ${round}: kill at ${stage === "map" ? `row ${point.at} of the map stage` : `key k${point.at} of the reduce stage`}`;
    const sc = await Context.create({ master: "local-cluster[3]" });
    try {
      const pids = executorPids();
      t.is(pids.length, 3);
      const slots = sc.defaultParallelism;
      let settled = false;
      const running = job(sc, point).finally(() => (settled = true));
      running.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
      const victim = await processAtKillPoint(point.dir, () => settled);
      t.not(victim, undefined, `${where}: the job settled without reaching its kill point`);
      t.true(pids.includes(victim!), `${where}: process ${victim} is not one of the executors ${pids.join(", ")}`);
      t.false(settled, `${where}: the job settled before the kill`);
      process.kill(victim!, "SIGKILL");
      t.log(`${where}: killed executor process ${victim}`);
      const got = await running;
      t.deepEqual(got, expected, `${where}: the answer changed`);
      t.is(sc.defaultParallelism, slots - 1, `${where}: the driver did not count executor ${victim} lost`);
    } finally {
      await sc.stop();
      rmSync(point.dir, { recursive: true, force: true });
    }
  }
});
