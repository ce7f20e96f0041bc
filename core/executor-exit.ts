/**
 * Why an executor process ended, in words a user can act on. The local-cluster launcher and a
 * standalone worker see the process exit (code, signal, the tail of its stderr); they describe it
 * here, and the driver tells the user: a task that ran an executor out of memory fails its job at
 * once naming the partition and what to do, instead of killing executor after executor.
 * Also the one place that says how an executor's memory is split (blocks, slot heaps).
 */

/** The file in an executor's work directory its worker writes its output to (and reads the end of when it dies). */
export const EXECUTOR_LOG = "executor.log";

/** How an executor ended. */
export interface ExecutorDeath {
  /** "ran out of memory (...)", "was killed by SIGKILL", "exited with code 1: ..." */
  cause: string;
  /** the JavaScript heap of a task slot overflowed: the task running there caused it */
  outOfMemory: boolean;
}

const MIB = 1024 * 1024;

/** The heap of each task slot of an executor, in MiB: half its memory (the rest holds shuffle blocks), shared by its slots. */
export function slotHeapMb(memoryBytes: number, slots: number): number {
  return Math.max(64, Math.floor(memoryBytes / 2 / Math.max(1, slots) / MIB));
}

/** Memory that holds shuffle blocks before they spill to disk: the other half (at least 16 MiB). */
export function blockMemoryBytes(memoryBytes: number): number {
  return Math.max(16 * MIB, Math.floor(memoryBytes / 2));
}

const OOM = /JavaScript heap out of memory|Reached heap limit|invalid (array length|size error|table size)|Allocation failed/;

/** Describes a process exit from its code, signal and the tail of its stderr. */
export function describeExit(code: number | null, signal: string | null, stderrTail: string, memoryBytes: number, slots: number): ExecutorDeath {
  if (OOM.test(stderrTail)) {
    return {
      cause: `ran out of memory: the JavaScript heap of a task slot is limited to ${slotHeapMb(memoryBytes, slots)} MiB (half of the executor's ${Math.round(memoryBytes / MIB)} MiB over ${slots} slot${slots === 1 ? "" : "s"})`,
      outOfMemory: true,
    };
  }
  if (signal !== null) {
    const hint = signal === "SIGKILL" ? " (by someone, or by the system's out-of-memory killer)" : "";
    return { cause: `was killed by ${signal}${hint}`, outOfMemory: false };
  }
  const last = stderrTail.trim().split("\n").filter((l) => l.trim() !== "").slice(-2).join(" | ");
  return { cause: `exited with code ${code ?? "?"}${last === "" ? "" : `: ${last}`}`, outOfMemory: false };
}

/** What to do when a partition ran its executor out of memory. */
export const OUT_OF_MEMORY_ADVICE =
  "Split the data into more, smaller partitions (more slices in parallelize, a higher minPartitions, or repartition(n) before the heavy step), " +
  "or give each executor more memory (Context.create({ executorMemoryBytes }) for local-cluster; spate worker --memory on a cluster) or fewer slots";
