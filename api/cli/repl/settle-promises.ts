/**
 * A line of the spate REPL whose value is a Promise prints what it settles to, as the pyspark
 * shell prints an action's result: `sc.range(0, 5).sum()` written without `await` (the PySpark
 * habit) shows `10`, not `Promise { <pending> }`; a rejection shows as the line's error.
 *
 * Owns: a wrapper around the REPLServer's `eval`, installed by the session (./session.ts) before
 * the evaluation tracker (./eval-tracker.ts), so that the line counts as running (and Ctrl-C
 * cancels its job) until its promise settles.
 */
import type { REPLServer } from "node:repl";

type EvalCallback = (err: Error | null, result?: unknown) => void;
type EvalFn = (code: string, context: object, file: string, cb: EvalCallback) => void;

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === "object" || typeof v === "function") && v !== null && typeof (v as { then?: unknown }).then === "function";
}

export function settlePromises(server: REPLServer): void {
  const replEval = server.eval as unknown as EvalFn;
  const settling: EvalFn = function (this: unknown, code, context, file, cb) {
    replEval.call(this, code, context, file, function (this: unknown, ...args: unknown[]) {
      const [err, result] = args as [Error | null, unknown];
      if (args.length >= 2 && (err === null || err === undefined) && isThenable(result)) {
        result.then(
          (value) => cb(null, value),
          (reason: unknown) => cb(reason instanceof Error ? reason : new Error(String(reason))),
        );
        return;
      }
      (cb as (...a: unknown[]) => void).apply(this, args);
    });
  };
  (server as unknown as { eval: EvalFn }).eval = settling;
}
