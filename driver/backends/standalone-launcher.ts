/**
 * spate://host:port: the driver registers its application with the master, which asks workers
 * to start executors that connect back to the driver; on stop the application is unregistered,
 * which stops them and deletes their files. The driver listens on the address it reaches the
 * master from (or SPATE_DRIVER_HOST), so that workers on the same network can reach it.
 */
import { connect } from "node:net";
import type { RegisterApplicationResult__Output } from "../../proto/generated/spate/RegisterApplicationResult.js";
import { EngineError } from "../../core/engine-error.js";
import { RpcClient } from "../../core/rpc/rpc-client.js";
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
}

export class StandaloneLauncher implements ExecutorLauncher {
  private readonly master: RpcClient;
  private appId: string | undefined;

  constructor(private readonly o: StandaloneOptions) {
    this.master = new RpcClient(`${o.host.includes(":") ? `[${o.host}]` : o.host}:${o.port}`, "Master", { secret: o.secret, peerName: `the master at spate://${o.host}:${o.port}` });
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
    const res = await this.master.unary<RegisterApplicationResult__Output>(
      "RegisterApplication",
      { appName: this.o.appName, driverUrl, maxCores: this.o.maxCores, coresPerExecutor: this.o.coresPerExecutor, executorMemoryBytes: this.o.executorMemoryBytes },
      this.o.connectTimeoutMs,
    );
    this.appId = res.appId;
    return { appId: res.appId, expected: res.executors.length };
  }

  diagnostics(): string {
    return "";
  }

  /** Workers report their executors' ends to the driver themselves (ExecutorExited). */
  async exitOf(): Promise<ExecutorDeath | undefined> {
    return undefined;
  }

  async stop(): Promise<void> {
    if (this.appId) {
      try {
        await this.master.unary("UnregisterApplication", { appId: this.appId }, 5000);
      } catch {
        // the master is gone: executors exit by themselves when our streams close
      }
    }
    this.master.close();
  }
}
