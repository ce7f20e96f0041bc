/**
 * RpcClient: calls one of spate's services at an address, signing every call with its credential
 * (call-auth.ts: the cluster's secret, a worker's key or an application's key) for the server's
 * current start, whose boot id it asks with Hello once (and again when the server restarted), and
 * encoding/decoding messages itself. Unary calls have a deadline; failures are EngineErrors naming
 * the peer (rpc-errors).
 */
import { ChannelCredentials, Client, type ClientDuplexStream, Metadata } from "@grpc/grpc-js";
import { EngineError } from "../engine-error.js";
import { AUTH_HEADER, BODY_HEADER, type Credential, signCall } from "./call-auth.js";
import { type MethodInfo, type ServiceName, serviceMethods } from "./proto-schema.js";
import { errorOf } from "./rpc-errors.js";
import { channelCredentials } from "./tls.js";
import { MAX_MESSAGE_BYTES } from "./rpc-server.js";

const identity = (b: Buffer): Buffer => b;

export interface RpcClientOptions {
  /** what the calls are signed with (a function: the credential may change, as a worker's key on re-registering) */
  credential: Credential | (() => Credential);
  maxMessageBytes?: number;
  credentials?: ChannelCredentials;
  /** what to call the peer in errors, e.g. "the master at node01:7077" */
  peerName?: string;
}

/** A client's end of a bidirectional stream: plain objects out, decoded messages in. */
export interface ClientBidi<Out, In> {
  send(msg: Out): boolean;
  onMessage(fn: (msg: In) => void): void;
  onClose(fn: (error: EngineError | null) => void): void;
  onDrain(fn: () => void): void;
  end(): void;
  cancel(): void;
}

export class RpcClient {
  private readonly client: Client;
  private readonly methods: Map<string, MethodInfo>;
  readonly peerName: string;
  /** the server's boot id (Hello), asked once per start of the server */
  private audience: Promise<string> | undefined;

  constructor(readonly address: string, service: ServiceName, private readonly options: RpcClientOptions) {
    const max = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    this.client = new Client(address, options.credentials ?? channelCredentials(), {
      "grpc.max_receive_message_length": max,
      "grpc.max_send_message_length": max,
      "grpc-node.flow_control_window": 16 * 1024 * 1024,
      "grpc.keepalive_time_ms": 10_000,
      "grpc.keepalive_timeout_ms": 5_000,
      "grpc.keepalive_permit_without_calls": 1,
      "grpc.initial_reconnect_backoff_ms": 200,
      "grpc.max_reconnect_backoff_ms": 2_000,
    });
    this.methods = serviceMethods(service);
    this.peerName = options.peerName ?? `${service.toLowerCase()} at ${address}`;
  }

  private method(name: string): MethodInfo {
    const m = this.methods.get(name);
    if (!m) throw new EngineError("INTERNAL", `no method ${name}`);
    return m;
  }

  private credential(): Credential {
    const c = this.options.credential;
    return typeof c === "function" ? c() : c;
  }

  /** The server's boot id, which proofs name (asked with Hello, without a proof). */
  private serverAudience(deadline: number): Promise<string> {
    this.audience ??= new Promise<string>((resolve, reject) => {
      const m = this.method("Hello");
      this.client.makeUnaryRequest(m.path, identity, identity, m.encodeRequest({}), new Metadata(), { deadline }, (err, res) => {
        if (err) return reject(errorOf(err, this.peerName));
        try {
          const bootId = (m.decodeResponse(res!) as { bootId?: unknown }).bootId;
          if (typeof bootId !== "string" || !/^[0-9a-f]{8,64}$/.test(bootId)) throw new Error("no boot id");
          resolve(bootId);
        } catch (e) {
          reject(new EngineError("CORRUPT_DATA", `${this.peerName}: its Hello does not decode (${(e as Error).message}); is it a spate server of the same version?`));
        }
      });
    }).catch((e: unknown) => {
      this.audience = undefined;
      throw e;
    });
    return this.audience;
  }

  private async metadata(m: MethodInfo, payload: Uint8Array | null, deadline: number, credential?: Credential): Promise<Metadata> {
    const signed = signCall(credential ?? this.credential(), m.path, await this.serverAudience(deadline), payload);
    const md = new Metadata();
    md.set(AUTH_HEADER, signed.auth);
    if (signed.body !== null) md.set(BODY_HEADER, signed.body);
    return md;
  }

