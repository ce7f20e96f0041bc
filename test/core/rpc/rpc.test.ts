/**
 * The RPC layer on real sockets (127.0.0.1:0): proofs checked from the headers before anything is
 * read, bound to the server's start (audience), the key's scope, the method and the payload;
 * replays refused on the same server, on another and after a restart; limits; streams.
 */
import test from "ava";
import { EngineError } from "../../../core/engine-error.js";
import { AUTH_HEADER, BODY_HEADER, CallVerifier, type Credential, type Principal, signCall } from "../../../core/rpc/call-auth.js";
import { serviceMethods } from "../../../core/rpc/proto-schema.js";
import { RpcClient } from "../../../core/rpc/rpc-client.js";
import { type BidiStream, type CallContext, RpcServer } from "../../../core/rpc/rpc-server.js";
import { rawCall } from "../../helpers/raw-grpc.js";

const APP_KEY = "a".repeat(64);
const OTHER_KEY = "b".repeat(64);
const app: Credential = { kind: "app", scope: "app-1/exec-0", key: APP_KEY };
let server: RpcServer;
let second: RpcServer;
let address: string;
let secondAddress: string;
let decodedRequests = 0;
const seen: Principal[] = [];
const blocks = new Map<number, Buffer>([[1, Buffer.alloc(3_000_000, 7)]]);

/** This test's policy: the application app-1's key, for every method. */
const policy = (_method: string, who: Principal): string | undefined => (who.kind === "app" && who.appId === "app-1" ? APP_KEY : undefined);

function driverServer(): RpcServer {
  const s = new RpcServer({ policy, maxMessageBytes: 4 * 1024 * 1024 });
  s.addService("Driver", {
    ExecutorExited: () => ({}),
    FetchBroadcast: (req: { broadcastId: number }, ctx: CallContext) => {
      decodedRequests++;
      seen.push(ctx.principal);
      if (req.broadcastId === 99) throw new EngineError("INVALID_ARGUMENT", "broadcast 99 was destroyed");
      return { value: Buffer.from(`value-${req.broadcastId}`) };
    },
    Connect: (stream: BidiStream<{ heartbeat?: { sentAtMs: number } }, unknown>) => {
      stream.onMessage((msg) => {
        if (msg.heartbeat) stream.send({ registered: { appId: `pong-${msg.heartbeat.sentAtMs}-${stream.principal.executorId}`, heartbeatIntervalMs: 1 } });
      });
    },
  });
  return s;
}

test.before(async () => {
  server = driverServer();
  server.addService("Executor", {
    FetchBlock: async (req: { shuffleId: number }, _ctx, write) => {
      const block = blocks.get(req.shuffleId)!;
      for (let at = 0; at < block.length; at += 1 << 20) await write({ totalSize: block.length, offset: at, data: block.subarray(at, at + (1 << 20)) });
    },
  });
  address = `127.0.0.1:${await server.listen("127.0.0.1", 0)}`;
  second = driverServer();
  secondAddress = `127.0.0.1:${await second.listen("127.0.0.1", 0)}`;
});

test.after.always(async () => {
  await server.close(100);
  await second.close(100);
});

async function bootIdOf(target: string): Promise<string> {
  const client = new RpcClient(target, "Driver", { credential: app });
  try {
    return (await client.unary<{ bootId: string }>("Hello", {})).bootId;
  } finally {
    client.close();
  }
}

test.serial("a call signed with the key the policy names is decoded and answered, with the caller's principal", async (t) => {
  const client = new RpcClient(address, "Driver", { credential: app });
  const res = await client.unary<{ value: Buffer }>("FetchBroadcast", { broadcastId: 5 });
  t.is(res.value.toString(), "value-5");
  t.like(seen.at(-1)!, { kind: "app", appId: "app-1", executorId: "exec-0" });
  const err = (await t.throwsAsync(client.unary("FetchBroadcast", { broadcastId: 99 }))) as EngineError;
  t.is(err.code, "INVALID_ARGUMENT");
  t.regex(err.message, /destroyed/);
  client.close();
});

