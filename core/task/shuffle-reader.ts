/**
 * The reduce side of a shuffle: merges the blocks fetched for one reduce partition. Blocks are
 * read as columns (no [k, v] array per row); with an aggregator, values of the same key merge
 * into one combiner (mergeCombiners after a map-side combine, else createCombiner/mergeValue).
 */
import type { Aggregator } from "../plan/plan-node.js";
import { KeyMap } from "../keys/key-identity.js";
import { decodeColumns } from "../wire/row-codec.js";
import { EngineError } from "../engine-error.js";
import { combinerFns } from "./aggregator-fns.js";
import type { TaskIO } from "./plan-evaluator.js";

export function* readShuffle(
  blocks: readonly Uint8Array[], aggregator: Aggregator | null, mapSideCombined: boolean, io: Pick<TaskIO, "fns" | "decodeOptions">,
): Generator<unknown> {
  if (aggregator === null) {
    for (const block of blocks) {
      const { keys, values, length } = columnsOf(block, io);
      for (let i = 0; i < length; i++) yield [keys[i], values[i]];
    }
    return;
  }
  const fns = combinerFns(aggregator, io.fns, "shuffle");
  const merged = new KeyMap<unknown>();
  for (const block of blocks) {
    const { keys, values, length } = columnsOf(block, io);
    for (let i = 0; i < length; i++) {
      const k = keys[i];
      const v = values[i];
      const existing = merged.get(k);
      if (existing === undefined && !merged.has(k)) merged.set(k, mapSideCombined ? v : fns.createCombiner(v));
      else merged.set(k, mapSideCombined ? fns.mergeCombiners(existing, v) : fns.mergeValue(existing, v));
    }
  }
  yield* merged.entries();
}

function columnsOf(block: Uint8Array, io: Pick<TaskIO, "decodeOptions">): { keys: ArrayLike<unknown>; values: ArrayLike<unknown>; length: number } {
  const cols = decodeColumns(block, io.decodeOptions);
  if (cols.kind !== "pairs" || cols.keys === null) {
    if (cols.length === 0) return { keys: [], values: [], length: 0 };
    throw new EngineError("CORRUPT_DATA", "shuffle block: expected key and value columns");
  }
  return { keys: cols.keys, values: cols.values, length: cols.length };
}
