/**
 * TLS for every connection of a cluster (mutual: servers and clients both present certificates
 * signed by the cluster's CA). Configured per process by SPATE_TLS_CERT, SPATE_TLS_KEY and
 * SPATE_TLS_CA (file paths), which `spate master/worker --tls-*` and Context.create({ tls*** })
 * set, and which executor processes inherit. Without them connections are plaintext (the HMAC
 * proofs still authenticate every call).
 */
import { readFileSync } from "node:fs";
import { ChannelCredentials, ServerCredentials } from "@grpc/grpc-js";
import { EngineError } from "../engine-error.js";

export interface TlsFiles {
  cert: string;
  key: string;
  ca: string;
}

/** The TLS files this process uses, or null when it runs without TLS. */
export function tlsFromEnv(): TlsFiles | null {
  const cert = process.env.SPATE_TLS_CERT;
  const key = process.env.SPATE_TLS_KEY;
  const ca = process.env.SPATE_TLS_CA;
  if (!cert && !key && !ca) return null;
  if (!cert || !key || !ca) {
    throw new EngineError("INVALID_ARGUMENT", "TLS needs a certificate, its key and the CA: give all three (--tls-cert, --tls-key, --tls-ca, or SPATE_TLS_CERT, SPATE_TLS_KEY, SPATE_TLS_CA)");
  }
  return { cert, key, ca };
}

/** Sets this process's TLS files (inherited by the processes it starts). */
export function useTls(files: TlsFiles): void {
  process.env.SPATE_TLS_CERT = files.cert;
  process.env.SPATE_TLS_KEY = files.key;
  process.env.SPATE_TLS_CA = files.ca;
}

function read(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new EngineError("INVALID_ARGUMENT", `cannot read the TLS ${what} ${file}: ${(e as Error).message}`);
  }
}

export function serverCredentials(): ServerCredentials {
  const tls = tlsFromEnv();
  if (!tls) return ServerCredentials.createInsecure();
  return ServerCredentials.createSsl(read(tls.ca, "CA"), [{ cert_chain: read(tls.cert, "certificate"), private_key: read(tls.key, "key") }], true);
}

export function channelCredentials(): ChannelCredentials {
  const tls = tlsFromEnv();
  if (!tls) return ChannelCredentials.createInsecure();
  return ChannelCredentials.createSsl(read(tls.ca, "CA"), read(tls.key, "key"), read(tls.cert, "certificate"));
}
