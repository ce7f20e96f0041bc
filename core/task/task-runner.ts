/**
 * TaskRunner: runs tasks inside one executor slot (a worker thread). Decodes and validates the
 * task and its stage plan (plans are cached by planKey, so a stage's functions are revived once
 * per slot), fetches the broadcasts the plan uses, evaluates the partition and ends with a
 * TaskEndReason: map output sizes and blocks, or a result; or the user's error, tagged with the
 * function that threw it. Never throws: every failure becomes an end reason.
 */
import { causeOf, EngineError } from "../engine-error.js";
import type { TaskIO } from "../operations/node-kind.js";
import { evaluate } from "../operations/plan-nodes.js";
import { runResultOp } from "../operations/results.js";
import { writeShuffle } from "../operations/shuffle.js";
import { type StagePlan, validateStagePlan } from "../operations/stage-plan.js";
import { decodeValue, type DecodeOptions } from "../wire/value-codec.js";
import { beginAccumulatorUpdates, endAccumulatorUpdates, TaskAccumulator, TaskBroadcast } from "./shared-var-handles.js";
import type { TaskDescription } from "./task-description.js";
import type { TaskEndReason } from "./task-end-reason.js";
import { FunctionTable, prepareFunctions, UserFunctionError } from "./user-fn.js";

/**
 * A task as an executor hands it to a slot: its description, and the blocks the executor
 * gathered for it (shuffle blocks keyed by `${shuffleId}:${reducePartition}`, cached partitions
 * by `${rddId}:${partition}`).
 */
export interface SlotTask {
  task: TaskDescription;
  shuffle: Array<[string, Uint8Array[]]>;
  cached: Array<[string, Uint8Array]>;
}

export interface TaskOutcome {
  taskId: number;
  reason: TaskEndReason;
  /** a map task's blocks, one per reduce partition (null: empty) */
  shuffleBlocks: (Uint8Array | null)[] | null;
  shuffleId: number | null;
  mapIndex: number;
  /** partitions of cached RDDs this task computed, to keep in the executor's cache */
  cachedBlocks: Array<[string, Uint8Array]>;
}

/** What a slot asks of its executor. */
export interface SlotServices {
  executorId: string;
  fetchBroadcast(id: number): Promise<Uint8Array>;
}

interface LoadedPlan {
  plan: StagePlan;
  fns: FunctionTable;
  broadcasts: Set<number>;
  decodeOptions: DecodeOptions;
}

const MAX_CACHED_PLANS = 64;

export class TaskRunner {
  private readonly plans = new Map<string, LoadedPlan>();
  private readonly broadcastValues = new Map<number, unknown>();

  constructor(private readonly services: SlotServices) {}

  dropBroadcast(id: number): void {
    this.broadcastValues.delete(id);
  }

