/**
 * Input path expansion (driver side): turns the `path` argument of `sc.textFile` /
 * `sc.wholeTextFiles` into the sorted list of absolute file paths to read.
 *
 * Owns the meaning of a path spec, which follows Hadoop's FileInputFormat as Spark uses it:
 * - a comma-separated list of items (commas inside `{a,b}` do not separate items);
 * - each item is a file, a directory, or a glob (see glob.ts); relative items resolve from `cwd`
 *   (process.cwd() by default); `file:///abs` and Hadoop's `file:/abs` are accepted, other URL
 *   schemes are refused (spate reads local files only);
 * - a directory stands for the regular files directly inside it whose names do not start with
 *   "." or "_" (Hadoop's hidden-file filter); its subdirectories are skipped (Hadoop would fail
 *   on them instead);
 * - a glob match that is a directory expands the same way (so `logs/*` reads the files of each
 *   subdirectory of `logs`, as in Spark); wildcards do not match names starting with "." or "_"
 *   unless the pattern segment itself starts with that character; `**` does not descend into
 *   hidden directories nor follow symbolic links to directories;
 * - a file named explicitly is read even when its name starts with "." or "_" (Hadoop would
 *   silently drop it; spate does what the user asked); a glob that matches nothing but is itself
 *   an existing path (a file named "report[1].txt") names that path; `\` escapes a glob
 *   character.
 * Result: absolute paths, sorted (by UTF-16 code units) within each item, items in the order
 * given, each path once (its first occurrence wins). An item that matches no file is an
 * INVALID_ARGUMENT EngineError naming the operation, the item and the directory it was resolved
 * from.
 *
 * Called by the api layer's textFile / wholeTextFiles before planning splits (text-splits.ts,
 * whole-files.ts); hands on plain absolute path strings.
 */
import { readdirSync, statSync, type Dirent, type Stats } from "node:fs";
import path from "node:path";
import { EngineError } from "../engine-error.js";
import {
  compileSegment,
  escapeGlob,
  expandBraces,
  hasMagic,
  isHiddenName,
  splitSegments,
  splitTopLevelCommas,
  unescapeGlob,
  wildMatches,
  type SegmentMatcher,
} from "./glob.js";

const HOW_TO = "Give a file, a directory, a glob like 'data/*.csv', or a comma-separated list of them.";

/** Expands a path spec into absolute file paths; see the module docblock for the rules. */
export function expandPaths(spec: string, operation: string, cwd: string = process.cwd()): string[] {
  if (typeof spec !== "string" || spec.trim() === "") {
    throw new EngineError("INVALID_ARGUMENT", `${operation}: the path is empty. ${HOW_TO}`);
  }
  const items = splitTopLevelCommas(spec).map((item) => item.trim());
  const seen = new Set<string>();
  const result: string[] = [];
  for (const item of items) {
    if (item === "") {
      throw new EngineError(
        "INVALID_ARGUMENT",
        `${operation}: '${spec}' has an empty item in its comma-separated list. ${HOW_TO}`,
      );
    }
    const { files, detail } = expandItem(localPathOf(item, operation), cwd, operation);
    if (files.length === 0) {
      throw new EngineError(
        "INVALID_ARGUMENT",
        `${operation}: no file matches '${item}' (resolved from ${cwd}). ${HOW_TO}${detail ? ` ${detail}` : ""}`,
      );
    }
    for (const file of files) {
      if (!seen.has(file)) {
        seen.add(file);
        result.push(file);
      }
    }
  }
  return result;
}

