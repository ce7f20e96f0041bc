/**
 * Which names a function uses are imports: reads the script the function was written in (the
 * JavaScript V8 runs, after tsx or any other transpiler), finds the function in it by position,
 * and resolves each free name through the script's scopes to its declaration. A name bound by
 * `import x from "m"`, `import { x } from "m"`, `import * as x from "m"`, `const x = require("m")`,
 * `const { x } = require("m")`, `const x = await import("m")` (as the REPL rewrites it), or
 * esbuild's CommonJS form `var x = __toESM(require("m"))`, and written nowhere else, is a module
 * binding: it ships as a reference and is imported again on executors.
 *
 * Called by closure-builder.ts with a function's location; the scripts are parsed by script-index.ts.
 */
import type { Reference, Scope, ScopeManager, Variable } from "eslint-scope";

import { earlierScripts, scriptUrl } from "./inspector-session.js";
import type { FunctionLocation } from "./scope-reader.js";
import { type AnyNode, functionAt, isSharedScopeScript, parseScript, type ParsedScript } from "./script-index.js";

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
