/**
 * Stack traces in the user's terms. A user function that fails on an executor throws from code
 * spate compiled at the line and column the user wrote it (revive.ts); on the driver, this module
 * maps those positions through the script's source map (TypeScript run by tsx), drops spate's
 * own frames and Node's internals (kept with SPATE_DEBUG=1), and names where an action was
 * called (`collect at means.ts:14`, as Spark's `collect at <console>:26`).
 * Called by the action scope (core/rdd/ops/action-scope.ts) and the driver's job failures.
 */
import { findSourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { packageRoot, spateCodeDirs } from "./package-layout.js";

export interface Frame {
  /** The text before the location: "map", "async Promise.all", "" */
  fn: string;
  /** A path or URL, or "" when the frame has no location */
  file: string;
  line: number;
  column: number;
  /** The line as it was, for frames that are not "at fn (file:line:col)" */
  raw: string;
}

const FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

export function parseFrames(stack: string): { head: string[]; frames: Frame[] } {
  const head: string[] = [];
  const frames: Frame[] = [];
  for (const line of stack.split("\n")) {
    const m = FRAME.exec(line);
    if (m !== null) frames.push({ fn: m[1] ?? "", file: m[2]!, line: Number(m[3]), column: Number(m[4]), raw: line });
    else if (/^\s*at /.test(line)) frames.push({ fn: "", file: "", line: 0, column: 0, raw: line });
    else if (frames.length === 0) head.push(line);
  }
  return { head, frames };
}

let ownDirs: string[] | undefined;

function spateDirs(): string[] {
  if (ownDirs === undefined) {
    ownDirs = [...spateCodeDirs(), path.join(packageRoot(), "node_modules") + path.sep];
  }
  return ownDirs;
}

/** The file path of a file: URL, else undefined. */
export function filePathOf(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

/** A frame's file as a path when it is a file: URL, else as it is. */
function filePath(file: string): string {
  return filePathOf(file) ?? file;
}

/** Whether a frame is spate's own code, Node's internals, or has no location: not the user's. */
export function isInternalFrame(frame: Frame): boolean {
  if (frame.file === "" || frame.file.startsWith("node:") || frame.file.startsWith("evalmachine")) return true;
  const file = filePath(frame.file);
  return spateDirs().some((d) => file.startsWith(d)) || /spate-shipped:/.test(frame.file);
}

export function debugStacks(): boolean {
  return process.env.SPATE_DEBUG === "1";
}

/** A frame's position mapped through its file's source map, when this process has one. */
function mapped(frame: Frame): Frame {
  if (frame.file === "") return frame;
  let map: ReturnType<typeof findSourceMap> | undefined;
  try {
    map = findSourceMap(frame.file) ?? findSourceMap(filePath(frame.file));
  } catch {
    map = undefined;
  }
  if (map === undefined) return { ...frame, file: filePath(frame.file) };
  const entry = map.findEntry(frame.line - 1, frame.column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined) return { ...frame, file: filePath(frame.file) };
  return { ...frame, file: filePath(entry.originalSource), line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
}

function format(frame: Frame): string {
  if (frame.file === "") return frame.raw;
  const where = `${frame.file}:${frame.line}:${frame.column}`;
  return frame.fn === "" ? `    at ${where}` : `    at ${frame.fn} (${where})`;
}

/**
 * A stack from an executor, in the user's terms: positions mapped to the user's files (through
 * source maps this driver holds), spate's and Node's frames dropped unless SPATE_DEBUG=1.
 * `resolveFile` names the files executors only knew by a reference (`spate-script:<id>`).
 */
export function userStack(stack: string, resolveFile: (file: string) => string = (f) => f): string {
  const { head, frames } = parseFrames(stack);
  const keep = debugStacks() ? frames : frames.filter((f) => !isInternalFrame(f));
  return [...head, ...keep.map((f) => format(mapped({ ...f, file: f.file === "" ? "" : resolveFile(f.file) })))].join("\n");
}

/** Where the user called into spate: the first frame of this process's current stack that is theirs. */
export function userCallSite(): { label: string; frames: string[] } | null {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  Error.captureStackTrace(holder, userCallSite);
  Error.stackTraceLimit = limit;
  const { frames } = parseFrames(holder.stack ?? "");
  const user = frames.filter((f) => !isInternalFrame(f));
  const first = user[0];
  if (first === undefined) return null;
  const where = first.file.startsWith("file:") || path.isAbsolute(filePath(first.file)) ? path.basename(filePath(first.file)) : first.file;
  return { label: `${where}:${first.line}`, frames: user.map(format) };
}
