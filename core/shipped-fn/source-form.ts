/**
 * Turns a function's source text (Function.prototype.toString) into an expression that
 * evaluates to an equivalent function, and says which names it uses freely. Handles arrows,
 * function expressions/declarations (async, generator), classes, and method shorthand
 * (`foo(x) {}`, `async *gen() {}`, getters, computed keys), which is wrapped in an object
 * literal and picked out by the revive-side helper METHOD_PICKER. Every dynamic `import()` is
 * rewritten to call IMPORT_SHIM (found with acorn, not by text). Called by ship.ts, once per
 * distinct source; hands back an AnalyzedSource or a Problem that ship.ts turns into an error.
 */
import { parse, type Node, type Options } from "acorn";
import { builtinModules } from "node:module";

import { freeIdentifiers } from "./free-identifiers.js";
import { IMPORT_SHIM, METHOD_PICKER } from "./types.js";

export { IMPORT_SHIM, METHOD_PICKER };

const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

export interface AnalyzedSource {
  ok: true;
  /** The function's own source with every import() rewritten (not wrapped). */
  body: string;
  /** How `body` becomes an expression: in parentheses, or a method picked out of an object literal. */
  wrap: "expression" | "method";
  /** Whether it is a class. */
  isClass: boolean;
  /** False only when the source does not parse as strict (module) code. */
  strict: boolean;
  /** Names used but not declared inside, in order of first use. */
  freeNames: readonly string[];
  /**
   * Whether every `require(...)` and `import(...)` inside loads a built-in module by a literal
   * name (`require("node:fs")`): then where the function was written does not matter to them.
   */
  loadsOnlyBuiltins: boolean;
}

/** Why a source cannot be shipped, phrased to follow "the function cannot be shipped: ". */
export interface Problem {
  ok: false;
  reason: string;
}

interface Wrapping {
  prefix: string;
  suffix: string;
  method: boolean;
}

const EXPRESSION: Wrapping = { prefix: "(", suffix: "\n)", method: false };
const METHOD: Wrapping = { prefix: "({", suffix: "\n})", method: true };

interface Parsed {
  program: Node;
  text: string;
  wrapping: Wrapping;
  sourceType: "module" | "script";
}

function tryParse(source: string, wrapping: Wrapping, sourceType: "module" | "script"): Parsed | SyntaxError {
  const text = wrapping.prefix + source + wrapping.suffix;
  // eslint-scope reads `range` (default parameters vs. body declarations).
  const options: Options = { ecmaVersion: "latest", sourceType, ranges: true };
  try {
    const program = parse(text, options);
    return { program, text, wrapping, sourceType };
  } catch (error) {
    if (error instanceof SyntaxError) return error;
    throw error;
  }
}

/** The single statement of a wrapped program must be the function (or the one-method object). */
function isWholeFunction(parsed: Parsed): boolean {
  const body = (parsed.program as unknown as { body: Node[] }).body;
  if (body.length !== 1 || body[0]!.type !== "ExpressionStatement") return false;
  const expression = (body[0] as unknown as { expression: Node }).expression;
  if (!parsed.wrapping.method) {
    return ["ArrowFunctionExpression", "FunctionExpression", "ClassExpression"].includes(expression.type);
  }
  if (expression.type !== "ObjectExpression") return false;
  const properties = (expression as unknown as { properties: Array<Node & { method?: boolean; kind?: string }> })
    .properties;
  const only = properties[0];
  return properties.length === 1 && only !== undefined && only.type === "Property" && (only.method === true || only.kind !== "init");
}

function parseFunctionSource(source: string): Parsed | Problem {
  const errors: Array<{ error: SyntaxError; at: number }> = [];
  for (const sourceType of ["module", "script"] as const) {
    for (const wrapping of [EXPRESSION, METHOD]) {
      const parsed = tryParse(source, wrapping, sourceType);
      if (!(parsed instanceof SyntaxError)) {
        if (isWholeFunction(parsed)) return parsed;
        continue;
      }
      const pos = (parsed as SyntaxError & { pos?: number }).pos ?? 0;
      errors.push({ error: parsed, at: pos - wrapping.prefix.length });
    }
  }
  // The attempt that got furthest into the source has the most telling message.
  const best = errors.sort((a, b) => b.at - a.at)[0];
  const detail = best === undefined ? "it is not a function expression" : best.error.message.replace(/ \(\d+:\d+\)$/, "");
  return { ok: false, reason: `its source does not parse on its own (${detail})` };
}

