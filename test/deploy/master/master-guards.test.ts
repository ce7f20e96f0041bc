/**
 * What the master and workers refuse, probed as a caller on 127.0.0.1 would (real gRPC, in-process
 * daemons, fake executors): registrations out of bounds, an impostor at a live worker's address,
 * a secret holder or another application acting on an application that is not theirs, proofs
 * replayed to another worker or after a restart; and the queue applications wait in for cores,
 * first come first served.
 */
import test from "ava";
import type { EngineError } from "../../../core/engine-error.js";
import { AUTH_HEADER, BODY_HEADER, type Credential, signCall } from "../../../core/rpc/call-auth.js";
import { serviceMethods } from "../../../core/rpc/proto-schema.js";
import { RpcClient } from "../../../core/rpc/rpc-client.js";
import { SealKeyPair } from "../../../core/rpc/seal.js";
import { rawCall } from "../../helpers/raw-grpc.js";
import { alive, Cluster, records, SECRET, waitFor } from "../deploy-harness.js";

test("registrations out of bounds are refused with INVALID_ARGUMENT naming the field; the master records nothing", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  const client = c.client(m.port);
  const good = { workerId: "worker-probe", host: "127.0.0.1", port: 5000, cores: 2, memoryBytes: 2 ** 30, publicKey: new SealKeyPair().publicKey };
  const bad: Array<[Record<string, unknown>, RegExp]> = [
    [{ cores: 1e9 }, /cores must be an integer from 1 to 16384, got 1000000000/],
    [{ cores: -1 }, /cores must be an integer from 1 to 16384/],
    [{ cores: 0 }, /cores must be an integer from 1 to 16384, got 0/],
    [{ memoryBytes: -1 }, /memoryBytes must be an integer from \d+ to \d+/],
    [{ port: 70000 }, /port must be an integer from 1 to 65535/],
    [{ port: 0 }, /port must be an integer from 1 to 65535, got 0/],
    [{ host: "not a host !!" }, /host must be a host name or an IP address, got "not a host !!"/],
    [{ host: "" }, /host must be a host name/],
    [{ workerId: "../../etc" }, /workerId must be 1 to 128 letters/],
    [{ publicKey: new Uint8Array(3) }, /publicKey must be an X25519 public key of 32 bytes, got 3 bytes/],
  ];
  for (const [change, message] of bad) {
    const err = (await t.throwsAsync(client.unary("RegisterWorker", { ...good, ...change }, 5000))) as EngineError;
    t.is(err.code, "INVALID_ARGUMENT", JSON.stringify(change));
    t.regex(err.message, /^master at 127\.0\.0\.1:\d+: RegisterWorker: /);
    t.regex(err.message, message);
  }
  const apps: Array<[Record<string, unknown>, RegExp]> = [
    [{ driverUrl: "not a url" }, /driverUrl must be host:port/],
    [{ driverUrl: "127.0.0.1:70000" }, /driverUrl must be host:port/],
    [{ maxCores: -1 }, /maxCores must be an integer from 0/],
    [{ executorMemoryBytes: 2 ** 60 }, /executorMemoryBytes must be an integer from 0 to \d+, got 1152921504606847000/],
    [{ appName: "a\nb" }, /appName must be at most 256 printable characters/],
  ];
  for (const [change, message] of apps) {
    const err = (await t.throwsAsync(c.registerApp(m.port, change))) as EngineError;
    t.is(err.code, "INVALID_ARGUMENT", JSON.stringify(change));
    t.regex(err.message, message);
  }
  const s = await c.state(m.port);
  t.deepEqual([s.workers, s.appIds], [[], []], "nothing was recorded");
});

