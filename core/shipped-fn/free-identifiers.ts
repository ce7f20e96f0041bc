/**
 * Free identifiers of a parsed function: the names it reads or writes that no scope inside it
 * declares. Real scope analysis by eslint-scope (parameters with destructuring and defaults,
 * var/let/const/function/class, catch parameters, block scopes, class bodies, named function
 * expressions; labels and property names are not references). Called by source-form.ts with
 * the acorn AST of the wrapped function; hands back the names in order of first use.
 */
import { analyze } from "eslint-scope";

/** Child keys eslint-scope's default table lacks (acorn puts import attributes in `options`). */
const EXTRA_CHILD_KEYS = { ImportExpression: ["source", "options"] };

/** Names used but not declared inside `program` (one wrapped function), in source order, each once. */
export function freeIdentifiers(program: object, sourceType: "module" | "script"): string[] {
  const scopes = analyze(program, { ecmaVersion: 2022, sourceType, childVisitorKeys: EXTRA_CHILD_KEYS });
  const through = [...scopes.globalScope.through].sort((a, b) => a.identifier.start - b.identifier.start);
  const names: string[] = [];
  const seen = new Set<string>();
  for (const reference of through) {
    const name = reference.identifier.name;
    if (seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  return names;
}
