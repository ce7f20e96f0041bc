/**
 * Memory sizes as `spate worker --memory` takes them: "4g", "512m", "1.5G", "2048k", "4gb",
 * "4GiB", or plain bytes (binary units: k = 1024). Parsed by the worker command; the worker's
 * default (total memory minus 1 GiB, at least 512 MiB) lives here too.
 */
import { totalmem } from "node:os";
import { EngineError } from "../../core/engine-error.js";

const UNITS: Record<string, number> = { "": 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** "4g" -> 4294967296; INVALID_ARGUMENT naming the text and the accepted forms otherwise. */
export function parseByteSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  const bytes = m ? Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new EngineError("INVALID_ARGUMENT", `'${text}' is not a memory size. Use a number with an optional unit k, m, g or t (1024-based), like 512m or 4g.`);
  }
  return bytes;
}

/** What a worker offers when --memory is not given: the machine's memory minus 1 GiB, at least 512 MiB. */
export function defaultWorkerMemory(total = totalmem()): number {
  return Math.max(512 * 2 ** 20, total - 2 ** 30);
}
