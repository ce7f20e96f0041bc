/**
 * The process's own V8 inspector session (node:inspector, in-process), which capture uses to read
 * what a function closes over, as Pulumi's serializeFunction does. Messages to an in-process
 * session are answered synchronously, so capture stays synchronous (transformations are).
 *
 * Owns: the one session of this thread, connected on first use; the Debugger domain (each
 * script's URL and source) enabled on first need, with every pause skipped (a `debugger;`
 * statement in user code must never stop the driver). Called by scope-reader.ts,
 * script-index.ts and code-origin.ts.
 */
import inspector from "node:inspector";

import { EngineError } from "../engine-error.js";

interface ScriptInfo {
  url: string;
  /** The source V8 compiled, fetched on first use. */
  source?: string;
}

let session: inspector.Session | undefined;
const scripts = new Map<string, ScriptInfo>();
/** Script ids in the order V8 parsed them (REPL lines are looked up newest first). */
const parseOrder: string[] = [];

let debuggerOn = false;

function connect(): inspector.Session {
  if (session !== undefined) return session;
  const s = new inspector.Session();
  try {
    s.connect();
  } catch (e) {
    throw new EngineError(
      "INTERNAL",
      `spate cannot read the values functions use: the inspector is not available in this process (${(e as Error).message}). ` +
        "Pass the values explicitly: rdd.map(fn, { name: value })",
    );
  }
  s.on("Debugger.scriptParsed", (m: { params: { scriptId: string; url: string } }) => {
    scripts.set(m.params.scriptId, { url: m.params.url });
    parseOrder.push(m.params.scriptId);
  });
  session = s;
  return s;
}

/**
 * The Debugger domain, which knows every script's URL and source, enabled on first need: it costs
 * tens of milliseconds in a process with hundreds of scripts loaded, which functions that use
 * nothing but their arguments and built-ins never pay.
 */
function enableDebugger(): void {
  if (debuggerOn) return;
  connect();
  debuggerOn = true;
  post("Debugger.enable", {});
  post("Debugger.setSkipAllPauses", { skip: true });
}

/**
 * Enables the Debugger domain now, at a moment when it costs nothing that can be seen: a
 * cluster's Context calls it while its executor processes boot. Never throws.
 */
export function warmUpCapture(): void {
  try {
    enableDebugger();
  } catch {
    // reported at the first capture that needs it
  }
}

/** Sends one inspector command and returns its result; the answer comes before post returns. */
export function post<T = Record<string, unknown>>(method: string, params: object): T {
  const s = connect();
  let answered = false;
  let error: Error | null = null;
  let result: unknown;
  s.post(method, params, (err, res) => {
    answered = true;
    error = err;
    result = res;
  });
  if (!answered) throw new EngineError("INTERNAL", `the inspector did not answer ${method} synchronously`);
  if (error !== null) throw new EngineError("INTERNAL", `the inspector refused ${method}: ${(error as Error).message}`);
  return result as T;
}

/** The URL of a parsed script ("file:///...", "node:...", "REPL12", or "" for eval code). */
export function scriptUrl(scriptId: string): string {
  enableDebugger();
  return scripts.get(scriptId)?.url ?? "";
}

/** The JavaScript V8 compiled for a script (after any transpiler), fetched once. */
export function scriptSource(scriptId: string): string {
  enableDebugger();
  let info = scripts.get(scriptId);
  if (info === undefined) scripts.set(scriptId, (info = { url: "" }));
  if (info.source === undefined) {
    info.source = post<{ scriptSource: string }>("Debugger.getScriptSource", { scriptId }).scriptSource;
  }
  return info.source;
}

/** Ids of scripts parsed before `scriptId` (or all), newest first, whose URL passes `accept`. */
export function earlierScripts(scriptId: string | undefined, accept: (url: string) => boolean): string[] {
  enableDebugger();
  const end = scriptId === undefined ? parseOrder.length : parseOrder.lastIndexOf(scriptId) + 1;
  const out: string[] = [];
  for (let i = end - 1; i >= 0; i--) {
    const id = parseOrder[i]!;
    if (accept(scripts.get(id)?.url ?? "")) out.push(id);
  }
  return out;
}
