/**
 * What a family of operations declares for each plan node kind it owns: the node's own fields
 * (a schema, from which its type and its guard both come), which child nodes it has, and how an
 * executor computes one partition of it. Families (sources.ts, element-ops.ts, …) define their
 * kinds with `defineNode`; plan-nodes.ts registers them by `kind`, validates decoded plans and
 * evaluates them. A node's children are plan nodes of any kind: families see them as `AnyNode`
 * and hand them back to the evaluator, so no family imports another.
 */
import type { DecodeOptions } from "../wire/value-codec.js";
import { type Fields, type Guard, type InferFields } from "../plan/schema.js";
import type { Stream } from "../task/stream.js";
import type { FunctionTable } from "../task/user-fn.js";

/** Fields every node has: the RDD it stands for, its partition count, whether it is cached. */
export interface NodeBase {
  rddId: number;
  numPartitions: number;
  cached: boolean;
}

/** A plan node of some kind, as code outside its family sees it. */
export interface AnyNode extends NodeBase {
  kind: string;
}

/** What a task gives the evaluator: its inputs, its fetched blocks, its cache. */
export interface TaskIO {
  fns: FunctionTable;
  decodeOptions: DecodeOptions;
  /** the encoded input of a source partition */
  input(rddId: number, partition: number): Uint8Array;
  /** the fetched blocks of reduce partition `reduce` of a shuffle */
  shuffleBlocks(shuffleId: number, reduce: number): readonly Uint8Array[];
  cached(key: string): Uint8Array | undefined;
  storeCached(key: string, block: Uint8Array): void;
}

/** How a node's compute reaches its task's IO and evaluates its children. */
export interface Evaluator {
  readonly io: TaskIO;
  evaluate(node: AnyNode, partition: number): Stream;
}

/** A node of kind K with fields F, as its family sees it. */
export type NodeOf<K extends string, F extends Fields> = NodeBase & { kind: K } & InferFields<F>;

export interface NodeKind<N extends AnyNode = AnyNode> {
  readonly kind: string;
  readonly fields: Fields;
  /** the node's child nodes (evaluated in the same task) */
  children(node: N): AnyNode[];
  /** partition `p` of the node, as a stream of its elements */
  compute(node: N, p: number, ev: Evaluator): Stream;
}

/** The node type of a node kind made by defineNode. */
export type NodeOfKind<K> = K extends NodeKind<infer N> ? N : never;

/** Declares a node kind: its fields' schema and what it does. */
export function defineNode<const K extends string, F extends Fields>(
  kind: K,
  fields: F,
  impl: { children?(node: NodeOf<K, F>): AnyNode[]; compute(node: NodeOf<K, F>, p: number, ev: Evaluator): Stream },
): NodeKind<NodeOf<K, F>> {
  return { kind, fields, children: impl.children ?? (() => []), compute: impl.compute };
}

/** A child node: checked by the plan's node guard (through the checker), whatever its kind. */
export const childNode: Guard<AnyNode> = {
  check: (v, at, c) => (c.nested ? (c.nested(v, at, c) as AnyNode) : c.fail(at, "cannot hold a plan node")),
};
