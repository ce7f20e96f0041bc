/**
 * Which names a function uses are imports: reads the script the function was written in (the
 * JavaScript V8 runs, after tsx or any other transpiler), finds the function in it by position,
 * and resolves each free name through the script's scopes to its declaration. A name bound by
 * `import x from "m"`, `import { x } from "m"`, `import * as x from "m"`, `const x = require("m")`,
 * `const { x } = require("m")`, `const x = await import("m")` (as the REPL rewrites it), or
 * esbuild's CommonJS form `var x = __toESM(require("m"))`, and written nowhere else, is a module
 * binding: it ships as a reference and is imported again on executors.
 *
 * Called by capture.ts with a function's location; parses each script once (acorn + eslint-scope).
 */
import { parse, type Node } from "acorn";
import { analyze, type Reference, type Scope, type ScopeManager, type Variable } from "eslint-scope";

import { earlierScripts, scriptSource, scriptUrl } from "./inspector-session.js";
import type { FunctionLocation } from "./scope-reader.js";

/** How a module binding takes its value from the module. */
export type ModuleForm =
  | "namespace" // import * as x / await import()
  | "default" // import x / const { default: x } = await import()
  | "named" // import { m as x } / const { m: x } = await import()
  | "require" // const x = require()
  | "requireMember" // const { m: x } = require() / const x = require().m
  | "toESM"; // esbuild's CommonJS output: var x = __toESM(require())

export interface ModuleBinding {
  specifier: string;
  form: ModuleForm;
  /** The export or property taken (named, requireMember). */
  member?: string;
  /** __toESM's second argument (Node's interop: `default` is always module.exports). */
  nodeMode?: boolean;
}

type AnyNode = Node & Record<string, unknown>;

