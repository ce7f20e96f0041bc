/**
 * The console progress bar of long jobs, in Spark's form: `[Stage 1:=====>     (37 + 2) / 200]`
 * (done + running / total) for each active stage, on one line of stderr. A stage shows once it
 * has run for half a second; the line is redrawn every 200 ms and cleared when its jobs end.
 * Only used when stderr is a terminal.
 */
import type { ProgressEvent, ProgressListener } from "./progress-events.js";

interface StageProgress {
  jobIds: number[];
  total: number;
  done: number;
  running: number;
  startedAt: number;
}

export interface ProgressOutput {
  write(text: string): unknown;
  columns?: number;
}

export class ConsoleProgressBar implements ProgressListener {
  private readonly stages = new Map<number, StageProgress>();
  private timer: NodeJS.Timeout | undefined;
  private shown = 0;

  constructor(
    private readonly out: ProgressOutput,
    private readonly firstDelayMs = 500,
    private readonly updateMs = 200,
    private readonly now: () => number = () => performance.now(),
  ) {}

  onProgress(e: ProgressEvent): void {
    switch (e.kind) {
      case "stageSubmitted":
        this.stages.set(e.stageId, { jobIds: e.jobIds, total: e.totalTasks, done: e.totalTasks - e.numTasks, running: 0, startedAt: this.now() });
        this.start();
        return;
      case "taskStarted": {
        const s = this.stages.get(e.stageId);
        if (s) s.running++;
        return;
      }
      case "taskEnded": {
        const s = this.stages.get(e.stageId);
        if (!s) return;
        s.running = Math.max(0, s.running - 1);
        if (e.succeeded) s.done = Math.min(s.total, s.done + 1);
        return;
      }
      case "stageCompleted":
        this.stages.delete(e.stageId);
        if (this.stages.size === 0) this.stop();
        return;
      case "jobEnded":
        // a failed or cancelled job's stages never complete: drop those no other job waits on
        for (const [id, s] of this.stages) {
          s.jobIds = s.jobIds.filter((j) => j !== e.jobId);
          if (s.jobIds.length === 0) this.stages.delete(id);
        }
        if (this.stages.size === 0) this.stop();
        return;
    }
  }

  /** The line for the stages shown now ("" when none has run long enough). */
  line(): string {
    const now = this.now();
    const visible = [...this.stages.entries()].filter(([, s]) => now - s.startedAt >= this.firstDelayMs).sort(([a], [b]) => a - b).slice(0, 3);
    if (visible.length === 0) return "";
    const width = Math.floor((this.out.columns ?? 80) / visible.length);
    return visible
      .map(([id, s]) => {
        const header = `[Stage ${id}:`;
        const tailer = `(${s.done} + ${s.running}) / ${s.total}]`;
        const w = width - header.length - tailer.length;
        if (w <= 0) return `${header}${tailer}`;
        const percent = s.total === 0 ? w : Math.floor((w * s.done) / s.total);
        let bar = "";
        for (let i = 0; i < w; i++) bar += i < percent ? "=" : i === percent ? ">" : " ";
        return `${header}${bar}${tailer}`;
      })
      .join("");
  }

  private draw(): void {
    const text = this.line();
    if (text === "" && this.shown === 0) return;
    this.out.write(`\r${text}${" ".repeat(Math.max(0, this.shown - text.length))}`);
    this.shown = text.length;
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.draw(), this.updateMs);
    this.timer.unref();
  }

  /** Stops drawing and clears the line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.shown > 0) this.out.write(`\r${" ".repeat(this.shown)}\r`);
    this.shown = 0;
  }
}
