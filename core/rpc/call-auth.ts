/**
 * Proof that a caller knows the cluster's secret, without the secret crossing the wire: every
 * call carries `spate-auth: v1.<timestamp ms>.<nonce>.<HMAC-SHA256>` where the HMAC covers the
 * method's path, the timestamp, the nonce and (for calls with one request message) the SHA-256
 * of the request's bytes. A server accepts a proof once (nonces are remembered for the window),
 * only within ±WINDOW_MS of its clock, and compares in constant time. So a captured request can
 * neither be replayed later nor turned into another call or another payload.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const AUTH_HEADER = "spate-auth";
/** How far a caller's clock may be from the server's. */
export const WINDOW_MS = 5 * 60 * 1000;

function mac(secret: string, method: string, timestamp: string, nonce: string, payload: Uint8Array | null): Buffer {
  const h = createHmac("sha256", secret);
  h.update(`${method}\n${timestamp}\n${nonce}\n`);
  if (payload) h.update(createHash("sha256").update(payload).digest());
  return h.digest();
}

/** The header value for one call. */
export function signCall(secret: string, method: string, payload: Uint8Array | null, now = Date.now()): string {
  const timestamp = String(now);
  const nonce = randomBytes(16).toString("hex");
  return `v1.${timestamp}.${nonce}.${mac(secret, method, timestamp, nonce, payload).toString("hex")}`;
}

export type AuthVerdict = { ok: true } | { ok: false; reason: string };

/** Checks proofs for one server: remembers the nonces it accepted within the window. */
export class CallVerifier {
  private readonly seen = new Map<string, number>(); // nonce -> timestamp
  private lastSweep = 0;

  constructor(private readonly secret: string) {}

  verify(header: unknown, method: string, payload: Uint8Array | null, now = Date.now()): AuthVerdict {
    if (typeof header !== "string" || header.length > 256) return { ok: false, reason: "no spate-auth proof" };
    const parts = header.split(".");
    if (parts.length !== 4 || parts[0] !== "v1") return { ok: false, reason: "malformed spate-auth proof" };
    const [, timestamp, nonce, given] = parts as [string, string, string, string];
    const ts = Number(timestamp);
    if (!/^\d{1,15}$/.test(timestamp) || !/^[0-9a-f]{32}$/.test(nonce) || !/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: "malformed spate-auth proof" };
    const expected = mac(this.secret, method, timestamp, nonce, payload);
    if (!timingSafeEqual(expected, Buffer.from(given, "hex"))) return { ok: false, reason: "wrong secret" };
    if (Math.abs(now - ts) > WINDOW_MS) return { ok: false, reason: "proof outside the time window (are the clocks in sync?)" };
    this.sweep(now);
    if (this.seen.has(nonce)) return { ok: false, reason: "replayed proof" };
    this.seen.set(nonce, ts);
    return { ok: true };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [nonce, ts] of this.seen) if (Math.abs(now - ts) > WINDOW_MS) this.seen.delete(nonce);
  }
}
