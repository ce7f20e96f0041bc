/** Errors a user sees: task failures with their remote details, bad arguments, stopped contexts. */
import test from "ava";
import { inspect } from "node:util";
import { Context, EngineError } from "../../../api/index.js";
import { MASTER, useContext } from "../harness.js";

const sc = useContext(test, { maxFailures: 2 });
const pairsOf = () => sc().parallelize<[number, number]>([]);

test("a throwing user function rejects with TASK_FAILED and the remote details; the Context stays usable", async (t) => {
  const err = (await t.throwsAsync(
    sc().parallelize([1, 2, 3], 3).map((x) => {
      if (x === 2) throw new RangeError(`bad element ${x}`);
      return x;
    }).collect(),
  )) as EngineError;
  t.true(err instanceof EngineError);
  t.is(err.code, "TASK_FAILED");
  t.regex(err.message, /bad element 2/);
  t.is(err.partition, 1);
  t.is(err.attempts, 2);
  t.is(typeof err.stage, "number");
  t.regex(err.fnSource!, /bad element/);
  t.is(err.cause?.name, "RangeError");
  t.is(err.cause?.message, "bad element 2");
  t.regex(err.cause?.stack ?? "", /RangeError: bad element 2/);
  const shown = inspect(err);
  for (const part of ["TASK_FAILED", "partition: 1", "attempts: 2", "fnSource", "RangeError"]) t.true(shown.includes(part), part);
  t.deepEqual(await sc().parallelize([1, 2]).map((x) => x + 1).collect(), [2, 3]);
});

test("a thrown non-Error becomes { name: 'Error', message: String(value) }", async (t) => {
  const err = (await t.throwsAsync(sc().parallelize([1]).map(() => {
    throw 42;
  }).collect())) as EngineError;
  t.deepEqual({ name: err.cause?.name, message: err.cause?.message }, { name: "Error", message: "42" });
});

test("a failure inside a shuffle's combiner fails the job", async (t) => {
  const err = (await t.throwsAsync(
    sc().parallelize([["a", 1], ["a", 2]] as Array<[string, number]>).reduceByKey(() => {
      throw new Error("no merging");
    }).collect(),
  )) as EngineError;
  t.is(err.code, "TASK_FAILED");
  t.regex(err.message, /no merging/);
});

test("returning a function from a task is UNSERIALIZABLE naming the operation", async (t) => {
  const err = (await t.throwsAsync(sc().parallelize([1]).map(() => () => 1).collect())) as EngineError;
  t.is(err.code, "UNSERIALIZABLE");
  t.regex(err.message, /collect/);
  const sym = (await t.throwsAsync(sc().parallelize([1]).map(() => Symbol("s")).count().then(() => sc().parallelize([1]).map(() => ({ s: Symbol("s") })).collect()))) as EngineError;
  t.is(sym.code, "UNSERIALIZABLE");
});

test("a non-async function that returns a promise is a clear error", async (t) => {
  const err = (await t.throwsAsync(sc().parallelize([1]).map((x) => Promise.resolve(x)).collect())) as EngineError;
  t.regex(err.message, /declare it `async`/i);
});

test("pair operations on non-pairs say what they need", async (t) => {
  const err = (await t.throwsAsync((sc().parallelize([1, 2]).map((x) => x) as never as ReturnType<typeof pairsOf>).reduceByKey((a: number, b: number) => a + b).collect())) as EngineError;
  t.regex(err.message, /\[key, value\] pairs/);
});

test("invalid arguments list what is accepted", async (t) => {
  t.throws(() => sc().parallelize([1], 0), { code: "INVALID_ARGUMENT", message: /numSlices/ } as never);
  t.throws(() => sc().parallelize([1], -2), { code: "INVALID_ARGUMENT" } as never);
  t.throws(() => sc().parallelize(42 as never), { code: "INVALID_ARGUMENT", message: /iterable/ } as never);
  t.throws(() => sc().parallelize([1]).map(5 as never), { code: "INVALID_ARGUMENT", message: /function/ } as never);
  t.throws(() => sc().parallelize([[1, 2]] as Array<[number, number]>).reduceByKey((a, b) => a + b, 0), { code: "INVALID_ARGUMENT" } as never);
  t.throws(() => sc().range(0, 10, 0), { code: "INVALID_ARGUMENT" } as never);
  await t.throwsAsync(sc().parallelize([1]).take(-1), { code: "INVALID_ARGUMENT" } as never);
  for (const master of ["local[0]", "local[x]", "yarn", "spate://nohost", "local-cluster[]"]) {
    const err = (await t.throwsAsync(Context.create({ master }))) as EngineError;
    t.is(err.code, "INVALID_ARGUMENT", master);
    t.regex(err.message, /local\[N\]/);
    t.regex(err.message, /spate:\/\/host:port/);
  }
  for (const [name, value] of [["queueWaitMs", -1], ["idleReleaseMs", 1.5], ["executorMemoryBytes", 100], ["maxCores", "4"], ["executorTimeoutMs", 0]] as const) {
    const err = (await t.throwsAsync(Context.create({ master: MASTER, [name]: value }))) as EngineError;
    t.is(err.code, "INVALID_ARGUMENT", name);
    t.regex(err.message, new RegExp(`^Context\\.create: ${name} must be an integer from \\d+ to \\d+, got `), name);
  }
});

test("actions after stop reject with CONTEXT_STOPPED; stop is idempotent", async (t) => {
  const own = await Context.create({ master: MASTER });
  const rdd = own.parallelize([1, 2, 3]);
  t.deepEqual(await rdd.collect(), [1, 2, 3]);
  await own.stop();
  await own.stop();
  const err = (await t.throwsAsync(rdd.collect())) as EngineError;
  t.is(err.code, "CONTEXT_STOPPED");
  t.regex(err.message, /stopped/);
  t.throws(() => own.parallelize([1]), { code: "CONTEXT_STOPPED" } as never);
});

test("stopping during a job rejects it with CONTEXT_STOPPED and nothing hangs", async (t) => {
  const own = await Context.create({ master: MASTER });
  const job = own.parallelize([1, 2], 2).map(async (x) => {
    await new Promise((r) => setTimeout(r, 5000));
    return x;
  }).collect();
  await new Promise((r) => setTimeout(r, 200));
  await own.stop();
  const err = (await t.throwsAsync(job)) as EngineError;
  t.is(err.code, "CONTEXT_STOPPED");
});

test("long lineages run; one too deep for a stage is refused with what to do", async (t) => {
  let rdd = sc().parallelize([1, 2, 3], 2);
  for (let i = 0; i < 1500; i++) rdd = rdd.map((x) => x + 1);
  t.deepEqual(await rdd.collect(), [1501, 1502, 1503]);
  for (let i = 0; i < 1000; i++) rdd = rdd.map((x) => x + 1);
  const err = (await t.throwsAsync(rdd.collect())) as EngineError;
  t.is(err.code, "INVALID_ARGUMENT");
  t.regex(err.message, /pipelines 2501 RDDs/);
  t.regex(err.message, /sc\.parallelize\(await rdd\.collect\(\)\)/);
});
