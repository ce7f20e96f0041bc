/**
 * Where a function was written, and whose code that is: the user's (a script or module of
 * theirs, a REPL line), a package's (under node_modules), Node's own, or spate's. Capture ships
 * user code as source and refuses to ship the others' functions by value (they are imported by
 * reference, or created inside the function). Called by closure-builder.ts and
 * captured-value.ts; locations are read once per function object.
 */
import path from "node:path";

import { spateCodeDirs } from "../package-layout.js";
import { filePathOf } from "../user-stack.js";
import { scriptUrl } from "./inspector-session.js";
import { type FunctionLocation, readScopes } from "./scope-reader.js";
import type { Origin } from "./types.js";

export type CodeKind =
  | { kind: "user" }
  | { kind: "package"; name: string }
  | { kind: "node" }
  | { kind: "spate" }
  | { kind: "unknown" };

const locations = new WeakMap<Function, FunctionLocation | null>();
let spateDirs: string[] | undefined;

/** spate's own built code (dist/ minus its tests): never user code. */
function ownDirs(): string[] {
  if (spateDirs === undefined) {
    spateDirs = spateCodeDirs();
  }
  return spateDirs;
}

/** The location of `fn`'s source (cached per function object), or null for native code. */
export function locationOf(fn: Function): FunctionLocation | null {
  let loc = locations.get(fn);
  if (loc === undefined) {
    loc = readScopes(fn, []).location ?? null;
    locations.set(fn, loc);
  }
  return loc;
}

/** Records a location read together with scopes, so it is not read again. */
export function rememberLocation(fn: Function, loc: FunctionLocation | undefined): void {
  if (!locations.has(fn)) locations.set(fn, loc ?? null);
}

export { filePathOf };

/** Whose code a script URL holds. */
export function codeKindOfUrl(url: string): CodeKind {
  if (url.startsWith("node:")) return { kind: "node" };
  const file = filePathOf(url);
  if (file === undefined) return url === "" ? { kind: "unknown" } : { kind: "user" };
  if (ownDirs().some((d) => file.startsWith(d))) return { kind: "spate" };
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at >= 0) {
    const rest = file.slice(at + marker.length).split(path.sep);
    const name = rest[0]!.startsWith("@") && rest.length > 1 ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return name === "spate" ? { kind: "spate" } : { kind: "package", name };
  }
  return { kind: "user" };
}

/** Whose code `fn` is. */
export function codeKindOf(fn: Function): CodeKind {
  const loc = locationOf(fn);
  if (loc === null) return { kind: "unknown" };
  return codeKindOfUrl(scriptUrl(loc.scriptId));
}

/** The Origin of a function at `loc`: its script's URL, position, and the directory relative requires use. */
export function originAt(loc: FunctionLocation | null): Origin | null {
  if (loc === null) return null;
  const url = scriptUrl(loc.scriptId);
  const file = filePathOf(url);
  return { url, line: loc.line, column: loc.column, dir: file === undefined ? process.cwd() : path.dirname(file) };
}

/** The prefix of the file name a function gets on executors when its script's URL was not looked up. */
export const SCRIPT_REF = "spate-script:";

/**
 * The Origin of a function whose script need not be read (it uses nothing but its arguments
 * and built-ins): its file is named `spate-script:<id>`, which the driver maps to the script's
 * URL only if a stack trace through it comes back. V8 places a function's location at its
 * parameters; the text starts `function name` or `name` before them.
 */
export function lazyOrigin(loc: FunctionLocation | null, text: string): Origin | null {
  if (loc === null) return null;
  let column = loc.column;
  if (!/^(async\s*)?(\(|[A-Za-z_$][\w$]*\s*=>)/.test(text) && !text.startsWith("class")) {
    const paren = text.indexOf("(");
    const head = paren < 0 ? "" : text.slice(0, paren);
    if (paren > 0 && !head.includes("\n") && !head.includes("[") && column >= head.length) column -= head.length;
  }
  return { url: `${SCRIPT_REF}${loc.scriptId}`, line: loc.line, column, dir: process.cwd() };
}

/** Words for where foreign code comes from: "the package 'h5wasm'", "Node's own modules". */
export function describeCodeKind(kind: CodeKind): string {
  switch (kind.kind) {
    case "package":
      return `the package '${kind.name}'`;
    case "node":
      return "Node's own modules";
    case "spate":
      return "spate itself";
    case "user":
      return "your code";
    default:
      return "native code";
  }
}
