/**
 * Checks that a decoded stage plan is well formed before an executor evaluates it: every node
 * kind known, every field of the right type, every function a ShippedFn. A plan comes from the
 * network and its peer may be wrong or hostile; a bad one is CORRUPT_DATA naming the field.
 */
import { EngineError } from "../engine-error.js";
import type { ShippedFn } from "../shipped-fn.js";
import type { Aggregator, ElementOp, Partitioner, PartitionOp, PlanNode, ResultOp, StagePlan } from "./plan-node.js";

type Rec = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new EngineError("CORRUPT_DATA", `stage plan: ${path} ${what}; the driver and this executor may run different spate versions`);
}

function rec(v: unknown, path: string): Rec {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, "is not a record");
  return v as Rec;
}

function int(v: unknown, path: string, min = 0): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) fail(path, `is not an integer >= ${min}`);
  return v;
}

function num(v: unknown, path: string): number {
  if (typeof v !== "number") fail(path, "is not a number");
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== "boolean") fail(path, "is not a boolean");
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== "string") fail(path, "is not a string");
  return v;
}

function list(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, "is not a list");
  return v;
}

function capture(v: unknown, path: string, entries: number, modules: number): void {
  const c = rec(v, path);
  switch (c.kind) {
    case "data":
      int(c.index, `${path}.index`);
      return;
    case "fn":
      if (int(c.entry, `${path}.entry`) >= entries) fail(`${path}.entry`, `is not one of the ${entries} functions`);
      return;
    case "module":
      if (int(c.module, `${path}.module`) >= modules) fail(`${path}.module`, `is not one of the ${modules} modules`);
      return;
    case "global":
      str(c.path, `${path}.path`);
      return;
    default:
      fail(`${path}.kind`, "is not a capture kind");
  }
}

function captures(v: unknown, path: string, entries: number, modules: number): void {
  for (const [name, c] of Object.entries(rec(v, path))) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) fail(`${path}`, `names '${name}', which is not an identifier`);
    capture(c, `${path}.${name}`, entries, modules);
  }
}

function fn(v: unknown, path: string): ShippedFn {
  const f = rec(v, path);
  if (f.kind === "global") {
    str(f.path, `${path}.path`);
    str(f.label, `${path}.label`);
    return f as unknown as ShippedFn;
  }
  if (f.kind !== "closure") fail(`${path}.kind`, "is not a function kind");
  str(f.label, `${path}.label`);
  if (!(f.data instanceof Uint8Array)) fail(`${path}.data`, "is not bytes");
  const modules = list(f.modules, `${path}.modules`);
  modules.forEach((m, i) => {
    const r = rec(m, `${path}.modules[${i}]`);
    for (const k of ["specifier", "from", "form", "member"]) str(r[k], `${path}.modules[${i}].${k}`);
    bool(r.nodeMode, `${path}.modules[${i}].nodeMode`);
    if (!["namespace", "default", "named", "require", "requireMember", "toESM"].includes(r.form as string)) fail(`${path}.modules[${i}].form`, "is not a module form");
  });
  const entries = list(f.entries, `${path}.entries`);
  if (int(f.root, `${path}.root`) >= entries.length) fail(`${path}.root`, `is not one of the ${entries.length} functions`);
  entries.forEach((e, i) => {
    const at = `${path}.entries[${i}]`;
    const r = rec(e, at);
    if (r.kind !== "function" && r.kind !== "class") fail(`${at}.kind`, "is not function or class");
    if (r.wrap !== "expression" && r.wrap !== "method") fail(`${at}.wrap`, "is not expression or method");
    str(r.source, `${at}.source`);
    str(r.name, `${at}.name`);
    str(r.classId, `${at}.classId`);
    bool(r.strict, `${at}.strict`);
    if (typeof r.heritage !== "number" || !Number.isInteger(r.heritage) || r.heritage < -1 || r.heritage >= entries.length) fail(`${at}.heritage`, "is not an entry or -1");
    captures(r.captures, `${at}.captures`, entries.length, modules.length);
    if (r.origin !== null) {
      const o = rec(r.origin, `${at}.origin`);
      str(o.url, `${at}.origin.url`);
      str(o.dir, `${at}.origin.dir`);
      int(o.line, `${at}.origin.line`);
      int(o.column, `${at}.origin.column`);
    }
  });
  captures(f.env, `${path}.env`, entries.length, modules.length);
  return f as unknown as ShippedFn;
}

