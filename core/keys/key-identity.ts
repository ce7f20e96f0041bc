/**
 * Key identity for shuffles, joins and countBy*: keys compare by value (API.md). Primitives
 * are their own identity (SameValueZero: -0 equals 0, NaN equals NaN); arrays and other
 * objects are identified by a canonical text. `KeyMap` is the hash map every aggregation on
 * executors and the driver uses; it keeps the first original key object it saw.
 */
import { canonicalText } from "./key-order.js";

type Primitive = string | number | boolean | bigint | null | undefined;

/** A Map from keys compared by value to V. */
export class KeyMap<V> {
  private readonly prim = new Map<Primitive, V>();
  private composite: Map<string, { key: unknown; value: V }> | undefined;

  get size(): number {
    return this.prim.size + (this.composite?.size ?? 0);
  }

  get(key: unknown): V | undefined {
    if (typeof key !== "object" || key === null) return this.prim.get(key as Primitive);
    return this.composite?.get(canonicalText(key))?.value;
  }

  has(key: unknown): boolean {
    if (typeof key !== "object" || key === null) return this.prim.has(key as Primitive);
    return this.composite?.has(canonicalText(key)) ?? false;
  }

  set(key: unknown, value: V): void {
    if (typeof key !== "object" || key === null) {
      this.prim.set(key as Primitive, value);
      return;
    }
    this.composite ??= new Map();
    const text = canonicalText(key);
    const entry = this.composite.get(text);
    if (entry) entry.value = value;
    else this.composite.set(text, { key, value });
  }

  /** Calls `fn` for every entry, primitives first, in insertion order within each kind. */
  forEach(fn: (value: V, key: unknown) => void): void {
    for (const [k, v] of this.prim) fn(v, k);
    if (this.composite) for (const e of this.composite.values()) fn(e.value, e.key);
  }

  *entries(): IterableIterator<[unknown, V]> {
    yield* this.prim.entries();
    if (this.composite) for (const e of this.composite.values()) yield [e.key, e.value];
  }
}
