/**
 * Tab completion for the spate REPL: members of RDDs and Contexts, also after calls.
 *
 * Owns: reading the expression before the cursor (`sc.parallelize([1, 2]).ma`), inferring what it
 * gives without running any call (an RDD transformation gives an RDD, an action a Promise), and
 * listing that type's public members. The REPL session (./session.ts) wraps Node's completer with
 * `withSpateCompletion`; anything this module cannot type (a plain variable, a string, a path)
 * goes on to Node's own completer. Only the plain identifier chain at the start of the expression
 * (`sc`, `rdd`, `a.b`) is evaluated, as Node's completer does; calls are never made.
 */
import { Context, RDD } from "../../index.js";

/** [completions, the text they complete], as readline wants it. */
export type CompletionResult = [string[], string];
export type Completer = (line: string, callback: (err: Error | null, result?: CompletionResult) => void) => void;
/** Evaluates a plain identifier chain (`sc`, `rdd.name`) in the REPL's scope; throws when it cannot. */
export type Evaluate = (code: string) => unknown;

type Inferred = { kind: "value"; value: unknown } | { kind: "rdd" } | { kind: "context" } | { kind: "promise" };

/** RDD prototype members that belong to the engine, not to users. */
const HIDDEN_RDD = new Set(["constructor", "prepare", "isSource", "sourceInput", "toPlan", "base", "taskNeeds", "describe", "narrowParents", "node", "ctx", "kindName", "dependencies", "numPartitions", "cached", "__elementType"]);
/** synchronous RDD methods that return something else than an RDD */
const RDD_RETURNS_PROMISE = new Set(["collect", "takeOrdered", "top", "treeAggregate", "countByKey"]);
const RDD_RETURNS_OTHER = new Set(["getNumPartitions", "toDebugString", "toLocalIterator"]);
/** public instance fields of an RDD, listed with its methods */
const RDD_FIELDS = ["id", "name"];

const HIDDEN_CONTEXT = new Set(["constructor", "newRddId", "newShuffleId", "assertActive", "runJob", "uncache", "broadcastBytes"]);
const CONTEXT_FIELDS = ["master", "appName", "maxFailures", "baseDir"];
const CONTEXT_RETURNS_RDD = new Set(["parallelize", "range", "textFile", "wholeTextFiles", "emptyRDD", "union"]);
const CONTEXT_RETURNS_PROMISE = new Set(["stop"]);

const PROMISE_MEMBERS = ["catch", "finally", "then"];

function prototypeMembers(proto: object, hidden: Set<string>): string[] {
  const names = new Set<string>();
  for (let p: object | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (!hidden.has(name) && !name.startsWith("_")) names.add(name);
    }
  }
  return [...names];
}

/** The public members of an RDD (transformations, actions, lineage helpers), sorted. */
export function rddMembers(): string[] {
  return [...new Set([...prototypeMembers(RDD.prototype, HIDDEN_RDD), ...RDD_FIELDS])].sort();
}

/** The public members of a Context, sorted. */
export function contextMembers(): string[] {
  return [...new Set([...prototypeMembers(Context.prototype, HIDDEN_CONTEXT), ...CONTEXT_FIELDS])].sort();
}

function rddMethodResult(name: string): Inferred | undefined {
  if (HIDDEN_RDD.has(name) || RDD_RETURNS_OTHER.has(name)) return undefined;
  const method = (RDD.prototype as unknown as Record<string, unknown>)[name];
  if (typeof method !== "function") return undefined;
  if (method.constructor.name === "AsyncFunction" || RDD_RETURNS_PROMISE.has(name)) return { kind: "promise" };
  return { kind: "rdd" };
}

function contextMethodResult(name: string): Inferred | undefined {
  if (CONTEXT_RETURNS_RDD.has(name)) return { kind: "rdd" };
  if (CONTEXT_RETURNS_PROMISE.has(name)) return { kind: "promise" };
  return undefined;
}

const IDENT_CHAR = /[\w$]/;
const IDENT_START = /[A-Za-z_$]/;

/**
 * Matching brackets of `text`: close index -> open index, skipping strings, template literals and
 * comments. Undefined when the text ends inside a string or comment, or brackets do not match.
 */
export function matchBrackets(text: string): Map<number, number> | undefined {
  const pairs = new Map<number, number>();
  const stack: Array<{ ch: string; at: number }> = [];
  const closing: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) return undefined;
      i = j + 1;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") return undefined;
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return undefined;
      i = end + 2;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") stack.push({ ch: c, at: i });
    else if (c in closing) {
      const open = stack.pop();
      if (!open || open.ch !== closing[c]) return undefined;
      pairs.set(i, open.at);
    }
    i++;
  }
  return pairs;
}

/**
 * The member expression that ends at `end` (exclusive) in `line`: an identifier followed by
 * `.name`, `?.name`, `(...)` and `[...]` parts. Undefined when it does not start with an identifier.
 */
