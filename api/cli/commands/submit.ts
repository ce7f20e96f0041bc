/**
 * `spate submit <script> [--master URL] [--no-progress] [-- script args]`: runs a user's script
 * (TypeScript or JavaScript) as the driver of one application.
 *
 * Owns: the child process that runs the script. oclif (api/cli/bin.ts) calls `run()`; it spawns
 * `node --import <tsx loader> --import <spate resolver> <script> <args...>` with stdio inherited,
 * SPATE_MASTER set from --master (else inherited) and SPATE_PROGRESS=1 (0 with --no-progress), so
 * the script's `Context.create()` picks them up; forwards SIGINT/SIGTERM/SIGHUP to the child and
 * exits with the child's exit code (128 + the signal number when a signal ended it).
 *
 * The tsx loader is resolved from this package, not from the current directory, so `spate submit`
 * works from anywhere. The second `--import` (a data: URL) registers a resolve hook that answers
 * `import ... from "spate"` with this package's API when normal resolution finds no `spate` (a
 * script outside this repository and without spate in its node_modules).
 */
import { Args, Command, Flags } from "@oclif/core";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** file: URL of tsx's ESM+CJS loader (the one `node --import tsx` loads), from this package's node_modules. */
export function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
}

/** file: URL of the public API (dist/api/index.js), which `import "spate"` must reach. */
export function spateApiUrl(): string {
  return new URL("../../index.js", import.meta.url).href;
}

/**
 * A data: URL module for `--import` that makes the bare name `spate` resolve to this package's API
 * when the normal resolution (node_modules, the package's self-reference) fails: a resolve hook for
 * `import` (module.register) and a fallback in Module._resolveFilename for `require` (a script
 * outside an ESM package is CommonJS to Node and tsx, and its imports become requires).
 */
export function spateResolverImport(apiUrl = spateApiUrl(), esmMain?: string): string {
  // The main script, when it needs ES module semantics (top-level await) where Node and tsx would
  // take it for CommonJS (a .ts file outside a "type": "module" package), is loaded as a module.
  const hook =
    `const API=${JSON.stringify(apiUrl)};const MAIN=${JSON.stringify(esmMain ?? null)};` +
    `export async function resolve(specifier,context,next){` +
    `let r;try{r=await next(specifier,context);}` +
    `catch(e){if(specifier==="spate")return{url:API,format:"module",shortCircuit:true};throw e;}` +
    `if(MAIN!==null&&r.url===MAIN&&r.format!=="module")return{...r,format:"module"};return r;}`;
  const hookUrl = `data:text/javascript,${encodeURIComponent(hook)}`;
  const register =
    `import Module,{register}from"node:module";` +
    `if(typeof register==="function")register(${JSON.stringify(hookUrl)});` +
    `const API_PATH=${JSON.stringify(fileURLToPath(apiUrl))};` +
    `const original=Module._resolveFilename;` +
    `Module._resolveFilename=function(request,...rest){` +
    `try{return original.call(this,request,...rest);}` +
    `catch(e){if(request==="spate")return API_PATH;throw e;}};`;
  return `data:text/javascript,${encodeURIComponent(register)}`;
}

/**
 * Whether a script Node would run as CommonJS needs to run as an ES module: it uses top-level
 * await, which CommonJS cannot have (esbuild, which tsx uses, says so when asked for CommonJS).
 */
export function needsModule(script: string): boolean {
  const ext = path.extname(script);
  if (![".ts", ".tsx", ".js", ".jsx"].includes(ext)) return false;
  let source: string;
  try {
    source = readFileSync(script, "utf8");
  } catch {
    return false;
  }
  if (!/\bawait\b/.test(source)) return false;
  const esbuild = createRequire(createRequire(import.meta.url).resolve("tsx"))("esbuild") as {
    transformSync(code: string, options: object): unknown;
  };
  try {
    esbuild.transformSync(source, { loader: ext.slice(1), format: "cjs", logLevel: "silent" });
    return false;
  } catch (e) {
    return /top-level await/i.test(String((e as Error).message));
  }
}

/** The node arguments that run `script` with TypeScript support and the `spate` resolver. */
export function childArgv(script: string, scriptArgs: readonly string[]): string[] {
  const esmMain = needsModule(script) ? pathToFileURL(script).href : undefined;
  return ["--import", tsxLoaderUrl(), "--import", spateResolverImport(spateApiUrl(), esmMain), script, ...scriptArgs];
}