/** Strips a `file:` scheme; refuses any other URL scheme. */
function localPathOf(item: string, operation: string): string {
  const fileUrl = /^file:\/\/(?:localhost)?(\/.*)$/.exec(item) ?? /^file:(\/(?!\/).*)$/.exec(item);
  if (fileUrl) return fileUrl[1]!;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(item);
  if (scheme) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `${operation}: '${item}' is a '${scheme[1]}' URL; spate reads local files only. ${HOW_TO}`,
    );
  }
  return item;
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function readDirOrEmpty(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Regular files directly inside `dir` whose names are not hidden (symbolic links followed). */
export function listVisibleFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readDirOrEmpty(dir)) {
    if (isHiddenName(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isFile() || (entry.isSymbolicLink() && statOrNull(full)?.isFile())) files.push(full);
  }
  return files;
}

interface ItemExpansion {
  files: string[];
  /** Why nothing matched, when there is more to say than "no match". */
  detail?: string;
}

function expandItem(item: string, cwd: string, operation: string): ItemExpansion {
  const matches = new Set<string>();
  let emptyDir: string | undefined;
  for (const pattern of expandBraces(item)) {
    if (!hasMagic(pattern)) {
      const abs = path.resolve(cwd, unescapeGlob(pattern));
      const st = statOrNull(abs);
      if (st?.isFile()) {
        matches.add(abs);
      } else if (st?.isDirectory()) {
        const files = listVisibleFiles(abs);
        if (files.length === 0) emptyDir = abs;
        for (const f of files) matches.add(f);
      }
      continue;
    }
    const absPattern = pattern.startsWith("/") ? pattern : `${escapeGlob(cwd)}/${pattern}`;
    const matchers = compileSegments(absPattern, item, operation);
    const found = new Set<string>();
    walk("/", matchers, 0, found);
    if (found.size === 0) {
      // A name that merely looks like a glob ("report[1].txt") still names itself.
      const literal = path.resolve(cwd, pattern);
      if (statOrNull(literal) !== null) found.add(literal);
    }
    for (const entry of found) {
      const st = statOrNull(entry);
      if (st?.isFile()) matches.add(entry);
      else if (st?.isDirectory()) for (const f of listVisibleFiles(entry)) matches.add(f);
    }
  }
  const files = [...matches].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const detail =
    files.length === 0 && emptyDir !== undefined
      ? `'${emptyDir}' is a directory with no visible files in it (names starting with '.' or '_' and subdirectories are skipped).`
      : undefined;
  return detail === undefined ? { files } : { files, detail };
}

function compileSegments(absPattern: string, item: string, operation: string): SegmentMatcher[] {
  const segments = splitSegments(absPattern).filter((s) => s !== "" && s !== ".");
  try {
    return segments.map(compileSegment);
  } catch (err) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `${operation}: the glob '${item}' is malformed: ${(err as Error).message}. ${HOW_TO}`,
    );
  }
}

/** Adds to `out` every existing path under `dir` that matches `matchers[idx..]`. */
function walk(dir: string, matchers: SegmentMatcher[], idx: number, out: Set<string>): void {
  if (idx === matchers.length) {
    out.add(dir);
    return;
  }
  const matcher = matchers[idx]!;
  const last = idx === matchers.length - 1;
  if (matcher.kind === "literal") {
    const next = path.join(dir, matcher.name);
    const st = statOrNull(next);
    if (st === null) return;
    if (last) out.add(next);
    else if (st.isDirectory()) walk(next, matchers, idx + 1, out);
    return;
  }
  if (matcher.kind === "globstar") {
    walk(dir, matchers, idx + 1, out);
    for (const entry of readDirOrEmpty(dir)) {
      if (entry.isDirectory() && !isHiddenName(entry.name)) {
        walk(path.join(dir, entry.name), matchers, idx, out);
      }
    }
    return;
  }
  for (const entry of readDirOrEmpty(dir)) {
    if (!wildMatches(matcher, entry.name)) continue;
    const next = path.join(dir, entry.name);
    if (last) {
      out.add(next);
    } else if (entry.isDirectory() || (entry.isSymbolicLink() && statOrNull(next)?.isDirectory())) {
      walk(next, matchers, idx + 1, out);
    }
  }
}
