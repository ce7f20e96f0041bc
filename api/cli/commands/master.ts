/**
 * `spate master [--host H] [--port 7077] [--secret-file F]`: runs the standalone cluster manager
 * (deploy/master/master.ts) until SIGINT/SIGTERM. Writes a new random secret to the secret file
 * when it does not exist (mode 0600 in a 0700 directory) and prints the URL workers and drivers
 * use: "spate master listening on spate://host:port".
 */
import path from "node:path";
import { Command, Flags } from "@oclif/core";
import { useTls } from "../../../core/rpc/tls.js";
import { defaultSecretFile, ensureSecretFile } from "../../../core/rpc/secret.js";
import { DEFAULT_MASTER_PORT, MasterDaemon } from "../../../deploy/master/master.js";

export default class Master extends Command {
  static override summary = "Run the cluster manager of a standalone spate cluster.";
  static override description = [
    "Workers (`spate worker spate://HOST:PORT`) register with it; drivers (`spate submit --master spate://HOST:PORT`,",
    "`Context.create({ master })`) get executors on the workers through it. Every worker and driver must present the",
    "cluster's secret: the master writes a new random one to --secret-file (default ~/.spate/secret) when that file does",
    "not exist. With no --host it listens on every interface and names itself by this machine's host name.",
    "Runs until Ctrl-C / SIGTERM; executors of running applications survive a restart of the master.",
  ].join("\n");
  static override examples = [
    "<%= config.bin %> master",
    "<%= config.bin %> master --host node01 --port 7077 --secret-file /shared/spate/secret",
    "<%= config.bin %> master --port 0   # any free port; the URL is printed",
  ];
  static override flags = {
    host: Flags.string({ description: "host name or address workers and drivers reach the master by, and listen on (default: this machine's host name, listening on every interface)", helpValue: "HOST" }),
    port: Flags.integer({ description: "port to listen on (0: any free port)", default: DEFAULT_MASTER_PORT, min: 0, max: 65535 }),
    "secret-file": Flags.string({ description: "the cluster's secret (created with a new random secret when missing; default ~/.spate/secret)", helpValue: "FILE" }),
    "heartbeat-interval": Flags.integer({ description: "milliseconds between worker heartbeats", default: 2000, min: 10, helpGroup: "TIMING" }),
    "worker-timeout": Flags.integer({ description: "milliseconds of silence after which a worker is lost", default: 15_000, min: 100, helpGroup: "TIMING" }),
    "tls-cert": Flags.string({ description: "TLS certificate (PEM) for every connection; with --tls-key and --tls-ca", helpValue: "FILE", helpGroup: "TLS" }),
    "tls-key": Flags.string({ description: "the certificate's private key (PEM)", helpValue: "FILE", helpGroup: "TLS" }),
    "tls-ca": Flags.string({ description: "the cluster's CA certificate (PEM): peers must present certificates it signed", helpValue: "FILE", helpGroup: "TLS" }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Master);
    if (flags["tls-cert"] || flags["tls-key"] || flags["tls-ca"]) {
      if (!flags["tls-cert"] || !flags["tls-key"] || !flags["tls-ca"]) this.error("TLS needs --tls-cert, --tls-key and --tls-ca together", { exit: 2 });
      useTls({ cert: path.resolve(flags["tls-cert"]), key: path.resolve(flags["tls-key"]), ca: path.resolve(flags["tls-ca"]) });
    }
    const secretFile = flags["secret-file"] ?? defaultSecretFile();
    let secret: string;
    try {
      secret = ensureSecretFile(secretFile);
    } catch (e) {
      this.error((e as Error).message, { exit: 2 });
    }
    const master = new MasterDaemon({
      secret, port: flags.port, heartbeatIntervalMs: flags["heartbeat-interval"], workerTimeoutMs: flags["worker-timeout"],
      ...(flags.host !== undefined ? { host: flags.host } : {}),
    });
    try {
      await master.start();
    } catch (e) {
      this.error(`${(e as Error).message}${flags.port !== 0 ? ` (is another master running? --port 0 takes any free port)` : ""}`, { exit: 1 });
    }
    // listening for the signals before saying where we listen: whoever reads that line may stop us at once
    const signalled = new Promise<NodeJS.Signals>((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    });
    this.log(`spate master listening on ${master.url}`);
    this.log(`secret file: ${secretFile} (workers: spate worker ${master.url} --secret-file ${secretFile})`);
    const signal = await signalled;
    this.log(`spate master: ${signal}, stopping`);
    await master.stop();
  }
}
