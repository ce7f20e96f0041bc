import test from "ava";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BlockStore } from "../../executor/block-store.js";

test("past its memory bound the store spills shuffle blocks to disk and reads them back", (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), "spate-blocks-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const spill = path.join(dir, "spill");
  const store = new BlockStore({ memoryLimit: 1000, spillDir: spill });
  const blocks = Array.from({ length: 10 }, (_, i) => new Uint8Array(300).fill(i));
  store.putShuffleOutput(1, 0, blocks.slice(0, 5));
  store.putShuffleOutput(1, 1, blocks.slice(5));
  t.true(store.sizeInBytes <= 1000);
  t.true(store.spilled >= 7);
  t.true(readdirSync(spill).length >= 7);
  for (let r = 0; r < 5; r++) {
    t.deepEqual(store.shuffleBlock(1, 0, r), blocks[r]);
    t.deepEqual(store.shuffleBlock(1, 1, r), blocks[5 + r]);
  }
  store.removeShuffle(1);
  t.is(readdirSync(spill).length, 0);
  t.is(store.shuffleBlock(1, 0, 0), undefined);
  store.putShuffleOutput(2, 0, [new Uint8Array(2000)]);
  store.clear();
  t.false(existsSync(path.join(spill, "shuffle_2_0_0.block")));
  t.is(store.sizeInBytes, 0);
});

test("cached partitions are kept and dropped by RDD", (t) => {
  const store = new BlockStore();
  store.putCached("7:0", new Uint8Array([1]));
  store.putCached("7:1", new Uint8Array([2]));
  store.putCached("8:0", new Uint8Array([3]));
  store.removeRdd(7);
  t.is(store.cached("7:0"), undefined);
  t.deepEqual(store.cached("8:0"), new Uint8Array([3]));
});
