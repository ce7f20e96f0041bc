#!/usr/bin/env node
/**
 * The `spate` command line (oclif): one class per command under api/cli/commands, the root help
 * with examples (api/cli/help.ts), and "did you mean" for a mistyped command (oclif's
 * plugin-not-found prompts in a terminal; elsewhere the error names the nearest command).
 * Errors are printed whole, never folded in the middle of a path or a word.
 */
import { flush, run, settings } from "@oclif/core";
import { reportCliError } from "./cli-errors.js";

// Always the built JavaScript: oclif would look for TypeScript sources when NODE_ENV is test or development.
settings.enableAutoTranspile = false;
try {
  await run(process.argv.slice(2), import.meta.url);
  await flush();
} catch (error) {
  process.exitCode = await reportCliError(error, import.meta.url);
}