export function expressionBefore(line: string, end: number, pairs: Map<number, number>): string | undefined {
  let i = end;
  for (;;) {
    const c = line[i - 1];
    if (c === undefined) break;
    if (IDENT_CHAR.test(c)) {
      while (i > 0 && IDENT_CHAR.test(line[i - 1]!)) i--;
      if (line[i - 1] === "." && line[i - 2] !== ".") {
        i -= line[i - 2] === "?" ? 2 : 1;
        continue;
      }
      break;
    }
    if (c === ")" || c === "]") {
      const open = pairs.get(i - 1);
      if (open === undefined) return undefined;
      i = open;
      if (line[i - 1] === "." && line[i - 2] === "?") i -= 2; // f?.()
      continue;
    }
    break;
  }
  const expr = line.slice(i, end);
  if (!expr || !IDENT_START.test(expr[0]!)) return undefined;
  return expr;
}

type Segment = { kind: "member"; name: string } | { kind: "call" } | { kind: "index" };

function segments(expr: string): { root: string; rest: Segment[] } | undefined {
  const pairs = matchBrackets(expr);
  if (!pairs) return undefined;
  const opens = new Map([...pairs].map(([close, open]) => [open, close]));
  const rootMatch = /^[A-Za-z_$][\w$]*/.exec(expr);
  if (!rootMatch) return undefined;
  const rest: Segment[] = [];
  let i = rootMatch[0].length;
  while (i < expr.length) {
    if (expr.startsWith("?.", i)) {
      if (expr[i + 2] === "(" || expr[i + 2] === "[") {
        i += 2; // optional call or index: `f?.()`, `a?.[0]`
        continue;
      }
      i += 1; // optional member: continue at the "."
    }
    const c = expr[i]!;
    if (c === ".") {
      const m = /^[A-Za-z_$][\w$]*/.exec(expr.slice(i + 1));
      if (!m) return undefined;
      rest.push({ kind: "member", name: m[0] });
      i += 1 + m[0].length;
    } else if (c === "(" || c === "[") {
      const close = opens.get(i);
      if (close === undefined) return undefined;
      rest.push({ kind: c === "(" ? "call" : "index" });
      i = close + 1;
    } else return undefined;
  }
  return { root: rootMatch[0], rest };
}

/** What `expr` gives, as far as it can be known without calling anything. */
export function inferExpression(expr: string, evaluate: Evaluate): Inferred | undefined {
  const parsed = segments(expr);
  if (!parsed) return undefined;
  // evaluate the leading identifier chain (no calls, no indexing), as Node's completer does
  let plain = parsed.root;
  let k = 0;
  while (k < parsed.rest.length) {
    const seg = parsed.rest[k]!;
    const next = parsed.rest[k + 1];
    if (seg.kind !== "member" || next?.kind === "call") break;
    plain += `.${seg.name}`;
    k++;
  }
  let state: Inferred;
  try {
    state = { kind: "value", value: evaluate(plain) };
  } catch {
    return undefined;
  }
  for (; k < parsed.rest.length; k++) {
    const seg = parsed.rest[k]!;
    const next = parsed.rest[k + 1];
    if (seg.kind !== "member" || next?.kind !== "call") return undefined;
    k++; // the call
    if (state.kind === "value") {
      if (state.value instanceof RDD) state = { kind: "rdd" };
      else if (state.value instanceof Context) state = { kind: "context" };
      else return undefined;
    }
    let result: Inferred | undefined;
    if (state.kind === "rdd") result = rddMethodResult(seg.name);
    else if (state.kind === "context") result = contextMethodResult(seg.name);
    if (!result) return undefined;
    state = result;
  }
  return state;
}

function membersOf(state: Inferred): string[] | undefined {
  switch (state.kind) {
    case "rdd":
      return rddMembers();
    case "context":
      return contextMembers();
    case "promise":
      return PROMISE_MEMBERS;
    case "value":
      if (state.value instanceof RDD) return rddMembers();
      if (state.value instanceof Context) return contextMembers();
      return undefined;
  }
}

/**
 * Completions for `line` (the text before the cursor) when it ends in `<RDD or Context
 * expression>.<partial name>`; undefined when this module cannot tell (Node's completer then runs).
 */
export function completeSpate(line: string, evaluate: Evaluate): CompletionResult | undefined {
  const m = /(\?)?\.([A-Za-z_$][\w$]*)?$/.exec(line);
  if (!m) return undefined;
  const partial = m[2] ?? "";
  const dot = line.length - partial.length - 1 - (m[1] ? 1 : 0);
  if (dot > 0 && line[dot - 1] === ".") return undefined; // `...spread` or `..`
  const pairs = matchBrackets(line.slice(0, dot));
  if (!pairs) return undefined;
  const expr = expressionBefore(line, dot, pairs);
  if (!expr || /^\d/.test(expr)) return undefined;
  const state = inferExpression(expr, evaluate);
  if (!state) return undefined;
  const members = membersOf(state);
  if (!members) return undefined;
  return [members.filter((n) => n.startsWith(partial)), partial];
}

/** Wraps Node's REPL completer: spate's types first, then Node's completion for everything else. */
export function withSpateCompletion(fallback: Completer, evaluate: Evaluate): Completer {
  return (line, callback) => {
    let result: CompletionResult | undefined;
    try {
      result = completeSpate(line, evaluate);
    } catch {
      result = undefined;
    }
    if (result) callback(null, result);
    else fallback(line, callback);
  };
}
