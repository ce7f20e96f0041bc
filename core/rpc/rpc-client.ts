/**
 * RpcClient: calls one of spate's services at an address, signing every call with the secret
 * (call-auth) and encoding/decoding messages itself. Unary calls have a deadline; failures are
 * EngineErrors naming the peer (rpc-errors).
 */
import { ChannelCredentials, Client, type ClientDuplexStream, Metadata } from "@grpc/grpc-js";
import { EngineError } from "../engine-error.js";
import { AUTH_HEADER, signCall } from "./call-auth.js";
import { type MethodInfo, type ServiceName, serviceMethods } from "./proto-schema.js";
import { errorOf } from "./rpc-errors.js";
import { channelCredentials } from "./tls.js";
import { MAX_MESSAGE_BYTES } from "./rpc-server.js";

const identity = (b: Buffer): Buffer => b;

export interface RpcClientOptions {
  secret: string;
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

  private metadata(m: MethodInfo, payload: Uint8Array | null): Metadata {
    const md = new Metadata();
    md.set(AUTH_HEADER, signCall(this.options.secret, m.path, payload));
    return md;
  }

  unary<R>(name: string, params: unknown, timeoutMs = 10_000): Promise<R> {
    const m = this.method(name);
    const bytes = m.encodeRequest(params);
    return new Promise<R>((resolve, reject) => {
      this.client.makeUnaryRequest(m.path, identity, identity, bytes, this.metadata(m, bytes), { deadline: Date.now() + timeoutMs }, (err, res) => {
        if (err) return reject(errorOf(err, this.peerName));
        try {
          resolve(m.decodeResponse(res!) as R);
        } catch (e) {
          reject(new EngineError("CORRUPT_DATA", `${this.peerName}: the answer to ${name} does not decode (${(e as Error).message})`));
        }
      });
    });
  }

  /** A server-streaming call; resolves with every message once the stream ends. */
  async *serverStream<R>(name: string, params: unknown, timeoutMs = 60_000): AsyncGenerator<R> {
    const m = this.method(name);
    const bytes = m.encodeRequest(params);
    const call = this.client.makeServerStreamRequest(m.path, identity, identity, bytes, this.metadata(m, bytes), { deadline: Date.now() + timeoutMs });
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

  bidi<Out, In>(name: string): ClientBidi<Out, In> {
    const m = this.method(name);
    const call: ClientDuplexStream<Buffer, Buffer> = this.client.makeBidiStreamRequest(m.path, identity, identity, this.metadata(m, null));
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
