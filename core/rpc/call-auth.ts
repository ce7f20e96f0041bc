/**
 * Proof that a caller holds the key a call needs, without the key crossing the wire. Every call
 * but Hello carries
 *
 *   spate-auth: v2.<kind>.<scope, base64url>.<audience>.<timestamp ms>.<nonce>.<HMAC-SHA256>
 *
 * where kind says which key signed it (c: the cluster's secret; w: a worker's key, scope its
 * id; a: an application's key, scope its id, or "<app id>/<executor id>" for an executor), the
 * audience is the boot id of the server it is meant for (Hello tells it; a restart makes a new
 * one), and the HMAC covers the method, the audience, the kind and scope, the timestamp and the
 * nonce. Calls with a request message also carry `spate-body`: an HMAC of the nonce and the
 * message's SHA-256, checked when the message has been read. A server checks the header when the
 * call starts, before reading anything it sent: format, audience, time window (±5 min), the key it
 * holds for that kind and scope for that method, the MAC in constant time, and that the nonce is
 * new. So a proof captured from one call cannot be replayed (same server, or another server, or
 * after a restart), moved to another method or payload, or used for another application.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const AUTH_HEADER = "spate-auth";
export const BODY_HEADER = "spate-body";
/** Set by the server on a verified call (any value the client sent under it is removed first). */
export const PRINCIPAL_HEADER = "spate-principal";
/** How far a caller's clock may be from the server's. */
export const WINDOW_MS = 5 * 60 * 1000;

export type KeyKind = "cluster" | "worker" | "app";

const KIND_CODE: Record<KeyKind, string> = { cluster: "c", worker: "w", app: "a" };
const CODE_KIND: Record<string, KeyKind> = { c: "cluster", w: "worker", a: "app" };

/** A key a caller signs with, and what it speaks for. */
export interface Credential {
  kind: KeyKind;
  /** "" for the cluster's secret; the worker's id; the application's id, or "<app id>/<executor id>" */
  scope: string;
  key: string;
}

/** Who a verified call came from. */
export interface Principal {
  kind: KeyKind;
  scope: string;
  /** for app keys: the application, and the executor when the scope names one */
  appId: string;
  executorId: string;
  /** for worker keys */
  workerId: string;
  nonce: string;
}

const SCOPE = /^[A-Za-z0-9._/-]{0,200}$/;

function mac(key: string, method: string, audience: string, kind: string, scope: string, timestamp: string, nonce: string): Buffer {
  return createHmac("sha256", key).update(`spate-v2\n${method}\n${audience}\n${kind}\n${scope}\n${timestamp}\n${nonce}`).digest();
}

function bodyMac(key: string, nonce: string, payload: Uint8Array): Buffer {
  return createHmac("sha256", key).update(`body\n${nonce}\n`).update(createHash("sha256").update(payload).digest()).digest();
}

export function principalOf(kind: KeyKind, scope: string, nonce = ""): Principal {
  const slash = scope.indexOf("/");
  return {
    kind, scope, nonce,
    appId: kind === "app" ? (slash < 0 ? scope : scope.slice(0, slash)) : "",
    executorId: kind === "app" && slash >= 0 ? scope.slice(slash + 1) : "",
    workerId: kind === "worker" ? scope : "",
  };
}

/** The headers of one call to the server whose boot id is `audience`. */
export function signCall(cred: Credential, method: string, audience: string, payload: Uint8Array | null, now = Date.now()): { auth: string; body: string | null } {
  const timestamp = String(now);
  const nonce = randomBytes(16).toString("hex");
  const code = KIND_CODE[cred.kind];
  const scope = Buffer.from(cred.scope, "utf8").toString("base64url");
  const auth = `v2.${code}.${scope}.${audience}.${timestamp}.${nonce}.${mac(cred.key, method, audience, code, cred.scope, timestamp, nonce).toString("hex")}`;
  return { auth, body: payload === null ? null : bodyMac(cred.key, nonce, payload).toString("hex") };
}

export type HeaderVerdict =
  | { ok: true; principal: Principal; key: string }
  | { ok: false; reason: string; staleAudience?: boolean };

/**
 * The key this server holds for a principal on a method, or undefined to refuse: the server's
 * policy (which kinds of key each method takes, and whose).
 */
export type KeyPolicy = (method: string, principal: Principal) => string | undefined;

/** Checks proofs for one server: its audience, its policy, and the nonces it accepted within the window. */
export class CallVerifier {
  private readonly seen = new Map<string, number>(); // nonce -> timestamp
  private lastSweep = 0;

  constructor(readonly audience: string, private readonly policy: KeyPolicy) {}

  verifyHeader(header: unknown, method: string, now = Date.now()): HeaderVerdict {
    if (typeof header !== "string" || header.length > 512) return { ok: false, reason: "no spate-auth proof" };
    const parts = header.split(".");
    if (parts.length !== 7 || parts[0] !== "v2") return { ok: false, reason: "malformed spate-auth proof (is the caller a different spate version?)" };
    const [, code, scope64, audience, timestamp, nonce, given] = parts as [string, string, string, string, string, string, string];
    const scope = /^[A-Za-z0-9_-]{0,280}$/.test(scope64) ? Buffer.from(scope64, "base64url").toString("utf8") : "\u0000";
    const kind = CODE_KIND[code];
    if (kind === undefined || !SCOPE.test(scope) || !/^\d{1,15}$/.test(timestamp) || !/^[0-9a-f]{32}$/.test(nonce) || !/^[0-9a-f]{64}$/.test(given)) {
      return { ok: false, reason: "malformed spate-auth proof" };
    }
    if (audience !== this.audience) return { ok: false, reason: "the proof is for another server or an earlier start of this one", staleAudience: true };
    const principal = principalOf(kind, scope, nonce);
    const key = this.policy(method, principal);
    if (key === undefined) return { ok: false, reason: `no ${kind} key here for '${scope}' on ${method}` };
    const expected = mac(key, method, audience, code, scope, timestamp, nonce);
    if (!timingSafeEqual(expected, Buffer.from(given, "hex"))) return { ok: false, reason: `wrong ${kind === "cluster" ? "secret" : `${kind} key`}` };
    if (Math.abs(now - Number(timestamp)) > WINDOW_MS) return { ok: false, reason: "proof outside the time window (are the clocks in sync?)" };
    this.sweep(now);
    if (this.seen.has(nonce)) return { ok: false, reason: "replayed proof" };
    this.seen.set(nonce, Number(timestamp));
    return { ok: true, principal, key };
  }

  /** Checks the request message against the header's nonce (after the header verified). */
  verifyBody(given: unknown, key: string, nonce: string, payload: Uint8Array): boolean {
    if (typeof given !== "string" || !/^[0-9a-f]{64}$/.test(given)) return false;
    return timingSafeEqual(bodyMac(key, nonce, payload), Buffer.from(given, "hex"));
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [nonce, ts] of this.seen) if (Math.abs(now - ts) > WINDOW_MS) this.seen.delete(nonce);
  }
}
