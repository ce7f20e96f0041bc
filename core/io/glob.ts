/**
 * Glob patterns for input paths: brace expansion and per-segment matchers.
 *
 * Owns the pattern language of `sc.textFile` / `sc.wholeTextFiles` paths (Node 20 has no
 * `fs.glob`): `*` (any run of characters within one path segment), `?` (one character),
 * `[abc]`, `[a-z]`, `[!abc]` / `[^abc]`, `{a,b}` (alternatives, nestable, may hold `/`), `**` as a
 * whole segment (zero or more directories), and `\` escaping the next character.
 *
 * Called by path-expansion.ts, which walks directories with the matchers made here; this module
 * never touches the filesystem. It hands on plain strings (expanded patterns, split segments) and
 * `SegmentMatcher`s.
 */

/** One path segment of a pattern: a literal name, `**`, or a wildcard matcher. */
export type SegmentMatcher =
  | { kind: "literal"; name: string }
  | { kind: "globstar" }
  | { kind: "wild"; regex: RegExp; allowsHidden: boolean; source: string };

const MAGIC = new Set(["*", "?", "["]);

/** True when the pattern holds an unescaped glob character (`*`, `?`, `[`, `{`). */
export function hasMagic(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (MAGIC.has(c) || c === "{") return true;
  }
  return false;
}

/** Removes escaping backslashes: `a\*b` -> `a*b`. */
export function unescapeGlob(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length) {
      out += text[i + 1];
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/** Escapes every glob character so the text matches only itself (used for cwd prefixes). */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]{}]/g, (c) => `\\${c}`);
}

/** Index of the `close` matching the opener at `open`, honouring escapes and nesting; -1 if none. */
function findClosingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
    } else if (c === "{") {
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits `text` at unescaped commas that sit outside any `{...}` group. */
export function splitTopLevelCommas(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
    } else if (c === "{") {
      if (depth > 0 || findClosingBrace(text, i) !== -1) depth++;
    } else if (c === "}" && depth > 0) {
      depth--;
    } else if (c === "," && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/**
 * Brace expansion as a shell does it: `a{b,c{d,e}}f` -> `abf`, `acdf`, `acef`, in that order.
 * A `{` without its `}` is literal. Escapes are kept for the segment matcher to honour.
 */
export function expandBraces(pattern: string): string[] {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c !== "{") continue;
    const close = findClosingBrace(pattern, i);
    if (close === -1) continue;
    const head = pattern.slice(0, i);
    const tail = pattern.slice(close + 1);
    const alternatives = splitTopLevelCommas(pattern.slice(i + 1, close));
    const out: string[] = [];
    for (const alt of alternatives) {
      for (const expanded of expandBraces(head + alt + tail)) out.push(expanded);
    }
    return out;
  }
  return [pattern];
}

/** Splits a brace-free pattern into segments at `/` (an escaped `/` is not a separator on POSIX). */
export function splitSegments(pattern: string): string[] {
  return pattern.split("/");
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/;

function escapeRegexChar(c: string): string {
  return REGEX_SPECIAL.test(c) ? `\\${c}` : c;
}

function escapeClassChar(c: string): string {
  return c === "\\" || c === "]" || c === "[" || c === "^" || c === "-" ? `\\${c}` : c;
}

/** Parses `[...]` at `open`; returns the regex class and the index after `]`, or null if unclosed. */
function parseBracket(seg: string, open: number): { regex: string; next: number } | null {
  let i = open + 1;
  let negate = false;
  if (seg[i] === "!" || seg[i] === "^") {
    negate = true;
    i++;
  }
  const chars = Array.from(seg.slice(i));
  let body = "";
  let k = 0;
  let consumed = 0;
  let closed = false;
  while (k < chars.length) {
    let c = chars[k]!;
    if (c === "]" && k > 0) {
      closed = true;
      consumed += c.length;
      break;
    }
    if (c === "\\" && k + 1 < chars.length) {
      consumed += c.length;
      k++;
      c = chars[k]!;
    }
    consumed += c.length;
    k++;
    if (chars[k] === "-" && k + 1 < chars.length && chars[k + 1] !== "]") {
      let hi = chars[k + 1]!;
      consumed += 1 + hi.length;
      k += 2;
      if (hi === "\\" && k < chars.length) {
        hi = chars[k]!;
        consumed += hi.length;
        k++;
      }
      body += `${escapeClassChar(c)}-${escapeClassChar(hi)}`;
    } else {
      body += escapeClassChar(c);
    }
  }
  if (!closed) return null;
  return { regex: negate ? `[^/${body}]` : `[${body}]`, next: i + consumed };
}

/** Compiles one path segment of a brace-free pattern. */
export function compileSegment(seg: string): SegmentMatcher {
  if (seg === "**") return { kind: "globstar" };
  if (!hasMagic(seg)) return { kind: "literal", name: unescapeGlob(seg) };
  let re = "";
  let i = 0;
  while (i < seg.length) {
    const c = seg[i]!;
    if (c === "\\" && i + 1 < seg.length) {
      const cp = String.fromCodePoint(seg.codePointAt(i + 1)!);
      re += escapeRegexChar(cp);
      i += 1 + cp.length;
    } else if (c === "*") {
      while (seg[i] === "*") i++;
      re += "[^/]*";
    } else if (c === "?") {
      re += "[^/]";
      i++;
    } else if (c === "[") {
      const bracket = parseBracket(seg, i);
      if (bracket === null) {
        re += "\\[";
        i++;
      } else {
        re += bracket.regex;
        i = bracket.next;
      }
    } else {
      const cp = String.fromCodePoint(seg.codePointAt(i)!);
      re += escapeRegexChar(cp);
      i += cp.length;
    }
  }
  const first = seg[0] === "\\" ? seg[1] : seg[0];
  return {
    kind: "wild",
    regex: new RegExp(`^${re}$`, "u"),
    allowsHidden: first === "." || first === "_",
    source: seg,
  };
}

/** True for names Hadoop's input listing hides: those starting with "." or "_". */
export function isHiddenName(name: string): boolean {
  return name.startsWith(".") || name.startsWith("_");
}

/** Whether a wildcard segment accepts a directory entry name (hidden names need a literal lead). */
export function wildMatches(matcher: { regex: RegExp; allowsHidden: boolean }, name: string): boolean {
  if (isHiddenName(name) && !matcher.allowsHidden) return false;
  return matcher.regex.test(name);
}
