/**
 * Broadcast and Accumulator as executors see them, made when a plan's env is decoded:
 * a broadcast handle reads the executor's cached value (fetched before the task runs), an
 * accumulator handle adds into the running task's updates (sent back with its result).
 */
import { EngineError } from "../engine-error.js";
import { checkAmount } from "../shared-vars/accumulator.js";

/** The updates of the task running in this slot (one task at a time per slot). */
let currentUpdates: Map<number, number> | null = null;

export function beginAccumulatorUpdates(): Map<number, number> {
  currentUpdates = new Map();
  return currentUpdates;
}

export function endAccumulatorUpdates(): void {
  currentUpdates = null;
}

export class TaskAccumulator {
  constructor(readonly id: number) {}

  add(amount: number): void {
    checkAmount(amount, "accumulator.add");
    if (!currentUpdates) throw new EngineError("INVALID_ARGUMENT", "accumulator.add: called outside a running task");
    currentUpdates.set(this.id, (currentUpdates.get(this.id) ?? 0) + amount);
  }

  get value(): never {
    throw new EngineError("INVALID_ARGUMENT", `accumulator ${this.id}: value can only be read on the driver; tasks may only add()`);
  }
}

export class TaskBroadcast {
  constructor(readonly id: number, private readonly read: (id: number) => unknown) {}

  get value(): unknown {
    return this.read(this.id);
  }

  unpersist(): void {}

  destroy(): never {
    throw new EngineError("INVALID_ARGUMENT", `broadcast ${this.id}: destroy() can only be called on the driver`);
  }
}