test("a second registration at a live worker's address is refused; the live worker keeps its place and its executors", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  const w = await c.worker(m.port, { cores: 2 });
  await c.aliveWorkers(m.port, 1);
  const app = await c.registerApp(m.port);
  const rec = await waitFor("the fake executor", () => records(c.recordDir).get(`${app.appId}__exec-0`));
  const impostor = { workerId: "worker-impostor", host: "127.0.0.1", port: w.port, cores: 64, memoryBytes: 2 ** 36, publicKey: new SealKeyPair().publicKey };
  const err = (await t.throwsAsync(c.client(m.port).unary("RegisterWorker", impostor, 5000))) as EngineError;
  t.is(err.code, "INVALID_ARGUMENT");
  t.regex(err.message, new RegExp(`${w.workerId}`));
  const again = (await t.throwsAsync(c.client(m.port).unary("RegisterWorker", { ...impostor, workerId: w.workerId, port: w.port + 1 }, 5000))) as EngineError;
  t.is(again.code, "INVALID_ARGUMENT", "nor can a live worker's id be taken over from another address");
  const s = await c.state(m.port);
  t.deepEqual(s.workers.map((x) => [x.workerId, x.port, x.alive, x.coresUsed]), [[w.workerId, w.port, true, 2]]);
  t.true(alive(rec.pid));
});

test("a secret holder, or another application, cannot unregister or kill an application; its own driver can", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  const w = await c.worker(m.port, { cores: 2 });
  await c.aliveWorkers(m.port, 1);
  const [keysA, keysB] = [new SealKeyPair(), new SealKeyPair()];
  const a = await c.registerApp(m.port, { appName: "a", maxCores: 1 }, keysA);
  const b = await c.registerApp(m.port, { appName: "b", maxCores: 1 }, keysB);
  const keyA = keysA.open(a.sealedAppKey);
  const keyB = keysB.open(b.sealedAppKey);
  const recA = await waitFor("a's executor", () => records(c.recordDir).get(`${a.appId}__exec-0`));

  const master = c.client(m.port);
  const worker = new RpcClient(`127.0.0.1:${w.port}`, "Worker", { credential: { kind: "cluster", scope: "", key: SECRET } });
  t.teardown(() => worker.close());
  const attempts: Array<[string, () => Promise<unknown>, RegExp]> = [
    ["the secret, at the master", () => master.unary("UnregisterApplication", { appId: a.appId }, 5000), /no cluster key here/],
    ["b's key for a, at the master", () => master.unary("UnregisterApplication", { appId: a.appId }, 5000, { kind: "app", scope: b.appId, key: keyB }), /key of 'app-\S+' cannot act on application/],
    ["b's key claiming a's scope", () => master.unary("UnregisterApplication", { appId: a.appId }, 5000, { kind: "app", scope: a.appId, key: keyB }), /wrong app key/],
    ["a's executor's scope", () => master.unary("UnregisterApplication", { appId: a.appId }, 5000, { kind: "app", scope: `${a.appId}/exec-0`, key: keyA }), /no app key here/],
    ["the secret, at the worker", () => worker.unary("KillApplication", { appId: a.appId }, 5000), /no cluster key here/],
    ["b's key for a, at the worker", () => worker.unary("KillApplication", { appId: a.appId }, 5000, { kind: "app", scope: b.appId, key: keyB }), /cannot kill application/],
    ["b's key claiming a's scope, at the worker", () => worker.unary("KillApplication", { appId: a.appId }, 5000, { kind: "app", scope: a.appId, key: keyB }), /wrong app key/],
  ];
  for (const [what, call, message] of attempts) {
    const err = (await t.throwsAsync(call(), undefined, what)) as EngineError;
    t.is(err.code, "AUTH_FAILED", what);
    t.regex(err.message, message, what);
  }
  t.true(alive(recA.pid), "a's executor still runs");
  t.deepEqual((await c.state(m.port)).appIds, [a.appId, b.appId].sort());

  await c.unregisterApp(m.port, a, keysA);
  await waitFor("a's executor to end", () => !alive(recA.pid));
  t.deepEqual((await c.state(m.port)).appIds, [b.appId]);
});

