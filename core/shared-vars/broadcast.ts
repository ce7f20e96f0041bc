/**
 * Broadcast variables on the driver: a read-only value sent once to each executor that needs
 * it (not with every task). A Broadcast travels in a function's env as a reference (wireRef);
 * executors resolve it to their cached copy (core/task/shared-var-handles).
 */
import { EngineError } from "../engine-error.js";
import { wireRef, type WireRef } from "../wire/value-codec.js";

/** What a Broadcast needs of the driver. */
export interface BroadcastRegistry {
  unpersistBroadcast(id: number): void;
  destroyBroadcast(id: number): void;
}

export class Broadcast<T> {
  private destroyed = false;

  constructor(readonly id: number, private readonly current: T, private readonly registry: BroadcastRegistry) {}

  get value(): T {
    if (this.destroyed) throw destroyedError(this.id);
    return this.current;
  }

  /** Drops executors' copies; they fetch the value again if a later job uses it. */
  unpersist(): void {
    if (!this.destroyed) this.registry.unpersistBroadcast(this.id);
  }

  /** Releases the value everywhere; using this broadcast afterwards fails saying so. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.registry.destroyBroadcast(this.id);
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  [wireRef](): WireRef {
    if (this.destroyed) throw destroyedError(this.id);
    return { kind: "broadcast", id: this.id };
  }

  toString(): string {
    return `Broadcast(${this.id})`;
  }
}

export function destroyedError(id: number): EngineError {
  return new EngineError("INVALID_ARGUMENT", `broadcast ${id} was destroyed and can no longer be used; create a new one with sc.broadcast(value)`);
}
