/**
 * Executor: runs tasks for one application in C slot threads and keeps their blocks. Takes task
 * descriptions, gathers each task's shuffle blocks (local ones from its block store, remote ones
 * through a fetcher) and cached partitions, hands the task to a slot (short tasks several at a
 * time, waiting there behind the running one: core/task/batching.ts), stores what the slot
 * produced and reports how the task ended. In local mode the driver calls it in-process; in a cluster an executor
 * process wraps it with a gRPC service.
 */
import { Worker } from "node:worker_threads";
import type { BlockLocation, TaskDescription } from "../core/task/task-description.js";
import type { BlockStats } from "../core/task/block-stats.js";
import type { TaskEndReason } from "../core/task/task-end-reason.js";
import { RunTimes, TASKS_PER_SLOT_MESSAGE } from "../core/task/batching.js";
import type { SlotTask } from "../core/task/task-runner.js";
import { entryPoint } from "../core/package-layout.js";
import { BlockStore, type BlockStoreOptions } from "./block-store.js";
import type { FromSlot, ToSlot } from "./slot-protocol.js";

export interface ExecutorOptions {
  executorId: string;
  slots: number;
  /** memory bound and spill directory of the block store */
  blocks?: BlockStoreOptions;
  /** heap of each slot thread, in MiB: a task past it ends with an error, the executor lives on */
  slotHeapMb?: number;
  /** asks the driver for a broadcast's encoded value */
  fetchBroadcast(id: number): Promise<Uint8Array>;
  /** fetches a block held by another executor (distributed mode) */
  fetchRemoteBlock?(location: BlockLocation, shuffleId: number, reducePartition: number): Promise<Uint8Array>;
  /** called once per launched task with how it ended and how long it ran (ms) */
  onTaskEnded(taskId: number, reason: TaskEndReason, runMs: number): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  /** tasks sent to this slot, in order: the first is running */
  assigned: SlotTask[];
}

class FetchFailure extends Error {
  constructor(readonly shuffleId: number, readonly location: BlockLocation, message: string) {
    super(message);
  }
}

export class Executor {
  readonly blocks: BlockStore;
  private readonly slots: Slot[] = [];
  /** tasks whose blocks are gathered, waiting for room in a slot */
  private readonly queue: SlotTask[] = [];
  /** tasks still gathering their blocks */
  private readonly gathering = new Set<number>();
  private readonly killedWhileGathering = new Set<number>();
  private stopped = false;
  private dispatchQueued = false;
  /** task run times here: short tasks go to a slot several at a time (core/task/batching.ts) */
  private readonly runTimes = new RunTimes();

