/**
 * A real `spate master` process flooded by callers without a proof: four concurrent 60 MiB calls,
 * twice over, and oversized calls with a valid proof. Each is refused, and the master's resident
 * memory (VmRSS, /proc) stays flat: it never buffers what an unauthenticated caller sends.
 */
import test from "ava";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AUTH_HEADER, BODY_HEADER, signCall } from "../../../core/rpc/call-auth.js";
import { serviceMethods } from "../../../core/rpc/proto-schema.js";
import { RpcClient } from "../../../core/rpc/rpc-client.js";
import { rawCall } from "../../helpers/raw-grpc.js";
import { spawnTracked } from "../../helpers/children.js";
import { CLI, SECRET, tempDir, waitFor } from "../deploy-harness.js";

const MIB = 1024 * 1024;

function residentBytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) * 1024;
}

test("callers without a proof cannot make the master hold what they send; oversized proven calls are refused too", async (t) => {
  const dir = tempDir(t);
  const secretFile = path.join(dir, "secret");
  writeFileSync(secretFile, `${SECRET}\n`, { mode: 0o600 });
  const child = spawnTracked(process.execPath, [CLI, "master", "--host", "127.0.0.1", "--port", "0", "--secret-file", secretFile], { stdio: ["ignore", "pipe", "pipe"] });
  t.teardown(() => void child.kill("SIGKILL"));
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const port = Number(await waitFor("the master's URL", () => /listening on spate:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1]));
  const target = `127.0.0.1:${port}`;
  const method = serviceMethods("Master").get("RegisterWorker")!;

  // warm up: a proper call, so the connection machinery is allocated before the baseline
  const client = new RpcClient(target, "Master", { credential: { kind: "cluster", scope: "", key: SECRET } });
  t.teardown(() => client.close());
  t.deepEqual((await client.unary<{ workers: unknown[] }>("ClusterState", {}, 10_000)).workers, []);
  const before = residentBytes(child.pid!);

  const payload = Buffer.alloc(60 * MIB, 7);
  for (let round = 0; round < 2; round++) {
    const outcomes = await Promise.all([0, 1, 2, 3].map(() => rawCall(target, method.path, payload)));
    for (const o of outcomes) {
      t.is(o.code, 16, "UNAUTHENTICATED");
      t.regex(o.details ?? "", /no spate-auth proof/);
    }
  }
  // a valid proof does not buy more than the control services' 1 MiB either
  const boot = (await client.unary<{ bootId: string }>("Hello", {}, 10_000)).bootId;
  const big = Buffer.alloc(8 * MIB, 1);
  const signed = signCall({ kind: "cluster", scope: "", key: SECRET }, method.path, boot, big);
  const oversized = await rawCall(target, method.path, big, { [AUTH_HEADER]: signed.auth, [BODY_HEADER]: signed.body! });
  t.is(oversized.code, 8, "RESOURCE_EXHAUSTED");

  const after = residentBytes(child.pid!);
  t.log(`master VmRSS ${(before / MIB).toFixed(1)} MiB before, ${(after / MIB).toFixed(1)} MiB after 8 x 60 MiB unauthenticated calls`);
  t.true(after - before < 24 * MIB, `the master grew by ${((after - before) / MIB).toFixed(1)} MiB`);
  t.deepEqual((await client.unary<{ workers: unknown[] }>("ClusterState", {}, 10_000)).workers, [], "and still answers");
});
