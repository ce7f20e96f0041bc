import test from "ava";
import fc from "fast-check";
import { EngineError } from "../../../core/engine-error.js";
import { validateStagePlan } from "../../../core/plan/plan-validation.js";
import type { StagePlan } from "../../../core/plan/plan-node.js";
import { validateTaskDescription } from "../../../core/task/task-description.js";

const fn = {
  kind: "closure", root: 0, modules: [], data: new Uint8Array([0x0c, 0x00]), env: {}, label: "(x) => x",
  entries: [{ kind: "function", source: "(x) => x", wrap: "expression", strict: true, name: "", captures: {}, origin: null, classId: "", heritage: -1 }],
};
const good: StagePlan = {
  classes: [],
  kind: "shuffleMap", shuffleId: 0, partitioner: { kind: "hash", numPartitions: 2 }, aggregator: { kind: "reduce", fn: fn as never }, mapSideCombine: true,
  rdd: { kind: "element", rddId: 1, numPartitions: 2, cached: false, op: { kind: "map", fn: fn as never, isAsync: false }, child: { kind: "parallelize", rddId: 0, numPartitions: 2, cached: false } },
};

test("a well-formed plan passes", (t) => {
  t.is(validateStagePlan(good), good);
});

test("bad plans are CORRUPT_DATA naming the field", (t) => {
  const cases: Array<[unknown, RegExp]> = [
    [null, /plan is not a record/],
    [{ ...good, kind: "other" }, /plan.kind/],
    [{ ...good, partitioner: { kind: "hash", numPartitions: -1 } }, /plan.partitioner.numPartitions/],
    [{ ...good, rdd: { ...good.rdd, kind: "nope" } }, /plan.rdd.kind/],
    [{ ...good, rdd: { ...good.rdd, op: { kind: "map", fn: { kind: "closure" }, isAsync: false } } }, /plan.rdd.op.fn.label/],
    [{ ...good, rdd: { ...good.rdd, op: { kind: "map", fn: { ...fn, root: 3 }, isAsync: false } } }, /plan.rdd.op.fn.root/],
    [{ ...good, rdd: { ...good.rdd, op: { kind: "map", fn: { ...fn, env: { k: { kind: "fn", entry: 9 } } }, isAsync: false } } }, /plan.rdd.op.fn.env.k.entry/],
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
