import test from "ava";
import fc from "fast-check";
import { EngineError } from "../../../core/engine-error.js";
import { type StagePlan, validateStagePlan } from "../../../core/operations/stage-plan.js";
import { validateTaskDescription } from "../../../core/task/task-description.js";

const fn = {
  kind: "closure", root: 0, modules: [], data: new Uint8Array([0x0c, 0x00]), env: {}, label: "(x) => x",
  entries: [{ kind: "function", source: "(x) => x", wrap: "expression", strict: true, name: "", captures: {}, origin: null, classId: "", heritage: -1 }],
};
const rdd = {
  kind: "element", rddId: 1, numPartitions: 2, cached: false, op: { kind: "map", fn, isAsync: false },
  child: { kind: "parallelize", rddId: 0, numPartitions: 2, cached: false },
};
const good: StagePlan = {
  classes: [],
  kind: "shuffleMap", shuffleId: 0, partitioner: { kind: "hash", numPartitions: 2 }, aggregator: { kind: "reduce", fn: fn as never }, mapSideCombine: true,
  rdd,
};

test("a well-formed plan passes, as the same value", (t) => {
  t.deepEqual(validateStagePlan(good), good);
});

test("fields a plan does not declare are dropped, not trusted", (t) => {
  const extra = { ...good, extra: 1, rdd: { ...rdd, injected: "x", child: { ...rdd.child, more: [1] } } };
  t.deepEqual(validateStagePlan(extra), good);
});

test("bad plans are CORRUPT_DATA naming the field", (t) => {
  const cases: Array<[unknown, RegExp]> = [
    [null, /plan is not a record/],
    [{ ...good, kind: "other" }, /plan.kind/],
    [{ ...good, partitioner: { kind: "hash", numPartitions: -1 } }, /plan.partitioner.numPartitions/],
    [{ ...good, rdd: { ...good.rdd, kind: "nope" } }, /plan.rdd.kind/],
    [{ ...good, rdd: { ...good.rdd, op: { kind: "map", fn: { kind: "closure" }, isAsync: false } } }, /plan\.rdd\.op\.fn\.root is not an integer/],
    [{ ...good, rdd: { ...good.rdd, op: { kind: "map", fn: { ...fn, label: 7 }, isAsync: false } } }, /plan\.rdd\.op\.fn\.label is not a string/],
    [{ ...good, rdd: { ...good.rdd, op: { kind: "map", fn: { ...fn, root: 3 }, isAsync: false } } }, /plan\.rdd\.op\.fn has root 3, not one of its 1 functions/],
    [{ ...good, rdd: { ...good.rdd, op: { kind: "map", fn: { ...fn, env: { k: { kind: "fn", entry: 9 } } }, isAsync: false } } }, /plan\.rdd\.op\.fn env\.k names function 9/],
    [{ ...good, rdd: { ...good.rdd, child: { kind: "range", rddId: 0, numPartitions: 2, cached: false, start: 0, step: "1", length: 3 } } }, /plan\.rdd\.child\.step is not a number/],
    [{ ...good, aggregator: { kind: "zzz" } }, /plan.aggregator.kind/],
  ];
  for (const [plan, message] of cases) {
    const err = t.throws(() => validateStagePlan(plan)) as EngineError;
    t.is(err.code, "CORRUPT_DATA");
    t.regex(err.message, message);
  }
});

test("deeply nested plans are refused, not overflowed", (t) => {
  let node: Record<string, unknown> = { kind: "parallelize", rddId: 0, numPartitions: 1, cached: false };
  for (let i = 0; i < 20_000; i++) node = { kind: "element", rddId: i + 1, numPartitions: 1, cached: false, op: { kind: "keys" }, child: node };
  const err = t.throws(() => validateStagePlan({ kind: "result", op: { kind: "count" }, rdd: node })) as EngineError;
  t.is(err.code, "CORRUPT_DATA");
});

test("fuzz: random values never crash the validators with anything but CORRUPT_DATA", (t) => {
  fc.assert(
    fc.property(fc.anything({ maxDepth: 4 }), (v) => {
      for (const validate of [validateStagePlan, validateTaskDescription]) {
        try {
          validate(v);
        } catch (e) {
          if (!(e instanceof EngineError) || e.code !== "CORRUPT_DATA") return false;
        }
      }
      return true;
    }),
    { numRuns: 3000 },
  );
  t.pass();
});
