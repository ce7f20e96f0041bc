/**
 * Accumulators on the driver: a number that tasks add to. Tasks add into their own updates,
 * which come back with the task's result; the driver's scheduler applies the updates of the
 * first successful attempt of each partition only, so failed and duplicate attempts do not count.
 */
import { EngineError } from "../engine-error.js";
import { wireRef, type WireRef } from "../wire/value-codec.js";

export class Accumulator {
  private current: number;

  constructor(readonly id: number, initial: number) {
    this.current = initial;
  }

  /** The accumulated value (driver only). */
  get value(): number {
    return this.current;
  }

  set value(v: number) {
    this.current = checkAmount(v, "accumulator.value");
  }

  add(amount: number): void {
    this.current += checkAmount(amount, "accumulator.add");
  }

  /** Applies a task's update (the driver's scheduler calls this). */
  merge(amount: number): void {
    this.current += amount;
  }

  [wireRef](): WireRef {
    return { kind: "accumulator", id: this.id };
  }

  toString(): string {
    return String(this.current);
  }
}

export function checkAmount(v: unknown, operation: string): number {
  if (typeof v !== "number") {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: accumulators hold numbers, got ${v === null ? "null" : typeof v}. Add a number.`);
  }
  return v;
}
