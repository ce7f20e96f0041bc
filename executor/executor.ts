/**
 * Executor: runs tasks for one application in C slot threads and keeps their blocks. Takes
 * encoded task descriptions, gathers each task's shuffle blocks (local ones from its block
 * store, remote ones through a fetcher) and cached partitions, hands the task to a free slot,
 * stores what the slot produced and reports the encoded end reason. In local mode the driver
 * calls it in-process; in a cluster an executor process wraps it with a gRPC service.
 */
import { Worker } from "node:worker_threads";
import { EngineError } from "../core/engine-error.js";
import { validateTaskDescription, type BlockLocation, type TaskDescription } from "../core/task/task-description.js";
import type { TaskEndReason } from "../core/task/task-end-reason.js";
import { decodeValue, encodeValue } from "../core/wire/value-codec.js";
import { BlockStore } from "./block-store.js";
import type { FromSlot, ToSlot } from "./slot-protocol.js";

export interface ExecutorOptions {
  executorId: string;
  slots: number;
  /** asks the driver for a broadcast's encoded value */
  fetchBroadcast(id: number): Promise<Uint8Array>;
  /** fetches a block held by another executor (distributed mode) */
  fetchRemoteBlock?(location: BlockLocation, shuffleId: number, reducePartition: number): Promise<Uint8Array>;
  /** called once per launched task with its encoded TaskEndReason */
  onTaskEnded(taskId: number, reason: Uint8Array): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  taskId: number | null;
}

class FetchFailure extends Error {
  constructor(readonly shuffleId: number, readonly location: BlockLocation, message: string) {
    super(message);
  }
}

export class Executor {
  readonly blocks = new BlockStore();
  private readonly slots: Slot[] = [];
  private readonly queue: Array<{ task: TaskDescription; bytes: Uint8Array }> = [];
  private readonly killed = new Set<number>();
  private stopped = false;

  constructor(private readonly options: ExecutorOptions) {
    for (let i = 0; i < options.slots; i++) this.slots.push(this.spawn());
  }

  get executorId(): string {
    return this.options.executorId;
  }

