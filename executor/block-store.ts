/**
 * BlockStore: an executor's shuffle blocks (one per map partition and reduce partition) and
 * cached RDD partitions, as encoded bytes. Kept in memory up to a bound; past it, shuffle blocks
 * are spilled to files in the executor's work directory (oldest first) and read back from there.
 * Reduce tasks on this executor read local blocks directly; peers fetch them over the network.
 * Dropped by shuffle or RDD id when the driver says so, and all at once when the application ends.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

interface Stored {
  bytes: Uint8Array | null; // null: spilled
  size: number;
  file: string | null;
}

export interface BlockStoreOptions {
  /** bytes kept in memory before shuffle blocks spill to disk (default: unbounded) */
  memoryLimit?: number;
  /** where spilled blocks go (needed when memoryLimit is set) */
  spillDir?: string;
}

export class BlockStore {
  private readonly shuffles = new Map<number, Map<string, Stored>>();
  private readonly cache = new Map<string, Uint8Array>();
  private inMemory = 0;
  private spilledCount = 0;

  constructor(private readonly options: BlockStoreOptions = {}) {}

  putShuffleOutput(shuffleId: number, mapIndex: number, blocks: readonly (Uint8Array | null)[]): void {
    let blocksOf = this.shuffles.get(shuffleId);
    if (!blocksOf) this.shuffles.set(shuffleId, (blocksOf = new Map()));
    blocks.forEach((block, reduce) => {
      if (!block) return;
      const key = `${mapIndex}:${reduce}`;
      this.drop(blocksOf!.get(key));
      blocksOf!.set(key, { bytes: block, size: block.byteLength, file: null });
      this.inMemory += block.byteLength;
    });
    this.spillIfNeeded();
  }

  shuffleBlock(shuffleId: number, mapIndex: number, reduce: number): Uint8Array | undefined {
    const stored = this.shuffles.get(shuffleId)?.get(`${mapIndex}:${reduce}`);
    if (!stored) return undefined;
    if (stored.bytes) return stored.bytes;
    try {
      const b = readFileSync(stored.file!);
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch {
      return undefined; // lost from disk: the reader reports a fetch failure
    }
  }

  removeShuffle(shuffleId: number): void {
    const blocks = this.shuffles.get(shuffleId);
    if (!blocks) return;
    for (const b of blocks.values()) this.drop(b);
    this.shuffles.delete(shuffleId);
  }

  putCached(key: string, block: Uint8Array): void {
    const old = this.cache.get(key);
    if (old) this.inMemory -= old.byteLength;
    this.cache.set(key, block);
    this.inMemory += block.byteLength;
    this.spillIfNeeded();
  }

  cached(key: string): Uint8Array | undefined {
    return this.cache.get(key);
  }

  removeRdd(rddId: number): void {
    const prefix = `${rddId}:`;
    for (const [key, block] of this.cache) {
      if (key.startsWith(prefix)) {
        this.inMemory -= block.byteLength;
        this.cache.delete(key);
      }
    }
  }

  clear(): void {
    for (const blocks of this.shuffles.values()) for (const b of blocks.values()) this.drop(b);
    this.shuffles.clear();
    this.cache.clear();
    this.inMemory = 0;
  }

  /** Bytes held in memory. */
  get sizeInBytes(): number {
    return this.inMemory;
  }

  /** Blocks written to disk so far. */
  get spilled(): number {
    return this.spilledCount;
  }

  private drop(stored: Stored | undefined): void {
    if (!stored) return;
    if (stored.bytes) this.inMemory -= stored.size;
    if (stored.file) rmSync(stored.file, { force: true });
  }

  private spillIfNeeded(): void {
    const limit = this.options.memoryLimit;
    if (limit === undefined || this.inMemory <= limit || !this.options.spillDir) return;
    mkdirSync(this.options.spillDir, { recursive: true });
    for (const [shuffleId, blocks] of this.shuffles) {
      for (const [key, stored] of blocks) {
        if (this.inMemory <= limit) return;
        if (!stored.bytes) continue;
        const file = path.join(this.options.spillDir, `shuffle_${shuffleId}_${key.replace(":", "_")}.block`);
        writeFileSync(file, stored.bytes);
        stored.file = file;
        stored.bytes = null;
        this.inMemory -= stored.size;
        this.spilledCount++;
      }
    }
  }
}
