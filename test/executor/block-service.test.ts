/** Blocks between executors: served in chunks, and a truncated or corrupt block is refused on arrival. */
import test from "ava";
import { EngineError } from "../../core/engine-error.js";
import type { Credential } from "../../core/rpc/call-auth.js";
import { RpcServer } from "../../core/rpc/rpc-server.js";
import { encodeRows } from "../../core/wire/row-codec.js";
import { BlockFetcher, blockServiceHandlers } from "../../executor/block-service.js";
import { BlockStore } from "../../executor/block-store.js";

const APP_KEY = "c".repeat(64);
const mine: Credential = { kind: "app", scope: "app-1/exec-1", key: APP_KEY };
/** An executor of app-1 serves app-1's executors only. */
const policy = (_m: string, who: { kind: string; appId: string }): string | undefined => (who.kind === "app" && who.appId === "app-1" ? APP_KEY : undefined);
const rows = Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i * 0.5]);
const block = encodeRows(rows, "test");
let good: RpcServer;
let evil: RpcServer;
let goodAddress = "";
let evilAddress = "";
let mode: "truncate" | "flip" | "gap" = "truncate";

test.before(async () => {
  const store = new BlockStore();
  store.putShuffleOutput(3, 1, [null, block]);
  good = new RpcServer({ policy });
  good.addService("Executor", blockServiceHandlers(store));
  goodAddress = `127.0.0.1:${await good.listen("127.0.0.1", 0)}`;
  evil = new RpcServer({ policy });
  evil.addService("Executor", {
    FetchBlock: async (_req: unknown, _ctx: unknown, write: (m: unknown) => Promise<void>) => {
      const data = Buffer.from(block);
      if (mode === "flip") data[Math.floor(data.length / 2)]! ^= 0xff;
      if (mode === "gap") {
        await write({ totalSize: data.length, offset: 0, data: data.subarray(0, 1000) });
        await write({ totalSize: data.length, offset: 2000, data: data.subarray(2000) });
        return;
      }
      await write({ totalSize: data.length, offset: 0, data: mode === "truncate" ? data.subarray(0, data.length - 10) : data });
    },
  });
  evilAddress = `127.0.0.1:${await evil.listen("127.0.0.1", 0)}`;
});

test.after.always(async () => {
  await good.close(100);
  await evil.close(100);
});

const location = (address: string) => ({ mapIndex: 1, executorId: "e", address, size: block.length });

test.serial("a block larger than a chunk arrives whole", async (t) => {
  t.true(block.length > 1024 * 1024);
  const fetcher = new BlockFetcher(mine);
  const got = await fetcher.fetch(location(goodAddress), 3, 1);
  t.deepEqual(Buffer.from(got), Buffer.from(block));
  fetcher.close();
});

for (const m of ["truncate", "flip", "gap"] as const) {
  test.serial(`a ${m === "flip" ? "corrupt" : m === "gap" ? "gapped" : "truncated"} block is refused with CORRUPT_DATA`, async (t) => {
    mode = m;
    const fetcher = new BlockFetcher(mine);
    const err = (await t.throwsAsync(fetcher.fetch(location(evilAddress), 3, 1))) as EngineError;
    t.true(err instanceof EngineError);
    t.is(err.code, "CORRUPT_DATA");
    fetcher.close();
  });
}

test.serial("a missing block fails; another application's executor, or a wrong key, is refused", async (t) => {
  const fetcher = new BlockFetcher(mine);
  await t.throwsAsync(fetcher.fetch(location(goodAddress), 3, 0));
  fetcher.close();
  for (const credential of [{ kind: "app", scope: "app-2/exec-0", key: APP_KEY }, { ...mine, key: "d".repeat(64) }, { kind: "cluster", scope: "", key: APP_KEY }] as Credential[]) {
    const stranger = new BlockFetcher(credential);
    t.is(((await t.throwsAsync(stranger.fetch(location(goodAddress), 3, 1))) as EngineError).code, "AUTH_FAILED");
    stranger.close();
  }
});
