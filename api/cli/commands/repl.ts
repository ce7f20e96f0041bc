/**
 * `spate repl [--master URL] [--no-progress]`: an interactive Node.js REPL with `sc` ready.
 *
 * Owns: the command line of the REPL and the process's end. oclif (api/cli/bin.ts) calls `run()`;
 * it creates the Context (appName "spate-repl"; relative requires in functions typed at the
 * prompt resolve from where the REPL was started), hands it to the session
 * (api/cli/repl/session.ts), and once the session has exited and stopped the Context, exits the
 * process (after the history file is flushed), as Node's own REPL does.
 */
import { Command, Flags } from "@oclif/core";
import path from "node:path";
import { readSecretFile } from "../../../core/rpc/secret.js";
import { Context } from "../../index.js";
import { describeError } from "../repl/commands.js";
import { startReplSession } from "../repl/session.js";

export default class Repl extends Command {
  static override summary = "Start an interactive Node.js REPL with a spate Context `sc` ready.";
  static override description = [
    "A Node.js REPL (JavaScript) in which `sc` is a Context on --master (default: $SPATE_MASTER, else local[*]) and `Context`, `EngineError` and `RDD` are in scope. Top-level await works: `await sc.parallelize([1, 2, 3]).collect()` prints [ 1, 2, 3 ].",
    "Tab completes RDD and Context members, also after calls (`sc.parallelize([1]).` then Tab lists map, filter, reduceByKey...).",
    "Commands: `.rdd <expression>` prints the lineage of an RDD (its toDebugString()), e.g. `.rdd sc.parallelize([1, 2]).map((x) => [x, 1]).reduceByKey((a, b) => a + b)`; Node's commands (.help, .editor, .load, .save, .exit) work as usual.",
    "Ctrl+C while an expression runs cancels the running jobs (sc.cancelAllJobs()): the expression shows the JOB_CANCELLED error and the prompt comes back; a second Ctrl+C stops waiting for the expression. At the prompt, Ctrl+C clears the line, and twice on an empty line exits, as in Node. SIGINT sent to the process acts as Ctrl+C.",
    "Input from a pipe or a file (spate repl < session.js) runs one line at a time, each after the action before it, and the REPL exits after the last one.",
    "Exiting (.exit, Ctrl+D, end of input, Ctrl+C twice) stops the Context. Relative requires in shipped functions resolve from the current directory. History is kept in ~/.spate_repl_history ($SPATE_REPL_HISTORY names another file; empty keeps none). The progress bar is drawn on stderr when it is a terminal, unless --no-progress.",
  ].join("\n\n");
  static override examples = [
    "<%= config.bin %> repl",
    "<%= config.bin %> repl --master 'local[4]' --no-progress",
    "<%= config.bin %> repl --master 'local[2]' < session.js",
  ];
  static override usage = ["<%= command.id %> [--master URL] [--secret-file FILE] [--no-progress]"];
  static override flags = {
    master: Flags.string({ description: "master URL: local[N], local-cluster[N], spate://host:port (default: $SPATE_MASTER, else local[*])", helpValue: "URL" }),
    progress: Flags.boolean({ description: "draw the console progress bar on stderr (when it is a terminal)", default: true, allowNo: true }),
    "secret-file": Flags.string({ description: "the cluster's secret file, for spate:// masters (default: $SPATE_SECRET_FILE, else ~/.spate/secret)", helpValue: "FILE" }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Repl);
    let sc: Context;
    try {
      const secret = flags["secret-file"] === undefined ? undefined : readSecretFile(path.resolve(flags["secret-file"]));
      sc = await Context.create({ master: flags.master, appName: "spate-repl", progress: flags.progress, ...(secret === undefined ? {} : { secret }) });
    } catch (err) {
      this.error(`could not create the Context: ${describeError(err)}`, { exit: 1 });
    }
    const session = startReplSession({ sc });
    await session.closed;
    const server = session.server as unknown as { _flushing?: boolean; once(event: string, f: () => void): void };
    if (server._flushing) await new Promise<void>((resolve) => server.once("flushHistory", resolve));
    process.exit(process.exitCode ?? 0);
  }
}
