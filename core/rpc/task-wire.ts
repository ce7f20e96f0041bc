/**
 * Tasks and their end reasons as protobuf messages (proto/spate.proto) and back: the one wire
 * form of each, converted once at each process edge. The driver encodes task descriptions for
 * executors; executors encode how tasks ended for the driver. The reverse directions validate
 * what arrives (a peer may be wrong or hostile): a task that is not well formed is CORRUPT_DATA
 * (it fails at once), an end reason that is not is a retriable CORRUPT_DATA failure.
 */
import type { TaskDescription__Output } from "../../proto/generated/spate/TaskDescription.js";
import type { TaskDescription as TaskDescriptionMsg } from "../../proto/generated/spate/TaskDescription.js";
import type { TaskEndReason as TaskEndReasonMsg, TaskEndReason__Output } from "../../proto/generated/spate/TaskEndReason.js";
import { EngineError } from "../engine-error.js";
import { validateTaskDescription, type TaskDescription } from "../task/task-description.js";
import { reasonOf, type TaskEndReason } from "../task/task-end-reason.js";

export function taskToProto(t: TaskDescription): TaskDescriptionMsg {
  return {
    taskId: t.taskId, jobId: t.jobId, stageId: t.stageId, stageAttempt: t.stageAttempt, partition: t.partition, attempt: t.attempt,
    planKey: t.planKey, plan: t.plan, baseDir: t.baseDir, cacheKeys: t.cacheKeys,
    inputs: t.inputs.map((i) => ({ rddId: i.rddId, partition: i.partition, data: i.data })),
    shuffleReads: t.shuffleReads.map((r) => ({
      shuffleId: r.shuffleId, reducePartition: r.reducePartition,
      locations: r.locations.map((l) => ({ mapIndex: l.mapIndex, executorId: l.executorId, address: l.address, size: l.size })),
    })),
  };
}

/** Runs a conversion of a message from a peer; a message missing its parts is CORRUPT_DATA, not a TypeError. */
function checked<T>(what: string, convert: () => T): T {
  try {
    return convert();
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw new EngineError("CORRUPT_DATA", `${what} is malformed (${(e as Error).message}); the peer may run another spate version`);
  }
}

function bytesOf(b: unknown): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new TypeError("a bytes field is missing");
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** A decoded TaskDescription message, checked. */
export function taskFromProto(m: TaskDescription__Output): TaskDescription {
  return checked("a task description", () =>
    validateTaskDescription({
      ...m,
      plan: bytesOf(m.plan),
      inputs: m.inputs.map((i) => ({ ...i, data: bytesOf(i.data) })),
    }),
  );
}

export function reasonToProto(r: TaskEndReason): TaskEndReasonMsg {
  switch (r.kind) {
    case "mapSuccess":
      return { mapSuccess: { executorId: r.status.executorId, sizes: r.status.sizes, accumulators: r.accumulators.map(([id, amount]) => ({ id, amount })), cached: r.cached } };
    case "resultSuccess":
      return { resultSuccess: { result: r.result, accumulators: r.accumulators.map(([id, amount]) => ({ id, amount })), cached: r.cached } };
    case "exception":
      return { exception: { code: r.code, message: r.message, cause: { name: r.cause.name, message: r.cause.message, stack: r.cause.stack ?? "" }, fnSource: r.fnSource ?? "", retriable: r.retriable } };
    case "fetchFailed":
      return { fetchFailed: { shuffleId: r.shuffleId, mapIndex: r.mapIndex, executorId: r.executorId, message: r.message } };
    case "executorLost":
      return { executorLost: { executorId: r.executorId, message: r.message } };
    case "killed":
      return { killed: { reason: r.reason } };
  }
}

/** How a task that arrived malformed ends, at once and not retried (its driver sent what this executor cannot run). */
export function malformedTask(e: unknown): TaskEndReason {
  const message = (e as Error).message;
  return { kind: "exception", code: "CORRUPT_DATA", message, cause: { name: "EngineError", message }, retriable: false };
}

/**
 * A decoded TaskEndReason message, checked. One that is not well formed is read as a retriable
 * CORRUPT_DATA failure of its task (a peer may be wrong), never thrown.
 */
export function reasonFromProto(m: TaskEndReason__Output): TaskEndReason {
  try {
    return checked("a task end reason", () => reasonFromMessage(m));
  } catch (e) {
    const message = (e as Error).message;
    return { kind: "exception", code: "CORRUPT_DATA", message, cause: { name: "EngineError", message }, retriable: true };
  }
}

function reasonFromMessage(m: TaskEndReason__Output): TaskEndReason {
  const acc = (list: Array<{ id: number; amount: number }>) => list.map((u) => [u.id, u.amount]);
  switch (m.end) {
    case "mapSuccess": {
      const s = m.mapSuccess!;
      return reasonOf({ kind: "mapSuccess", status: { executorId: s.executorId, sizes: s.sizes }, accumulators: acc(s.accumulators), cached: s.cached });
    }
    case "resultSuccess": {
      const s = m.resultSuccess!;
      return reasonOf({ kind: "resultSuccess", result: bytesOf(s.result), accumulators: acc(s.accumulators), cached: s.cached });
    }
    case "exception": {
      const e = m.exception!;
      const cause = e.cause ?? { name: "Error", message: e.message, stack: "" };
      return reasonOf({
        kind: "exception", code: e.code, message: e.message, retriable: e.retriable,
        cause: { name: cause.name, message: cause.message, ...(cause.stack ? { stack: cause.stack } : {}) },
        ...(e.fnSource ? { fnSource: e.fnSource } : {}),
      });
    }
    case "fetchFailed":
      return reasonOf({ kind: "fetchFailed", ...m.fetchFailed! });
    case "executorLost":
      return reasonOf({ kind: "executorLost", ...m.executorLost! });
    case "killed":
      return reasonOf({ kind: "killed", reason: m.killed!.reason });
    default:
      return reasonOf(undefined);
  }
}
