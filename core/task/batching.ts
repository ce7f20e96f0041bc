/**
 * How tiny tasks are batched, in one place. A task is short when the moving average of its
 * executor's task run times is under SHORT_TASK_MS: then the driver keeps several tasks in flight
 * per slot (they stream to the executor without a round trip each), the executor hands each slot
 * several at a time (one thread message), and a slot sends results back together. Long tasks go
 * one per slot, so whichever slot frees first takes the next (a task bound early to a busy slot
 * would hold its stage's end back).
 */

/** Below this moving average of run times (ms), tasks are batched. */
export const SHORT_TASK_MS = 10;

/** Short tasks the driver keeps in flight per executor slot. */
export const TASKS_IN_FLIGHT_PER_SLOT = 16;

/** Short tasks an executor hands one slot thread at once (they wait there behind the running one). */
export const TASKS_PER_SLOT_MESSAGE = 8;

/** Results a slot sends back in one message, at most (fewer when it runs out of tasks). */
export const RESULTS_PER_SLOT_MESSAGE = 16;

/** A moving average of run times, starting long (no early over-commitment). */
export class RunTimes {
  private avg = SHORT_TASK_MS * 20;

  add(ms: number): void {
    this.avg = 0.8 * this.avg + 0.2 * ms;
  }

  get short(): boolean {
    return this.avg < SHORT_TASK_MS;
  }
}
