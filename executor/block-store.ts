/**
 * BlockStore: an executor's shuffle blocks (one per map partition and reduce partition) and
 * cached RDD partitions, as encoded bytes. Reduce tasks on this executor read local blocks
 * directly; peers fetch them over the network (distributed mode). Dropped by shuffle or RDD id
 * when the driver says so, and all at once when the application ends.
 */

export class BlockStore {
  private readonly shuffles = new Map<number, Map<string, Uint8Array>>();
  private readonly cache = new Map<string, Uint8Array>();
  private bytes = 0;

  putShuffleOutput(shuffleId: number, mapIndex: number, blocks: readonly (Uint8Array | null)[]): void {
    let blocksOf = this.shuffles.get(shuffleId);
    if (!blocksOf) this.shuffles.set(shuffleId, (blocksOf = new Map()));
    blocks.forEach((block, reduce) => {
      if (!block) return;
      const key = `${mapIndex}:${reduce}`;
      const old = blocksOf!.get(key);
      if (old) this.bytes -= old.byteLength;
      blocksOf!.set(key, block);
      this.bytes += block.byteLength;
    });
  }

  shuffleBlock(shuffleId: number, mapIndex: number, reduce: number): Uint8Array | undefined {
    return this.shuffles.get(shuffleId)?.get(`${mapIndex}:${reduce}`);
  }

  removeShuffle(shuffleId: number): void {
    const blocks = this.shuffles.get(shuffleId);
    if (!blocks) return;
    for (const b of blocks.values()) this.bytes -= b.byteLength;
    this.shuffles.delete(shuffleId);
  }

  putCached(key: string, block: Uint8Array): void {
    const old = this.cache.get(key);
    if (old) this.bytes -= old.byteLength;
    this.cache.set(key, block);
    this.bytes += block.byteLength;
  }

  cached(key: string): Uint8Array | undefined {
    return this.cache.get(key);
  }

  removeRdd(rddId: number): void {
    const prefix = `${rddId}:`;
    for (const [key, block] of this.cache) {
      if (key.startsWith(prefix)) {
        this.bytes -= block.byteLength;
        this.cache.delete(key);
      }
    }
  }

  clear(): void {
    this.shuffles.clear();
    this.cache.clear();
    this.bytes = 0;
  }

  get sizeInBytes(): number {
    return this.bytes;
  }
}
