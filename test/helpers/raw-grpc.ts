/**
 * A gRPC call made by hand (grpc-js's generic client, bytes in and out), with whatever headers a
 * test gives: what an attacker's client could send, to see what a spate server does with it.
 */
import { ChannelCredentials, Client, Metadata } from "@grpc/grpc-js";

export interface RawOutcome {
  code: number | undefined;
  details?: string;
}

/** Sends `payload` to `path` at `target` with `headers`; resolves with the status (undefined code: OK). */
export function rawCall(target: string, path: string, payload: Buffer, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<RawOutcome> {
  const raw = new Client(target, ChannelCredentials.createInsecure(), { "grpc.max_send_message_length": 256 * 1024 * 1024 });
  return new Promise((resolve) => {
    const md = new Metadata();
    for (const [k, v] of Object.entries(headers)) md.set(k, v);
    raw.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, payload, md, { deadline: Date.now() + timeoutMs }, (err) => {
      raw.close();
      resolve({ code: err?.code, ...(err?.details !== undefined ? { details: err.details } : {}) });
    });
  });
}