  /** Resolves when every slot thread has started. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  private spawn(): Slot {
    const worker = new Worker(new URL("./slot-worker.js", import.meta.url), { workerData: { executorId: this.options.executorId } });
    let markReady!: () => void;
    const slot: Slot = { worker, taskId: null, ready: new Promise<void>((r) => (markReady = r)) };
    worker.on("message", (msg: FromSlot) => {
      if (msg.type === "ready") {
        if (slot.taskId === null) worker.unref(); // an idle slot does not keep the process alive
        markReady();
      }
      else if (msg.type === "getBroadcast") this.serveBroadcast(slot, msg.requestId, msg.id);
      else this.onSlotDone(slot, msg);
    });
    worker.on("error", (err) => this.onSlotCrash(slot, err));
    worker.on("exit", (code) => {
      if (!this.stopped && this.slots.includes(slot)) this.onSlotCrash(slot, new Error(`slot thread exited with code ${code}`));
    });
    return slot;
  }

  /** Accepts an encoded task; it runs when a slot is free. */
  launch(bytes: Uint8Array): void {
    let task: TaskDescription;
    try {
      task = validateTaskDescription(decodeValue(bytes));
    } catch (e) {
      // a task we cannot read has no id we can trust: report it under the id it claims, if any
      const claimed = (() => {
        try {
          return (decodeValue(bytes) as { taskId?: unknown }).taskId;
        } catch {
          return undefined;
        }
      })();
      if (typeof claimed === "number") this.report(claimed, { kind: "exception", code: "CORRUPT_DATA", message: (e as Error).message, cause: { name: "EngineError", message: (e as Error).message }, retriable: false });
      return;
    }
    this.queue.push({ task, bytes });
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.taskId === null);
      if (!slot) return;
      const { task, bytes } = this.queue.shift()!;
      slot.taskId = task.taskId;
      void this.start(slot, task, bytes);
    }
  }

  private async start(slot: Slot, task: TaskDescription, bytes: Uint8Array): Promise<void> {
    let shuffle: Array<[string, Uint8Array[]]>;
    try {
      shuffle = await Promise.all(
        task.shuffleReads.map(async (read) => [`${read.shuffleId}:${read.reducePartition}`, await this.gather(read.shuffleId, read.reducePartition, read.locations)] as [string, Uint8Array[]]),
      );
    } catch (e) {
      slot.taskId = null;
      if (e instanceof FetchFailure) {
        this.report(task.taskId, { kind: "fetchFailed", shuffleId: e.shuffleId, mapIndex: e.location.mapIndex, executorId: e.location.executorId, message: e.message });
      } else {
        this.report(task.taskId, { kind: "exception", code: "TASK_FAILED", message: (e as Error).message, cause: { name: "Error", message: (e as Error).message }, retriable: true });
      }
      this.dispatch();
      return;
    }
    if (this.killed.delete(task.taskId)) {
      slot.taskId = null;
      this.report(task.taskId, { kind: "killed", reason: "killed before it started" });
      this.dispatch();
      return;
    }
    const cached: Array<[string, Uint8Array]> = [];
    for (const key of task.cacheKeys) {
      const block = this.blocks.cached(key);
      if (block) cached.push([key, block]);
    }
    slot.worker.ref();
    slot.worker.postMessage({ type: "run", task: bytes, shuffle, cached } satisfies ToSlot);
  }

  /** The blocks of one reduce partition: local ones from the store, remote ones fetched. */
  private async gather(shuffleId: number, reduce: number, locations: BlockLocation[]): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    await Promise.all(
      locations.map(async (loc) => {
        if (loc.size === 0) return;
        if (loc.executorId === this.options.executorId) {
          const block = this.blocks.shuffleBlock(shuffleId, loc.mapIndex, reduce);
          if (!block) throw new FetchFailure(shuffleId, loc, `shuffle ${shuffleId}: block of map ${loc.mapIndex} for reduce ${reduce} is missing on executor ${loc.executorId}`);
          out[loc.mapIndex] = block;
          return;
        }
        if (!this.options.fetchRemoteBlock) throw new FetchFailure(shuffleId, loc, `shuffle ${shuffleId}: executor ${loc.executorId} is not reachable from here`);
        try {
          out[loc.mapIndex] = await this.options.fetchRemoteBlock(loc, shuffleId, reduce);
        } catch (e) {
          throw new FetchFailure(shuffleId, loc, `shuffle ${shuffleId}: fetching map ${loc.mapIndex} from executor ${loc.executorId} failed: ${(e as Error).message}`);
        }
      }),
    );
    return out.filter((b) => b !== undefined);
  }

  private onSlotDone(slot: Slot, msg: Extract<FromSlot, { type: "done" }>): void {
    slot.taskId = null;
    slot.worker.unref(); // an idle executor does not keep the driver's process alive
    if (msg.shuffleId !== null && msg.shuffleBlocks) this.blocks.putShuffleOutput(msg.shuffleId, msg.mapIndex, msg.shuffleBlocks);
    for (const [key, block] of msg.cachedBlocks) this.blocks.putCached(key, block);
    if (this.killed.delete(msg.taskId)) this.report(msg.taskId, { kind: "killed", reason: "killed" });
    else this.options.onTaskEnded(msg.taskId, msg.reason);
    this.dispatch();
  }

  private onSlotCrash(slot: Slot, err: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.stopped) return;
    const taskId = slot.taskId;
    void slot.worker.terminate();
    this.slots[index] = this.spawn();
    if (taskId !== null) {
      const message = `the task's thread died: ${err.message}`;
      this.report(taskId, { kind: "exception", code: "TASK_FAILED", message, cause: { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) }, retriable: true });
    }
    this.dispatch();
  }

  private serveBroadcast(slot: Slot, requestId: number, id: number): void {
    this.options.fetchBroadcast(id).then(
      (bytes) => slot.worker.postMessage({ type: "broadcast", requestId, bytes, error: null } satisfies ToSlot),
      (e: Error) => slot.worker.postMessage({ type: "broadcast", requestId, bytes: null, error: e.message } satisfies ToSlot),
    );
  }

  /** Stops a task: a queued one never starts, a running one's thread is replaced. */
  kill(taskId: number): void {
    const queued = this.queue.findIndex((q) => q.task.taskId === taskId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.report(taskId, { kind: "killed", reason: "killed before it started" });
      return;
    }
    const slot = this.slots.find((s) => s.taskId === taskId);
    if (!slot) {
      this.killed.add(taskId);
      return;
    }
    const index = this.slots.indexOf(slot);
    this.slots[index] = this.spawn();
    void slot.worker.terminate();
    this.report(taskId, { kind: "killed", reason: "killed" });
    this.dispatch();
  }

  dropBroadcast(id: number): void {
    for (const s of this.slots) s.worker.postMessage({ type: "dropBroadcast", id } satisfies ToSlot);
  }

  removeShuffle(shuffleId: number): void {
    this.blocks.removeShuffle(shuffleId);
  }

  removeRdd(rddId: number): void {
    this.blocks.removeRdd(rddId);
  }

  get busySlots(): number {
    return this.slots.filter((s) => s.taskId !== null).length;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.queue.length = 0;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.blocks.clear();
  }

  private report(taskId: number, reason: TaskEndReason): void {
    this.options.onTaskEnded(taskId, encodeValue(reason, "task result"));
  }
}

export { EngineError };