  /** Whether a refusal says the proof named an earlier start of the server (it restarted). */
  private staleAudience(err: unknown): boolean {
    return /\[stale audience\]/.test(String((err as { details?: unknown }).details ?? ""));
  }

  /** One call; `credential` signs it instead of the client's own (the master acting for an application). */
  async unary<R>(name: string, params: unknown, timeoutMs = 10_000, credential?: Credential): Promise<R> {
    const m = this.method(name);
    const bytes = m.encodeRequest(params);
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const metadata = await this.metadata(m, bytes, deadline, credential);
      const outcome = await new Promise<{ err: unknown; res?: Buffer }>((resolve) => {
        this.client.makeUnaryRequest(m.path, identity, identity, bytes, metadata, { deadline }, (err, res) => resolve({ err, res: res ?? undefined }));
      });
      if (outcome.err) {
        if (attempt === 0 && this.staleAudience(outcome.err)) {
          this.audience = undefined; // the server restarted: ask its new boot id, sign again
          continue;
        }
        throw errorOf(outcome.err, this.peerName);
      }
      try {
        return m.decodeResponse(outcome.res!) as R;
      } catch (e) {
        throw new EngineError("CORRUPT_DATA", `${this.peerName}: the answer to ${name} does not decode (${(e as Error).message})`);
      }
    }
  }

  /** A server-streaming call; resolves with every message once the stream ends. */
  async *serverStream<R>(name: string, params: unknown, timeoutMs = 60_000): AsyncGenerator<R> {
    const m = this.method(name);
    const bytes = m.encodeRequest(params);
    const deadline = Date.now() + timeoutMs;
    let metadata: Metadata;
    try {
      metadata = await this.metadata(m, bytes, deadline);
    } catch (e) {
      throw errorOf(e, this.peerName);
    }
    const call = this.client.makeServerStreamRequest(m.path, identity, identity, bytes, metadata, { deadline });
    try {
      for await (const chunk of call) {
        let msg: R;
        try {
          msg = m.decodeResponse(chunk as Buffer) as R;
        } catch (e) {
          throw new EngineError("CORRUPT_DATA", `${this.peerName}: a message of ${name} does not decode (${(e as Error).message})`);
        }
        yield msg;
      }
    } catch (e) {
      throw errorOf(e, this.peerName);
    } finally {
      call.cancel();
    }
  }

  /** Opens a bidirectional stream (once the server's boot id is known). */
  async bidi<Out, In>(name: string, timeoutMs = 30_000): Promise<ClientBidi<Out, In>> {
    const m = this.method(name);
    const metadata = await this.metadata(m, null, Date.now() + timeoutMs);
    const call: ClientDuplexStream<Buffer, Buffer> = this.client.makeBidiStreamRequest(m.path, identity, identity, metadata);
    let onClose: (e: EngineError | null) => void = () => undefined;
    let closed = false;
    const close = (e: EngineError | null): void => {
      if (closed) return;
      closed = true;
      onClose(e);
    };
    let onMessage: (msg: In) => void = () => undefined;
    call.on("data", (bytes: Buffer) => {
      let msg: In;
      try {
        msg = m.decodeResponse(bytes) as In;
      } catch (e) {
        close(new EngineError("CORRUPT_DATA", `${this.peerName}: a message does not decode (${(e as Error).message})`));
        call.cancel();
        return;
      }
      onMessage(msg);
    });
    call.on("error", (e) => close(errorOf(e, this.peerName)));
    call.on("end", () => close(null));
    return {
      send: (msg) => (closed ? false : call.write(m.encodeRequest(msg))),
      onMessage: (fn) => (onMessage = fn),
      onClose: (fn) => (onClose = fn),
      onDrain: (fn) => void call.on("drain", fn),
      end: () => call.end(),
      cancel: () => call.cancel(),
    };
  }

  /** Waits until the channel is connected, or fails UNREACHABLE after `timeoutMs`. */
  waitReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.waitForReady(Date.now() + timeoutMs, (err) => {
        if (err) reject(new EngineError("UNREACHABLE", `${this.peerName} cannot be reached within ${Math.round(timeoutMs / 1000)} s (${err.message}). Check that it is running, the host and port, and the network between.`));
        else resolve();
      });
    });
  }

  close(): void {
    this.client.close();
  }
}
