/**
 * Speculative execution (off by default; Context.create({ speculation: true })): which running
 * tasks are stragglers. As Spark: once `quantile` of a stage's tasks have finished, a task
 * running longer than `multiplier` times their median (and at least MIN_MS) gets a copy started
 * elsewhere; the DAG scheduler keeps the first copy that succeeds and kills the others, so
 * results and accumulators see one success per partition.
 */

export const MIN_MS = 100;

export interface SpeculationSettings {
  multiplier: number;
  quantile: number;
}

interface StageTimes {
  total: number;
  finished: number[];
  running: Map<number, { partition: number; startedAt: number }>; // taskId ->
}

export class SpeculationMonitor {
  private readonly stages = new Map<number, StageTimes>();
  private readonly asked = new Set<string>();

  constructor(private readonly settings: SpeculationSettings) {}

  stageSubmitted(stageId: number, numTasks: number): void {
    const s = this.stages.get(stageId);
    if (s) s.total = numTasks;
    else this.stages.set(stageId, { total: numTasks, finished: [], running: new Map() });
  }

  taskStarted(stageId: number, taskId: number, partition: number, now: number): void {
    this.stages.get(stageId)?.running.set(taskId, { partition, startedAt: now });
  }

  taskEnded(stageId: number, taskId: number, succeeded: boolean, now: number): void {
    const s = this.stages.get(stageId);
    const t = s?.running.get(taskId);
    if (!s || !t) return;
    s.running.delete(taskId);
    if (succeeded) s.finished.push(now - t.startedAt);
  }

  stageCompleted(stageId: number): void {
    this.stages.delete(stageId);
    for (const key of this.asked) if (key.startsWith(`${stageId}:`)) this.asked.delete(key);
  }

  /** The [stageId, partition] pairs that deserve a copy now (each asked for once). */
  stragglers(now: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const [stageId, s] of this.stages) {
      if (s.finished.length === 0 || s.finished.length < this.settings.quantile * s.total) continue;
      const sorted = [...s.finished].sort((a, b) => a - b);
      const threshold = Math.max(MIN_MS, this.settings.multiplier * sorted[Math.floor(sorted.length / 2)]!);
      for (const t of s.running.values()) {
        const key = `${stageId}:${t.partition}`;
        if (now - t.startedAt > threshold && !this.asked.has(key)) {
          this.asked.add(key);
          out.push([stageId, t.partition]);
        }
      }
    }
    return out;
  }
}
