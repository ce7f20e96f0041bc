/**
 * Ctrl-C in the spate REPL: while an evaluation is running, the first Ctrl-C cancels the running
 * jobs (Context.cancelAllJobs(): each rejects with JOB_CANCELLED, which the awaited expression
 * shows) and keeps the REPL; a second one while the evaluation still runs (it awaits something
 * that is not a job) falls back to Node's handling, which interrupts the await. At the prompt,
 * Ctrl-C behaves as in Node's REPL (clears the line; a second one on an empty line exits).
 *
 * Owns: the REPLServer's 'SIGINT' listeners (Node's are kept and called when nothing runs) and a
 * process 'SIGINT' listener, so that a SIGINT sent to the process (input from a pipe,
 * `kill -INT`) acts as Ctrl-C does in a terminal. Node's REPL runs each line under a SIGINT
 * watchdog (breakEvalOnSigint, so that Ctrl-C also breaks a synchronous loop), and stopping the
 * watchdog leaves the process's SIGINT disposition at "exit" even though listeners are attached;
 * after each eval returns, the process's SIGINT listeners are attached again, which re-installs
 * Node's signal handler. The session (./session.ts) installs it with the evaluation tracker
 * (./eval-tracker.ts) and calls the returned function on exit.
 */
import type { REPLServer } from "node:repl";
import type { EvalTracker } from "./eval-tracker.js";

export const CANCEL_NOTICE = "(cancelling the running job; press Ctrl+C again to stop waiting)";

/** `cancelJobs` cancels every running job of the session's Contexts (Context.cancelAllJobs()). */
export function installCancellation(server: REPLServer, cancelJobs: () => void, tracker: EvalTracker): () => void {
  let cancelled = false;
  tracker.onIdle(() => {
    cancelled = false;
  });

  const nodeListeners = server.listeners("SIGINT") as Array<(this: REPLServer) => void>;
  server.removeAllListeners("SIGINT");
  const onSigint = (): void => {
    if (tracker.inFlight > 0 && !cancelled) {
      cancelled = true;
      server.output.write(`\n${CANCEL_NOTICE}\n`);
      cancelJobs();
      return;
    }
    for (const listener of nodeListeners) listener.call(server);
  };
  server.on("SIGINT", onSigint);
  const onProcessSigint = (): void => {
    server.emit("SIGINT");
  };
  process.on("SIGINT", onProcessSigint);
  tracker.onEvalReturned(reattachProcessSigintListeners);

  return () => {
    process.off("SIGINT", onProcessSigint);
    server.off("SIGINT", onSigint);
    for (const listener of nodeListeners) server.on("SIGINT", listener);
  };
}

/** Detaches and re-attaches the process's SIGINT listeners, which makes Node install its signal handler again. */
export function reattachProcessSigintListeners(): void {
  const listeners = process.rawListeners("SIGINT") as Array<(...args: unknown[]) => void>;
  if (listeners.length === 0) return;
  process.removeAllListeners("SIGINT");
  for (const listener of listeners) process.on("SIGINT", listener);
}
