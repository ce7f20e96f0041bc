/**
 * What a task is on the wire: the stage plan (shared by every task of the stage and cached by
 * executors under `planKey`), the task's own partition inputs, and where its shuffle blocks are.
 * The driver's task scheduler builds these; executors decode and validate them (a peer may be
 * wrong or hostile, so every field is checked before use).
 */
import { EngineError } from "../engine-error.js";

/** One source partition's data (a parallelize slice as encoded rows, a file split, a file group). */
export interface TaskInput {
  rddId: number;
  partition: number;
  data: Uint8Array;
}

/** Where one map output of a shuffle lives. */
export interface BlockLocation {
  mapIndex: number;
  executorId: string;
  /** host:port of that executor's block service ("" in local mode) */
  address: string;
  /** bytes of the block this reduce partition needs; 0 means empty, nothing to fetch */
  size: number;
}

/** The blocks a reduce task reads for one shuffle. */
export interface ShuffleRead {
  shuffleId: number;
  reducePartition: number;
  locations: BlockLocation[];
}

export interface TaskDescription {
  taskId: number;
  jobId: number;
  stageId: number;
  stageAttempt: number;
  partition: number;
  attempt: number;
  planKey: string;
  plan: Uint8Array;
  inputs: TaskInput[];
  shuffleReads: ShuffleRead[];
  /** cached RDD partitions this task may read or must store: `${rddId}:${partition}` */
  cacheKeys: string[];
  baseDir: string;
}

function fail(what: string): never {
  throw new EngineError("CORRUPT_DATA", `task description: ${what}; the driver and executor may run different spate versions`);
}

function int(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) fail(`${what} is not a non-negative integer`);
  return v;
}

function str(v: unknown, what: string): string {
  if (typeof v !== "string") fail(`${what} is not a string`);
  return v;
}

function arr(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) fail(`${what} is not a list`);
  return v;
}

function bytes(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) fail(`${what} is not bytes`);
  return v;
}

function obj(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(`${what} is not a record`);
  return v as Record<string, unknown>;
}

/** Checks a decoded value is a well-formed TaskDescription and returns it typed. */
export function validateTaskDescription(value: unknown): TaskDescription {
  const d = obj(value, "the task");
  return {
    taskId: int(d.taskId, "taskId"),
    jobId: int(d.jobId, "jobId"),
    stageId: int(d.stageId, "stageId"),
    stageAttempt: int(d.stageAttempt, "stageAttempt"),
    partition: int(d.partition, "partition"),
    attempt: int(d.attempt, "attempt"),
    planKey: str(d.planKey, "planKey"),
    plan: bytes(d.plan, "plan"),
    inputs: arr(d.inputs, "inputs").map((x, i) => {
      const o = obj(x, `inputs[${i}]`);
      return { rddId: int(o.rddId, "input rddId"), partition: int(o.partition, "input partition"), data: bytes(o.data, "input data") };
    }),
    shuffleReads: arr(d.shuffleReads, "shuffleReads").map((x, i) => {
      const o = obj(x, `shuffleReads[${i}]`);
      return {
        shuffleId: int(o.shuffleId, "shuffleId"),
        reducePartition: int(o.reducePartition, "reducePartition"),
        locations: arr(o.locations, "locations").map((l) => {
          const lo = obj(l, "location");
          return { mapIndex: int(lo.mapIndex, "mapIndex"), executorId: str(lo.executorId, "executorId"), address: str(lo.address, "address"), size: int(lo.size, "size") };
        }),
      };
    }),
    cacheKeys: arr(d.cacheKeys, "cacheKeys").map((k) => str(k, "cacheKey")),
    baseDir: str(d.baseDir, "baseDir"),
  };
}
