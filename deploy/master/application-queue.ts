/**
 * Applications waiting for cores, first come first served, as Spark's master queues them: an
 * application that arrives while other applications hold the cores (or memory) it needs waits
 * until they free or its own wait (RegisterApplication's waitMs) runs out. Only the first in line
 * is placed; one that cannot be placed yet holds the others back. Owned by MasterDaemon, which
 * pumps the queue whenever cores may have freed (an application or a worker came or went).
 */
import { EngineError } from "../../core/engine-error.js";

export interface Waiting<T> {
  /** what to place */
  what: string;
  /** tries to place it: the result, or why it cannot be placed yet */
  attempt(): Promise<{ placed: T } | { busy: string }>;
  resolve(value: T): void;
  reject(error: Error): void;
  deadline: number;
  lastBusy: string;
}

export class ApplicationQueue<T> {
  private readonly line: Waiting<T>[] = [];
  private pumping = false;
  private timer: NodeJS.Timeout | undefined;

  /** Applications waiting now, in order. */
  get waiting(): string[] {
    return this.line.map((w) => w.what);
  }

  /** Queues one (behind those already waiting) and pumps. */
  enqueue(w: Omit<Waiting<T>, "resolve" | "reject" | "lastBusy"> & { lastBusy?: string }): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.line.push({ ...w, lastBusy: w.lastBusy ?? "", resolve, reject });
      void this.pump();
    });
  }

  /** Places waiting applications from the front of the line while they fit. */
  async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        this.expire(Date.now());
        const head = this.line[0];
        if (head === undefined) break;
        let outcome: { placed: T } | { busy: string };
        try {
          outcome = await head.attempt();
        } catch (e) {
          this.line.shift();
          head.reject(e as Error);
          continue;
        }
        if ("busy" in outcome) {
          head.lastBusy = outcome.busy;
          break;
        }
        this.line.shift();
        head.resolve(outcome.placed);
      }
    } finally {
      this.pumping = false;
      this.arm();
    }
  }

  /** Fails those whose wait ran out. */
  private expire(now: number): void {
    for (let i = this.line.length - 1; i >= 0; i--) {
      const w = this.line[i]!;
      if (now < w.deadline || (i === 0 && w.lastBusy === "")) continue; // still willing to wait, or first in line and not tried yet
      this.line.splice(i, 1);
      const why = i > 0 ? `${i} application${i > 1 ? "s" : ""} waited before it` : w.lastBusy;
      w.reject(new EngineError("INVALID_ARGUMENT", `${w.what} waited for free cores and gave up: ${why}. Wait for other applications to finish, add workers, or ask for less (maxCores, executorMemoryBytes).`));
    }
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.line.length === 0) return;
    const next = Math.min(...this.line.map((w) => w.deadline));
    this.timer = setTimeout(() => void this.pump(), Math.max(0, next - Date.now()) + 5);
    this.timer.unref();
  }

  /** Fails every waiting application (the master stops). */
  close(why: string): void {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.line.splice(0)) w.reject(new EngineError("UNREACHABLE", `${w.what}: ${why}`));
  }
}
