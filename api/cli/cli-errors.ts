/**
 * How the command line reports an error: `Error: <message>` on stderr, whole (oclif would fold
 * it at 80 columns with `›`, cutting paths in two), with a hint of the nearest command when the
 * command is unknown, and the exit code the error carries. SPATE_DEBUG=1 adds the stack.
 */
import { Config } from "@oclif/core";
import levenshtein from "fast-levenshtein";

interface OclifError {
  message?: string;
  stack?: string;
  code?: string;
  oclif?: { exit?: number };
  skipOclifErrorHandling?: boolean;
}

/** The nearest of `candidates` to a mistyped `word`, if it is near enough to be a typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const id of candidates) {
    const distance = levenshtein.get(word, id);
    if (best === undefined || distance < best.distance) best = { id, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(word.length / 2)) ? best.id : undefined;
}

/** Prints an error the oclif way minus the folding; returns the exit code. */
export async function reportCliError(error: unknown, root: string): Promise<number> {
  const e = (error ?? {}) as OclifError;
  const code = e.oclif?.exit ?? 1;
  if (e.code === "EEXIT" || e.skipOclifErrorHandling) return code;
  // ANSI colour codes and oclif's own line prefixes out: the message as one piece of text.
  let message = String(e.message ?? error).replace(/\u001b\[[0-9;]*m/g, "");
  if (code === 127 && /is not a spate command|not found|for a list of available commands/.test(message)) {
    const typed = process.argv[2] ?? "";
    try {
      const config = await Config.load(root);
      const guess = nearest(typed, config.commandIDs);
      if (guess !== undefined) message = `${message.trim()}\nDid you mean: spate ${guess}?`;
    } catch {
      // no suggestion
    }
  }
  process.stderr.write(`Error: ${message.trim()}\n`);
  if (process.env.SPATE_DEBUG === "1" && e.stack) process.stderr.write(`${e.stack}\n`);
  return code;
}
