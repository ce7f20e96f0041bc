/**
 * Every plan node kind, registered by `kind` from its family (sources, element and partition
 * operations, unions and pairs, shuffles): the guard a decoded plan passes before an executor
 * evaluates it, and the evaluator itself. A new family registers its kinds here, and nothing else
 * changes. A plan nests at most MAX_PLAN_DEPTH nodes deep; a cached node is read from the
 * executor's cache when present, else computed once and handed back to be stored.
 */
import { EngineError } from "../engine-error.js";
import { bool, type Checker, type Guard, int } from "../plan/schema.js";
import { asyncStream, materialize, type Stream, syncStream } from "../task/stream.js";
import { decodeRowBlock, encodeRowBlock } from "../wire/row-block.js";
import { elementNodes } from "./element-ops.js";
import type { AnyNode, Evaluator, NodeKind, NodeOfKind, TaskIO } from "./node-kind.js";
import { partitionNodes } from "./partition-ops.js";
import { shuffleNodes } from "./shuffle.js";
import { sourceNodes } from "./sources.js";
import { combinationNodes } from "./unions-and-pairs.js";

const ALL = [...sourceNodes, ...elementNodes, ...partitionNodes, ...combinationNodes, ...shuffleNodes];

/** A plan node of any registered kind. */
export type PlanNode = NodeOfKind<(typeof ALL)[number]>;

const KINDS = new Map<string, NodeKind>(ALL.map((k) => [k.kind, k as unknown as NodeKind]));

/** Nodes nest at most this deep within one stage (deeper lineages should be cached or checkpointed). */
export const MAX_PLAN_DEPTH = 2_000;

const base = { rddId: int(), numPartitions: int(), cached: bool };

export function checkNode(v: unknown, at: string, c: Checker): AnyNode {
  if (c.depth > MAX_PLAN_DEPTH) c.fail(at, `nests deeper than ${MAX_PLAN_DEPTH} levels; cut the lineage with a shuffle or by collecting and re-parallelizing`);
  if (typeof v !== "object" || v === null || Array.isArray(v)) return c.fail(at, "is not a record");
  const r = v as Record<string, unknown>;
  const kind = KINDS.get(typeof r.kind === "string" ? r.kind : "");
  if (kind === undefined) return c.fail(`${at}.kind`, `is not a node kind (${String(r.kind).slice(0, 40)})`);
  const out: Record<string, unknown> = { kind: kind.kind };
  for (const [key, guard] of Object.entries(base)) out[key] = guard.check(r[key], `${at}.${key}`, c);
  c.depth++;
  try {
    // deep in a long lineage, name the depth rather than the whole path
    const within = c.depth < 8 ? at : `plan.rdd…(depth ${c.depth})`;
    for (const [key, guard] of Object.entries(kind.fields)) out[key] = guard.check(r[key], `${within}.${key}`, c);
  } finally {
    c.depth--;
  }
  return out as unknown as AnyNode;
}

/**
 * The guard of a plan node of any kind. Its children are checked through the checker's `nested`
 * hook, so the checker must be made with `new Checker(subject, hint, checkNode)` (stage-plan.ts).
 */
export const planNode: Guard<AnyNode> = { check: checkNode };

function kindOf(node: AnyNode): NodeKind {
  const kind = KINDS.get(node.kind);
  if (kind === undefined) throw new EngineError("CORRUPT_DATA", `stage plan: node kind '${node.kind}' is not known here`);
  return kind;
}

/** The nodes a node is computed from within its stage. */
export function childrenOf(node: AnyNode): AnyNode[] {
  return kindOf(node).children(node);
}

/** Partition `p` of a (validated) plan node, as a stream of its elements. */
export function evaluate(node: AnyNode, p: number, io: TaskIO): Stream {
  const ev: Evaluator = { io, evaluate: (n, q) => evaluateNode(n, q, ev) };
  return evaluateNode(node, p, ev);
}

function evaluateNode(node: AnyNode, p: number, ev: Evaluator): Stream {
  if (!node.cached) return kindOf(node).compute(node, p, ev);
  const io = ev.io;
  const key = `${node.rddId}:${p}`;
  const hit = io.cached(key);
  if (hit) return syncStream(decodeRowBlock(hit, io.decodeOptions));
  const computed = kindOf(node).compute(node, p, ev);
  const store = (rows: unknown[]): unknown[] => {
    io.storeCached(key, encodeRowBlock(rows, "cache"));
    return rows;
  };
  if (!computed.async) {
    const src = computed.iter;
    return syncStream({
      *[Symbol.iterator]() {
        yield* store(Array.isArray(src) ? src.slice() : [...src]);
      },
    });
  }
  return asyncStream({
    async *[Symbol.asyncIterator]() {
      yield* store(await materialize(computed));
    },
  });
}
