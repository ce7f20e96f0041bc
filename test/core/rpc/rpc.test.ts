/** The RPC layer on real sockets (127.0.0.1:0): authentication before decoding, limits, streams. */
import test from "ava";
import { ChannelCredentials, Client, Metadata } from "@grpc/grpc-js";
import { EngineError } from "../../../core/engine-error.js";
import { AUTH_HEADER, CallVerifier, signCall } from "../../../core/rpc/call-auth.js";
import { serviceMethods } from "../../../core/rpc/proto-schema.js";
import { RpcClient } from "../../../core/rpc/rpc-client.js";
import { type BidiStream, RpcServer } from "../../../core/rpc/rpc-server.js";

const SECRET = "s".repeat(32);
let server: RpcServer;
let address: string;
let decodedRequests = 0;
const blocks = new Map<number, Buffer>([[1, Buffer.alloc(3_000_000, 7)]]);

test.before(async () => {
  server = new RpcServer({ secret: SECRET, maxMessageBytes: 4 * 1024 * 1024 });
  server.addService("Driver", {
    ExecutorExited: () => ({}),
    FetchBroadcast: (req: { broadcastId: number }) => {
      decodedRequests++;
      if (req.broadcastId === 99) throw new EngineError("INVALID_ARGUMENT", "broadcast 99 was destroyed");
      return { value: Buffer.from(`value-${req.broadcastId}`) };
    },
    Connect: (stream: BidiStream<{ heartbeat?: { sentAtMs: number } }, unknown>) => {
      stream.onMessage((msg) => {
        if (msg.heartbeat) stream.send({ registered: { appId: `pong-${msg.heartbeat.sentAtMs}`, heartbeatIntervalMs: 1 } });
      });
    },
  });
  server.addService("Executor", {
    FetchBlock: async (req: { shuffleId: number }, _ctx, write) => {
      const block = blocks.get(req.shuffleId)!;
      for (let at = 0; at < block.length; at += 1 << 20) await write({ totalSize: block.length, offset: at, data: block.subarray(at, at + (1 << 20)) });
    },
  });
  address = `127.0.0.1:${await server.listen("127.0.0.1", 0)}`;
});

test.after.always(() => server.close(100));

test.serial("a unary call with the secret is decoded and answered", async (t) => {
  const client = new RpcClient(address, "Driver", { secret: SECRET });
  const res = await client.unary<{ value: Buffer }>("FetchBroadcast", { broadcastId: 5 });
  t.is(res.value.toString(), "value-5");
  const err = (await t.throwsAsync(client.unary("FetchBroadcast", { broadcastId: 99 }))) as EngineError;
  t.is(err.code, "INVALID_ARGUMENT");
  t.regex(err.message, /destroyed/);
  client.close();
});

test.serial("a wrong secret is refused before the request is decoded", async (t) => {
  const before = decodedRequests;
  const client = new RpcClient(address, "Driver", { secret: "w".repeat(32) });
  const err = (await t.throwsAsync(client.unary("FetchBroadcast", { broadcastId: 5 }))) as EngineError;
  t.is(err.code, "AUTH_FAILED");
  t.is(decodedRequests, before);
  client.close();
});

test.serial("a call without a proof, a replayed proof and a proof for another payload are refused", async (t) => {
  const m = serviceMethods("Driver").get("FetchBroadcast")!;
  const raw = new Client(address, ChannelCredentials.createInsecure());
  const call = (payload: Buffer, header?: string) =>
    new Promise<{ code: number | undefined; details?: string }>((resolve) => {
      const md = new Metadata();
      if (header) md.set(AUTH_HEADER, header);
      raw.makeUnaryRequest(m.path, (b: Buffer) => b, (b: Buffer) => b, payload, md, (err) => resolve({ code: err?.code, details: err?.details }));
    });
  const payload = m.encodeRequest({ broadcastId: 1 });
  t.is((await call(payload)).code, 16);
  const proof = signCall(SECRET, m.path, payload);
  t.is((await call(payload, proof)).code, undefined);
  const replay = await call(payload, proof);
  t.is(replay.code, 16);
  t.regex(replay.details ?? "", /replayed/);
  const other = await call(m.encodeRequest({ broadcastId: 2 }), signCall(SECRET, m.path, payload));
  t.is(other.code, 16);
  const otherMethod = await call(payload, signCall(SECRET, "/spate.Master/ClusterState", payload));
  t.is(otherMethod.code, 16);
  const stale = await call(payload, signCall(SECRET, m.path, payload, Date.now() - 60 * 60 * 1000));
  t.regex(stale.details ?? "", /time window/);
  raw.close();
});