function elementOp(v: unknown, path: string): ElementOp {
  const op = rec(v, path);
  switch (op.kind) {
    case "keys":
    case "values":
      return op as ElementOp;
    case "map":
    case "filter":
    case "flatMap":
    case "mapValues":
    case "flatMapValues":
    case "keyBy":
      fn(op.fn, `${path}.fn`);
      bool(op.isAsync, `${path}.isAsync`);
      return op as unknown as ElementOp;
    default:
      return fail(`${path}.kind`, `is not an element operation (${String(op.kind)})`);
  }
}

function partitionOp(v: unknown, path: string): PartitionOp {
  const op = rec(v, path);
  switch (op.kind) {
    case "mapPartitions":
      fn(op.fn, `${path}.fn`);
      bool(op.withIndex, `${path}.withIndex`);
      bool(op.isAsync, `${path}.isAsync`);
      break;
    case "mapAsync":
      fn(op.fn, `${path}.fn`);
      int(op.concurrency, `${path}.concurrency`, 1);
      break;
    case "glom":
    case "zipWithUniqueId":
      break;
    case "sample":
      bool(op.withReplacement, `${path}.withReplacement`);
      num(op.fraction, `${path}.fraction`);
      num(op.seed, `${path}.seed`);
      break;
    case "zipWithIndex":
      list(op.offsets, `${path}.offsets`).forEach((o, i) => int(o, `${path}.offsets[${i}]`));
      break;
    case "sortByKey":
      bool(op.ascending, `${path}.ascending`);
      break;
    default:
      fail(`${path}.kind`, `is not a partition operation (${String(op.kind)})`);
  }
  return op as unknown as PartitionOp;
}

function aggregator(v: unknown, path: string): Aggregator | null {
  if (v === null) return null;
  const a = rec(v, path);
  switch (a.kind) {
    case "reduce":
      fn(a.fn, `${path}.fn`);
      break;
    case "fold":
      fn(a.fn, `${path}.fn`);
      break;
    case "aggregate":
      fn(a.seqOp, `${path}.seqOp`);
      fn(a.combOp, `${path}.combOp`);
      break;
    case "combine":
      fn(a.createCombiner, `${path}.createCombiner`);
      fn(a.mergeValue, `${path}.mergeValue`);
      fn(a.mergeCombiners, `${path}.mergeCombiners`);
      break;
    case "group":
      break;
    default:
      fail(`${path}.kind`, `is not an aggregator (${String(a.kind)})`);
  }
  return a as unknown as Aggregator;
}

function partitioner(v: unknown, path: string): Partitioner {
  const p = rec(v, path);
  int(p.numPartitions, `${path}.numPartitions`, 0);
  if (p.kind === "hash") return p as unknown as Partitioner;
  if (p.kind !== "range") fail(`${path}.kind`, "is not a partitioner");
  list(p.bounds, `${path}.bounds`);
  bool(p.ascending, `${path}.ascending`);
  return p as unknown as Partitioner;
}

/** Nodes nest at most this deep within one stage (deeper lineages should be cached or checkpointed). */
export const MAX_PLAN_DEPTH = 2_000;

