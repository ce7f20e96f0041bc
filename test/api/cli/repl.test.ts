/**
 * `spate repl` (api/cli/commands/repl.ts, api/cli/repl/*) driven as a child process with no
 * terminal: lines through a stdin pipe, Ctrl-C as a SIGINT to the process; and, where util-linux's
 * `script` can make a pseudo-terminal, Tab and Ctrl-C as keys. Every wait has a timeout and every
 * child is killed when the tests end.
 */
import test from "ava";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { killAllChildren, spawnTracked } from "../../helpers/children.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const bin = path.join(root, "dist/api/cli/bin.js");
const PROMPT = "spate> ";
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
const dirs: string[] = [];
test.after.always(() => {
  killAllChildren();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "spate-repl-"));
  dirs.push(dir);
  return dir;
}

function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SPATE_REPL_HISTORY: "", NODE_NO_WARNINGS: "1", ...extra };
  delete env.SPATE_MASTER;
  delete env.SPATE_PROGRESS;
  return env;
}

/** A `spate repl` child: its output so far, waits on it, and its exit. */
class Repl {
  readonly child: ChildProcess;
  out = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters = new Set<() => void>();

  constructor(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawnTracked(command, args, { cwd: options.cwd ?? root, env: childEnv(options.env), stdio: ["pipe", "pipe", "pipe"] });
    const onData = (d: Buffer): void => {
      this.out += d.toString();
      for (const w of this.waiters) w();
    };
    this.child.stdout!.on("data", onData);
    this.child.stderr!.on("data", onData);
    this.exited = new Promise((resolve) => {
      this.child.on("close", (code, signal) => {
        for (const w of this.waiters) w();
        resolve({ code, signal });
      });
    });
    const killer = setTimeout(() => this.child.kill("SIGKILL"), 110_000);
    killer.unref();
  }

