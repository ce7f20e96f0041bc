/**
 * Field guards, written once: small schemas from which both a type (`Infer<typeof schema>`) and
 * its validator come, so the two cannot drift. Everything that arrives from a peer and is not
 * protobuf-checked goes through them: stage plans, task descriptions, task end reasons. A value
 * that does not fit is CORRUPT_DATA naming the subject and the path of the field
 * (`stage plan: plan.rdd.op.fn.label is not a string`).
 *
 * A record guard builds a new object holding only its declared fields (a hostile peer's extra
 * fields are dropped, never trusted); variants are discriminated on a tag field.
 */
import { EngineError } from "../engine-error.js";

/** How one validation reports: its subject, and what to add to every message. */
export class Checker {
  /** how deep `nested` guards have gone (plan nodes nest) */
  depth = 0;

  constructor(
    readonly subject: string,
    private readonly hint = "",
    /** checks a nested value of the subject's recursive kind (plan nodes: a child node) */
    readonly nested?: (v: unknown, at: string, c: Checker) => unknown,
  ) {}

  fail(at: string, what: string): never {
    throw new EngineError("CORRUPT_DATA", `${this.subject}: ${at} ${what}${this.hint}`);
  }
}

export interface Guard<T> {
  check(v: unknown, at: string, c: Checker): T;
}

export type Infer<G> = G extends Guard<infer T> ? T : never;

/** A field that may be left out (undefined): its key is then absent from the checked record. */
export interface OptionalGuard<T> extends Guard<T | undefined> {
  readonly optional: true;
}

export type Fields = Record<string, Guard<unknown>>;
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends OptionalGuard<unknown> ? K : never }[keyof F];
type RequiredKeys<F extends Fields> = Exclude<keyof F, OptionalKeys<F>>;
type Flatten<T> = { [K in keyof T]: T[K] };
export type InferFields<F extends Fields> = Flatten<{ [K in RequiredKeys<F>]: Infer<F[K]> } & { [K in OptionalKeys<F>]?: Exclude<Infer<F[K]>, undefined> }>;

/** Checks `v` against `guard` for `subject` (the root's path is `root`). */
export function validate<T>(guard: Guard<T>, v: unknown, subject: string, root: string, hint = ""): T {
  return guard.check(v, root, new Checker(subject, hint));
}

export function int(min = 0, max = Number.MAX_SAFE_INTEGER): Guard<number> {
  return {
    check: (v, at, c) => (typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max ? v : c.fail(at, max === Number.MAX_SAFE_INTEGER ? `is not an integer >= ${min}` : `is not an integer from ${min} to ${max}`)),
  };
}

export const num: Guard<number> = { check: (v, at, c) => (typeof v === "number" ? v : c.fail(at, "is not a number")) };
export const bool: Guard<boolean> = { check: (v, at, c) => (typeof v === "boolean" ? v : c.fail(at, "is not a boolean")) };
export const str: Guard<string> = { check: (v, at, c) => (typeof v === "string" ? v : c.fail(at, "is not a string")) };
export const bytes: Guard<Uint8Array> = { check: (v, at, c) => (v instanceof Uint8Array ? v : c.fail(at, "is not bytes")) };
/** Any value at all (user data: a fold's zero value, range bounds). */
export const anything: Guard<unknown> = { check: (v) => v };

/** One of the strings given. */
export function oneOf<const L extends readonly string[]>(...values: L): Guard<L[number]> {
  return { check: (v, at, c) => (typeof v === "string" && values.includes(v) ? (v as L[number]) : c.fail(at, `is not one of ${values.join(", ")}`)) };
}

export function list<T>(item: Guard<T>, minLength = 0): Guard<T[]> {
  return {
    check: (v, at, c) => {
      if (!Array.isArray(v)) return c.fail(at, "is not a list");
      if (v.length < minLength) return c.fail(at, `has fewer than ${minLength} elements`);
      return v.map((x, i) => item.check(x, `${at}[${i}]`, c));
    },
  };
}

export function optional<T>(inner: Guard<T>): OptionalGuard<T> {
  return { optional: true, check: (v, at, c) => (v === undefined ? undefined : inner.check(v, at, c)) };
}

/** A two-element list: [a, b]. */
export function pair<A, B>(a: Guard<A>, b: Guard<B>): Guard<[A, B]> {
  return {
    check: (v, at, c) => (Array.isArray(v) && v.length === 2 ? [a.check(v[0], `${at}[0]`, c), b.check(v[1], `${at}[1]`, c)] : c.fail(at, "is not a pair")),
  };
}

export function nullable<T>(inner: Guard<T>): Guard<T | null> {
  return { check: (v, at, c) => (v === null ? null : inner.check(v, at, c)) };
}

function asRecord(v: unknown, at: string, c: Checker): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v) || ArrayBuffer.isView(v)) c.fail(at, "is not a record");
  return v as Record<string, unknown>;
}

function checkFields<F extends Fields>(fields: F, r: Record<string, unknown>, at: string, c: Checker, out: Record<string, unknown>): void {
  for (const key of Object.keys(fields)) {
    const value = fields[key]!.check(r[key], `${at}.${key}`, c);
    if (value !== undefined) out[key] = value;
  }
}

/** A record with exactly these fields (others are dropped). */
export function record<F extends Fields>(fields: F): Guard<InferFields<F>> {
  return {
    check: (v, at, c) => {
      const out: Record<string, unknown> = {};
      checkFields(fields, asRecord(v, at, c), at, c, out);
      return out as InferFields<F>;
    },
  };
}

/** A map from identifiers to values of one kind. */
export function dictionary<T>(value: Guard<T>, key = /^[A-Za-z_$][\w$]*$/): Guard<Record<string, T>> {
  return {
    check: (v, at, c) => {
      const out: Record<string, T> = {};
      for (const [k, x] of Object.entries(asRecord(v, at, c))) {
        if (!key.test(k)) c.fail(at, `names '${k.slice(0, 40)}', which is not an identifier`);
        out[k] = value.check(x, `${at}.${k}`, c);
      }
      return out;
    },
  };
}

/** The union of the variants' records, each tagged `kind: <its name>`. */
export type Variants<V extends Record<string, Fields>> = { [K in keyof V & string]: { kind: K } & InferFields<V[K]> }[keyof V & string];

/** Records discriminated on `kind`: each variant's fields, by its tag. */
export function variants<V extends Record<string, Fields>>(what: string, table: V): Guard<Variants<V>> {
  return {
    check: (v, at, c) => {
      const r = asRecord(v, at, c);
      const kind = r.kind;
      if (typeof kind !== "string" || !Object.hasOwn(table, kind)) return c.fail(`${at}.kind`, `is not ${what} (${String(kind).slice(0, 40)})`);
      const out: Record<string, unknown> = { kind };
      checkFields(table[kind]!, r, at, c, out);
      return out as Variants<V>;
    },
  };
}

/** A guard defined later (for recursive shapes): `lazy(() => node)`. */
export function lazy<T>(get: () => Guard<T>): Guard<T> {
  return { check: (v, at, c) => get().check(v, at, c) };
}

/** A custom check on top of a guard (a relation between fields, a range). */
export function refine<T>(inner: Guard<T>, ok: (value: T) => string | undefined): Guard<T> {
  return {
    check: (v, at, c) => {
      const value = inner.check(v, at, c);
      const problem = ok(value);
      return problem === undefined ? value : c.fail(at, problem);
    },
  };
}