  async run({ task, shuffle: gathered, cached: cachedBlocksIn }: SlotTask): Promise<TaskOutcome> {
    const taskId = task.taskId;
    const outcome = (reason: TaskEndReason): TaskOutcome => ({ taskId, reason, shuffleBlocks: null, shuffleId: null, mapIndex: -1, cachedBlocks: [] });
    let loaded: LoadedPlan;
    try {
      loaded = await this.load(task);
    } catch (e) {
      return outcome(failure(e, false));
    }
    const shuffle = new Map(gathered);
    const cached = new Map(cachedBlocksIn);
    const cachedBlocks: Array<[string, Uint8Array]> = [];
    const inputs = new Map(task.inputs.map((i) => [`${i.rddId}:${i.partition}`, i.data]));
    const io: TaskIO = {
      fns: loaded.fns,
      decodeOptions: loaded.decodeOptions,
      input: (rddId, p) => {
        const data = inputs.get(`${rddId}:${p}`);
        if (!data) throw new EngineError("CORRUPT_DATA", `task ${task.taskId}: no input for partition ${p} of rdd ${rddId}`);
        return data;
      },
      shuffleBlocks: (shuffleId, reduce) => shuffle.get(`${shuffleId}:${reduce}`) ?? [],
      cached: (key) => cached.get(key),
      storeCached: (key, block) => {
        cachedBlocks.push([key, block]);
      },
    };
    const updates = beginAccumulatorUpdates();
    try {
      const plan = loaded.plan;
      const stream = evaluate(plan.rdd, task.partition, io);
      if (plan.kind === "shuffleMap") {
        const out = await writeShuffle(stream, plan.partitioner, plan.aggregator, plan.mapSideCombine, loaded.fns);
        return {
          taskId, shuffleBlocks: out.blocks, shuffleId: plan.shuffleId, mapIndex: task.partition, cachedBlocks,
          reason: { kind: "mapSuccess", status: { executorId: this.services.executorId, sizes: out.sizes }, accumulators: [...updates], cached: cachedBlocks.map(([k]) => k) },
        };
      }
      const attemptId = `${task.stageId}.${task.stageAttempt}.${task.taskId}`;
      const result = await runResultOp(plan.op, stream, { fns: loaded.fns, partition: task.partition, attemptId, operation: plan.op.kind });
      return {
        taskId, shuffleBlocks: null, shuffleId: null, mapIndex: -1, cachedBlocks,
        reason: { kind: "resultSuccess", result, accumulators: [...updates], cached: cachedBlocks.map(([k]) => k) },
      };
    } catch (e) {
      return outcome(failure(e, true));
    } finally {
      endAccumulatorUpdates();
    }
  }

  private async load(task: TaskDescription): Promise<LoadedPlan> {
    let loaded = this.plans.get(task.planKey);
    if (!loaded) {
      const broadcasts = new Set<number>();
      const accumulators = new Map<number, TaskAccumulator>();
      const decodeOptions: DecodeOptions = {
        resolveRef: (kind, id) => {
          if (kind === "broadcast") {
            broadcasts.add(id);
            return new TaskBroadcast(id, (b) => this.broadcastValue(b));
          }
          if (kind === "accumulator") {
            let acc = accumulators.get(id);
            if (!acc) accumulators.set(id, (acc = new TaskAccumulator(id)));
            return acc;
          }
          throw new EngineError("CORRUPT_DATA", `stage plan: unknown reference kind '${kind}'`);
        },
      };
      const plan = validateStagePlan(decodeValue(task.plan, decodeOptions));
      const fns = new FunctionTable(task.baseDir, decodeOptions.resolveRef);
      await prepareFunctions(plan, fns);
      loaded = { plan, fns, broadcasts, decodeOptions };
      if (this.plans.size >= MAX_CACHED_PLANS) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(task.planKey, loaded);
    }
    const missing = [...loaded.broadcasts].filter((id) => !this.broadcastValues.has(id));
    await Promise.all(
      missing.map(async (id) => {
        const bytes = await this.services.fetchBroadcast(id);
        this.broadcastValues.set(id, decodeValue(bytes, loaded.decodeOptions));
      }),
    );
    return loaded;
  }

  private broadcastValue(id: number): unknown {
    if (!this.broadcastValues.has(id)) throw new EngineError("INVALID_ARGUMENT", `broadcast ${id} is not available on this executor; it may have been destroyed`);
    return this.broadcastValues.get(id);
  }
}

/** Turns anything a task threw into its end reason. */
function failure(e: unknown, duringRun: boolean): TaskEndReason {
  if (e instanceof UserFunctionError) {
    const cause = causeOf(e.thrown);
    return { kind: "exception", code: "TASK_FAILED", message: cause.message, cause, fnSource: e.fnSource, retriable: true };
  }
  const cause = causeOf(e);
  if (e instanceof EngineError && (e.code === "UNSERIALIZABLE" || e.code === "CORRUPT_DATA")) {
    return { kind: "exception", code: e.code, message: e.message, cause, retriable: e.code === "CORRUPT_DATA" && duringRun };
  }
  return { kind: "exception", code: "TASK_FAILED", message: cause.message, cause, retriable: true };
}