  static start(args: string[] = [], options: { cwd?: string } = {}): Repl {
    return new Repl(process.execPath, [bin, "repl", "--master", "local[2]", "--no-progress", ...args], options);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the output after `from`, colours stripped, once it matches `pattern`; rejects on timeout or exit. */
  waitFor(pattern: RegExp, from = 0, timeoutMs = 40_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const text = stripAnsi(this.out.slice(from));
        if (pattern.test(text)) {
          done();
          resolve(text);
        } else if (!this.running) {
          done();
          reject(new Error(`the REPL exited before ${pattern} appeared; output:\n${this.out}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${pattern}; output:\n${this.out}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  write(text: string): void {
    this.child.stdin!.write(text);
  }

  /** Sends one line and returns what the REPL printed for it, up to the next prompt. */
  async eval(line: string, timeoutMs?: number): Promise<string> {
    const from = this.out.length;
    this.write(`${line}\n`);
    const text = await this.waitFor(/spate> $/, from, timeoutMs);
    return text.slice(0, -PROMPT.length).trim();
  }

  /** Resolves with the exit, or rejects if the process is still there after `ms`. */
  async exitWithin(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const t0 = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`still running ${ms} ms later; output:\n${this.out}`)), ms);
    });
    try {
      const r = await Promise.race([this.exited, timeout]);
      return { ...r, ms: Date.now() - t0 };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Makes the REPL's Context report that it stopped, so a test can see that exiting stopped it. */
const REPORT_STOP = 'const stop0 = sc.stop.bind(sc); sc.stop = async () => { await stop0(); console.log("CONTEXT STOPPED"); }';

/** A job whose one task writes `marker` when it starts and then waits a minute. */
function slowJob(marker: string): string {
  return `await sc.parallelize([1], 1).map(async (x) => { require("node:fs").writeFileSync(${JSON.stringify(marker)}, "started"); await new Promise((r) => setTimeout(r, 60000)); return x; }).collect()`;
}

async function waitForFile(file: string, timeoutMs = 40_000): Promise<void> {
  const t0 = Date.now();
  while (!existsSync(file)) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${file} did not appear`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("actions evaluate with top-level await; sc, Context and EngineError are in scope", async (t) => {
  const repl = Repl.start();
  const banner = await repl.waitFor(/spate> $/);
  t.regex(banner, /sc is a Context on local\[2\]/);
  t.is(await repl.eval("await sc.parallelize([1,2,3]).collect()"), "[ 1, 2, 3 ]");
  t.is(await repl.eval("[typeof Context, typeof EngineError, sc.appName, sc.master, sc instanceof Context]"), "[ 'function', 'function', 'spate-repl', 'local[2]', true ]");
  t.is(await repl.eval("const pairs = sc.parallelize(['a', 'b', 'a'], 2).map((w) => [w, 1]).reduceByKey((a, b) => a + b)"), "undefined");
  t.is(await repl.eval("await pairs.sortByKey().collect()"), "[ [ 'a', 2 ], [ 'b', 1 ] ]");
  t.regex(await repl.eval("await sc.parallelize([1]).map((x) => x * k).collect()"), /UNBOUND_IDENTIFIER|'k'/);
  t.is(await repl.eval("await sc.range(0, 10).sum()"), "45");
  repl.child.stdin!.end();
  t.is((await repl.exitWithin(20_000)).code, 0);
});

test(".rdd prints the lineage of an RDD expression; .help lists it", async (t) => {
  const repl = Repl.start();
  await repl.waitFor(/spate> $/);
  const lineage = await repl.eval(".rdd sc.parallelize([1, 2]).map((x) => [x, 1]).reduceByKey((a, b) => a + b)");
  t.regex(lineage, /ShuffledRDD\[\d+\] at reduceByKey/);
  t.regex(lineage, /MapPartitionsRDD\[\d+\] at map/);
  t.regex(lineage, /ParallelCollectionRDD\[\d+\] at parallelize/);
  await repl.eval("const base = sc.range(0, 4, 1, 2).setName('numbers')");
  t.regex(await repl.eval(".rdd base.filter((x) => x > 1)"), /RangeRDD|numbers/);
  t.regex(await repl.eval(".rdd await Promise.resolve(base)"), /numbers|RangeRDD/);
  t.regex(await repl.eval(".rdd 42"), /\.rdd needs an expression that gives an RDD; it gave 42/);
  t.regex(await repl.eval(".rdd"), /Usage: \.rdd <expression>/);
  t.regex(await repl.eval(".rdd notDefinedAnywhere"), /notDefinedAnywhere is not defined/);
  t.regex(await repl.eval(".help"), /\.rdd\s+Print the lineage of an RDD expression/);
  t.is(await repl.eval("1 + 1"), "2");
  repl.write(".exit\n");
  t.is((await repl.exitWithin(20_000)).code, 0);
});

test("relative requires in shipped functions resolve from the REPL's current directory", async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, "times-ten.cjs"), "module.exports = (x) => x * 10;\n");
  const repl = Repl.start([], { cwd: dir });
  await repl.waitFor(/spate> $/);
  t.is(await repl.eval('await sc.parallelize([1, 2], 2).map((x) => require("./times-ten.cjs")(x)).collect()'), "[ 10, 20 ]");
  repl.child.stdin!.end();
  t.is((await repl.exitWithin(20_000)).code, 0);
});

test("values typed at earlier prompts are captured; a line's Promise prints its value; a cancelled sum() says sum", async (t) => {
  const dir = tempDir();
  const marker = path.join(dir, "started");
  const repl = Repl.start();
  await repl.waitFor(/spate> $/);
  await repl.eval("const k = 10");
  await repl.eval('const fs = require("node:fs")');
  await repl.eval("class Point { constructor(x) { this.x = x } twice() { return this.x * 2 } }");
  t.is(await repl.eval("await sc.range(0, 5).map((x) => x * k).collect()"), "[ 0, 10, 20, 30, 40 ]");
  t.is(await repl.eval('sc.range(0, 3).map((x) => fs.existsSync("/") ? new Point(x).twice() : -1).collect()'), "[ 0, 2, 4 ]");
  t.is(await repl.eval("sc.range(0, 5).sum()"), "10");
  t.regex(await repl.eval("sc.range(0, 2).map((x) => x * notDefinedAnywhere).collect()"), /'notDefinedAnywhere', which is not defined where the function was written[\s\S]*UNBOUND_IDENTIFIER/);
  const from = repl.out.length;
  repl.write(`sc.parallelize([1], 1).map(async (x) => { require("node:fs").writeFileSync(${JSON.stringify(marker)}, "started"); await new Promise((r) => setTimeout(r, 60000)); return x; }).sum()\n`);
  await waitForFile(marker);
  repl.child.kill("SIGINT");
  t.regex(await repl.waitFor(/JOB_CANCELLED[\s\S]*spate> $/, from), /sum at REPL\d+:\d+: the job was cancelled/);
  repl.child.stdin!.end();
  t.is((await repl.exitWithin(20_000)).code, 0);
});

test("SIGINT while a job runs cancels the job, the REPL stays usable, and .exit stops the Context promptly", async (t) => {
  const dir = tempDir();
  const marker = path.join(dir, "started");
  const repl = Repl.start();
  await repl.waitFor(/spate> $/);
  await repl.eval(REPORT_STOP);
  const from = repl.out.length;
  repl.write(`${slowJob(marker)}\n`);
  await waitForFile(marker);
  repl.child.kill("SIGINT");
  const cancelled = await repl.waitFor(/JOB_CANCELLED[\s\S]*spate> $/, from);
  t.regex(cancelled, /cancelling the running job/);
  t.regex(cancelled, /collect at REPL\d+:\d+: the job was cancelled/, "the message names the action the user called and where");
  t.is(await repl.eval("await sc.parallelize([4, 5]).map((x) => x * 2).collect()"), "[ 8, 10 ]");
  repl.write(".exit\n");
  const exit = await repl.exitWithin(15_000);
  t.is(exit.code, 0);
  t.regex(repl.out, /CONTEXT STOPPED/);
});

test("a second SIGINT stops waiting for an expression that awaits something other than a job", async (t) => {
  const dir = tempDir();
  const marker = path.join(dir, "waiting");
  const repl = Repl.start();
  await repl.waitFor(/spate> $/);
  const from = repl.out.length;
  // the marker is written once the line is awaiting (a SIGINT that lands while Node's REPL is
  // finishing a line's synchronous part can be lost: a race in Node's breakEvalOnSigint watchdog)
  repl.write(`await new Promise((r) => { setTimeout(() => require("node:fs").writeFileSync(${JSON.stringify(marker)}, ""), 200); setTimeout(r, 60000); })\n`);
  await waitForFile(marker);
  repl.child.kill("SIGINT");
  await repl.waitFor(/cancelling the running job/, from);
  repl.child.kill("SIGINT");
  t.regex(await repl.waitFor(/interrupted[\s\S]*spate> $/, from), /Script execution was interrupted/);
  t.is(await repl.eval("1 + 1"), "2");
  repl.child.stdin!.end();
  t.is((await repl.exitWithin(20_000)).code, 0);
});

test("SIGINT twice at an empty prompt exits, as Node's REPL does, stopping the Context", async (t) => {
  const repl = Repl.start();
  await repl.waitFor(/spate> $/);
  await repl.eval(REPORT_STOP);
  // Node re-arms its SIGINT handler just after a line's evaluation ends (cancellation.ts); a
  // signal sent in that instant ends the process. A person's Ctrl+C in a terminal is a keypress
  // read by readline, not a signal, so only kill -INT can hit it: give the REPL a moment first.
  await new Promise((r) => setTimeout(r, 300));
  const from = repl.out.length;
  repl.child.kill("SIGINT");
  await repl.waitFor(/To exit, press Ctrl\+C again or Ctrl\+D or type \.exit[\s\S]*spate> $/, from);
  t.true(repl.running);
  t.is(await repl.eval("'still here'"), "'still here'");
  await new Promise((r) => setTimeout(r, 300)); // as above
  repl.child.kill("SIGINT");
  await repl.waitFor(/To exit, press Ctrl\+C again/, repl.out.length - 1);
  repl.child.kill("SIGINT");
  const exit = await repl.exitWithin(15_000);
  t.is(exit.code, 0);
  t.regex(repl.out, /CONTEXT STOPPED/);
});

test("piped input runs line by line and the end of input exits after the last line, stopping the Context", async (t) => {
  const repl = Repl.start();
  await repl.waitFor(/spate> $/);
  repl.write(
    [
      REPORT_STOP,
      "await new Promise((r) => setTimeout(r, 800, 'slow first'))",
      "'second'",
      "function inc(x) {",
      "  return x + 1;",
      "}",
      "await sc.parallelize([1, 2, 3], 3).map(inc, { inc }).collect()",
      "sc.range(0, 3).reduce(() => { throw new Error('in the background'); }); 'not awaited'",
      "await new Promise((r) => setTimeout(r, 1500, 'after the background failure'))",
      "'last'",
      "",
    ].join("\n"),
  );
  repl.child.stdin!.end();
  const exit = await repl.exitWithin(60_000);
  t.is(exit.code, 0, repl.out);
  const order = ["'slow first'", "'second'", "[ 2, 3, 4 ]", "'not awaited'", "'after the background failure'", "'last'", "CONTEXT STOPPED"].map((s) => repl.out.indexOf(s));
  t.true(order.every((i) => i >= 0), repl.out);
  t.deepEqual(order, [...order].sort((a, b) => a - b), repl.out);
  t.regex(repl.out, /in the background/);
});

test("exiting while a job still runs in the background stops the Context and ends the process promptly", async (t) => {
  const dir = tempDir();
  const marker = path.join(dir, "started");
  const repl = Repl.start();
  await repl.waitFor(/spate> $/);
  await repl.eval(REPORT_STOP);
  t.is(await repl.eval(`${slowJob(marker).replace(/^await /, "")}; 'running'`), "'running'");
  await waitForFile(marker);
  repl.write(".exit\n");
  const exit = await repl.exitWithin(15_000);
  t.is(exit.code, 0);
  t.regex(repl.out, /CONTEXT STOPPED/);
});

test("a master that cannot be used is a clear error", async (t) => {
  const repl = new Repl(process.execPath, [bin, "repl", "--master", "nonsense://x"]);
  const exit = await repl.exitWithin(40_000);
  t.not(exit.code, 0);
  t.regex(repl.out, /could not create the Context/);
  t.regex(repl.out, /nonsense/);
});

test("--help documents .rdd, Ctrl+C and an example", async (t) => {
  const repl = new Repl(process.execPath, [bin, "repl", "--help"]);
  const exit = await repl.exitWithin(40_000);
  t.is(exit.code, 0, repl.out);
  t.regex(repl.out, /\.rdd <expression>/);
  t.regex(repl.out, /Ctrl\+C/);
  t.regex(repl.out, /--master=URL/);
  t.regex(repl.out, /\$ spate repl --master/);
});

// util-linux's `script` runs the REPL in a pseudo-terminal (.ci/run installs bsdutils, which has it)
test("in a terminal: Tab completes RDD methods after calls, Ctrl+C cancels a job, Ctrl+D exits", async (t) => {
  const dir = tempDir();
  const marker = path.join(dir, "started");
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} repl --master 'local[2]' --no-progress`;
  const repl = new Repl("script", ["-q", "-e", "-c", command, "/dev/null"], { env: { TERM: "xterm" } });
  await repl.waitFor(/spate> /);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // keys one by one (a chunk of many characters is a paste, which readline does not complete)
  let from = repl.out.length;
  for (const ch of "sc.parallelize([1]).") repl.write(ch);
  await sleep(300);
  repl.write("\t");
  await sleep(200);
  repl.write("\t");
  const listed = (await repl.waitFor(/reduceByKey[\s\S]*spate> /, from));
  for (const m of ["map", "filter", "reduceByKey", "collect", "flatMap"]) t.regex(listed, new RegExp(`\\b${m}\\b`), m);
  t.notRegex(listed, /\btaskNeeds\b/);
  repl.write("\u0015"); // Ctrl+U: clear the line
  await sleep(200);

  from = repl.out.length;
  repl.write(`${slowJob(marker)}\r`);
  await waitForFile(marker);
  repl.write("\u0003"); // Ctrl+C
  const cancelled = await repl.waitFor(/JOB_CANCELLED[\s\S]*spate> /, from);
  t.regex(cancelled, /cancelling the running job/);
  from = repl.out.length;
  repl.write("await sc.parallelize([4, 5]).map((x) => x * 2).collect()\r");
  t.regex(await repl.waitFor(/\[ 8, 10 \][\s\S]*spate> /, from), /\[ 8, 10 \]/);
  // the pyspark shell's habits: a value typed at an earlier prompt, an action without await
  from = repl.out.length;
  repl.write("const k = 10\r");
  await repl.waitFor(/undefined[\s\S]*spate> /, from);
  from = repl.out.length;
  repl.write("sc.range(0, 5).map((x) => x * k).collect()\r");
  t.regex(await repl.waitFor(/\[ 0, 10, 20, 30, 40 \][\s\S]*spate> /, from), /\[ 0, 10, 20, 30, 40 \]/);
  repl.write("\u0004"); // Ctrl+D
  const exit = await repl.exitWithin(15_000);
  t.is(exit.code, 0);
});
