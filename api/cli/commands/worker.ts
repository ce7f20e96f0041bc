/**
 * `spate worker spate://host:port [--cores N] [--memory SIZE] [--work-dir D] [--secret-file F]
 * [--host H]`: runs one node's worker (deploy/worker/worker.ts) until SIGINT/SIGTERM, which kill
 * its executors. Exits non-zero when the master refuses this worker's secret (AUTH_FAILED), or
 * when the arguments or the secret file are wrong.
 */
import { Args, Command, Flags } from "@oclif/core";
import { useTls } from "../../../core/rpc/tls.js";
import { availableParallelism } from "node:os";
import path from "node:path";
import { homedir } from "node:os";
import { EngineError } from "../../../core/engine-error.js";
import { defaultSecretFile, readSecretFile } from "../../../core/rpc/secret.js";
import { parseMaster } from "../../../driver/master-url.js";
import { parseByteSize } from "../../../deploy/worker/byte-size.js";
import { WorkerDaemon } from "../../../deploy/worker/worker.js";

export default class Worker extends Command {
  static override summary = "Run a worker of a standalone spate cluster: it starts executors for the master's applications.";
  static override description = [
    "Registers with the master at MASTER (spate://host:port) and keeps registered: a worker started before its master,",
    "or one whose master restarts, registers (again) as soon as the master is up. For each application the master",
    "places here it starts an executor process (its log: <work-dir>/<app id>/<executor id>/executor.log), and stops it",
    "when the application ends. It needs the master's secret (--secret-file, default ~/.spate/secret); a master that",
    "refuses it makes the worker exit non-zero. Ctrl-C / SIGTERM stop the worker and its executors.",
  ].join("\n");
  static override examples = [
    "<%= config.bin %> worker spate://node01:7077",
    "<%= config.bin %> worker spate://node01:7077 --cores 16 --memory 64g --work-dir /scratch/$USER/spate --secret-file /shared/spate/secret",
  ];
  static override args = {
    master: Args.string({ description: "the master's URL, spate://host:port", required: true }),
  };
  static override flags = {
    cores: Flags.integer({ description: "cores to offer to executors (default: every core of this machine)", min: 1, helpValue: "N" }),
    memory: Flags.string({ description: "memory to offer to executors, like 512m or 4g (default: this machine's memory minus 1 GiB, at least 512m)", helpValue: "SIZE" }),
    "work-dir": Flags.string({ description: "directory for executors' files and logs (default ~/.spate/work)", helpValue: "DIR" }),
    "secret-file": Flags.string({ description: "the cluster's secret file, as the master wrote it (default ~/.spate/secret)", helpValue: "FILE" }),
    host: Flags.string({ description: "host name or address the master and drivers reach this worker and its executors by (default: this machine's host name)", helpValue: "HOST" }),
    "tls-cert": Flags.string({ description: "TLS certificate (PEM) for every connection; with --tls-key and --tls-ca", helpValue: "FILE", helpGroup: "TLS" }),
    "tls-key": Flags.string({ description: "the certificate's private key (PEM)", helpValue: "FILE", helpGroup: "TLS" }),
    "tls-ca": Flags.string({ description: "the cluster's CA certificate (PEM): peers must present certificates it signed", helpValue: "FILE", helpGroup: "TLS" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Worker);
    if (flags["tls-cert"] || flags["tls-key"] || flags["tls-ca"]) {
      if (!flags["tls-cert"] || !flags["tls-key"] || !flags["tls-ca"]) this.error("TLS needs --tls-cert, --tls-key and --tls-ca together", { exit: 2 });
      useTls({ cert: path.resolve(flags["tls-cert"]), key: path.resolve(flags["tls-key"]), ca: path.resolve(flags["tls-ca"]) });
    }
    let master: { host: string; port: number };
    let memoryBytes: number | undefined;
    let secret: string;
    const secretFile = path.resolve(flags["secret-file"] ?? defaultSecretFile());
    try {
      const parsed = parseMaster(args.master);
      if (parsed.kind !== "standalone") throw new EngineError("INVALID_ARGUMENT", `a worker needs a standalone master URL like spate://node01:7077, not '${args.master}'`);
      master = { host: parsed.host, port: parsed.port };
      memoryBytes = flags.memory === undefined ? undefined : parseByteSize(flags.memory);
      secret = readSecretFile(secretFile);
    } catch (e) {
      this.error((e as Error).message, { exit: 2 });
    }
    const worker = new WorkerDaemon({
      master, secret, secretFile,
      cores: flags.cores ?? availableParallelism(),
      workDir: flags["work-dir"] ?? path.join(homedir(), ".spate", "work"),
      ...(memoryBytes !== undefined ? { memoryBytes } : {}),
      ...(flags.host !== undefined ? { host: flags.host } : {}),
    });
    const lastResort = (): void => worker.killExecutorsNow();
    process.once("exit", lastResort);
    const onSignal = (signal: NodeJS.Signals): void => {
      process.stderr.write(`spate worker: ${signal}, stopping executors\n`);
      void worker.stop();
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      await worker.start();
      await worker.wait();
    } catch (e) {
      // the worker has logged a refused secret already; anything else is said here
      if (e instanceof EngineError && e.code === "AUTH_FAILED") this.exit(3);
      this.error(`spate worker: ${(e as Error).message}`, { exit: 1 });
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  }
}