function node(v: unknown, path: string, depth: number): PlanNode {
  if (depth > MAX_PLAN_DEPTH) fail(path, `nests deeper than ${MAX_PLAN_DEPTH} levels; cut the lineage with a shuffle or by collecting and re-parallelizing`);
  const n = rec(v, path);
  int(n.rddId, `${path}.rddId`);
  int(n.numPartitions, `${path}.numPartitions`);
  bool(n.cached, `${path}.cached`);
  const sub = (key: string): string => (depth < 8 ? `${path}.${key}` : `plan.rdd…${key}(depth ${depth + 1})`);
  const child = (key: string): void => void node(n[key], sub(key), depth + 1);
  switch (n.kind) {
    case "parallelize":
    case "textFile":
    case "wholeTextFiles":
    case "empty":
      break;
    case "range":
      num(n.start, `${path}.start`);
      num(n.step, `${path}.step`);
      int(n.length, `${path}.length`);
      break;
    case "element":
      elementOp(n.op, `${path}.op`);
      child("child");
      break;
    case "partition":
      partitionOp(n.op, `${path}.op`);
      child("child");
      break;
    case "union":
      list(n.children, `${path}.children`).forEach((c, i) => node(c, sub(`children[${i}]`), depth + 1));
      break;
    case "coalesce":
      child("child");
      if ((n.child as Rec).numPartitions === 0 && n.numPartitions !== 0) fail(path, "coalesces zero partitions");
      break;
    case "cartesian":
    case "zip":
      child("left");
      child("right");
      break;
    case "shuffleRead":
      int(n.shuffleId, `${path}.shuffleId`);
      aggregator(n.aggregator, `${path}.aggregator`);
      bool(n.mapSideCombined, `${path}.mapSideCombined`);
      break;
    default:
      fail(`${path}.kind`, `is not a node kind (${String(n.kind)})`);
  }
  return n as unknown as PlanNode;
}

function resultOp(v: unknown, path: string): ResultOp {
  const op = rec(v, path);
  switch (op.kind) {
    case "collect":
    case "count":
    case "stats":
      break;
    case "take":
      int(op.n, `${path}.n`);
      break;
    case "fold":
    case "reduce":
      fn(op.fn, `${path}.fn`);
      break;
    case "aggregate":
      fn(op.seqOp, `${path}.seqOp`);
      break;
    case "foreach":
      fn(op.fn, `${path}.fn`);
      bool(op.isAsync, `${path}.isAsync`);
      break;
    case "foreachPartition":
      fn(op.fn, `${path}.fn`);
      break;
    case "save":
      str(op.dir, `${path}.dir`);
      break;
    case "takeOrdered":
      int(op.n, `${path}.n`);
      if (op.keyFn !== null) fn(op.keyFn, `${path}.keyFn`);
      bool(op.ascending, `${path}.ascending`);
      break;
    case "sampleKeys":
      int(op.size, `${path}.size`);
      num(op.seed, `${path}.seed`);
      break;
    case "histogram": {
      const buckets = list(op.buckets, `${path}.buckets`);
      if (buckets.length < 2) fail(`${path}.buckets`, "has fewer than two edges");
      bool(op.evenly, `${path}.evenly`);
      break;
    }
    default:
      fail(`${path}.kind`, `is not a result operation (${String(op.kind)})`);
  }
  return op as unknown as ResultOp;
}

export function validateStagePlan(v: unknown): StagePlan {
  const plan = rec(v, "plan");
  if (plan.kind === "shuffleMap") {
    int(plan.shuffleId, "plan.shuffleId");
    partitioner(plan.partitioner, "plan.partitioner");
    aggregator(plan.aggregator, "plan.aggregator");
    bool(plan.mapSideCombine, "plan.mapSideCombine");
  } else if (plan.kind === "result") {
    resultOp(plan.op, "plan.op");
  } else {
    fail("plan.kind", "is neither shuffleMap nor result");
  }
  node(plan.rdd, "plan.rdd", 0);
  list(plan.classes, "plan.classes").forEach((c, i) => fn(c, `plan.classes[${i}]`));
  return plan as unknown as StagePlan;
}
