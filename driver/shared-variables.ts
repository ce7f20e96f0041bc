/**
 * A Context's broadcast variables and accumulators on the driver. A broadcast's value is encoded
 * once and served to executors on request; an accumulator merges the updates of successful tasks.
 * Both are known by id to the functions that use them (their wire references) and, through the
 * cleaner, forgotten once the program can no longer reach them (a function that captured one
 * holds it for as long as its RDD lives: core/shipped-fn/types.ts, holdRefs).
 */
import { EngineError } from "../core/engine-error.js";
import { Accumulator, checkAmount } from "../core/shared-vars/accumulator.js";
import { Broadcast, destroyedError } from "../core/shared-vars/broadcast.js";
import { encodeValue } from "../core/wire/value-codec.js";
import type { ContextCleaner } from "./context-cleaner.js";

export class SharedVariables {
  private nextBroadcastId = 0;
  private nextAccumulatorId = 0;
  /** encoded values by id; null once destroyed */
  private readonly broadcasts = new Map<number, Uint8Array | null>();
  /** Broadcasts by id while the program holds them, for functions the driver runs itself. */
  private readonly broadcastRefs = new Map<number, WeakRef<Broadcast<unknown>>>();
  private readonly accumulators = new Map<number, WeakRef<Accumulator>>();

  constructor(private readonly cleaner: ContextCleaner, private readonly dropOnExecutors: (id: number) => void) {}

  broadcast<T>(value: T, active: () => boolean): Broadcast<T> {
    const id = this.nextBroadcastId++;
    this.broadcasts.set(id, encodeValue(value, "broadcast"));
    const b = new Broadcast<T>(id, value, {
      unpersistBroadcast: (b) => this.dropOnExecutors(b),
      destroyBroadcast: (b) => {
        this.broadcasts.set(b, null);
        if (active()) this.dropOnExecutors(b);
      },
    });
    this.broadcastRefs.set(id, new WeakRef(b as Broadcast<unknown>));
    this.cleaner.track(b, { kind: "broadcast", id });
    return b;
  }

  accumulator(initial: number): Accumulator {
    const acc = new Accumulator(this.nextAccumulatorId++, checkAmount(initial, "accumulator"));
    this.accumulators.set(acc.id, new WeakRef(acc));
    this.cleaner.track(acc, { kind: "accumulator", id: acc.id });
    return acc;
  }

  /** A broadcast the program can no longer reach: its value goes, here and on executors. */
  forgetBroadcast(id: number): void {
    this.broadcasts.delete(id);
    this.broadcastRefs.delete(id);
    this.dropOnExecutors(id);
  }

  forgetAccumulator(id: number): void {
    this.accumulators.delete(id);
  }

  applyAccumulator(id: number, amount: number): void {
    this.accumulators.get(id)?.deref()?.merge(amount);
  }

  /** The driver's Broadcast or Accumulator of a reference inside a shipped function the driver runs itself. */
  resolveRef(kind: string, id: number): unknown {
    const found = kind === "broadcast" ? this.broadcastRefs.get(id)?.deref() : kind === "accumulator" ? this.accumulators.get(id)?.deref() : undefined;
    if (found === undefined) throw new EngineError("INVALID_ARGUMENT", `the ${kind} ${id} a function uses does not exist in this application`);
    return found;
  }

  /** A broadcast's encoded value, for an executor that asks. */
  broadcastBytes(id: number): Uint8Array {
    const bytes = this.broadcasts.get(id);
    if (bytes === undefined) throw new EngineError("INVALID_ARGUMENT", `broadcast ${id} does not exist in this application`);
    if (bytes === null) throw destroyedError(id);
    return bytes;
  }

  /** How many are held (for tests of the cleaner). */
  get size(): { broadcasts: number; accumulators: number } {
    return { broadcasts: this.broadcasts.size, accumulators: this.accumulators.size };
  }
}
