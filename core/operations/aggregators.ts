/**
 * How a shuffle merges values with the same key (Spark's Aggregator): the kinds, their guard,
 * and their three functions (createCombiner, mergeValue, mergeCombiners) on executors.
 * reduceByKey's are the reducer itself, foldByKey and aggregateByKey start from a fresh copy of
 * their zero for every key, combineByKey's are the user's three, groupByKey gathers arrays.
 */
import { shippedFn } from "../plan/shipped-fn-guard.js";
import { anything, type Infer, nullable, variants } from "../plan/schema.js";
import type { FunctionTable } from "../task/user-fn.js";

export const aggregatorGuard = variants("an aggregator", {
  reduce: { fn: shippedFn },
  fold: { zero: anything, fn: shippedFn },
  aggregate: { zero: anything, seqOp: shippedFn, combOp: shippedFn },
  combine: { createCombiner: shippedFn, mergeValue: shippedFn, mergeCombiners: shippedFn },
  group: {},
});

export const optionalAggregator = nullable(aggregatorGuard);

export type Aggregator = Infer<typeof aggregatorGuard>;

export interface CombinerFns {
  createCombiner(v: unknown): unknown;
  mergeValue(c: unknown, v: unknown): unknown;
  mergeCombiners(a: unknown, b: unknown): unknown;
}

/** A copy of `zero` for each key (primitives are immutable and shared). */
export function zeroFactory(zero: unknown): () => unknown {
  if (zero === null || typeof zero !== "object") return () => zero;
  return () => structuredClone(zero);
}

export function combinerFns(agg: Aggregator, fns: FunctionTable, operation: string): CombinerFns {
  switch (agg.kind) {
    case "reduce": {
      const f = fns.syncFn(agg.fn, operation);
      return { createCombiner: (v) => v, mergeValue: f, mergeCombiners: f };
    }
    case "fold": {
      const f = fns.syncFn(agg.fn, operation);
      const zero = zeroFactory(agg.zero);
      return { createCombiner: (v) => f(zero(), v), mergeValue: f, mergeCombiners: f };
    }
    case "aggregate": {
      const seq = fns.syncFn(agg.seqOp, operation);
      const comb = fns.syncFn(agg.combOp, operation);
      const zero = zeroFactory(agg.zero);
      return { createCombiner: (v) => seq(zero(), v), mergeValue: seq, mergeCombiners: comb };
    }
    case "combine": {
      const create = fns.syncFn(agg.createCombiner, operation);
      return { createCombiner: (v) => create(v), mergeValue: fns.syncFn(agg.mergeValue, operation), mergeCombiners: fns.syncFn(agg.mergeCombiners, operation) };
    }
    case "group":
      return {
        createCombiner: (v) => [v],
        mergeValue: (c, v) => {
          (c as unknown[]).push(v);
          return c;
        },
        mergeCombiners: (a, b) => {
          const left = a as unknown[];
          for (const v of b as unknown[]) left.push(v);
          return left;
        },
      };
  }
}
