/**
 * ExecutorProcess: one application's executor on one node, as a process. Runs an Executor (slot
 * threads, block store spilling to its work directory), serves its blocks to peers (Executor
 * service), connects to its driver (DriverLink) and exits when the driver is gone, deleting its
 * work directory. Started by the driver for local-cluster[N] and by `spate worker` on a cluster
 * (see executor-main.ts for its command line).
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { blockMemoryBytes, EXECUTOR_LOG, slotHeapMb } from "../core/executor-exit.js";
import type { DriverMessage__Output } from "../proto/generated/spate/DriverMessage.js";
import type { Credential } from "../core/rpc/call-auth.js";
import { RpcClient } from "../core/rpc/rpc-client.js";
import { RpcServer } from "../core/rpc/rpc-server.js";
import { malformedTask, taskFromProto } from "../core/rpc/task-wire.js";
import { BlockFetcher, blockServiceHandlers } from "./block-service.js";
import { DriverLink } from "./driver-link.js";
import { Executor } from "./executor.js";

export interface ExecutorProcessOptions {
  driverUrl: string;
  appId: string;
  executorId: string;
  cores: number;
  memoryBytes: number;
  workDir: string;
  /** the address its block service binds to and advertises */
  host: string;
  /** its application's key (never the cluster's secret) */
  appKey: string;
  log(line: string): void;
}

export class ExecutorProcess {
  private executor: Executor | undefined;
  private server: RpcServer | undefined;
  private link: DriverLink | undefined;
  private fetcher: BlockFetcher | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly o: ExecutorProcessOptions) {}

  /** Starts; resolves once registered with the driver. `onExit` is called when it should exit. */
  async start(onExit: (code: number) => void): Promise<void> {
    const o = this.o;
    mkdirSync(o.workDir, { recursive: true });
    const credential: Credential = { kind: "app", scope: `${o.appId}/${o.executorId}`, key: o.appKey };
    this.fetcher = new BlockFetcher(credential);
    const broadcasts = new RpcClient(o.driverUrl, "Driver", { credential, peerName: `the driver at ${o.driverUrl}` });
    this.executor = new Executor({
      executorId: o.executorId,
      slots: o.cores,
      blocks: { memoryLimit: blockMemoryBytes(o.memoryBytes), spillDir: path.join(o.workDir, "blocks") },
      slotHeapMb: slotHeapMb(o.memoryBytes, o.cores),
      fetchBroadcast: async (id) => {
        const res = await broadcasts.unary<{ value: Buffer }>("FetchBroadcast", { broadcastId: id }, 60_000);
        return new Uint8Array(res.value.buffer, res.value.byteOffset, res.value.byteLength);
      },
      fetchRemoteBlock: (loc, shuffleId, reduce) => this.fetcher!.fetch(loc, shuffleId, reduce),
      onTaskEnded: (taskId, reason, runMs) => this.link?.taskEnded(taskId, reason, runMs),
    });
    // its blocks, for the executors of its own application only
    this.server = new RpcServer({ policy: (_method, who) => (who.kind === "app" && who.appId === o.appId ? o.appKey : undefined) });
    this.server.addService("Executor", blockServiceHandlers(this.executor.blocks));
    const port = await this.server.listen(o.host, 0);
    this.link = new DriverLink({
      driverUrl: o.driverUrl, credential, executorId: o.executorId, host: o.host, port, cores: o.cores,
      blockStats: () => this.executor!.blocks.stats(),
      onMessage: (msg) => this.onDriverMessage(msg, onExit),
      onLost: (error) => {
        o.log(`driver ${o.driverUrl} is gone${error ? ` (${error.message})` : ""}: exiting`);
        void this.stop().then(() => onExit(0));
      },
    });
    await Promise.all([this.executor.ready(), this.link.connect(30_000)]);
    o.log(`executor ${o.executorId} of ${o.appId} registered with ${o.driverUrl}; blocks served on ${o.host}:${port}`);
  }

  private onDriverMessage(msg: DriverMessage__Output, onExit: (code: number) => void): void {
    const ex = this.executor!;
    switch (msg.body) {
      case "launch":
        for (const t of msg.launch!.tasks) {
          try {
            ex.launch(taskFromProto(t));
          } catch (e) {
            this.link?.taskEnded(t.taskId, malformedTask(e), 0);
          }
        }
        return;
      case "kill":
        ex.kill(msg.kill!.taskId);
        return;
      case "removeShuffle":
        ex.removeShuffle(msg.removeShuffle!.shuffleId);
        return;
      case "removeRdd":
        ex.removeRdd(msg.removeRdd!.rddId);
        return;
      case "dropBroadcast":
        ex.dropBroadcast(msg.dropBroadcast!.broadcastId);
        return;
      case "shutdown":
        this.o.log(`shutdown: ${msg.shutdown!.reason}`);
        void this.stop().then(() => onExit(0));
        return;
      default:
        return;
    }
  }

  /**
   * Stops the slots and the server and deletes the work directory. Idempotent. With `keepLog`
   * (it could not start), the log its worker writes there stays for the worker to read and delete.
   */
  stop(options: { keepLog?: boolean } = {}): Promise<void> {
    this.stopping ??= (async () => {
      this.link?.close();
      this.fetcher?.close();
      await Promise.allSettled([this.executor?.stop(), this.server?.close()]);
      const dir = this.o.workDir;
      if (!options.keepLog) return rmSync(dir, { recursive: true, force: true });
      for (const entry of readdirSync(dir)) if (entry !== EXECUTOR_LOG) rmSync(path.join(dir, entry), { recursive: true, force: true });
    })();
    return this.stopping;
  }
}