interface ParsedScript {
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

function isNode(v: unknown): v is AnyNode {
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

function parseScript(scriptId: string): ParsedScript | null {
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
function functionAt(script: ParsedScript, location: FunctionLocation, text: string): AnyNode | undefined {
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

function scopeOf(scopes: ScopeManager, node: AnyNode): Scope | null {
  const target = node.type === "Property" || node.type === "MethodDefinition" ? (node["value"] as AnyNode) : node;
  return (scopes as unknown as { acquire(n: object, inner?: boolean): Scope | null }).acquire(target, false);
}

function lookup(scope: Scope | null, name: string): Variable | null {
  for (let s = scope; s !== null; s = (s as unknown as { upper: Scope | null }).upper) {
    const v = (s as unknown as { set: Map<string, Variable> }).set.get(name);
    if (v !== undefined) return v;
  }
  return null;
}

/** `require`, or the `require2` esbuild renames a local `const require = createRequire(...)` to. */
function isCallee(name: unknown, callee: string): boolean {
  return name === callee || (callee === "require" && typeof name === "string" && /^require\d+$/.test(name));
}

function stringArg(call: AnyNode, callee: string): string | undefined {
  if (call.type !== "CallExpression") return undefined;
  const c = call["callee"] as AnyNode;
  if (c.type !== "Identifier" || !isCallee(c["name"], callee)) return undefined;
  const args = call["arguments"] as AnyNode[];
  const first = args[0];
  return first !== undefined && first.type === "Literal" && typeof first["value"] === "string" ? first["value"] : undefined;
}

function importArg(node: AnyNode): string | undefined {
  if (node.type !== "AwaitExpression") return undefined;
  const arg = node["argument"] as AnyNode;
  if (arg.type !== "ImportExpression") return undefined;
  const src = arg["source"] as AnyNode;
  return src.type === "Literal" && typeof src["value"] === "string" ? src["value"] : undefined;
}

function memberName(node: AnyNode): string | undefined {
  if (node.type !== "MemberExpression" || node["computed"] === true) return undefined;
  const p = node["property"] as AnyNode;
  return p.type === "Identifier" ? (p["name"] as string) : undefined;
}

/** The module binding that one write of a variable makes, if it is one. */
function bindingOfWrite(expr: AnyNode, patternKey: string | undefined): ModuleBinding | undefined {
  let e = expr;
  while (e.type === "ParenthesizedExpression") e = e["expression"] as AnyNode;
  const required = stringArg(e, "require");
  if (required !== undefined) {
    return patternKey === undefined ? { specifier: required, form: "require" } : { specifier: required, form: "requireMember", member: patternKey };
  }
  const imported = importArg(e);
  if (imported !== undefined) {
    if (patternKey === undefined) return { specifier: imported, form: "namespace" };
    return patternKey === "default" ? { specifier: imported, form: "default" } : { specifier: imported, form: "named", member: patternKey };
  }
  if (patternKey !== undefined) return undefined;
  const member = memberName(e);
  if (member !== undefined) {
    const object = e["object"] as AnyNode;
    const req = stringArg(object, "require");
    if (req !== undefined) return { specifier: req, form: "requireMember", member };
    const imp = importArg(object);
    if (imp !== undefined) return member === "default" ? { specifier: imp, form: "default" } : { specifier: imp, form: "named", member };
  }
  if (e.type === "CallExpression" && (e["callee"] as AnyNode).type === "Identifier" && (e["callee"] as AnyNode)["name"] === "__toESM") {
    const args = e["arguments"] as AnyNode[];
    const req = args[0] !== undefined ? stringArg(args[0], "require") : undefined;
    if (req !== undefined) {
      const flag = args[1];
      const nodeMode = flag !== undefined && flag.type === "Literal" && Boolean(flag["value"]);
      return { specifier: req, form: "toESM", nodeMode };
    }
  }
  return undefined;
}

function bindingOfVariable(script: ParsedScript, variable: Variable): ModuleBinding | undefined {
  const def = (variable as unknown as { defs: Array<{ type: string; node: AnyNode; parent: AnyNode }> }).defs[0];
  if (def === undefined) return undefined;
  if (def.type === "ImportBinding") {
    const source = (def.parent["source"] as AnyNode)["value"];
    if (typeof source !== "string") return undefined;
    const spec = def.node;
    if (spec.type === "ImportNamespaceSpecifier") return { specifier: source, form: "namespace" };
    if (spec.type === "ImportDefaultSpecifier") return { specifier: source, form: "default" };
    const imported = spec["imported"] as AnyNode;
    const name = imported.type === "Identifier" ? (imported["name"] as string) : String(imported["value"]);
    return name === "default" ? { specifier: source, form: "default" } : { specifier: source, form: "named", member: name };
  }
  if (def.type !== "Variable") return undefined;
  const writes = variable.references.filter((r: Reference) => r.isWrite());
  if (writes.length !== 1) return undefined;
  const write = writes[0] as Reference & { writeExpr?: AnyNode };
  if (write.writeExpr === undefined) return undefined;
  return bindingOfWrite(write.writeExpr, script.patternKeys.get(write.identifier.start));
}

/** REPL lines and other classic scripts share one top-level scope: their URLs are not files or node internals. */
function isSharedScopeScript(url: string): boolean {
  return !url.startsWith("file:") && !url.startsWith("node:") && url !== "";
}

export interface NameResolution {
  /** Declared inside the function's own script (false: REPL scope or global). */
  declaredInScript: boolean;
  module?: ModuleBinding;
  /** The file the binding's import resolves from ("" when it is not a file: the REPL). */
  file: string;
}

/**
 * Resolves the free `names` of the function at `location` (whose text is `text`) to their
 * declarations. Names declared in an earlier REPL line are looked up in those lines.
 * Returns undefined when the script cannot be read or parsed.
 */
export function resolveNames(location: FunctionLocation, text: string, names: readonly string[]): Map<string, NameResolution> | undefined {
  const script = parseScript(location.scriptId);
  if (script === null) return undefined;
  const url = scriptUrl(location.scriptId);
  const node = functionAt(script, location, text);
  if (node === undefined) return undefined;
  const scope = scopeOf(script.scopes, node);
  const out = new Map<string, NameResolution>();
  for (const name of names) {
    const variable = lookup(scope, name);
    if (variable !== null && (variable as unknown as { defs: unknown[] }).defs.length > 0) {
      const module = bindingOfVariable(script, variable);
      out.set(name, module === undefined ? { declaredInScript: true, file: url } : { declaredInScript: true, module, file: url });
      continue;
    }
    out.set(name, { declaredInScript: false, file: url });
  }
  return out;
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

/** A module binding declared at the top level of an earlier REPL line (or classic script). */
export function replModuleBinding(name: string): ModuleBinding | undefined {
  for (const id of earlierScripts(undefined, isSharedScopeScript)) {
    const script = parseScript(id);
    if (script === null) continue;
    const variable = (script.scopes.globalScope as unknown as { set: Map<string, Variable> }).set.get(name);
    if (variable === undefined || (variable as unknown as { defs: unknown[] }).defs.length === 0) continue;
    return bindingOfVariable(script, variable);
  }
  return undefined;
}
