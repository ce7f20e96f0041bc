/**
 * Fuzzing the protocol's decoders with fast-check (bounded runs): random and mutated bytes given
 * to every message decoder, and random decoded messages given to the task and end-reason
 * converters, either decode to something well formed or fail with an Error; never a hang, never
 * a non-Error throw. Task and end reasons that decode are then validated (CORRUPT_DATA or typed).
 */
import test from "ava";
import fc from "fast-check";
import { EngineError } from "../../../core/engine-error.js";
import { type MethodInfo, serviceMethods } from "../../../core/rpc/proto-schema.js";
import { reasonFromProto, reasonToProto, taskFromProto, taskToProto } from "../../../core/rpc/task-wire.js";

const methods: MethodInfo[] = (["Master", "Worker", "Driver", "Executor"] as const).flatMap((s) => [...serviceMethods(s).values()]);

test("every decoder takes random bytes without crashing", (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      for (const m of methods) {
        for (const decode of [m.decodeRequest, m.decodeResponse]) {
          try {
            decode(Buffer.from(bytes));
          } catch (e) {
            if (!(e instanceof Error)) return false;
          }
        }
      }
      return true;
    }),
    { numRuns: 400 },
  );
  t.pass();
});

const task = {
  taskId: 7, jobId: 1, stageId: 2, stageAttempt: 0, partition: 3, attempt: 1, planKey: "r1", plan: new Uint8Array([1, 2, 3]), baseDir: "/tmp",
  cacheKeys: ["4:3"], inputs: [{ rddId: 4, partition: 3, data: new Uint8Array([9]) }],
  shuffleReads: [{ shuffleId: 0, reducePartition: 3, locations: [{ mapIndex: 0, executorId: "e1", address: "127.0.0.1:1", size: 10 }] }],
};

test("a task description survives the wire, and mutated ones decode or are refused", (t) => {
  const launch = serviceMethods("Driver").get("Connect")!;
  const bytes = launch.encodeResponse({ launch: { tasks: [taskToProto(task)] } });
  const decoded = launch.decodeResponse(bytes) as { launch: { tasks: Parameters<typeof taskFromProto>[0][] } };
  t.deepEqual(taskFromProto(decoded.launch.tasks[0]!), task);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
      const mutated = Buffer.from(bytes);
      mutated[at]! ^= flip;
      let msg: { launch?: { tasks: Parameters<typeof taskFromProto>[0][] } | null };
      try {
        msg = launch.decodeResponse(mutated) as typeof msg;
      } catch (e) {
        return e instanceof Error;
      }
      for (const m of msg.launch?.tasks ?? []) {
        try {
          taskFromProto(m);
        } catch (e) {
          if (!(e instanceof EngineError) || e.code !== "CORRUPT_DATA") return false;
        }
      }
      return true;
    }),
    { numRuns: 1000 },
  );
});

test("end reasons survive the wire; malformed ones are read as retriable CORRUPT_DATA failures", (t) => {
  const reasons = [
    { kind: "mapSuccess", status: { executorId: "e", sizes: [0, 5] }, accumulators: [[1, 2.5]], cached: ["3:1"] },
    { kind: "resultSuccess", result: new Uint8Array([1, 2]), accumulators: [], cached: [] },
    { kind: "exception", code: "TASK_FAILED", message: "boom", cause: { name: "Error", message: "boom", stack: "Error: boom" }, fnSource: "(x) => x", retriable: true },
    { kind: "fetchFailed", shuffleId: 1, mapIndex: 2, executorId: "e", message: "gone" },
    { kind: "executorLost", executorId: "e", message: "gone" },
    { kind: "killed", reason: "killed" },
  ] as const;
  const status = serviceMethods("Driver").get("Connect")!;
  for (const r of reasons) {
    const bytes = status.encodeRequest({ status: { tasks: [{ taskId: 1, runMs: 2, reason: reasonToProto(r as never) }] } });
    const back = status.decodeRequest(bytes) as { status: { tasks: Array<{ reason: Parameters<typeof reasonFromProto>[0] }> } };
    t.deepEqual(reasonFromProto(back.status.tasks[0]!.reason), r as never);
  }
  fc.assert(
    fc.property(fc.anything({ maxDepth: 3 }), (v) => {
      const r = reasonFromProto(v as never); // never throws: what does not fit is a retriable CORRUPT_DATA failure
      return r.kind !== "exception" || r.code !== "CORRUPT_DATA" || r.retriable;
    }),
    { numRuns: 1000 },
  );
  const bad = reasonFromProto({ end: "mapSuccess", mapSuccess: { executorId: "e", sizes: [-1], accumulators: [], cached: [] } } as never);
  t.like(bad, { kind: "exception", code: "CORRUPT_DATA", retriable: true });
  t.regex(bad.kind === "exception" ? bad.message : "", /reason\.status\.sizes\[0\] is not an integer/);
});
