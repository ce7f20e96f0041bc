/**
 * The hand-written reference of the benchmarks: plain Node worker threads running a function
 * given as source, with no engine around it. `runOnThreads` splits a list of inputs across N
 * threads (one message each way per thread); `roundTrips` sends one tiny task at a time per
 * thread (W2's reference).
 */
import { Worker } from "node:worker_threads";

const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
let fn = null;
parentPort.on("message", async (msg) => {
  if (msg.type === "init") { fn = eval("(" + msg.source + ")"); parentPort.postMessage({ type: "ready" }); return; }
  if (msg.type === "batch") { const out = []; for (const x of msg.items) out.push(await fn(x)); parentPort.postMessage({ type: "done", out }); return; }
  if (msg.type === "one") { parentPort.postMessage({ type: "one", out: fn(msg.item) }); }
});`;

function startWorker(source: string): Promise<Worker> {
  const w = new Worker(WORKER_SOURCE, { eval: true });
  return new Promise((resolve, reject) => {
    w.once("error", reject);
    w.once("message", () => resolve(w));
    w.postMessage({ type: "init", source });
  });
}

/** Starts N threads, runs `source` over contiguous shares of `items`, stops them; returns results in order. */
export async function runOnThreads<T, R>(source: string, items: readonly T[], threads: number): Promise<R[]> {
  const workers = await Promise.all(Array.from({ length: threads }, () => startWorker(source)));
  try {
    const shares = workers.map((w, i) => {
      const part = items.slice(Math.floor((i * items.length) / threads), Math.floor(((i + 1) * items.length) / threads));
      return new Promise<R[]>((resolve, reject) => {
        w.once("error", reject);
        w.once("message", (m: { out: R[] }) => resolve(m.out));
        w.postMessage({ type: "batch", items: part });
      });
    });
    return (await Promise.all(shares)).flat();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Runs `count` one-element tasks on N threads, one in flight per thread; returns the results' count. */
export async function roundTrips(source: string, count: number, threads: number): Promise<number> {
  const workers = await Promise.all(Array.from({ length: threads }, () => startWorker(source)));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            const send = (): void => {
              if (next >= count) {
                resolve();
                return;
              }
              w.postMessage({ type: "one", item: next++ });
            };
            w.on("message", () => {
              done++;
              send();
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return done;
}
