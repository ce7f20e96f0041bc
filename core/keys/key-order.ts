/**
 * The total order of values that sortBy, sortByKey, top, takeOrdered, max and min use (API.md):
 * numbers numerically, strings by UTF-16 code units, arrays element by element, and across
 * types null < boolean < number < bigint < string < array. Everything else (plain objects,
 * Maps, Dates, undefined) ranks after arrays and compares by a canonical text, so the order is
 * total and the same in every process. NaN ranks above every other number.
 */

const enum Rank {
  Null = 0,
  Boolean = 1,
  Number = 2,
  BigInt = 3,
  String = 4,
  Array = 5,
  Other = 6,
}

function rankOf(v: unknown): Rank {
  switch (typeof v) {
    case "number":
      return Rank.Number;
    case "string":
      return Rank.String;
    case "boolean":
      return Rank.Boolean;
    case "bigint":
      return Rank.BigInt;
    case "undefined":
      return Rank.Null;
    case "object":
      if (v === null) return Rank.Null;
      return Array.isArray(v) ? Rank.Array : Rank.Other;
    default:
      return Rank.Other;
  }
}

/** Compares two values: negative, zero or positive. */
export function compareValues(a: unknown, b: unknown): number {
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === "number") return compareNumbers(a as number, b as number);
    if (ta === "string") return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  }
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case Rank.Null:
      return 0;
    case Rank.Boolean:
      return (a ? 1 : 0) - (b ? 1 : 0);
    case Rank.Number:
      return compareNumbers(a as number, b as number);
    case Rank.BigInt:
      return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
    case Rank.String:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case Rank.Array:
      return compareArrays(a as unknown[], b as unknown[]);
    case Rank.Other: {
      const sa = canonicalText(a);
      const sb = canonicalText(b);
      return sa === sb ? 0 : sa < sb ? -1 : 1;
    }
  }
}

function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  // at least one NaN: NaN ranks above all numbers and equals itself
  const na = Number.isNaN(a);
  const nb = Number.isNaN(b);
  return na === nb ? 0 : na ? 1 : -1;
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** A deterministic text for values outside the ordered kinds (objects, Maps, Sets, Dates). */
export function canonicalText(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === "bigint") return `${x}n`;
    if (x instanceof Map) return { "@map": [...x.entries()] };
    if (x instanceof Set) return { "@set": [...x.values()] };
    if (x === undefined) return "@undefined";
    if (typeof x === "number" && !Number.isFinite(x)) return `@${x}`;
    if (x !== null && typeof x === "object" && !Array.isArray(x) && !ArrayBuffer.isView(x)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(x).sort()) sorted[key] = (x as Record<string, unknown>)[key];
      return sorted;
    }
    return x;
  }) ?? "@undefined";
}

/** A comparator for `key(x)`, ascending or descending. */
export function comparatorOf<T>(key?: (x: T) => unknown, ascending = true): (a: T, b: T) => number {
  const sign = ascending ? 1 : -1;
  if (!key) return (a, b) => sign * compareValues(a, b);
  return (a, b) => sign * compareValues(key(a), key(b));
}