const FORWARDED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export default class Submit extends Command {
  static override summary = "Run a TypeScript or JavaScript script as the driver of a spate application.";
  static override description = [
    "The script runs in a child Node.js process (TypeScript through tsx) with SPATE_MASTER set from --master, so `await Context.create()` in the script connects to that master unless the script names one itself. Scripts import the API as `import { Context } from \"spate\"`, from any directory.",
    "Arguments after `--` go to the script (process.argv.slice(2)); relative paths resolve from the current directory, relative requires in shipped functions from the script's directory.",
    "The console progress bar is drawn on stderr when it is a terminal (SPATE_PROGRESS=1), unless --no-progress. Ctrl-C and SIGTERM are passed on to the script; spate submit exits with the script's exit code (128 + N when signal N ended it).",
    "A .ts or .js file outside a package whose package.json says \"type\": \"module\" is CommonJS to Node: name it .mts or .mjs to use top-level await there.",
  ].join("\n\n");
  static override usage = ["<%= command.id %> SCRIPT [--master URL] [--secret-file FILE] [--no-progress] [-- SCRIPT_ARGS...]"];
  static override examples = [
    "<%= config.bin %> submit examples/word-count.ts --master 'local[4]' -- ./logs --top 10",
    "<%= config.bin %> submit job.js --master 'local-cluster[2]' --no-progress",
  ];
  static override strict = false;
  static override args = {
    script: Args.string({ description: "the driver script (.ts, .mts, .cts, .js, .mjs, .cjs)" }),
  };
  static override flags = {
    master: Flags.string({ description: "master URL: local[N], local-cluster[N], spate://host:port (default: $SPATE_MASTER, else local[*])", helpValue: "URL" }),
    progress: Flags.boolean({ description: "draw the console progress bar on stderr (when it is a terminal)", default: true, allowNo: true }),
    "secret-file": Flags.string({ description: "the cluster's secret file, for spate:// masters (default: $SPATE_SECRET_FILE, else ~/.spate/secret)", helpValue: "FILE" }),
  };

  async run(): Promise<void> {
    // Everything after the first `--` belongs to the script, verbatim (oclif would drop and reorder
    // later `--`s); what comes before it is parsed as usual, extra words there go to the script too.
    const dashes = this.argv.indexOf("--");
    const ours = dashes >= 0 ? this.argv.slice(0, dashes) : this.argv;
    const theirs = dashes >= 0 ? this.argv.slice(dashes + 1) : [];
    const { args, flags, argv } = await this.parse(Submit, ours);
    const script = args.script ?? theirs.shift();
    if (script === undefined) this.error("missing the script to run: spate submit <script.ts|script.js> [--master URL] [-- script args]", { exit: 2 });
    const scriptArgs = [...(argv as string[]).slice(args.script === undefined ? 0 : 1), ...theirs];
    const absolute = path.resolve(script);
    let isFile = false;
    try {
      isFile = statSync(absolute).isFile();
    } catch {
      this.error(`script not found: ${script} (no file at ${absolute})`, { exit: 2 });
    }
    if (!isFile) this.error(`script is not a file: ${script} (${absolute})`, { exit: 2 });

    const env: NodeJS.ProcessEnv = { ...process.env, SPATE_PROGRESS: flags.progress ? "1" : "0" };
    if (flags.master !== undefined) env.SPATE_MASTER = flags.master;
    if (flags["secret-file"] !== undefined) {
      const file = path.resolve(flags["secret-file"]);
      if (!existsSync(file)) this.error(`secret file not found: ${flags["secret-file"]} (no file at ${file}); copy the master's secret file (~/.spate/secret on the master's node) there`, { exit: 2 });
      env.SPATE_SECRET_FILE = file;
      delete env.SPATE_SECRET;
    }

    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, childArgv(absolute, scriptArgs), { stdio: "inherit", env });
      const forward = (signal: NodeJS.Signals): void => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      for (const s of FORWARDED) process.on(s, forward);
      const done = (c: number): void => {
        for (const s of FORWARDED) process.off(s, forward);
        resolve(c);
      };
      child.on("error", (err) => {
        process.stderr.write(`spate submit: could not start node for ${script}: ${err.message}\n`);
        done(1);
      });
      child.on("exit", (exitCode, signal) => {
        done(exitCode ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
      });
    });
    if (code !== 0) this.exit(code);
  }
}
