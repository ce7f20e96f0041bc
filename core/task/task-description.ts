/**
 * What a task is on the wire: the stage plan (shared by every task of the stage and cached by
 * executors under `planKey`), the task's own partition inputs, and where its shuffle blocks are.
 * The driver's task builder makes these; executors check them (`validateTaskDescription`) as
 * they arrive: a peer may be wrong or hostile, so every field is checked before use, and the
 * type comes from the same guard.
 */
import { bytes, type Infer, int, list, record, str, validate } from "../plan/schema.js";

/** One source partition's data (a parallelize slice as encoded rows, a file split, a file group). */
const taskInput = record({ rddId: int(), partition: int(), data: bytes });

/**
 * Where one map output of a shuffle lives: the executor, the host:port of its block service (""
 * in local mode), and the bytes of the block this reduce partition needs (0: empty, nothing to fetch).
 */
const blockLocation = record({ mapIndex: int(), executorId: str, address: str, size: int() });

/** The blocks a reduce task reads for one shuffle. */
const shuffleRead = record({ shuffleId: int(), reducePartition: int(), locations: list(blockLocation) });

const taskDescription = record({
  taskId: int(),
  jobId: int(),
  stageId: int(),
  stageAttempt: int(),
  partition: int(),
  attempt: int(),
  planKey: str,
  plan: bytes,
  inputs: list(taskInput),
  shuffleReads: list(shuffleRead),
  /** cached RDD partitions this task may read or must store: `${rddId}:${partition}` */
  cacheKeys: list(str),
  baseDir: str,
});

export type TaskInput = Infer<typeof taskInput>;
export type BlockLocation = Infer<typeof blockLocation>;
export type ShuffleRead = Infer<typeof shuffleRead>;
export type TaskDescription = Infer<typeof taskDescription>;

/** Checks a decoded value is a well-formed TaskDescription and returns it typed. */
export function validateTaskDescription(value: unknown): TaskDescription {
  return validate(taskDescription, value, "task description", "task", "; the driver and executor may run different spate versions");
}
