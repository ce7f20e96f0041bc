/**
 * Counts the spate REPL's evaluations in flight (an awaited action can run for minutes) and says
 * when the REPL is idle again.
 *
 * Owns: a wrapper around the REPLServer's `eval` (the function the REPL calls for every line and
 * that `.rdd` calls) and a listener on the REPL's domain: an evaluation that throws or rejects
 * never calls back, the REPL's domain reports the error (prints it and shows the prompt) instead,
 * so that report ends the evaluation in flight. The session (./session.ts) installs it first; Ctrl-C handling
 * (./cancellation.ts) asks whether something runs, the piped-input queue (./piped-input.ts) waits
 * for idle before it hands on the next line.
 */
import type { EventEmitter } from "node:events";
import type { REPLServer } from "node:repl";

type EvalCallback = (err: Error | null, result?: unknown) => void;
type EvalFn = (code: string, context: object, file: string, cb: EvalCallback) => void;

export interface EvalTracker {
  /** evaluations started and not finished */
  readonly inFlight: number;
  /** called each time the last evaluation in flight finishes (after its result is printed) */
  onIdle(listener: () => void): void;
  /** called each time the REPL's eval returns (its synchronous part is over; an await may go on) */
  onEvalReturned(listener: () => void): void;
  uninstall(): void;
}

export function trackEvaluations(server: REPLServer): EvalTracker {
  let inFlight = 0;
  /** > 0 while the REPL's eval runs synchronously (an error then is this evaluation's) */
  let syncDepth = 0;
  const idleListeners: Array<() => void> = [];
  const returnedListeners: Array<() => void> = [];
  const fireIdle = (): void => {
    for (const listener of idleListeners) listener();
  };
  /** one settle function per evaluation in flight, the latest last */
  const running: Array<() => boolean> = [];
  const replEval = server.eval as unknown as EvalFn;
  const trackingEval: EvalFn = function (this: unknown, code, context, file, cb) {
    inFlight++;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      inFlight--;
      const at = running.indexOf(settle);
      if (at >= 0) running.splice(at, 1);
      return inFlight === 0;
    };
    running.push(settle);
    syncDepth++;
    try {
      // the arguments pass on as they came: the REPL prints a value only when one was given
      replEval.call(this, code, context, file, function (this: unknown, ...args: unknown[]) {
        const idle = settle();
        (cb as (...a: unknown[]) => void).apply(this, args);
        if (idle) fireIdle();
      });
    } catch (err) {
      if (settle()) queueMicrotask(fireIdle);
      throw err;
    } finally {
      syncDepth--;
      for (const listener of returnedListeners) listener();
    }
  };
  (server as unknown as { eval: EvalFn }).eval = trackingEval;

  // Registered after the REPL's own listener: the error and the prompt are out when this runs. The
  // domain also reports errors that are no evaluation's: a rejection nobody handled (an action
  // typed without await) or an exception thrown by a timer; those leave the evaluation running.
  const domain = (server as unknown as { _domain?: EventEmitter })._domain;
  const onDomainError = (): void => {
    const settle = running[running.length - 1];
    if (!settle) return;
    if (syncDepth === 0 && !fromRepl()) return;
    if (settle()) queueMicrotask(fireIdle);
  };
  domain?.on("error", onDomainError);

  return {
    get inFlight() {
      return inFlight;
    },
    onIdle(listener) {
      idleListeners.push(listener);
    },
    onEvalReturned(listener) {
      returnedListeners.push(listener);
    },
    uninstall() {
      (server as unknown as { eval: EvalFn }).eval = replEval;
      domain?.off("error", onDomainError);
      idleListeners.length = 0;
      returnedListeners.length = 0;
    },
  };
}

/**
 * Whether the domain error being reported comes from the REPL's evaluation (its awaited promise
 * rejected: a node:repl frame calls the domain) rather than from an unhandled rejection or an
 * uncaught exception elsewhere.
 */
function fromRepl(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  if (/node:repl:\d/.test(stack)) return true;
  return !/processPromiseRejections|_fatalException|emitUnhandledRejection/.test(stack);
}
