import test from "ava";
import { ConsoleProgressBar } from "../../../driver/progress/console-progress-bar.js";

function bar(columns = 60) {
  let now = 0;
  const writes: string[] = [];
  const b = new ConsoleProgressBar({ write: (s: string) => writes.push(s), columns }, 500, 200, () => now);
  return { b, writes, advance: (ms: number) => (now += ms) };
}

test("a stage shows after half a second as [Stage N:===>   (done + running) / total]", (t) => {
  const { b, advance } = bar();
  b.onProgress({ kind: "stageSubmitted", stageId: 1, jobIds: [0], numTasks: 200, totalTasks: 200 });
  for (let i = 0; i < 39; i++) b.onProgress({ kind: "taskStarted", stageId: 1 });
  for (let i = 0; i < 37; i++) b.onProgress({ kind: "taskEnded", stageId: 1, succeeded: true });
  t.is(b.line(), "");
  advance(600);
  const line = b.line();
  t.true(line.startsWith("[Stage 1:"));
  t.true(line.endsWith("(37 + 2) / 200]"));
  t.is(line.length, 60);
  t.regex(line, /^\[Stage 1:=+> +\(37/);
  b.stop();
});

test("stages that skipped partitions count them as done; failed tasks do not count", (t) => {
  const { b, advance } = bar(80);
  b.onProgress({ kind: "stageSubmitted", stageId: 3, jobIds: [1], numTasks: 2, totalTasks: 10 });
  b.onProgress({ kind: "taskStarted", stageId: 3 });
  b.onProgress({ kind: "taskEnded", stageId: 3, succeeded: false });
  advance(1000);
  t.true(b.line().endsWith("(8 + 0) / 10]"));
  b.stop();
});

test("the line is cleared when the stages complete", (t) => {
  const { b, writes, advance } = bar();
  b.onProgress({ kind: "stageSubmitted", stageId: 0, jobIds: [0], numTasks: 4, totalTasks: 4 });
  advance(700);
  (b as unknown as { draw(): void }).draw();
  t.true(writes.some((w) => w.includes("[Stage 0:")));
  b.onProgress({ kind: "stageCompleted", stageId: 0 });
  t.regex(writes[writes.length - 1]!, /^\r +\r$/);
});

test("a cancelled job's stages stop being drawn", (t) => {
  const { b, writes, advance } = bar();
  b.onProgress({ kind: "stageSubmitted", stageId: 5, jobIds: [2], numTasks: 1, totalTasks: 1 });
  b.onProgress({ kind: "taskStarted", stageId: 5 });
  advance(700);
  t.not(b.line(), "");
  b.onProgress({ kind: "jobEnded", jobId: 2, succeeded: false });
  t.is(b.line(), "");
  t.deepEqual(writes, []);
});
