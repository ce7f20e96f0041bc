/**
 * Keys that travel sealed: an application's key goes from the master to its driver and to the
 * workers that start its executors, a worker's key from the master to that worker, each sealed to
 * the recipient's X25519 public key (ECDH with a one-time key, HKDF-SHA256, AES-256-GCM). So a key
 * never crosses the network readable, even without TLS and even to someone who holds the
 * cluster's secret and sees the traffic. Keys themselves are 32 random bytes, written as hex.
 */
import { createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject, randomBytes } from "node:crypto";

import { EngineError } from "../engine-error.js";

/** A new random key for a worker or an application (hex, 64 characters). */
export function newKey(): string {
  return randomBytes(32).toString("hex");
}

/** The DER prefix of an X25519 SubjectPublicKeyInfo; the raw key (32 bytes) follows. */
const SPKI_PREFIX = Buffer.from("302a300506032b656e032100", "hex");
const INFO = Buffer.from("spate seal v1");

export class SealKeyPair {
  private readonly privateKey: KeyObject;
  /** The raw public key (32 bytes), as it travels in registrations. */
  readonly publicKey: Buffer;

  constructor() {
    const pair = generateKeyPairSync("x25519");
    this.privateKey = pair.privateKey;
    this.publicKey = (pair.publicKey.export({ format: "der", type: "spki" }) as Buffer).subarray(SPKI_PREFIX.length);
  }

  /** Opens what `seal` made for this key pair; CORRUPT_DATA when it was not made for it or was changed. */
  open(sealed: Uint8Array): string {
    const box = Buffer.from(sealed);
    if (box.length < 32 + 12 + 16 + 1) throw new EngineError("CORRUPT_DATA", "a sealed key is too short");
    const ephemeral = publicKeyOf(box.subarray(0, 32));
    const key = boxKey(diffieHellman({ privateKey: this.privateKey, publicKey: ephemeral }), box.subarray(0, 32), this.publicKey);
    const iv = box.subarray(32, 44);
    const tag = box.subarray(box.length - 16);
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(box.subarray(44, box.length - 16)), decipher.final()]).toString("utf8");
    } catch {
      throw new EngineError("CORRUPT_DATA", "a sealed key does not open with this process's key pair (it was sealed for another, or changed on the way)");
    }
  }
}

function publicKeyOf(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new EngineError("INVALID_ARGUMENT", `an X25519 public key has 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: "der", type: "spki" });
}

function boxKey(shared: Buffer, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", shared, Buffer.concat([ephemeralPublic, recipientPublic]), INFO, 32));
}

/** Seals `secret` (a key) to the holder of the raw X25519 public key `recipient`. */
export function seal(recipient: Uint8Array, secret: string): Buffer {
  const recipientKey = publicKeyOf(recipient);
  const eph = generateKeyPairSync("x25519");
  const ephemeralPublic = (eph.publicKey.export({ format: "der", type: "spki" }) as Buffer).subarray(SPKI_PREFIX.length);
  const key = boxKey(diffieHellman({ privateKey: eph.privateKey, publicKey: recipientKey }), ephemeralPublic, recipient);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([ephemeralPublic, iv, body, cipher.getAuthTag()]);
}
