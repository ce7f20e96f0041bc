/**
 * Per-element operations: map, filter, flatMap, mapValues, flatMapValues, keyBy, keys, values.
 * Their RDD kind (a MapPartitionsRDD with one element op), their node kind, and the fused loop
 * that runs them on executors: a run of element ops becomes one loop over the source (no
 * materialisation, no generator per operation). Synchronous unless one of the functions is
 * declared async, in which case each call is awaited in order (API.md: async functions are
 * awaited one at a time). filter, mapValues and flatMapValues keep their parent's partitioner.
 */
import { EngineError } from "../engine-error.js";
import { shippedFn } from "../plan/shipped-fn-guard.js";
import { bool, type Infer, variants } from "../plan/schema.js";
import { type Dependency, RDD } from "../rdd/rdd.js";
import { asyncStream, type Stream, syncStream } from "../task/stream.js";
import { type AnyFn, type FunctionTable, isThenable, UserFunctionError } from "../task/user-fn.js";
import { type AnyNode, childNode, defineNode, type NodeOf } from "./node-kind.js";
import type { Partitioner } from "./partitioners.js";

const withFn = { fn: shippedFn, isAsync: bool };

export const elementOpGuard = variants("an element operation", {
  map: withFn,
  filter: withFn,
  flatMap: withFn,
  mapValues: withFn,
  flatMapValues: withFn,
  keyBy: withFn,
  keys: {},
  values: {},
});

export type ElementOp = Infer<typeof elementOpGuard>;

/** Element ops that never move a pair to another key: their output keeps the input's partitioner. */
const KEEPS_PARTITIONING = new Set<ElementOp["kind"]>(["filter", "mapValues", "flatMapValues"]);

const elementFields = { op: elementOpGuard, child: childNode };

type ElementNode = NodeOf<"element", typeof elementFields>;

function isElementNode(node: AnyNode): node is ElementNode {
  return node.kind === "element";
}

const elementNode = defineNode("element", elementFields, {
  children: (node) => [node.child],
  compute: (node, p, ev) => {
    // fuse the run of element ops below this one (stopping at a cached node)
    const ops: ElementOp[] = [node.op];
    let child = node.child;
    while (isElementNode(child) && !child.cached) {
      ops.push(child.op);
      child = child.child;
    }
    ops.reverse();
    return pipeline(ev.evaluate(child, p), ops, ev.io.fns);
  },
});

export const elementNodes = [elementNode];

/** One element operation over its parent's partitions. */
export class ElementRDD<T> extends RDD<T> {
  readonly kindName = "MapPartitionsRDD";
  readonly dependencies: readonly Dependency[];
  readonly numPartitions: number;

  constructor(readonly parent: RDD<unknown>, private readonly op: ElementOp, origin: string) {
    super(parent.ctx);
    this.origin = origin;
    this.numPartitions = parent.numPartitions;
    this.dependencies = [{ kind: "narrow", rdd: parent }];
  }

  override get partitioner(): Partitioner | undefined {
    return KEEPS_PARTITIONING.has(this.op.kind) ? this.parent.partitioner : undefined;
  }

  narrowParents(p: number): Array<{ rdd: RDD<unknown>; partition: number }> {
    return [{ rdd: this.parent, partition: p }];
  }

  protected node(): ElementNode {
    return { ...this.base(), kind: "element", op: this.op, child: this.parent.toPlan() };
  }
}

type Emit = (x: unknown) => void;
type AsyncEmit = (x: unknown) => void | Promise<void>;

function notIterable(op: string, v: unknown): TypeError {
  return new TypeError(`${op}: the function must return an iterable (e.g. an array), got ${v === null ? "null" : typeof v}`);
}

function returnedPromise(op: ElementOp, label: string): UserFunctionError {
  return new UserFunctionError(
    new EngineError("INVALID_ARGUMENT", `${op.kind}: the function returned a Promise but is not declared async. Declare it \`async\` (or use mapAsync for many calls at once) so spate awaits it.`),
    label,
  );
}

