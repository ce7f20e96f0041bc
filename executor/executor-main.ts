#!/usr/bin/env node
/**
 * The executor process's entry point:
 *
 *   node dist/executor/executor-main.js --driver HOST:PORT --app-id ID --executor-id ID
 *        --cores N --memory-bytes N --work-dir DIR --host HOST
 *
 * with its application's key as the first line of its standard input (core/rpc/key-pipe.ts).
 * Started by the driver (local-cluster) or by `spate worker`. Exits 0 when its driver is gone or
 * says shut down, or when whoever started it is gone (its standard input ends), deleting its work
 * directory; 1 when it cannot start (the reason on stderr).
 */
import { rmdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readAppKey } from "../core/rpc/key-pipe.js";
import { ExecutorProcess } from "./executor-process.js";

const { values } = parseArgs({
  options: {
    driver: { type: "string" },
    "app-id": { type: "string" },
    "executor-id": { type: "string" },
    cores: { type: "string", default: "1" },
    "memory-bytes": { type: "string", default: String(1024 * 1024 * 1024) },
    "work-dir": { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
  },
});

function fail(message: string): never {
  process.stderr.write(`spate executor: ${message}\n`);
  process.exit(1);
}

// whoever reads our output may be gone (a killed driver): a broken pipe must not stop the clean-up
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

if (!values.driver || !values["app-id"] || !values["executor-id"] || !values["work-dir"]) fail("--driver, --app-id, --executor-id and --work-dir are required");
const cores = Number(values.cores);
const memoryBytes = Number(values["memory-bytes"]);
if (!Number.isInteger(cores) || cores < 1) fail(`--cores must be a positive integer, got ${values.cores}`);
if (!Number.isFinite(memoryBytes) || memoryBytes < 1) fail(`--memory-bytes must be a positive number, got ${values["memory-bytes"]}`);

const workDir = values["work-dir"];
const log = (line: string): void => void process.stderr.write(`spate executor ${values["executor-id"]}: ${line}\n`);
let executor: ExecutorProcess | undefined;
const exit = (code: number): void => {
  // the application's directory goes too once its last executor here is gone
  try {
    rmdirSync(path.dirname(workDir));
  } catch {
    // other executors of the application still use it, or it is not ours
  }
  process.exit(code);
};
let appKey: string;
try {
  appKey = await readAppKey(process.stdin, 30_000, () => {
    log("whoever started this executor is gone (its standard input ended): exiting");
    void (executor?.stop() ?? Promise.resolve()).then(() => exit(0));
  });
} catch (e) {
  fail((e as Error).message);
}
executor = new ExecutorProcess({
  driverUrl: values.driver, appId: values["app-id"], executorId: values["executor-id"], cores, memoryBytes,
  workDir, host: values.host!, appKey, log,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void executor!.stop().then(() => exit(0)));
}
try {
  await executor.start(exit);
} catch (e) {
  await executor.stop({ keepLog: true }); // for whoever started it to read why
  fail(`cannot start: ${(e as Error).message}`);
}
