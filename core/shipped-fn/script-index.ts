/**
 * The scripts functions were written in, parsed once each (acorn + eslint-scope): their source as
 * V8 runs it (after tsx or any transpiler), their scopes, and the function written at a given
 * location. Used by script-bindings.ts (where a name is declared) and closure-builder.ts (where a
 * function's text starts, for stack traces at the user's lines).
 */
import { parse, type Node } from "acorn";
import { analyze, type ScopeManager } from "eslint-scope";

import { scriptSource, scriptUrl } from "./inspector-session.js";
import type { FunctionLocation } from "./scope-reader.js";

export type AnyNode = Node & Record<string, unknown>;

export interface ParsedScript {
  source: string;
  lineStarts: number[];
  scopes: ScopeManager;
  /** Functions, classes and methods, by start offset (several may share one). */
  functions: AnyNode[];
  /** Identifier start -> the property key it is bound to in an object pattern. */
  patternKeys: Map<number, string>;
}

const CACHE_LIMIT = 64;
const parsed = new Map<string, ParsedScript | null>();
/** The function node found at a location (with its text), per script: found once. */
const located = new Map<string, AnyNode | null>();

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ClassDeclaration", "ClassExpression"]);

export function isNode(v: unknown): v is AnyNode {
  return typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";
}

function propertyKey(p: AnyNode): string | undefined {
  const key = p["key"] as AnyNode;
  if (p["computed"] === true) return undefined;
  if (key.type === "Identifier") return key["name"] as string;
  if (key.type === "Literal" && typeof key["value"] === "string") return key["value"];
  return undefined;
}

function recordPattern(pattern: AnyNode, keys: Map<number, string>): void {
  if (pattern.type !== "ObjectPattern") return;
  for (const p of pattern["properties"] as AnyNode[]) {
    if (p.type !== "Property") continue;
    let target = p["value"] as AnyNode;
    if (target.type === "AssignmentPattern") target = target["left"] as AnyNode;
    const key = propertyKey(p);
    if (target.type === "Identifier" && key !== undefined) keys.set(target.start, key);
  }
}

function walk(root: AnyNode, functions: AnyNode[], keys: Map<number, string>): void {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (FUNCTION_TYPES.has(node.type)) functions.push(node);
    else if ((node.type === "Property" || node.type === "MethodDefinition") && isNode(node["value"]) && (node["value"] as AnyNode).type === "FunctionExpression" && (node["method"] === true || node.type === "MethodDefinition" || node["kind"] !== "init")) functions.push(node);
    if (node.type === "VariableDeclarator") recordPattern(node["id"] as AnyNode, keys);
    else if (node.type === "AssignmentExpression") recordPattern(node["left"] as AnyNode, keys);
    for (const k of Object.keys(node)) {
      const child = node[k];
      if (Array.isArray(child)) {
        for (const c of child) if (isNode(c)) stack.push(c);
      } else if (isNode(child)) {
        stack.push(child);
      }
    }
  }
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  const re = /\r\n?|[\n\u2028\u2029]/g;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) starts.push(m.index + m[0].length);
  return starts;
}

export function parseScript(scriptId: string): ParsedScript | null {
  if (parsed.has(scriptId)) return parsed.get(scriptId)!;
  let result: ParsedScript | null = null;
  const source = scriptSource(scriptId);
  // REPL lines share one top-level scope: as scripts, their declarations land in the global scope.
  const order = isSharedScopeScript(scriptUrl(scriptId)) ? (["script", "module"] as const) : (["module", "script"] as const);
  for (const sourceType of order) {
    try {
      const program = parse(source, {
        ecmaVersion: "latest", sourceType, ranges: true, allowHashBang: true,
        allowReturnOutsideFunction: sourceType === "script", allowAwaitOutsideFunction: true,
      }) as unknown as AnyNode;
      const scopes = analyze(program, { ecmaVersion: 2022, sourceType, childVisitorKeys: { ImportExpression: ["source", "options"] } });
      const functions: AnyNode[] = [];
      const patternKeys = new Map<number, string>();
      walk(program, functions, patternKeys);
      result = { source, lineStarts: lineStartsOf(source), scopes, functions, patternKeys };
      break;
    } catch {
      // not this source type (or not JavaScript acorn knows): try the next
    }
  }
  if (parsed.size >= CACHE_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(scriptId, result);
  return result;
}

/** The function node written at `location` whose text is `text` (Function.prototype.toString). */
export function functionAt(script: ParsedScript, location: FunctionLocation, text: string): AnyNode | undefined {
  const key = `${location.scriptId}:${location.line}:${location.column}:${text.length}`;
  const known = located.get(key);
  if (known !== undefined) return known ?? undefined;
  const node = searchFunction(script, location, text);
  if (located.size >= 100_000) located.clear();
  located.set(key, node ?? null);
  return node;
}

function searchFunction(script: ParsedScript, location: FunctionLocation, text: string): AnyNode | undefined {
  const lineStart = script.lineStarts[location.line];
  if (lineStart === undefined) return undefined;
  const offset = lineStart + location.column;
  let best: AnyNode | undefined;
  for (const node of script.functions) {
    if (node.start > offset || node.end < offset) continue;
    if (script.source.slice(node.start, node.end) !== text) continue;
    if (best === undefined || node.start > best.start) best = node;
  }
  return best;
}

/**
 * Where the text of the function at `location` starts in its script (0-based line and column):
 * V8's location may point past a method's name or an arrow's parameters. Undefined when the
 * script cannot be parsed.
 */
export function textPosition(location: FunctionLocation, text: string): { line: number; column: number } | undefined {
  const script = parseScript(location.scriptId);
  if (script === null) return undefined;
  const node = functionAt(script, location, text);
  if (node === undefined) return undefined;
  const starts = script.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= node.start) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: node.start - starts[lo]! };
}

/** REPL lines and other classic scripts share one top-level scope: their URLs are not files or node internals. */
export function isSharedScopeScript(url: string): boolean {
  return !url.startsWith("file:") && !url.startsWith("node:") && url !== "";
}