test("applications that find the cores taken wait in line, first come first served, until cores free or their wait runs out", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  await c.worker(m.port, { cores: 2 });
  await c.aliveWorkers(m.port, 1);
  const keys = { a: new SealKeyPair(), b: new SealKeyPair(), c: new SealKeyPair() };
  const a = await c.registerApp(m.port, { appName: "a" }, keys.a);
  t.is(a.executors[0]!.cores, 2);

  const order: string[] = [];
  const b = c.registerApp(m.port, { appName: "b", waitMs: 20_000 }, keys.b).then((r) => (order.push("b"), r));
  await waitFor("b to wait in the queue", () => c.logs.some((l) => /application 'b' .* waits in the queue for cores/.test(l)));
  const cc = c.registerApp(m.port, { appName: "c", waitMs: 20_000 }, keys.c).then((r) => (order.push("c"), r));
  const impatient = (await t.throwsAsync(c.registerApp(m.port, { appName: "d", waitMs: 300 }))) as EngineError;
  t.is(impatient.code, "INVALID_ARGUMENT");
  t.regex(impatient.message, /application 'd' .* waited for free cores and gave up: 2 applications waited before it/);
  t.deepEqual(order, [], "b and c still wait");

  await c.unregisterApp(m.port, a, keys.a);
  const placedB = await b;
  t.is(placedB.executors[0]!.cores, 2);
  t.deepEqual(order, ["b"], "b came first");
  await c.unregisterApp(m.port, placedB, keys.b);
  const placedC = await cc;
  t.deepEqual(order, ["b", "c"]);
  t.deepEqual((await c.state(m.port)).appIds, [placedC.appId]);
});

test("a proof made for one worker is refused by another, a second time by the same, and by a master after its restart", async (t) => {
  const c = new Cluster(t);
  const m = await c.master();
  const w1 = await c.worker(m.port, { cores: 1 });
  const w2 = await c.worker(m.port, { cores: 1 });
  await c.aliveWorkers(m.port, 2);
  const keys = new SealKeyPair();
  const app = await c.registerApp(m.port, {}, keys);
  const key = keys.open(app.sealedAppKey);
  const kill = serviceMethods("Worker").get("KillApplication")!;
  const body = kill.encodeRequest({ appId: app.appId });
  const headers = (audience: string, method = kill.path, payload = body, cred: Credential = { kind: "app", scope: app.appId, key }): Record<string, string> => {
    const signed = signCall(cred, method, audience, payload);
    return { [AUTH_HEADER]: signed.auth, [BODY_HEADER]: signed.body! };
  };
  const bootOf = async (port: number, service: "Worker" | "Master"): Promise<string> => {
    const hello = new RpcClient(`127.0.0.1:${port}`, service, { credential: { kind: "cluster", scope: "", key: SECRET } });
    try {
      return (await hello.unary<{ bootId: string }>("Hello", {}, 5000)).bootId;
    } finally {
      hello.close();
    }
  };
  const forW1 = headers(await bootOf(w1.port, "Worker"));
  const toW2 = await rawCall(`127.0.0.1:${w2.port}`, kill.path, body, forW1);
  t.is(toW2.code, 16, "UNAUTHENTICATED at the other worker");
  t.regex(toW2.details ?? "", /for another server/);
  t.is((await rawCall(`127.0.0.1:${w1.port}`, kill.path, body, forW1)).code, undefined, "the worker it was made for takes it");
  t.is((await rawCall(`127.0.0.1:${w1.port}`, kill.path, body, forW1)).code, 16, "and only once");

  const state = serviceMethods("Master").get("ClusterState")!;
  const empty = state.encodeRequest({});
  const forM1 = headers(await bootOf(m.port, "Master"), state.path, empty, { kind: "cluster", scope: "", key: SECRET });
  t.is((await rawCall(`127.0.0.1:${m.port}`, state.path, empty, forM1)).code, undefined);
  const replay = await rawCall(`127.0.0.1:${m.port}`, state.path, empty, forM1);
  t.is(replay.code, 16);
  t.regex(replay.details ?? "", /replayed proof/);
  const port = m.port;
  await m.stop();
  await c.master({ port });
  const afterRestart = await rawCall(`127.0.0.1:${port}`, state.path, empty, forM1);
  t.is(afterRestart.code, 16);
  t.regex(afterRestart.details ?? "", /an earlier start of this one/);
});