type AnyNode = Node & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/**
 * Walks the AST once: collects the start of every `import(...)` and reports `import.meta`
 * and a `super` that no class or object-literal method inside the function binds.
 */
function scan(parsed: Parsed): { importStarts: number[]; loadsOnlyBuiltins: boolean } | Problem {
  const importStarts: number[] = [];
  let loadsOnlyBuiltins = true;
  const builtinArgument = (arg: AnyNode | undefined): boolean =>
    arg !== undefined && arg.type === "Literal" && typeof arg["value"] === "string" && (arg["value"].startsWith("node:") || BUILTINS.has(arg["value"]));
  let problem: Problem | undefined;
  const root = (parsed.program as unknown as { body: Array<{ expression: AnyNode }> }).body[0]!.expression;
  const rootMethod = parsed.wrapping.method ? (root["properties"] as AnyNode[])[0] : undefined;

  const visit = (node: AnyNode, homes: number): void => {
    if (problem !== undefined) return;
    switch (node.type) {
      case "ImportExpression":
        importStarts.push(node.start);
        if (!builtinArgument(node["source"] as AnyNode)) loadsOnlyBuiltins = false;
        break;
      case "CallExpression": {
        const callee = node["callee"] as AnyNode;
        if (callee.type === "Identifier" && callee["name"] === "require" && !builtinArgument((node["arguments"] as AnyNode[])[0])) loadsOnlyBuiltins = false;
        break;
      }
      case "MetaProperty":
        if ((node["meta"] as { name: string }).name === "import") {
          problem = {
            ok: false,
            reason: "it uses import.meta, which has no meaning on executors: compute the value outside the function (const url = import.meta.url) and use that",
          };
          return;
        }
        break;
      case "Super":
        if (homes === 0) {
          problem = {
            ok: false,
            reason: "it uses super, which does not cross to executors: pass an arrow function instead",
          };
          return;
        }
        break;
      case "ClassBody":
        homes += 1;
        break;
      case "Property":
        if (node !== rootMethod && (node["method"] === true || node["kind"] !== "init")) homes += 1;
        break;
    }
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item, homes);
      } else if (isNode(child)) {
        visit(child, homes);
      }
    }
  };
  visit(root, 0);
  return problem ?? { importStarts, loadsOnlyBuiltins };
}

/**
 * The expression that evaluates to the function `body` (as analyzeSource gave it). The body
 * starts on the expression's second line, after `column` spaces: placed at the line and column
 * it was written at, a stack trace through it shows the positions of the user's file.
 */
export function wrapExpression(body: string, wrap: "expression" | "method", column = 0): string {
  const lead = `\n${" ".repeat(column)}`;
  return wrap === "method" ? `${METHOD_PICKER}({${lead}${body}\n})` : `(${lead}${body}\n)`;
}

/** Analyses one function source; the result depends on nothing but the text. */
export function analyzeSource(source: string): AnalyzedSource | Problem {
  const parsed = parseFunctionSource(source);
  if ("ok" in parsed) return parsed;
  const scanned = scan(parsed);
  if ("ok" in scanned) return scanned;
  const offset = parsed.wrapping.prefix.length;
  let body = source;
  for (const start of scanned.importStarts.sort((a, b) => b - a)) {
    body = body.slice(0, start - offset) + IMPORT_SHIM + body.slice(start - offset + "import".length);
  }
  const root = (parsed.program as unknown as { body: Array<{ expression: AnyNode }> }).body[0]!.expression;
  return {
    ok: true,
    body,
    wrap: parsed.wrapping.method ? "method" : "expression",
    isClass: root.type === "ClassExpression",
    loadsOnlyBuiltins: scanned.loadsOnlyBuiltins,
    strict: parsed.sourceType === "module",
    freeNames: freeIdentifiers(parsed.program, parsed.sourceType),
  };
}
