/**
 * Typings for the parts of eslint-scope (v8, which ships none) that core/shipped-fn uses:
 * `analyze` over an ESTree program, and the scope manager's global scope with the references
 * that no scope resolves (`through`). Consumed only by core/shipped-fn/free-identifiers.ts.
 */
declare module "eslint-scope" {
  export interface Identifier {
    type: "Identifier";
    name: string;
    start: number;
    end: number;
  }

  export interface Reference {
    identifier: Identifier;
    resolved: Variable | null;
    isWrite(): boolean;
    isRead(): boolean;
  }

  export interface Variable {
    name: string;
    references: Reference[];
  }

  export interface Scope {
    type: string;
    through: Reference[];
    variables: Variable[];
    childScopes: Scope[];
  }

  export interface ScopeManager {
    globalScope: Scope;
    scopes: Scope[];
  }

  export interface AnalyzeOptions {
    ecmaVersion?: number;
    sourceType?: "script" | "module" | "commonjs";
    impliedStrict?: boolean;
    nodejsScope?: boolean;
    optimistic?: boolean;
    childVisitorKeys?: Record<string, string[]>;
  }

  export function analyze(tree: object, options?: AnalyzeOptions): ScopeManager;
}
