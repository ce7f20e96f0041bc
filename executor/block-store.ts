/**
 * BlockStore: an executor's shuffle blocks (one per map partition and reduce partition) and
 * cached RDD partitions, as encoded bytes. Kept in memory up to a bound; past it, shuffle blocks
 * are spilled to files in the executor's work directory (oldest first) and read back from there.
 * Reduce tasks on this executor read local blocks directly; peers fetch them over the network.
 * Dropped by shuffle or RDD id when the driver says so, and all at once when the application ends.
 * A block that cannot be written (a full disk, any I/O error) fails the task that made it, with
 * what the directory lacked: the blocks it stored are dropped again, the executor lives on.
 */
import { mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import path from "node:path";

import { EngineError } from "../core/engine-error.js";
import type { BlockStats } from "../core/task/block-stats.js";
import { formatBytes } from "../core/units.js";

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

  /** Stores a map task's blocks; throws (having stored nothing) when they cannot be kept. */
  putShuffleOutput(shuffleId: number, mapIndex: number, blocks: readonly (Uint8Array | null)[]): void {
    let blocksOf = this.shuffles.get(shuffleId);
    if (!blocksOf) this.shuffles.set(shuffleId, (blocksOf = new Map()));
    const added: string[] = [];
    blocks.forEach((block, reduce) => {
      if (!block) return;
      const key = `${mapIndex}:${reduce}`;
      this.drop(blocksOf!.get(key));
      blocksOf!.set(key, { bytes: block, size: block.byteLength, file: null });
      this.inMemory += block.byteLength;
      added.push(key);
    });
    try {
      this.spillIfNeeded();
    } catch (e) {
      for (const key of added) {
        this.drop(blocksOf.get(key));
        blocksOf.delete(key);
      }
      throw e;
    }
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
    try {
      this.spillIfNeeded();
    } catch (e) {
      this.cache.delete(key);
      this.inMemory -= block.byteLength;
      throw e;
    }
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

  /** What the store holds now (reported to the driver with each heartbeat). */
  stats(): BlockStats {
    let shuffleBlocks = 0;
    let spilledFiles = 0;
    for (const blocks of this.shuffles.values()) {
      shuffleBlocks += blocks.size;
      for (const b of blocks.values()) if (b.file) spilledFiles++;
    }
    return { shuffles: this.shuffles.size, shuffleBlocks, spilledFiles, cachedPartitions: this.cache.size, memoryBytes: this.inMemory };
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

  /** Why a block could not be written, with the directory and what it lacked. */
  private writeError(e: unknown, needed: number): EngineError {
    const dir = this.options.spillDir!;
    const code = (e as { code?: unknown }).code;
    let free = "";
    try {
      const fs = statfsSync(dir);
      free = `, ${formatBytes(fs.bavail * fs.bsize)} free`;
    } catch {
      // the directory itself is gone
    }
    const what = code === "ENOSPC" ? "the disk is full" : `${(e as Error).message}`;
    return new EngineError(
      "TASK_FAILED",
      `cannot write a shuffle block of ${formatBytes(needed)} to ${dir} (${what}${free}): give the executors' work directory more space (spate worker --work-dir), or the executors more memory to keep blocks in (executorMemoryBytes)`,
    );
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
        try {
          writeFileSync(file, stored.bytes);
        } catch (e) {
          rmSync(file, { force: true });
          throw this.writeError(e, stored.size);
        }
        stored.file = file;
        stored.bytes = null;
        this.inMemory -= stored.size;
        this.spilledCount++;
      }
    }
  }
}