  constructor(private readonly options: ExecutorOptions) {
    this.blocks = new BlockStore(options.blocks);
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
    const worker = new Worker(entryPoint("slot-worker"), {
      workerData: { executorId: this.options.executorId },
      ...(this.options.slotHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.options.slotHeapMb } } : {}),
    });
    let markReady!: () => void;
    const slot: Slot = { worker, assigned: [], ready: new Promise<void>((r) => (markReady = r)) };
    worker.on("message", (msg: FromSlot) => {
      if (msg.type === "ready") {
        if (slot.assigned.length === 0) worker.unref(); // an idle slot does not keep the process alive
        markReady();
      } else if (msg.type === "getBroadcast") this.serveBroadcast(slot, msg.requestId, msg.id);
      else this.onSlotDone(slot, msg);
    });
    worker.on("error", (err) => this.onSlotLost(slot, err, "exception"));
    worker.on("exit", (code) => this.onSlotLost(slot, new Error(`slot thread exited with code ${code}`), "exception"));
    return slot;
  }

  /**
   * Accepts a task; it runs when its blocks are gathered and a slot has room. Tasks whose blocks
   * are all local are queued at once, and the slots are fed once per turn of the event loop, so
   * tasks launched together reach each slot in one message.
   */
  launch(task: TaskDescription): void {
    if (this.stopped) return;
    const remote = task.shuffleReads.some((r) => r.locations.some((l) => l.size > 0 && l.executorId !== this.options.executorId));
    if (!remote) {
      try {
        this.enqueue(task, task.shuffleReads.map((read) => [`${read.shuffleId}:${read.reducePartition}`, this.localBlocks(read.shuffleId, read.reducePartition, read.locations)]));
      } catch (e) {
        this.gatherFailed(task.taskId, e);
      }
      return;
    }
    this.gathering.add(task.taskId);
    void this.gather(task);
  }

  private async gather(task: TaskDescription): Promise<void> {
    let shuffle: Array<[string, Uint8Array[]]>;
    try {
      shuffle = await Promise.all(
        task.shuffleReads.map(async (read) => [`${read.shuffleId}:${read.reducePartition}`, await this.blocksOf(read.shuffleId, read.reducePartition, read.locations)] as [string, Uint8Array[]]),
      );
    } catch (e) {
      this.gathering.delete(task.taskId);
      if (this.killedWhileGathering.delete(task.taskId)) this.report(task.taskId, { kind: "killed", reason: "killed" });
      else this.gatherFailed(task.taskId, e);
      return;
    }
    this.gathering.delete(task.taskId);
    if (this.killedWhileGathering.delete(task.taskId)) {
      this.report(task.taskId, { kind: "killed", reason: "killed before it started" });
      return;
    }
    this.enqueue(task, shuffle);
  }

  private gatherFailed(taskId: number, e: unknown): void {
    if (e instanceof FetchFailure) this.report(taskId, { kind: "fetchFailed", shuffleId: e.shuffleId, mapIndex: e.location.mapIndex, executorId: e.location.executorId, message: e.message });
    else this.report(taskId, { kind: "exception", code: "TASK_FAILED", message: (e as Error).message, cause: { name: "Error", message: (e as Error).message }, retriable: true });
  }

  private enqueue(task: TaskDescription, shuffle: Array<[string, Uint8Array[]]>): void {
    const cached: Array<[string, Uint8Array]> = [];
    for (const key of task.cacheKeys) {
      const block = this.blocks.cached(key);
      if (block) cached.push([key, block]);
    }
    this.queue.push({ task, shuffle, cached });
    if (!this.dispatchQueued) {
      this.dispatchQueued = true;
      queueMicrotask(() => {
        this.dispatchQueued = false;
        this.dispatch();
      });
    }
  }

  private dispatch(): void {
    if (this.queue.length === 0) return;
    const perSlot = this.runTimes.short ? TASKS_PER_SLOT_MESSAGE : 1;
    const batches = new Map<Slot, SlotTask[]>();
    // deal tasks round-robin so every slot gets a share
    for (let round = 1; round <= perSlot && this.queue.length > 0; round++) {
      for (const slot of this.slots) {
        if (this.queue.length === 0) break;
        if (slot.assigned.length >= round) continue;
        const task = this.queue.shift()!;
        slot.assigned.push(task);
        const batch = batches.get(slot);
        if (batch) batch.push(task);
        else batches.set(slot, [task]);
      }
    }
    for (const [slot, tasks] of batches) {
      slot.worker.ref();
      slot.worker.postMessage({ type: "run", tasks } satisfies ToSlot);
    }
  }

  /** The blocks of one reduce partition, when all of them are in this executor's store. */
  private localBlocks(shuffleId: number, reduce: number, locations: BlockLocation[]): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const loc of locations) {
      if (loc.size === 0) continue;
      const block = this.blocks.shuffleBlock(shuffleId, loc.mapIndex, reduce);
      if (!block) throw new FetchFailure(shuffleId, loc, `shuffle ${shuffleId}: block of map ${loc.mapIndex} for reduce ${reduce} is missing on executor ${loc.executorId}`);
      out.push(block);
    }
    return out;
  }

  /** The blocks of one reduce partition: local ones from the store, remote ones fetched. */
  private async blocksOf(shuffleId: number, reduce: number, locations: BlockLocation[]): Promise<Uint8Array[]> {
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
    for (const r of msg.results) {
      const index = slot.assigned.findIndex((t) => t.task.taskId === r.taskId);
      if (index >= 0) slot.assigned.splice(index, 1);
      this.runTimes.add(r.runMs);
      try {
        if (r.shuffleId !== null && r.shuffleBlocks) this.blocks.putShuffleOutput(r.shuffleId, r.mapIndex, r.shuffleBlocks);
        for (const [key, block] of r.cachedBlocks) this.blocks.putCached(key, block);
      } catch (e) {
        // a full disk or an I/O error: the task fails (another executor may run it), this executor lives on
        this.report(r.taskId, { kind: "exception", code: "TASK_FAILED", message: (e as Error).message, cause: { name: "StorageError", message: (e as Error).message }, retriable: true });
        continue;
      }
      this.options.onTaskEnded(r.taskId, r.reason, r.runMs);
    }
    if (slot.assigned.length === 0) slot.worker.unref();
    this.dispatch();
  }

  /**
   * A slot's thread died or was terminated: its running task ends with `kind`, the task waiting
   * behind it goes back to the queue, and a new thread takes the slot's place.
   */
  private onSlotLost(slot: Slot, err: Error, kind: "exception" | "killed"): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.stopped) return;
    this.slots[index] = this.spawn();
    void slot.worker.terminate();
    const [running, ...waiting] = slot.assigned;
    slot.assigned = [];
    this.queue.unshift(...waiting);
    if (running) {
      if (kind === "killed") this.report(running.task.taskId, { kind: "killed", reason: "killed" });
      else {
        const cause = { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
        this.report(running.task.taskId, { kind: "exception", code: "TASK_FAILED", message: `the task's thread died: ${err.message}`, cause, retriable: true });
      }
    }
    this.dispatch();
  }

  private serveBroadcast(slot: Slot, requestId: number, id: number): void {
    this.options.fetchBroadcast(id).then(
      (bytes) => slot.worker.postMessage({ type: "broadcast", requestId, bytes, error: null } satisfies ToSlot),
      (e: Error) => slot.worker.postMessage({ type: "broadcast", requestId, bytes: null, error: e.message } satisfies ToSlot),
    );
  }

  /** Stops a task: a queued one never starts, a waiting one is cancelled, a running one's thread is replaced. */
  kill(taskId: number): void {
    if (this.gathering.has(taskId)) {
      this.killedWhileGathering.add(taskId);
      return;
    }
    const queued = this.queue.findIndex((q) => q.task.taskId === taskId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.report(taskId, { kind: "killed", reason: "killed before it started" });
      return;
    }
    for (const slot of this.slots) {
      const position = slot.assigned.findIndex((t) => t.task.taskId === taskId);
      if (position === 0) this.onSlotLost(slot, new Error("killed"), "killed");
      else if (position > 0) slot.worker.postMessage({ type: "cancel", taskId } satisfies ToSlot);
      if (position >= 0) return;
    }
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

  blockStats(): BlockStats {
    return this.blocks.stats();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.queue.length = 0;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.blocks.clear();
  }

  private report(taskId: number, reason: TaskEndReason): void {
    this.options.onTaskEnded(taskId, reason, 0);
  }
}
