/**
 * RpcServer: a gRPC server for one of spate's services. Every call but Hello is authenticated
 * when it starts, from its headers alone, before any of its messages is read (a grpc-js server
 * interceptor; call-auth.ts): a caller without a valid proof cannot make the server buffer what it
 * sends. The request is then checked against the proof (spate-body) and decoded; a message that
 * does not decode is INVALID_ARGUMENT. Messages over the service's size limit are refused by
 * grpc-js from their length prefix; concurrent streams per connection are capped (HTTP/2 flow
 * control keeps what an unread stream may send to its window). Handlers get decoded messages, the verified caller (its key's kind and scope), and
 * return plain objects. Each server has a boot id (its audience), which Hello tells anyone.
 */
import { randomBytes } from "node:crypto";

import { Metadata, type handleBidiStreamingCall, type handleServerStreamingCall, type handleUnaryCall, Server, type ServerCredentials, ServerInterceptingCall, type ServerInterceptor, status as Status, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { EngineError } from "../engine-error.js";
import { AUTH_HEADER, BODY_HEADER, CallVerifier, type KeyKind, type KeyPolicy, type Principal, PRINCIPAL_HEADER, principalOf } from "./call-auth.js";
import { type MethodInfo, type ServiceName, serviceMethods } from "./proto-schema.js";
import { statusOf } from "./rpc-errors.js";
import { serverCredentials } from "./tls.js";

/** The largest message the services that carry data take (task results, broadcast values; blocks travel in 1 MiB chunks). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** The control services (master, worker, block requests) take small messages only. */
export const CONTROL_MESSAGE_BYTES = 1024 * 1024;

export interface CallContext {
  peer: string;
  principal: Principal;
}

/** A bidirectional stream as a handler sees it: decoded messages in, plain objects out. */
export interface BidiStream<In, Out> {
  readonly peer: string;
  readonly principal: Principal;
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
  /** which key each method takes from whom (call-auth.ts) */
  policy: KeyPolicy;
  /** default CONTROL_MESSAGE_BYTES */
  maxMessageBytes?: number;
  /** concurrent calls per connection (default 64) */
  maxConcurrentStreams?: number;
  credentials?: ServerCredentials;
}

const HELLO = "Hello";

export class RpcServer {
  private readonly server: Server;
  private readonly verifier: CallVerifier;
  /** This start of the server: proofs name it, so none made for an earlier start (or another server) passes. */
  readonly bootId = randomBytes(12).toString("hex");
  private boundPort = 0;

  constructor(private readonly options: RpcServerOptions) {
    const max = options.maxMessageBytes ?? CONTROL_MESSAGE_BYTES;
    this.verifier = new CallVerifier(this.bootId, options.policy);
    this.server = new Server({
      "grpc.max_receive_message_length": max,
      "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
      "grpc.max_concurrent_streams": options.maxConcurrentStreams ?? 64,
      // pings find peers behind a cut link (no FIN, no RST) and drop their connections
      "grpc.keepalive_time_ms": 5_000,
      "grpc.keepalive_timeout_ms": 5_000,
      "grpc.keepalive_permit_without_calls": 1,
      "grpc.http2.min_ping_interval_without_data_ms": 5_000,
      interceptors: [this.authenticate],
    });
  }

  /** Checks a call's proof from its headers, before anything it sends is read; refuses it otherwise. */
  private readonly authenticate: ServerInterceptor = (descriptor, call) =>
    new ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata: Metadata, mdNext: (m: Metadata) => void) => {
            metadata.remove(PRINCIPAL_HEADER);
            if (descriptor.path.endsWith(`/${HELLO}`)) return mdNext(metadata);
            const verdict = this.verifier.verifyHeader(metadata.get(AUTH_HEADER)[0], descriptor.path);
            if (!verdict.ok) {
              const stale = verdict.staleAudience ? " [stale audience]" : "";
              call.sendStatus({ code: Status.UNAUTHENTICATED, details: `AUTH_FAILED: the call was refused (${verdict.reason})${stale}`, metadata: new Metadata() });
              return;
            }
            const p = verdict.principal;
            metadata.set(PRINCIPAL_HEADER, `${p.kind} ${p.scope} ${p.nonce}`);
            mdNext(metadata);
          },
        }),
    });

  /** The principal the interceptor verified, and the key it was verified with. */
  private principal(m: MethodInfo, metadata: Metadata): { principal: Principal; key: string } | undefined {
    if (m.name === HELLO) return { principal: principalOf("cluster", ""), key: "" };
    const raw = metadata.get(PRINCIPAL_HEADER)[0];
    if (typeof raw !== "string") return undefined;
    const [kind, scope, nonce] = raw.split(" ") as [KeyKind, string, string];
    const principal = principalOf(kind, scope ?? "", nonce ?? "");
    const key = this.options.policy(m.path, principal);
    return key === undefined ? undefined : { principal, key };
  }

  /** The verified principal of a call whose request message is `bytes`, or the refusal. */
  private checkRequest(m: MethodInfo, metadata: Metadata, bytes: Buffer): Principal | { code: Status; details: string } {
    const who = this.principal(m, metadata);
    if (who === undefined) return this.refused("no verified caller");
    if (m.name !== HELLO && !this.verifier.verifyBody(metadata.get(BODY_HEADER)[0], who.key, who.principal.nonce, bytes)) {
      return this.refused("the request does not match its proof");
    }
    return who.principal;
  }

  addService(service: ServiceName, handlers: Record<string, Handler>): void {
    const methods = serviceMethods(service);
    const definition: Record<string, unknown> = {};
    const impl: UntypedServiceImplementation = {};
    const all: Record<string, Handler> = { [HELLO]: () => ({ bootId: this.bootId }), ...handlers };
    for (const [name, m] of methods) {
      const handler = all[name];
      if (!handler) throw new EngineError("INTERNAL", `no handler for ${service}.${name}`);
      definition[name] = { path: m.path, requestStream: m.requestStream, responseStream: m.responseStream, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity, originalName: name };
      impl[name] = this.wrap(m, handler);
    }
    this.server.addService(definition as never, impl);
  }

  private refused(why: string): { code: Status; details: string } {
    return { code: Status.UNAUTHENTICATED, details: `AUTH_FAILED: the call was refused (${why})` };
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
        const principal = this.checkRequest(m, call.metadata, call.request);
        if ("code" in principal) return callback(principal);
        let req: unknown;
        try {
          req = this.decode(m, call.request);
        } catch (e) {
          return callback(statusOf(e));
        }
        Promise.resolve()
          .then(() => (handler as UnaryHandler)(req, { peer: call.getPeer(), principal }))
          .then((res) => callback(null, m.encodeResponse(res)), (e: unknown) => callback(statusOf(e)));
      }) as handleUnaryCall<Buffer, Buffer>;
    }
    if (!m.requestStream && m.responseStream) {
      return ((call) => {
        const principal = this.checkRequest(m, call.metadata, call.request);
        if ("code" in principal) return call.emit("error", principal);
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
        (handler as ServerStreamHandler)(req, { peer: call.getPeer(), principal }, write).then(
          () => call.end(),
          (e: unknown) => call.emit("error", statusOf(e)),
        );
      }) as handleServerStreamingCall<Buffer, Buffer>;
    }
    return ((call) => {
      const who = this.principal(m, call.metadata);
      if (who === undefined) return call.emit("error", this.refused("no verified caller"));
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
        principal: who.principal,
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
