/**
 * The Executor service (proto: Executor.FetchBlock): serves this executor's shuffle blocks to
 * peers in chunks of at most 1 MiB (server streaming), and the client side that fetches a block
 * from a peer, checks it arrived whole (sizes, then the block's own checksum) and hands it to the
 * executor. A missing, truncated or corrupt block is an error the executor turns into a fetch
 * failure for the scheduler. Only the executors of the same application (its key) may fetch.
 */
import type { BlockChunk__Output } from "../proto/generated/spate/BlockChunk.js";
import type { FetchBlockParams__Output } from "../proto/generated/spate/FetchBlockParams.js";
import { EngineError } from "../core/engine-error.js";
import type { Credential } from "../core/rpc/call-auth.js";
import { RpcClient } from "../core/rpc/rpc-client.js";
import type { Handler } from "../core/rpc/rpc-server.js";
import type { BlockLocation } from "../core/task/task-description.js";
import { unsealedStream } from "../core/wire/row-seal.js";
import type { BlockStore } from "./block-store.js";

export const CHUNK_BYTES = 1024 * 1024;

export function blockServiceHandlers(store: BlockStore): Record<string, Handler> {
  return {
    FetchBlock: async (req: FetchBlockParams__Output, _ctx: unknown, write: (msg: unknown) => Promise<void>) => {
      const block = store.shuffleBlock(req.shuffleId, req.mapIndex, req.reducePartition);
      if (!block) throw new EngineError("INVALID_ARGUMENT", `no block for shuffle ${req.shuffleId}, map ${req.mapIndex}, reduce ${req.reducePartition}`);
      if (block.length === 0) {
        await write({ totalSize: 0, offset: 0, data: Buffer.alloc(0) });
        return;
      }
      for (let at = 0; at < block.length; at += CHUNK_BYTES) {
        await write({ totalSize: block.length, offset: at, data: block.subarray(at, Math.min(block.length, at + CHUNK_BYTES)) });
      }
    },
  };
}

/** Fetches blocks from peers, one client per peer address. */
export class BlockFetcher {
  private readonly clients = new Map<string, RpcClient>();

  /** `credential`: the application's key, as this executor signs with it */
  constructor(private readonly credential: Credential) {}

  async fetch(location: BlockLocation, shuffleId: number, reducePartition: number): Promise<Uint8Array> {
    if (!location.address) throw new EngineError("UNREACHABLE", `no address for executor ${location.executorId}`);
    let client = this.clients.get(location.address);
    if (!client) {
      client = new RpcClient(location.address, "Executor", { credential: this.credential, peerName: `executor ${location.executorId} at ${location.address}` });
      this.clients.set(location.address, client);
    }
    let out: Buffer | null = null;
    let received = 0;
    for await (const chunk of client.serverStream<BlockChunk__Output>("FetchBlock", { shuffleId, mapIndex: location.mapIndex, reducePartition }, 120_000)) {
      if (out === null) {
        if (chunk.totalSize !== location.size) throw new EngineError("CORRUPT_DATA", `block of map ${location.mapIndex}: the peer has ${chunk.totalSize} bytes, the map status said ${location.size}`);
        out = Buffer.allocUnsafe(chunk.totalSize);
      }
      if (chunk.offset !== received || received + chunk.data.length > out.length) throw new EngineError("CORRUPT_DATA", `block of map ${location.mapIndex}: a chunk at ${chunk.offset} does not follow byte ${received}`);
      chunk.data.copy(out, received);
      received += chunk.data.length;
    }
    if (out === null || received !== out.length) throw new EngineError("CORRUPT_DATA", `block of map ${location.mapIndex} arrived truncated (${received} of ${out?.length ?? location.size} bytes)`);
    unsealedStream(out); // checks the block's checksum: a corrupt block is refused here
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
