/**
 * The cluster's secret (API.md): `spate master` writes a new random one to its secret file
 * (default ~/.spate/secret, mode 0600 in a 0700 directory) when the file does not exist; workers
 * and drivers read the same file (or SPATE_SECRET / SPATE_SECRET_FILE for drivers).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { EngineError } from "../engine-error.js";

export function defaultSecretFile(): string {
  return path.join(homedir(), ".spate", "secret");
}

export function newSecret(): string {
  return randomBytes(32).toString("hex");
}

/** Reads a secret file; a missing or empty one is AUTH_FAILED naming it. */
export function readSecretFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new EngineError("AUTH_FAILED", `cannot read the secret file ${file}: ${(e as Error).message}. Start \`spate master\` (it writes one), copy the master's secret file here, or pass --secret-file.`);
  }
  const secret = text.trim();
  if (secret.length < 16) throw new EngineError("AUTH_FAILED", `the secret file ${file} holds no secret (at least 16 characters); remove it and restart \`spate master\` to write a new one`);
  return secret;
}

/** The master's secret: read from `file`, or a new one written there (0600, directory 0700). */
export function ensureSecretFile(file: string): string {
  if (existsSync(file)) return readSecretFile(file);
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = newSecret();
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return secret;
}

/** A driver's secret: the option, else SPATE_SECRET, else the file named by SPATE_SECRET_FILE, else ~/.spate/secret. */
export function driverSecret(option: string | undefined): string {
  if (option) return option;
  if (process.env.SPATE_SECRET) return process.env.SPATE_SECRET;
  return readSecretFile(process.env.SPATE_SECRET_FILE ?? defaultSecretFile());
}