test.serial("a wrong key, or another application's, is refused before the request is read", async (t) => {
  const before = decodedRequests;
  for (const credential of [{ ...app, key: OTHER_KEY }, { kind: "app", scope: "app-2", key: APP_KEY } as Credential, { kind: "cluster", scope: "", key: APP_KEY } as Credential]) {
    const client = new RpcClient(address, "Driver", { credential });
    const err = (await t.throwsAsync(client.unary("FetchBroadcast", { broadcastId: 5 }))) as EngineError;
    t.is(err.code, "AUTH_FAILED");
    client.close();
  }
  t.is(decodedRequests, before);
});

test.serial("no proof, a replay (here, to another server, or after a restart), another payload, method or time are refused", async (t) => {
  const m = serviceMethods("Driver").get("FetchBroadcast")!;
  const payload = m.encodeRequest({ broadcastId: 1 });
  const audience = await bootIdOf(address);
  const headers = (signed: { auth: string; body: string | null }): Record<string, string> => ({ [AUTH_HEADER]: signed.auth, [BODY_HEADER]: signed.body ?? "" });
  t.is((await rawCall(address, m.path, payload, {})).code, 16);
  const proof = headers(signCall(app, m.path, audience, payload));
  t.is((await rawCall(address, m.path, payload, proof)).code, undefined);
  const replay = await rawCall(address, m.path, payload, proof);
  t.is(replay.code, 16);
  t.regex(replay.details ?? "", /replayed/);
  const elsewhere = await rawCall(secondAddress, m.path, payload, headers(signCall(app, m.path, audience, payload)));
  t.is(elsewhere.code, 16, "a proof for one server is refused by another");
  t.regex(elsewhere.details ?? "", /another server/);
  const otherPayload = await rawCall(address, m.path, m.encodeRequest({ broadcastId: 2 }), headers(signCall(app, m.path, audience, payload)));
  t.is(otherPayload.code, 16);
  t.regex(otherPayload.details ?? "", /does not match its proof/);
  t.is((await rawCall(address, m.path, payload, headers(signCall(app, "/spate.Master/ClusterState", audience, payload)))).code, 16);
  const stale = await rawCall(address, m.path, payload, headers(signCall(app, m.path, audience, payload, Date.now() - 60 * 60 * 1000)));
  t.regex(stale.details ?? "", /time window/);
  // a restart: a new server on the same port does not take proofs made for the old one
  const port = Number(secondAddress.split(":")[1]);
  const before = headers(signCall(app, m.path, await bootIdOf(secondAddress), payload));
  await second.close(0);
  second = driverServer();
  await second.listen("127.0.0.1", port);
  const afterRestart = await rawCall(secondAddress, m.path, payload, before);
  t.is(afterRestart.code, 16);
  t.regex(afterRestart.details ?? "", /earlier start/);
  const client = new RpcClient(secondAddress, "Driver", { credential: app });
  t.is((await client.unary<{ value: Buffer }>("FetchBroadcast", { broadcastId: 8 })).value.toString(), "value-8", "a client asks the new boot id and signs again");
  client.close();
});

test.serial("a request that does not decode is CORRUPT_DATA, not a crash", async (t) => {
  const m = serviceMethods("Driver").get("FetchBroadcast")!;
  const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);
  const signed = signCall(app, m.path, await bootIdOf(address), garbage);
  const err = await rawCall(address, m.path, garbage, { [AUTH_HEADER]: signed.auth, [BODY_HEADER]: signed.body! });
  t.is(err.code, 3);
  t.regex(err.details ?? "", /CORRUPT_DATA/);
  const client = new RpcClient(address, "Driver", { credential: app });
  t.is((await client.unary<{ value: Buffer }>("FetchBroadcast", { broadcastId: 6 })).value.toString(), "value-6");
  client.close();
});

