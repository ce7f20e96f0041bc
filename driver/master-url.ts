/**
 * Master URLs (API.md): local, local[N], local[*], local[N,F], local-cluster[N],
 * local-cluster[N,C] and spate://host:port. Anything else is INVALID_ARGUMENT listing the forms.
 */
import { availableParallelism } from "node:os";
import { EngineError } from "../core/engine-error.js";

export type Master =
  | { kind: "local"; threads: number; maxFailures: number | undefined }
  | { kind: "local-cluster"; executors: number; coresPerExecutor: number }
  | { kind: "standalone"; host: string; port: number };

const FORMS = "local, local[N], local[*], local[N,F] (F = maxFailures), local-cluster[N], local-cluster[N,C] or spate://host:port";

function invalid(url: string, why: string): EngineError {
  return new EngineError("INVALID_ARGUMENT", `master URL '${url}' ${why}. Use one of: ${FORMS}.`);
}

function positive(text: string, url: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw invalid(url, `has ${what} '${text}', which is not a positive integer`);
  return n;
}

export function parseMaster(url: unknown): Master {
  if (typeof url !== "string") throw new EngineError("INVALID_ARGUMENT", `master must be a string, got ${typeof url}. Use one of: ${FORMS}.`);
  const s = url.trim();
  if (s === "local") return { kind: "local", threads: 1, maxFailures: undefined };
  let m = /^local\[([^\],]+)(?:,([^\]]+))?\]$/.exec(s);
  if (m) {
    const threads = m[1] === "*" ? availableParallelism() : positive(m[1]!, s, "thread count");
    return { kind: "local", threads, maxFailures: m[2] === undefined ? undefined : positive(m[2], s, "maxFailures") };
  }
  m = /^local-cluster\[([^\],]+)(?:,([^\]]+))?\]$/.exec(s);
  if (m) {
    return { kind: "local-cluster", executors: positive(m[1]!, s, "executor count"), coresPerExecutor: m[2] === undefined ? 1 : positive(m[2], s, "cores per executor") };
  }
  m = /^spate:\/\/(\[[^\]]+\]|[^:/]+):(\d+)\/?$/.exec(s);
  if (m) {
    const port = Number(m[2]);
    if (port < 1 || port > 65535) throw invalid(s, `has port ${m[2]}, outside 1-65535`);
    return { kind: "standalone", host: m[1]!.replace(/^\[|\]$/g, ""), port };
  }
  if (s.startsWith("spate://")) throw invalid(s, "needs a host and a port, like spate://node01:7077");
  throw invalid(s, "is not a master URL spate knows");
}
