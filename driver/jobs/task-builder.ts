/**
 * TaskBuilder: turns the DAG scheduler's task launches into task descriptions, when the task
 * scheduler sends them. It keeps each running job's encoded result plan and the encoded plans of
 * the shuffles it needs (a shuffle's plan is shared by the jobs that need it, and dropped with
 * the last one), walks the stage's lineage for the partition's sources and cached partitions,
 * and asks the map-output tracker where the shuffle blocks it reads are.
 */
import type { RDD, ShuffleDependency } from "../../core/rdd/rdd.js";
import type { TaskDescription } from "../../core/task/task-description.js";
import type { TaskLaunch } from "../scheduler/dag-events.js";
import type { MapOutputTracker } from "../scheduler/map-output-tracker.js";

interface EncodedPlan {
  root: RDD<unknown>;
  planKey: string;
  plan: Uint8Array;
}

interface ShufflePlan extends EncodedPlan {
  dep: ShuffleDependency;
  /** the running jobs that need it */
  jobs: Set<number>;
}

export class TaskBuilder {
  private readonly results = new Map<number, EncodedPlan>();
  private readonly shuffles = new Map<number, ShufflePlan>();

  constructor(
    private readonly tracker: MapOutputTracker,
    private readonly addressOf: (executorId: string) => string,
    private readonly baseDir: string,
  ) {}

  /** A job's plans: its result stage's, and each shuffle's it needs (kept while a job needs it). */
  addJob(jobId: number, rdd: RDD<unknown>, resultPlan: Uint8Array, shuffles: ReadonlyMap<number, { dep: ShuffleDependency; plan: () => Uint8Array }>): void {
    this.results.set(jobId, { root: rdd, planKey: `r${jobId}`, plan: resultPlan });
    for (const [shuffleId, s] of shuffles) {
      const known = this.shuffles.get(shuffleId);
      if (known) known.jobs.add(jobId);
      else this.shuffles.set(shuffleId, { dep: s.dep, root: s.dep.rdd, planKey: `s${shuffleId}.j${jobId}`, plan: s.plan(), jobs: new Set([jobId]) });
    }
  }

  /** A job ended: its plans go, and the shuffle plans no other running job needs. */
  endJob(jobId: number): void {
    this.results.delete(jobId);
    for (const [shuffleId, s] of this.shuffles) {
      if (s.jobs.delete(jobId) && s.jobs.size === 0) this.shuffles.delete(shuffleId);
    }
  }

  /** Plans held (for tests of the cleaner). */
  get size(): number {
    return this.results.size + this.shuffles.size;
  }

  describe(launch: TaskLaunch): TaskDescription {
    const encoded = launch.target.kind === "shuffleMap" ? this.shuffles.get(launch.target.shuffleId) : this.results.get(launch.target.jobId);
    if (!encoded) throw new Error(`no plan for task ${launch.taskId} (its job ended)`);
    const needs = encoded.root.taskNeeds(launch.partition);
    return {
      taskId: launch.taskId, jobId: launch.priority, stageId: launch.stageId, stageAttempt: launch.stageAttempt,
      partition: launch.partition, attempt: launch.attempt, planKey: encoded.planKey, plan: encoded.plan,
      inputs: needs.sources.map((s) => ({ rddId: s.rdd.id, partition: s.partition, data: s.rdd.sourceInput(s.partition) })),
      shuffleReads: needs.shuffleReads.map(({ shuffleId, reducePartition }) => ({
        shuffleId,
        reducePartition,
        locations: this.tracker.locations(shuffleId, this.mapPartitions(shuffleId), reducePartition, this.addressOf),
      })),
      cacheKeys: needs.cacheKeys,
      baseDir: this.baseDir,
    };
  }

  private mapPartitions(shuffleId: number): number {
    const s = this.shuffles.get(shuffleId);
    if (!s) throw new Error(`shuffle ${shuffleId} is read by a task but none of the running jobs planned it`);
    return s.dep.rdd.numPartitions;
  }
}