test.serial("a message over the size limit is refused, not decoded; without a proof it is not even read", async (t) => {
  const before = decodedRequests;
  const m = serviceMethods("Driver").get("FetchBroadcast")!;
  const big = Buffer.alloc(5 * 1024 * 1024, 1);
  const signed = signCall(app, m.path, await bootIdOf(address), big);
  t.is((await rawCall(address, m.path, big, { [AUTH_HEADER]: signed.auth, [BODY_HEADER]: signed.body! })).code, 8); // RESOURCE_EXHAUSTED
  const unsigned = await rawCall(address, m.path, Buffer.alloc(60 * 1024 * 1024, 2), {});
  t.is(unsigned.code, 16);
  t.regex(unsigned.details ?? "", /no spate-auth proof/);
  t.is(decodedRequests, before);
});

test.serial("server streaming delivers a block in chunks; bidi streams carry messages both ways", async (t) => {
  const client = new RpcClient(address, "Executor", { credential: app });
  const chunks: Buffer[] = [];
  for await (const c of client.serverStream<{ totalSize: number; data: Buffer }>("FetchBlock", { shuffleId: 1 })) chunks.push(c.data);
  t.is(chunks.length, 3);
  t.true(Buffer.concat(chunks).equals(blocks.get(1)!));
  client.close();
  const driver = new RpcClient(address, "Driver", { credential: app });
  const stream = await driver.bidi<unknown, { registered?: { appId: string } }>("Connect");
  const reply = new Promise<string>((resolve) => stream.onMessage((m) => resolve(m.registered!.appId)));
  stream.send({ heartbeat: { sentAtMs: 42, memoryUsedBytes: 0 } });
  t.is(await reply, "pong-42-exec-0");
  stream.end();
  driver.close();
});

test.serial("a bidi stream with a wrong key is closed with AUTH_FAILED", async (t) => {
  const driver = new RpcClient(address, "Driver", { credential: { ...app, key: OTHER_KEY } });
  const stream = await driver.bidi("Connect");
  const closed = new Promise<EngineError | null>((resolve) => stream.onClose(resolve));
  stream.send({ heartbeat: { sentAtMs: 1, memoryUsedBytes: 0 } });
  t.is((await closed)?.code, "AUTH_FAILED");
  driver.close();
});

test.serial("an unreachable peer is UNREACHABLE within the deadline", async (t) => {
  const client = new RpcClient("127.0.0.1:1", "Master", { credential: app });
  const err = (await t.throwsAsync(client.waitReady(1000))) as EngineError;
  t.is(err.code, "UNREACHABLE");
  t.regex(err.message, /127\.0\.0\.1:1/);
  client.close();
});

test.serial("the verifier: each proof once, for its audience, its key and its scope only", (t) => {
  const v = new CallVerifier("boot-a", policy);
  const proof = signCall(app, "/m", "boot-a", null).auth;
  t.true(v.verifyHeader(proof, "/m").ok);
  t.false(v.verifyHeader(proof, "/m").ok, "replayed");
  t.like(v.verifyHeader(signCall(app, "/m", "boot-b", null).auth, "/m"), { ok: false, staleAudience: true });
  t.false(v.verifyHeader("v2.a.x.boot-a.1.2.3", "/m").ok);
  t.false(v.verifyHeader(undefined, "/m").ok);
  t.false(v.verifyHeader(signCall({ ...app, key: OTHER_KEY }, "/m", "boot-a", null).auth, "/m").ok);
  t.false(v.verifyHeader(signCall({ ...app, scope: "app-2" }, "/m", "boot-a", null).auth, "/m").ok);
  // a scope with dots and slashes (worker ids are host names) survives the header
  const w = new CallVerifier("boot-a", (_m, who) => (who.kind === "worker" && who.workerId === "worker-1.node.example-7077" ? OTHER_KEY : undefined));
  t.true(w.verifyHeader(signCall({ kind: "worker", scope: "worker-1.node.example-7077", key: OTHER_KEY }, "/m", "boot-a", null).auth, "/m").ok);
});
