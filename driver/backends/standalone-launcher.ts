/**
 * spate://host:port: the driver registers its application with the master (with the cluster's
 * secret and a one-time public key), which asks workers to start executors that connect back to
 * the driver, and answers with the application's key sealed to that public key; on stop the
 * application is unregistered (with its own key: nobody else can), which stops them and deletes
 * their files. While other applications hold the cores, registering waits in the master's queue
 * up to `queueWaitMs`. The driver listens on the address it reaches the master from (or
 * SPATE_DRIVER_HOST), so that workers on the same network can reach it.
 */
import { connect } from "node:net";
import type { RegisterApplicationResult__Output } from "../../proto/generated/spate/RegisterApplicationResult.js";
import { EngineError } from "../../core/engine-error.js";
import { RpcClient } from "../../core/rpc/rpc-client.js";
import { SealKeyPair } from "../../core/rpc/seal.js";
import type { ExecutorDeath } from "../../core/executor-exit.js";
import type { ExecutorLauncher, LaunchedApp } from "./executor-launcher.js";

export interface StandaloneOptions {
  host: string;
  port: number;
  secret: string;
  appName: string;
  maxCores: number;
  coresPerExecutor: number;
  executorMemoryBytes: number;
  /** how long to wait for the master */
  connectTimeoutMs: number;
  /** how long to wait in the master's queue while other applications hold the cores */
  queueWaitMs: number;
}

export class StandaloneLauncher implements ExecutorLauncher {
  private readonly master: RpcClient;
  private appId: string | undefined;
  private appKey: string | undefined;
  readonly releasable = true;

  constructor(private readonly o: StandaloneOptions) {
    this.master = new RpcClient(`${o.host.includes(":") ? `[${o.host}]` : o.host}:${o.port}`, "Master", { credential: { kind: "cluster", scope: "", key: o.secret }, peerName: `the master at spate://${o.host}:${o.port}` });
  }

  async driverHost(): Promise<string> {
    if (process.env.SPATE_DRIVER_HOST) return process.env.SPATE_DRIVER_HOST;
    // the local address this machine uses to reach the master
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.o.host, port: this.o.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new EngineError("UNREACHABLE", `the master at spate://${this.o.host}:${this.o.port} cannot be reached within ${Math.round(this.o.connectTimeoutMs / 1000)} s. Check that \`spate master\` runs there, the host and port, and the network.`));
      }, this.o.connectTimeoutMs);
      socket.once("connect", () => {
        clearTimeout(timer);
        const address = socket.localAddress ?? "127.0.0.1";
        socket.destroy();
        resolve(address.replace(/^::ffff:/, ""));
      });
      socket.once("error", (e) => {
        clearTimeout(timer);
        reject(new EngineError("UNREACHABLE", `the master at spate://${this.o.host}:${this.o.port} cannot be reached (${e.message}). Check that \`spate master\` runs there, the host and port, and the network.`));
      });
    });
  }

  async launch(driverUrl: string): Promise<LaunchedApp> {
    await this.master.waitReady(this.o.connectTimeoutMs);
    const keys = new SealKeyPair();
    const waiting = setTimeout(() => process.stderr.write(`spate: the cluster's cores are taken by other applications: waiting in the master's queue (up to ${Math.round(this.o.queueWaitMs / 1000)} s)\n`), 3000);
    let res: RegisterApplicationResult__Output;
    try {
      res = await this.master.unary<RegisterApplicationResult__Output>(
        "RegisterApplication",
        {
          appName: this.o.appName, driverUrl, maxCores: this.o.maxCores, coresPerExecutor: this.o.coresPerExecutor,
          executorMemoryBytes: this.o.executorMemoryBytes, driverPublicKey: keys.publicKey, waitMs: this.o.queueWaitMs,
        },
        this.o.connectTimeoutMs + this.o.queueWaitMs,
      );
    } finally {
      clearTimeout(waiting);
    }
    this.appId = res.appId;
    this.appKey = keys.open(res.sealedAppKey);
    return { appId: res.appId, appKey: this.appKey, executorIds: res.executors.map((e) => e.executorId) };
  }

  async release(): Promise<void> {
    const appId = this.appId;
    const key = this.appKey;
    this.appId = this.appKey = undefined;
    if (appId === undefined || key === undefined) return;
    try {
      await this.master.unary("UnregisterApplication", { appId }, 5000, { kind: "app", scope: appId, key });
    } catch {
      // the master is gone: executors exit by themselves when our streams close
    }
  }

  diagnostics(): string {
    return "";
  }

  /** Workers report their executors' ends to the driver themselves (ExecutorExited). */
  async exitOf(): Promise<ExecutorDeath | undefined> {
    return undefined;
  }

  async stop(): Promise<void> {
    await this.release();
    this.master.close();
  }
}
