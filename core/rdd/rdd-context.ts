/**
 * What an RDD needs of the Context that made it, as an interface so that core/ never imports
 * driver/ (the driver's Context implements it). Actions reach the scheduler through `runJob`.
 */
import type { ResultOp } from "../plan/plan-node.js";
import type { RDD } from "./rdd.js";

export interface RDDContext {
  readonly defaultParallelism: number;
  /** Context.create({ baseDir }) when given, else "": where relative requires in shipped functions resolve */
  readonly shipBaseDir: string;
  newRddId(): number;
  newShuffleId(): number;
  /** throws CONTEXT_STOPPED naming the operation when the Context was stopped */
  assertActive(operation: string): void;
  /**
   * Runs one result task per partition (all partitions unless given) and returns each one's
   * encoded result, in the order of `partitions`. Rejects with an EngineError.
   */
  runJob(rdd: RDD<unknown>, op: ResultOp, partitions?: number[]): Promise<Uint8Array[]>;
  /** the driver's own Broadcast or Accumulator a shipped function refers to */
  resolveRef(kind: string, id: number): unknown;
  /** drops an RDD's cached partitions from every executor */
  uncache(rddId: number): void;
}
