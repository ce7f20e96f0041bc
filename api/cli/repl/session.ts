/**
 * One spate REPL session: Node's REPL (node:repl) with `sc` (a ready Context), `Context`,
 * `EngineError` and `RDD` in scope, top-level await, RDD-aware tab completion, the `.rdd`
 * command, Ctrl-C that cancels running jobs, and the Context stopped when the REPL exits.
 *
 * Owns: the REPLServer and its lifetime. The `spate repl` command (api/cli/commands/repl.ts)
 * creates the Context and calls `startReplSession`; the returned `closed` promise resolves once
 * the REPL has exited (.exit, Ctrl-D, end of input, Ctrl-C twice) and `sc.stop()` has finished,
 * after which the command ends the process. Completion, commands and cancellation live in
 * ./completion.ts, ./commands.ts, ./cancellation.ts, ./eval-tracker.ts, ./settle-promises.ts and
 * ./piped-input.ts.
 */
import { homedir } from "node:os";
import path from "node:path";
import repl, { type REPLServer } from "node:repl";
import vm from "node:vm";
import { Context, EngineError, RDD } from "../../index.js";
import { installCancellation } from "./cancellation.js";
import { trackEvaluations } from "./eval-tracker.js";
import { settlePromises } from "./settle-promises.js";
import { serializePipedInput } from "./piped-input.js";
import { defineSpateCommands, describeError } from "./commands.js";
import { type Completer, withSpateCompletion } from "./completion.js";

export interface ReplSessionOptions {
  sc: Context;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** treat the streams as a terminal (line editing, raw-mode Ctrl-C); default: both are TTYs */
  terminal?: boolean;
  /** evaluate in the process's global scope, as Node's own REPL does (default true) */
  useGlobal?: boolean;
  /** history file for terminal sessions; "" keeps no history (default $SPATE_REPL_HISTORY, else ~/.spate_repl_history) */
  historyFile?: string;
  prompt?: string;
  /** print the greeting line (default true) */
  banner?: boolean;
}

export interface ReplSession {
  server: REPLServer;
  /** resolves when the REPL has exited and the Context has stopped */
  closed: Promise<void>;
}

export const PROMPT = "spate> ";

export function banner(sc: Context): string {
  return (
    `spate REPL: sc is a Context on ${sc.master} (${sc.defaultParallelism} task slots); Context, EngineError and RDD are in scope.\n` +
    "Actions return Promises; a line's Promise is awaited and its value printed (sc.range(0, 10).sum() prints 45).\n.rdd <expr> prints an RDD's lineage, .help lists commands, " +
    "Ctrl+C cancels a running job, Ctrl+D or .exit quits.\n"
  );
}

function defaultHistoryFile(): string {
  const env = process.env.SPATE_REPL_HISTORY;
  if (env !== undefined) return env;
  return path.join(homedir(), ".spate_repl_history");
}

export function startReplSession(options: ReplSessionOptions): ReplSession {
  const { sc } = options;
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const terminal = options.terminal ?? Boolean((input as { isTTY?: boolean }).isTTY && (output as { isTTY?: boolean }).isTTY);
  if (options.banner ?? true) output.write(banner(sc));

  const server = repl.start({
    prompt: options.prompt ?? PROMPT,
    input,
    output,
    terminal,
    useGlobal: options.useGlobal ?? true,
    breakEvalOnSigint: true,
    ignoreUndefined: false,
  });

  const scope: Record<string, unknown> = { sc, Context, EngineError, RDD };
  for (const [name, value] of Object.entries(scope)) {
    Object.defineProperty(server.context, name, { value, writable: true, configurable: true, enumerable: false });
  }

  const evaluate = (code: string): unknown =>
    server.useGlobal ? vm.runInThisContext(code) : vm.runInContext(code, server.context);
  const nodeCompleter = (server as unknown as { completer: Completer }).completer;
  (server as unknown as { completer: Completer }).completer = withSpateCompletion(nodeCompleter.bind(server), evaluate);

  /** the Context the session made, and another one the user put in `sc` (sc = await Context.create(...)) */
  const contexts = (): Context[] => {
    const current = (server.context as Record<string, unknown>).sc;
    return current instanceof Context && current !== sc ? [sc, current] : [sc];
  };

  defineSpateCommands(server);
  settlePromises(server);
  const tracker = trackEvaluations(server);
  const uninstallCancellation = installCancellation(server, () => contexts().forEach((ctx) => ctx.cancelAllJobs()), tracker);
  if (!terminal) serializePipedInput(server, tracker);

  // The REPL's domain reports rejections of promises made by typed code (an action typed without
  // await); one made elsewhere would end the process: it is reported instead.
  const onUnhandled = (reason: unknown): void => {
    output.write(`\nUnhandled rejection: ${describeError(reason)}\n`);
    server.displayPrompt(true);
  };
  process.on("unhandledRejection", onUnhandled);

  if (terminal) {
    const file = options.historyFile ?? defaultHistoryFile();
    if (file) server.setupHistory(file, () => {});
  }

  const closed = new Promise<void>((resolve) => {
    server.once("exit", () => {
      uninstallCancellation();
      tracker.uninstall();
      void Promise.all(
        contexts().map((ctx) =>
          ctx.stop().catch((err: unknown) => {
            output.write(`spate: stopping the Context failed: ${describeError(err)}\n`);
          }),
        ),
      ).finally(() => {
        process.off("unhandledRejection", onUnhandled);
        resolve();
      });
    });
  });
  return { server, closed };
}
