/** What an executor's block store holds: shuffles, their blocks (and how many are on disk), cached partitions, bytes in memory. */
export interface BlockStats {
  shuffles: number;
  shuffleBlocks: number;
  spilledFiles: number;
  cachedPartitions: number;
  memoryBytes: number;
}
