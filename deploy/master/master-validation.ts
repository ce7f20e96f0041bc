/**
 * What the master accepts in a registration: every field within bounds, or INVALID_ARGUMENT
 * naming the field and what it must be. A worker's or a driver's message may be wrong or hostile:
 * a claim of 10^9 cores, a port of 70000 or a host name with spaces never reaches the master's
 * bookkeeping. Called by MasterDaemon before MasterState.
 */
import { EngineError } from "../../core/engine-error.js";
import type { ApplicationRequest, WorkerSpec } from "./master-records.js";

export const MAX_CORES = 16_384;
export const MIN_WORKER_MEMORY = 64 * 1024 * 1024;
export const MAX_MEMORY = 2 ** 50; // 1 PiB
export const MAX_WAIT_MS = 24 * 3600 * 1000;

const ID = /^[A-Za-z0-9._@:-]{1,128}$/;
const HOST_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

function fail(call: string, field: string, what: string, got: unknown): never {
  const shown = typeof got === "string" ? JSON.stringify(got.length > 80 ? `${got.slice(0, 80)}…` : got) : String(got);
  throw new EngineError("INVALID_ARGUMENT", `${call}: ${field} must be ${what}, got ${shown}`);
}

export function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  if (host.includes(":")) return IPV6.test(host);
  return host.split(".").every((label) => HOST_LABEL.test(label));
}

function integer(call: string, field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) fail(call, field, `an integer from ${min} to ${max}`, v);
  return v;
}

function key32(call: string, field: string, v: unknown): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length !== 32) {
    throw new EngineError("INVALID_ARGUMENT", `${call}: ${field} must be an X25519 public key of 32 bytes, got ${v instanceof Uint8Array ? `${v.length} bytes` : typeof v}`);
  }
  return v;
}

export function checkRegisterWorker(req: { workerId?: unknown; host?: unknown; port?: unknown; cores?: unknown; memoryBytes?: unknown; publicKey?: unknown }): WorkerSpec {
  const call = "RegisterWorker";
  if (typeof req.workerId !== "string" || !ID.test(req.workerId)) fail(call, "workerId", "1 to 128 letters, digits or ._@:-", req.workerId);
  if (typeof req.host !== "string" || !isHostName(req.host)) fail(call, "host", "a host name or an IP address", req.host);
  return {
    workerId: req.workerId, host: req.host,
    port: integer(call, "port", req.port, 1, 65_535),
    cores: integer(call, "cores", req.cores, 1, MAX_CORES),
    memoryBytes: integer(call, "memoryBytes", req.memoryBytes, MIN_WORKER_MEMORY, MAX_MEMORY),
    publicKey: key32(call, "publicKey", req.publicKey),
  };
}

/** A registration as the master takes it: what to place, the driver's key to seal to, how long it may wait. */
export interface CheckedApplication extends ApplicationRequest {
  driverPublicKey: Uint8Array;
  waitMs: number;
}

export function checkRegisterApplication(req: { appName?: unknown; driverUrl?: unknown; maxCores?: unknown; coresPerExecutor?: unknown; executorMemoryBytes?: unknown; driverPublicKey?: unknown; waitMs?: unknown }): CheckedApplication {
  const call = "RegisterApplication";
  if (typeof req.appName !== "string" || req.appName.length > 256 || /[\u0000-\u001f]/.test(req.appName)) fail(call, "appName", "at most 256 printable characters", req.appName);
  const url = typeof req.driverUrl === "string" ? /^(\[[0-9A-Fa-f:.]+\]|[^:\s]+):(\d{1,5})$/.exec(req.driverUrl) : null;
  if (url === null || !isHostName(url[1]!.replace(/^\[|\]$/g, "")) || Number(url[2]) < 1 || Number(url[2]) > 65_535) fail(call, "driverUrl", "host:port of the application's Driver service", req.driverUrl);
  return {
    appName: req.appName, driverUrl: req.driverUrl as string,
    maxCores: integer(call, "maxCores", req.maxCores, 0, 1_000_000),
    coresPerExecutor: integer(call, "coresPerExecutor", req.coresPerExecutor, 0, MAX_CORES),
    executorMemoryBytes: integer(call, "executorMemoryBytes", req.executorMemoryBytes, 0, MAX_MEMORY),
    driverPublicKey: key32(call, "driverPublicKey", req.driverPublicKey),
    waitMs: integer(call, "waitMs", req.waitMs ?? 0, 0, MAX_WAIT_MS),
  };
}
