/**
 * RpcServer: a gRPC server for one of spate's services where every call is authenticated before
 * its request is decoded (messages arrive as raw bytes; the caller's HMAC proof is checked first,
 * then the bytes are decoded, and a message that does not decode is INVALID_ARGUMENT). Messages
 * over the size limit are refused by grpc-js before they are buffered. Handlers get decoded
 * messages and return plain objects.
 */
import { type handleBidiStreamingCall, type handleServerStreamingCall, type handleUnaryCall, Server, ServerCredentials, status as Status, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { EngineError } from "../engine-error.js";
import { AUTH_HEADER, CallVerifier } from "./call-auth.js";
import { type MethodInfo, type ServiceName, serviceMethods } from "./proto-schema.js";
import { statusOf } from "./rpc-errors.js";
import { serverCredentials } from "./tls.js";

/** Messages larger than this are refused (64 MiB; blocks travel in 1 MiB chunks). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface CallContext {
  peer: string;
}

/** A bidirectional stream as a handler sees it: decoded messages in, plain objects out. */
export interface BidiStream<In, Out> {
  readonly peer: string;
  onMessage(fn: (msg: In) => void): void;
  onClose(fn: (error: EngineError | null) => void): void;
  send(msg: Out): boolean;
  /** the stream's write buffer drained (after send returned false) */
  onDrain(fn: () => void): void;
  end(): void;
  fail(error: EngineError): void;
}

export type UnaryHandler = (req: any, ctx: CallContext) => unknown;
export type ServerStreamHandler = (req: any, ctx: CallContext, write: (msg: unknown) => Promise<void>) => Promise<void>;
export type BidiHandler = (stream: BidiStream<any, any>) => void;
export type Handler = UnaryHandler | ServerStreamHandler | BidiHandler;

const identity = (b: Buffer): Buffer => b;

export interface RpcServerOptions {
  secret: string;
  maxMessageBytes?: number;
  credentials?: ServerCredentials;
}

export class RpcServer {
  private readonly server: Server;
  private readonly verifier: CallVerifier;
  private boundPort = 0;

  constructor(private readonly options: RpcServerOptions) {
    const max = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    this.server = new Server({
      "grpc.max_receive_message_length": max,
      "grpc.max_send_message_length": max,
      "grpc-node.flow_control_window": 16 * 1024 * 1024,
      // pings find peers behind a cut link (no FIN, no RST) and drop their connections
      "grpc.keepalive_time_ms": 5_000,
      "grpc.keepalive_timeout_ms": 5_000,
      "grpc.keepalive_permit_without_calls": 1,
      "grpc.http2.min_ping_interval_without_data_ms": 5_000,
    });
    this.verifier = new CallVerifier(options.secret);
  }

  addService(service: ServiceName, handlers: Record<string, Handler>): void {
    const methods = serviceMethods(service);
    const definition: Record<string, unknown> = {};
    const impl: UntypedServiceImplementation = {};
    for (const [name, m] of methods) {
      const handler = handlers[name];
      if (!handler) throw new EngineError("INTERNAL", `no handler for ${service}.${name}`);
      definition[name] = { path: m.path, requestStream: m.requestStream, responseStream: m.responseStream, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity, originalName: name };
      impl[name] = this.wrap(m, handler);
    }
    this.server.addService(definition as never, impl);
  }

  private refused(why: string): { code: Status; details: string } {
    return { code: Status.UNAUTHENTICATED, details: `AUTH_FAILED: the secret was refused (${why})` };
  }

  private decode(m: MethodInfo, bytes: Buffer): unknown {
    try {
      return m.decodeRequest(bytes);
    } catch (e) {
      throw new EngineError("CORRUPT_DATA", `${m.service}.${m.name}: the request does not decode (${(e as Error).message})`);
    }
  }

  private wrap(m: MethodInfo, handler: Handler): handleUnaryCall<Buffer, Buffer> | handleServerStreamingCall<Buffer, Buffer> | handleBidiStreamingCall<Buffer, Buffer> {
    if (!m.requestStream && !m.responseStream) {
      return ((call, callback) => {
        const verdict = this.verifier.verify(call.metadata.get(AUTH_HEADER)[0], m.path, call.request);
        if (!verdict.ok) return callback(this.refused(verdict.reason));
        let req: unknown;
        try {
          req = this.decode(m, call.request);
        } catch (e) {
          return callback(statusOf(e));
        }
        Promise.resolve()
          .then(() => (handler as UnaryHandler)(req, { peer: call.getPeer() }))
          .then((res) => callback(null, m.encodeResponse(res)), (e: unknown) => callback(statusOf(e)));
      }) as handleUnaryCall<Buffer, Buffer>;
    }
    if (!m.requestStream && m.responseStream) {
      return ((call) => {
        const verdict = this.verifier.verify(call.metadata.get(AUTH_HEADER)[0], m.path, call.request);
        if (!verdict.ok) return call.emit("error", this.refused(verdict.reason));
        let req: unknown;
        try {
          req = this.decode(m, call.request);
        } catch (e) {
          return call.emit("error", statusOf(e));
        }
        const write = (msg: unknown): Promise<void> =>
          new Promise((resolve, reject) => {
            if (call.cancelled || call.destroyed) return reject(new EngineError("UNREACHABLE", "the caller went away"));
            if (call.write(m.encodeResponse(msg))) resolve();
            else call.once("drain", () => resolve());
          });
        (handler as ServerStreamHandler)(req, { peer: call.getPeer() }, write).then(
          () => call.end(),
          (e: unknown) => call.emit("error", statusOf(e)),
        );
      }) as handleServerStreamingCall<Buffer, Buffer>;
    }
    return ((call) => {
      const verdict = this.verifier.verify(call.metadata.get(AUTH_HEADER)[0], m.path, null);
      if (!verdict.ok) return call.emit("error", this.refused(verdict.reason));
      let onMessage: (msg: unknown) => void = () => undefined;
      let onClose: (e: EngineError | null) => void = () => undefined;
      let closed = false;
      const close = (e: EngineError | null): void => {
        if (closed) return;
        closed = true;
        onClose(e);
      };
      call.on("data", (bytes: Buffer) => {
        let msg: unknown;
        try {
          msg = this.decode(m, bytes);
        } catch (e) {
          call.emit("error", statusOf(e));
          close(e as EngineError);
          return;
        }
        onMessage(msg);
      });
      call.on("end", () => close(null));
      call.on("cancelled", () => close(new EngineError("UNREACHABLE", "the peer cancelled the stream")));
      call.on("error", (e: Error) => close(new EngineError("UNREACHABLE", `the stream failed: ${e.message}`)));
      call.on("close", () => close(null));
      const stream: BidiStream<unknown, unknown> = {
        peer: call.getPeer(),
        onMessage: (fn) => (onMessage = fn),
        onClose: (fn) => (onClose = fn),
        onDrain: (fn) => void call.on("drain", fn),
        send: (msg) => (closed ? false : call.write(m.encodeResponse(msg))),
        end: () => call.end(),
        fail: (e) => call.emit("error", statusOf(e)),
      };
      (handler as BidiHandler)(stream);
    }) as handleBidiStreamingCall<Buffer, Buffer>;
  }

  /** Binds host:port (0: any free port) and returns the port bound. */
  listen(host: string, port: number): Promise<number> {
    const address = host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
    return new Promise((resolve, reject) => {
      let credentials: ServerCredentials;
      try {
        credentials = this.options.credentials ?? serverCredentials();
      } catch (e) {
        reject(e);
        return;
      }
      this.server.bindAsync(address, credentials, (err, bound) => {
        if (err) reject(new EngineError("UNREACHABLE", `cannot listen on ${address}: ${err.message}`));
        else resolve((this.boundPort = bound));
      });
    });
  }

  get port(): number {
    return this.boundPort;
  }

  /**
   * Stops the server after `graceMs` (default: once pending writes had a turn of the event
   * loop), destroying every connection. No graceful close: it waits for the peer, and a peer
   * behind a cut link never answers, which would keep this process alive.
   */
  close(graceMs = 0): Promise<void> {
    return new Promise((resolve) => {
      setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, graceMs);
    });
  }
}
