/**
 * The spate REPL's dot-commands: `.rdd <expression>` prints the lineage of an RDD
 * (RDD.toDebugString()).
 *
 * Owns: the command's parsing, evaluation and output. The REPL session (./session.ts) calls
 * `defineSpateCommands` once on its REPLServer; the expression goes through the server's own eval
 * (so `await`, the REPL's variables and Ctrl-C cancellation work as for a typed line), and the
 * lineage or the error is written to the REPL's output before the prompt comes back.
 */
import type { REPLServer } from "node:repl";
import { inspect } from "node:util";
import { RDD } from "../../index.js";

export const RDD_COMMAND_HELP = "Print the lineage of an RDD expression (toDebugString): .rdd <expression>, e.g. .rdd sc.parallelize([1, 2]).map((x) => [x, 1]).reduceByKey((a, b) => a + b)";

/** One line for an error thrown by a REPL expression: name, code when it has one, and message. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `${err.name}${typeof code === "string" ? ` [${code}]` : ""}: ${err.message}`;
  }
  return `Uncaught ${inspect(err)}`;
}

/** The text `.rdd` prints for an evaluated value: the lineage, or why there is none. */
export function lineageText(value: unknown): string {
  if (value instanceof RDD) return value.toDebugString();
  return `.rdd needs an expression that gives an RDD; it gave ${inspect(value, { depth: 1, breakLength: Infinity }).slice(0, 200)}`;
}

export function defineSpateCommands(server: REPLServer): void {
  server.defineCommand("rdd", {
    help: RDD_COMMAND_HELP,
    action(this: REPLServer, text: string) {
      this.clearBufferedCommand();
      const expr = text.trim();
      if (!expr) {
        this.output.write(`Usage: .rdd <expression>\n${RDD_COMMAND_HELP}\n`);
        this.displayPrompt();
        return;
      }
      this.eval(`${expr}\n`, this.context, "REPL", (err, value) => {
        if (err) {
          const recoverable = (err as { constructor?: { name?: string } }).constructor?.name === "Recoverable";
          this.output.write(recoverable ? `.rdd: the expression is incomplete (it must fit on one line): ${expr}\n` : `${describeError(err)}\n`);
        } else {
          this.output.write(`${lineageText(value)}\n`);
        }
        this.displayPrompt();
      });
    },
  });
}
