/**
 * The DAG scheduler's stages: result stages (one per job) and shuffle map stages (one per
 * shuffle, kept across jobs so later jobs reuse their outputs), the jobs that need each stage,
 * and which of a shuffle's map outputs exist (the executor holding each). Pure bookkeeping for
 * dag-scheduler.ts, which decides what runs; no I/O, no commands.
 */

export interface Stage {
  id: number;
  rddId: number;
  shuffleId: number | null; // null: a result stage
  jobId: number | null; // the result stage's job
  numPartitions: number;
  parents: number[]; // stage ids
  attempt: number;
  status: "idle" | "waiting" | "running";
  pending: Set<number>;
  jobs: Set<number>;
  fetchFailures: number;
  /** the last attempt that failed to fetch: its other tasks' fetch failures count once with it */
  failedAttempt: number;
}

export class StageGraph {
  private nextStageId = 0;
  private readonly stages = new Map<number, Stage>();
  private readonly shuffleStages = new Map<number, number>(); // shuffleId -> stageId
  private readonly outputs = new Map<number, (string | null)[]>(); // shuffleId -> the executor holding each map output

  get(stageId: number): Stage | undefined {
    return this.stages.get(stageId);
  }

  all(): IterableIterator<Stage> {
    return this.stages.values();
  }

  /** The stage computing a shuffle (made once, with one missing output per map partition). */
  shuffleStage(shuffleId: number, rddId: number, numPartitions: number): Stage {
    const existing = this.shuffleStages.get(shuffleId);
    if (existing !== undefined) return this.stages.get(existing)!;
    const stage = this.newStage(rddId, shuffleId, null, numPartitions, []);
    this.shuffleStages.set(shuffleId, stage.id);
    this.outputs.set(shuffleId, new Array<string | null>(numPartitions).fill(null));
    return stage;
  }

  stageOfShuffle(shuffleId: number): Stage {
    return this.stages.get(this.shuffleStages.get(shuffleId)!)!;
  }

  newStage(rddId: number, shuffleId: number | null, jobId: number | null, numPartitions: number, parents: number[]): Stage {
    const stage: Stage = {
      id: this.nextStageId++, rddId, shuffleId, jobId, numPartitions, parents,
      attempt: -1, status: "idle", pending: new Set(), jobs: new Set(), fetchFailures: 0, failedAttempt: -1,
    };
    this.stages.set(stage.id, stage);
    return stage;
  }

  /** Marks a stage and its ancestors needed by a job. */
  markNeeded(stage: Stage, jobId: number): void {
    if (stage.jobs.has(jobId)) return;
    stage.jobs.add(jobId);
    for (const p of stage.parents) this.markNeeded(this.stages.get(p)!, jobId);
  }

  /** Whether every map output of a shuffle stage exists. */
  available(stage: Stage): boolean {
    if (stage.shuffleId === null) return false;
    return this.outputs.get(stage.shuffleId)!.every((o) => o !== null);
  }

  /** The map partitions of a shuffle stage whose outputs are missing. */
  missingOutputs(stage: Stage): number[] {
    const outs = this.outputs.get(stage.shuffleId!)!;
    const missing: number[] = [];
    for (let p = 0; p < outs.length; p++) if (outs[p] === null) missing.push(p);
    return missing;
  }

  /** Records a map output; false when it existed already (a speculative copy's, or a rerun's). */
  recordOutput(shuffleId: number, mapIndex: number, executorId: string): boolean {
    const outs = this.outputs.get(shuffleId);
    if (!outs || outs[mapIndex] !== null) return false;
    outs[mapIndex] = executorId;
    return true;
  }

  /** Forgets one map output (its fetch failed); false when it was not there. */
  loseOutput(shuffleId: number, mapIndex: number): boolean {
    const outs = this.outputs.get(shuffleId);
    if (!outs || mapIndex >= outs.length || outs[mapIndex] === null) return false;
    outs[mapIndex] = null;
    return true;
  }

  /** Forgets every map output an executor held; whether there was any. */
  loseOutputsOn(executorId: string): boolean {
    let lost = false;
    for (const outs of this.outputs.values()) {
      for (let i = 0; i < outs.length; i++) {
        if (outs[i] === executorId) {
          outs[i] = null;
          lost = true;
        }
      }
    }
    return lost;
  }

  /** Forgets a shuffle and its stage unless a job still needs it; the stage id forgotten, if any. */
  removeShuffle(shuffleId: number): number | undefined {
    const stageId = this.shuffleStages.get(shuffleId);
    const stage = stageId === undefined ? undefined : this.stages.get(stageId);
    if (stage && stage.jobs.size > 0) return undefined; // a running job still reads it
    this.shuffleStages.delete(shuffleId);
    this.outputs.delete(shuffleId);
    if (stage) this.stages.delete(stage.id);
    return stage?.id;
  }

  delete(stageId: number): void {
    this.stages.delete(stageId);
  }

  get size(): { stages: number; shuffles: number } {
    return { stages: this.stages.size, shuffles: this.outputs.size };
  }
}
