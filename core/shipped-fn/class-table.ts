/**
 * The user classes this driver has shipped or whose instances it sends (parallelize), so that
 * every stage plan carries them: an executor then rebuilds instances of them wherever they turn
 * up (a later stage's rows, a shuffle), not only in the stage whose functions name the class.
 * Filled by closure-builder.ts (classes it captures, kept in remembered-classes.ts) and by the
 * Context (instances in parallelize data); read by the stage planner, which ships each class
 * afresh per job.
 */
import { classIdOf } from "../wire/class-registry.js";
import { valueKind } from "./captured-value.js";
import { rememberedClasses } from "./remembered-classes.js";
import { shipFunction } from "./ship.js";
import type { ShippedFn } from "./types.js";

/** The shipped form of every class remembered, taken now (for a job's plans). */
export function shippedClasses(operation: string): ShippedFn[] {
  return rememberedClasses().map((cls) => shipFunction(cls, undefined, operation));
}

function instanceClass(v: unknown): Function | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const proto = Object.getPrototypeOf(v) as { constructor?: unknown } | null;
  if (proto === null || proto === Object.prototype) return undefined;
  const ctor = proto.constructor;
  return typeof ctor === "function" && (ctor as { prototype?: unknown }).prototype === proto ? ctor : undefined;
}

/**
 * Ships the user classes of the instances among `items` (and one level inside arrays, as in
 * [key, value] pairs), so that executors rebuild them: called by parallelize. Classes already
 * known are skipped at the cost of one lookup.
 */
export function shipClassesOf(items: readonly unknown[], operation: string): void {
  const seen = new Set<Function>();
  const visit = (v: unknown): void => {
    const cls = instanceClass(v);
    if (cls === undefined || seen.has(cls)) return;
    seen.add(cls);
    if (classIdOf(cls) !== undefined) return;
    if (valueKind(cls).kind !== "userClass") return;
    shipFunction(cls, undefined, operation); // registers it (closure-builder.ts)
  };
  for (const item of items) {
    if (Array.isArray(item)) for (const x of item) visit(x);
    else visit(item);
  }
}
