/**
 * TLS on every connection: a self-signed CA made here with openssl, a standalone cluster on
 * 127.0.0.1 (master, worker, real executors, driver) speaking TLS with certificates it signed;
 * a client without TLS, or with a certificate from another CA, gets nothing from it.
 */
import test from "ava";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ChannelCredentials } from "@grpc/grpc-js";
import { Context, EngineError } from "../../api/index.js";
import { RpcClient } from "../../core/rpc/rpc-client.js";
import { useTls } from "../../core/rpc/tls.js";
import { MasterDaemon } from "../../deploy/master/master.js";
import { WorkerDaemon } from "../../deploy/worker/worker.js";

const SECRET = "tls-e2e-secret-0123456789abcdef0123";
const dir = mkdtempSync(path.join(tmpdir(), "spate-tls-"));
let master: MasterDaemon;
let worker: WorkerDaemon;
let port = 0;

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"], timeout: 30_000 });
}

/** A CA, and a certificate it signs for 127.0.0.1 (server and client use). */
function makeCa(name: string): { ca: string; cert: string; key: string } {
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}-ca.key`, "-out", `${name}-ca.pem`, "-days", "2", "-subj", `/CN=${name} test CA`);
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", "/CN=localhost");
  writeFileSync(path.join(dir, `${name}.ext`), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
  openssl("x509", "-req", "-in", `${name}.csr`, "-CA", `${name}-ca.pem`, "-CAkey", `${name}-ca.key`, "-CAcreateserial", "-out", `${name}.pem`, "-days", "2", "-extfile", `${name}.ext`);
  return { ca: path.join(dir, `${name}-ca.pem`), cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`) };
}

let rogue: { ca: string; cert: string; key: string };

test.before(async () => {
  const cluster = makeCa("cluster");
  rogue = makeCa("rogue");
  useTls(cluster); // this process and the executor processes its worker starts
  master = new MasterDaemon({ secret: SECRET, host: "127.0.0.1", port: 0, heartbeatIntervalMs: 200, log: () => undefined });
  port = await master.start();
  worker = new WorkerDaemon({ master: { host: "127.0.0.1", port }, secret: SECRET, host: "127.0.0.1", cores: 2, memoryBytes: 2 * 1024 ** 3, workDir: path.join(dir, "work"), log: () => undefined });
  await worker.start();
  const deadline = Date.now() + 15_000;
  while (!master.clusterState().workers.some((w) => w.alive)) {
    if (Date.now() > deadline) throw new Error("the worker did not register over TLS");
    await new Promise((r) => setTimeout(r, 50));
  }
});

test.after.always(async () => {
  await worker?.stop();
  await master?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test.serial("a job runs with TLS on every connection (driver, master, worker, executors, block fetches)", async (t) => {
  const sc = await Context.create({ master: `spate://127.0.0.1:${port}`, secret: SECRET });
  try {
    const counts = await sc.parallelize(["a b", "b c", "a a"], 2).flatMap((l) => l.split(" ")).map((w) => [w, 1] as [string, number]).reduceByKey((a, b) => a + b).collectAsMap();
    t.deepEqual([...counts.entries()].sort(), [["a", 3], ["b", 2], ["c", 1]]);
  } finally {
    await sc.stop();
  }
});

test.serial("a client without TLS, or with a certificate from another CA, is refused", async (t) => {
  const plain = new RpcClient(`127.0.0.1:${port}`, "Master", { credential: { kind: "cluster", scope: "", key: SECRET }, credentials: ChannelCredentials.createInsecure() });
  t.is(((await t.throwsAsync(plain.unary("ClusterState", {}, 3000))) as EngineError).code, "UNREACHABLE");
  plain.close();
  const stranger = new RpcClient(`127.0.0.1:${port}`, "Master", {
    credential: { kind: "cluster", scope: "", key: SECRET },
    credentials: ChannelCredentials.createSsl(readFileSync(rogue.ca), readFileSync(rogue.key), readFileSync(rogue.cert)),
  });
  t.is(((await t.throwsAsync(stranger.unary("ClusterState", {}, 3000))) as EngineError).code, "UNREACHABLE");
  stranger.close();
});
