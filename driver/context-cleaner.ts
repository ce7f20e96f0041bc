/**
 * ContextCleaner: frees what the user's program can no longer reach, as Spark's ContextCleaner.
 * An RDD that cuts a shuffle, a cached RDD, a Broadcast and an Accumulator are tracked with a
 * FinalizationRegistry; once the garbage collector has taken one, its shuffle (blocks and spilled
 * files on every executor, the scheduler's stage and the map-output tracker's record), its cached
 * partitions, its broadcast value or its accumulator entry go too. In a long REPL session, memory
 * and shuffle files then stay bounded by what the session still holds. Nothing is cleaned after
 * the Context stopped (its executors are gone already).
 */

export type CleanupKind = "shuffle" | "rdd" | "broadcast" | "accumulator";

export interface Cleanup {
  kind: CleanupKind;
  id: number;
}

export class ContextCleaner {
  private stopped = false;
  private readonly registry: FinalizationRegistry<Cleanup>;

  constructor(clean: Record<CleanupKind, (id: number) => void>) {
    this.registry = new FinalizationRegistry((c) => {
      if (this.stopped) return;
      try {
        clean[c.kind](c.id);
      } catch {
        // cleaning is best effort: an executor that is gone has nothing left to clean
      }
    });
  }

  /** Cleans `what` once `owner` can no longer be reached. */
  track(owner: object, what: Cleanup): void {
    this.registry.register(owner, what);
  }

  stop(): void {
    this.stopped = true;
  }
}
