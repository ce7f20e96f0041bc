/**
 * How an executor process gets its application's key: on its standard input, as the first line
 * (`{"appKey":"<hex>"}`), written by whoever starts it (the driver for local-cluster, a worker on
 * a cluster). Never on the command line or in the environment, where `ps` or
 * /proc/<pid>/environ would show it. The pipe stays open: when the process that started the
 * executor dies, the executor reads end-of-file, and exits (deleting its files).
 */
import type { Readable, Writable } from "node:stream";

import { EngineError } from "../engine-error.js";

/** Hands the key to a just-started executor (and keeps the pipe open). */
export function writeAppKey(stdin: Writable, appKey: string): void {
  stdin.on("error", () => undefined); // the executor may die first: its end is reported elsewhere
  stdin.write(`${JSON.stringify({ appKey })}\n`);
}

/** Reads the key from this process's standard input; calls `onEnd` when the pipe closes later. */
export function readAppKey(stdin: Readable, timeoutMs: number, onEnd: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    let done = false;
    const timer = setTimeout(() => finish(new EngineError("AUTH_FAILED", `no application key on standard input within ${timeoutMs} ms (executors are started by spate, which hands them their key)`)), timeoutMs);
    const finish = (error: EngineError | null, key?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error !== null) reject(error);
      else resolve(key!);
    };
    stdin.setEncoding("utf8");
    stdin.on("data", (chunk: string) => {
      if (done) return;
      text += chunk;
      const newline = text.indexOf("\n");
      if (newline < 0) {
        if (text.length > 4096) finish(new EngineError("AUTH_FAILED", "standard input does not hold an application key"));
        return;
      }
      try {
        const key = (JSON.parse(text.slice(0, newline)) as { appKey?: unknown }).appKey;
        if (typeof key !== "string" || !/^[0-9a-f]{64}$/.test(key)) throw new Error("no appKey");
        finish(null, key);
      } catch {
        finish(new EngineError("AUTH_FAILED", "standard input does not hold an application key"));
      }
    });
    stdin.on("end", () => {
      finish(new EngineError("AUTH_FAILED", "standard input closed before an application key came"));
      onEnd();
    });
    stdin.on("error", () => onEnd());
  });
}
