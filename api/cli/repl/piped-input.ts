/**
 * Piped input for the spate REPL (`spate repl < session.js`, `echo '...' | spate repl`): one line
 * at a time, each waiting for the awaited action before it, and the REPL exits only after the
 * last one. (Node's REPL reads ahead from a pipe: later lines run while an earlier `await` is
 * still pending, and the end of input stops the session with actions still running.)
 *
 * Owns: the REPLServer's 'line' and 'close' listeners when the input is not a terminal (in a
 * terminal Node's REPL already holds keys typed during an await). Lines that arrive while an
 * evaluation is in flight wait in a queue; the queue drains when the evaluation tracker
 * (./eval-tracker.ts) reports idle; the end of input is handed on once the queue is empty. The
 * session (./session.ts) installs it for non-terminal input.
 */
import type { REPLServer } from "node:repl";
import type { EvalTracker } from "./eval-tracker.js";

type Listener = (this: REPLServer, ...args: unknown[]) => void;

export function serializePipedInput(server: REPLServer, tracker: EvalTracker): void {
  const lineListeners = server.listeners("line") as Listener[];
  const closeListeners = server.listeners("close") as Listener[];
  server.removeAllListeners("line");
  server.removeAllListeners("close");
  const queue: string[] = [];
  let closed = false;
  let draining = false;

  const handOn = (line: string): void => {
    for (const listener of lineListeners) listener.call(server, line);
  };
  const drain = (): void => {
    if (draining) return;
    draining = true;
    try {
      while (tracker.inFlight === 0 && queue.length > 0) handOn(queue.shift()!);
    } finally {
      draining = false;
    }
    if (closed && tracker.inFlight === 0 && queue.length === 0) {
      closed = false;
      for (const listener of closeListeners) listener.call(server);
    }
  };

  server.on("line", (line: string) => {
    queue.push(line);
    drain();
  });
  server.on("close", () => {
    closed = true;
    drain();
  });
  tracker.onIdle(() => queueMicrotask(drain));
}