test.serial("a request that does not decode is CORRUPT_DATA, not a crash", async (t) => {
  const m = serviceMethods("Driver").get("FetchBroadcast")!;
  const raw = new Client(address, ChannelCredentials.createInsecure());
  const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);
  const md = new Metadata();
  md.set(AUTH_HEADER, signCall(SECRET, m.path, garbage));
  const err = await new Promise<{ code?: number; details?: string } | null>((resolve) => raw.makeUnaryRequest(m.path, (b: Buffer) => b, (b: Buffer) => b, garbage, md, (e) => resolve(e)));
  t.is(err?.code, 3);
  t.regex(err?.details ?? "", /CORRUPT_DATA/);
  raw.close();
  const client = new RpcClient(address, "Driver", { secret: SECRET });
  t.is((await client.unary<{ value: Buffer }>("FetchBroadcast", { broadcastId: 6 })).value.toString(), "value-6");
  client.close();
});

test.serial("a message over the size limit is refused, not decoded", async (t) => {
  const before = decodedRequests;
  const m = serviceMethods("Driver").get("FetchBroadcast")!;
  const raw = new Client(address, ChannelCredentials.createInsecure(), { "grpc.max_send_message_length": 64 * 1024 * 1024 });
  const big = Buffer.alloc(5 * 1024 * 1024, 1);
  const md = new Metadata();
  md.set(AUTH_HEADER, signCall(SECRET, m.path, big));
  const err = await new Promise<{ code?: number } | null>((resolve) => raw.makeUnaryRequest(m.path, (b: Buffer) => b, (b: Buffer) => b, big, md, (e) => resolve(e)));
  t.is(err?.code, 8); // RESOURCE_EXHAUSTED
  t.is(decodedRequests, before);
  raw.close();
});

test.serial("server streaming delivers a block in chunks; bidi streams carry messages both ways", async (t) => {
  const client = new RpcClient(address, "Executor", { secret: SECRET });
  const chunks: Buffer[] = [];
  for await (const c of client.serverStream<{ totalSize: number; data: Buffer }>("FetchBlock", { shuffleId: 1 })) chunks.push(c.data);
  t.is(chunks.length, 3);
  t.true(Buffer.concat(chunks).equals(blocks.get(1)!));
  client.close();
  const driver = new RpcClient(address, "Driver", { secret: SECRET });
  const stream = driver.bidi<unknown, { registered?: { appId: string } }>("Connect");
  const reply = new Promise<string>((resolve) => stream.onMessage((m) => resolve(m.registered!.appId)));
  stream.send({ heartbeat: { sentAtMs: 42, memoryUsedBytes: 0 } });
  t.is(await reply, "pong-42");
  stream.end();
  driver.close();
});

test.serial("a bidi stream with a wrong secret is closed with AUTH_FAILED", async (t) => {
  const driver = new RpcClient(address, "Driver", { secret: "x".repeat(32) });
  const stream = driver.bidi("Connect");
  const closed = new Promise<EngineError | null>((resolve) => stream.onClose(resolve));
  stream.send({ heartbeat: { sentAtMs: 1, memoryUsedBytes: 0 } });
  t.is((await closed)?.code, "AUTH_FAILED");
  driver.close();
});

test.serial("an unreachable peer is UNREACHABLE within the deadline", async (t) => {
  const client = new RpcClient("127.0.0.1:1", "Master", { secret: SECRET });
  const err = (await t.throwsAsync(client.waitReady(1000))) as EngineError;
  t.is(err.code, "UNREACHABLE");
  t.regex(err.message, /127\.0\.0\.1:1/);
  client.close();
});

test.serial("the verifier compares in constant time and accepts each proof once", (t) => {
  const v = new CallVerifier(SECRET);
  const proof = signCall(SECRET, "/m", null);
  t.true(v.verify(proof, "/m", null).ok);
  t.false(v.verify(proof, "/m", null).ok);
  t.false(v.verify("v1.1.2.3", "/m", null).ok);
  t.false(v.verify(undefined, "/m", null).ok);
  t.false(v.verify(signCall("z".repeat(32), "/m", null), "/m", null).ok);
});
