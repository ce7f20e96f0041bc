#!/usr/bin/env node
/**
 * The `spate` command line (oclif): one class per command under api/cli/commands.
 */
import { execute } from "@oclif/core";

await execute({ dir: import.meta.url });