function syncStage(op: ElementOp, fns: FunctionTable, next: Emit): Emit {
  if (op.kind === "keys") return (x) => next((x as unknown[])[0]);
  if (op.kind === "values") return (x) => next((x as unknown[])[1]);
  const f: AnyFn = fns.fn(op.fn);
  const check = (r: unknown): unknown => {
    if (isThenable(r)) throw returnedPromise(op, op.fn.label);
    return r;
  };
  switch (op.kind) {
    case "map":
      return (x) => next(check(f(x)));
    case "filter":
      return (x) => {
        if (check(f(x))) next(x);
      };
    case "flatMap":
      return (x) => {
        const ys = check(f(x)) as Iterable<unknown>;
        if (ys === null || ys === undefined || typeof (ys as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function") throw new UserFunctionError(notIterable("flatMap", ys), op.fn.label);
        for (const y of ys) next(y);
      };
    case "mapValues":
      return (x) => {
        const kv = x as unknown[];
        next([kv[0], check(f(kv[1]))]);
      };
    case "flatMapValues":
      return (x) => {
        const kv = x as unknown[];
        const vs = check(f(kv[1])) as Iterable<unknown>;
        if (vs === null || vs === undefined || typeof (vs as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function") throw new UserFunctionError(notIterable("flatMapValues", vs), op.fn.label);
        for (const v of vs) next([kv[0], v]);
      };
    case "keyBy":
      return (x) => next([check(f(x)), x]);
  }
}

function asyncStage(op: ElementOp, fns: FunctionTable, next: AsyncEmit): AsyncEmit {
  if (op.kind === "keys") return (x) => next((x as unknown[])[0]);
  if (op.kind === "values") return (x) => next((x as unknown[])[1]);
  const f: AnyFn = fns.fn(op.fn);
  switch (op.kind) {
    case "map":
      return async (x) => next(await f(x));
    case "filter":
      return async (x) => {
        if (await f(x)) await next(x);
      };
    case "flatMap":
      return async (x) => {
        for (const y of (await f(x)) as Iterable<unknown>) await next(y);
      };
    case "mapValues":
      return async (x) => {
        const kv = x as unknown[];
        await next([kv[0], await f(kv[1])]);
      };
    case "flatMapValues":
      return async (x) => {
        const kv = x as unknown[];
        for (const v of (await f(kv[1])) as Iterable<unknown>) await next([kv[0], v]);
      };
    case "keyBy":
      return async (x) => next([await f(x), x]);
  }
}

/** Applies `ops` (in order) to every element of `source`. */
export function pipeline(source: Stream, ops: readonly (ElementOp & { isAsync?: boolean })[], fns: FunctionTable): Stream {
  const anyAsync = source.async || ops.some((op) => "isAsync" in op && op.isAsync);
  const buffer: unknown[] = [];
  if (!anyAsync) {
    let emit: Emit = (x) => {
      buffer.push(x);
    };
    for (let i = ops.length - 1; i >= 0; i--) emit = syncStage(ops[i]!, fns, emit);
    const stage = emit;
    const src = source.iter as Iterable<unknown>;
    return syncStream({
      *[Symbol.iterator]() {
        for (const x of src) {
          stage(x);
          if (buffer.length === 1) {
            const y = buffer[0];
            buffer.length = 0;
            yield y;
          } else if (buffer.length > 1) {
            const ys = buffer.splice(0, buffer.length);
            yield* ys;
          }
        }
      },
    });
  }
  let emit: AsyncEmit = (x) => {
    buffer.push(x);
  };
  for (let i = ops.length - 1; i >= 0; i--) emit = asyncStage(ops[i]!, fns, emit);
  const stage = emit;
  return asyncStream({
    async *[Symbol.asyncIterator]() {
      const src = source.iter as AsyncIterable<unknown> | Iterable<unknown>;
      for await (const x of src) {
        await stage(x);
        if (buffer.length > 0) {
          const ys = buffer.splice(0, buffer.length);
          yield* ys;
        }
      }
    },
  });
}
