/**
 * Executors import what the user's functions imported: the module references of a shipped
 * closure (`import fs from "node:fs"`, `import { parseRow } from "./parse.js"`, `const h5 =
 * require("h5wasm")`), and the `import()` / `require()` calls inside function bodies.
 *
 * Resolution is Node's, from the importing file's directory: `require` forms through
 * createRequire (CommonJS conditions), `import` forms through the ES module rules, done here for
 * bare names (package.json `exports` with the "node", "import", "default" conditions, then
 * `main`) because Node 20 cannot resolve an import from another file's directory, and its
 * CommonJS fallback misses ESM-only packages. TypeScript files (a user's `./parse.js` that is
 * parse.ts) load through tsx's CommonJS hook: ES module hooks do not reach worker threads on
 * Node 20. Modules are loaded once per thread; revive.ts reads them synchronously afterwards.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { EngineError } from "../engine-error.js";
import type { ModuleRef } from "./types.js";

const BUILTINS: ReadonlySet<string> = new Set(builtinModules);
const CONDITIONS: ReadonlySet<string> = new Set(["node", "import", "node-addons", "default"]);
const TS_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx"];
const TS_SWAPS: Record<string, string[]> = { ".js": [".ts", ".tsx"], ".mjs": [".mts"], ".cjs": [".cts"], ".jsx": [".tsx"] };

const loaded = new Map<string, unknown>();
const ownRequire = createRequire(import.meta.url);
let tsxRegistered = false;

export function isTypeScriptFile(file: string): boolean {
  return TS_EXTENSIONS.includes(path.extname(file));
}

/** Makes `require` of TypeScript files work in this thread (tsx's CommonJS hook), once. */
export function enableTypeScript(): void {
  if (tsxRegistered) return;
  tsxRegistered = true;
  (ownRequire("tsx/cjs/api") as { register(): unknown }).register();
}

function isPathSpecifier(specifier: string): boolean {
  return specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../") || path.isAbsolute(specifier);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A file path as written, or the TypeScript file a transpiler maps it to (parse.js -> parse.ts). */
function existingFile(file: string): string | undefined {
  if (isFile(file)) return file;
  const ext = path.extname(file);
  for (const swap of TS_SWAPS[ext] ?? []) {
    const candidate = file.slice(0, -ext.length) + swap;
    if (isFile(candidate)) return candidate;
  }
  if (ext === "") {
    for (const e of [".ts", ".js", ".mts", ".mjs", ".cts", ".cjs"]) if (isFile(file + e)) return file + e;
    for (const e of ["index.ts", "index.js"]) if (isFile(path.join(file, e))) return path.join(file, e);
  }
  return undefined;
}

/** Node's own error for a module that is not there (code ERR_MODULE_NOT_FOUND), saying what a cluster needs. */
function notFound(specifier: string, dir: string, detail = ""): Error {
  const error = new Error(
    `Cannot find module '${specifier}' from ${dir}${detail}. On a cluster, every node must see the same files and packages at the same paths (a shared file system), or the package must be installed on each node`,
  );
  return Object.assign(error, { code: "ERR_MODULE_NOT_FOUND" });
}

type Exports = string | null | Exports[] | { [key: string]: Exports };

function resolveTarget(target: Exports, star: string | undefined): string | undefined {
  if (target === null) return undefined;
  if (typeof target === "string") return star === undefined ? target : target.split("*").join(star);
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = resolveTarget(t, star);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  for (const [key, value] of Object.entries(target)) {
    if (!CONDITIONS.has(key)) continue;
    const r = resolveTarget(value, star);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** package.json `exports` for `subpath` ("." or "./x"), as Node resolves an import. */
function resolveExports(exports: Exports, subpath: string): string | undefined {
  const isMap = typeof exports === "object" && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith("."));
  const map = (isMap ? exports : { ".": exports }) as Record<string, Exports>;
  if (Object.hasOwn(map, subpath) && !subpath.includes("*")) return resolveTarget(map[subpath]!, undefined);
  let best: { key: string; star: string } | undefined;
  for (const key of Object.keys(map)) {
    const at = key.indexOf("*");
    if (at < 0) continue;
    const prefix = key.slice(0, at);
    const suffix = key.slice(at + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      if (best === undefined || prefix.length > best.key.indexOf("*")) best = { key, star: subpath.slice(prefix.length, subpath.length - suffix.length) };
    }
  }
  return best === undefined ? undefined : resolveTarget(map[best.key]!, best.star);
}

/** Resolves a bare package specifier as `import` does, from `dir`. */
function resolvePackage(specifier: string, dir: string): string {
  const parts = specifier.split("/");
  const nameParts = specifier.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, nameParts).join("/");
  const subpath = parts.length > nameParts ? `./${parts.slice(nameParts).join("/")}` : ".";
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const pkgDir = path.join(d, "node_modules", name);
    const manifest = path.join(pkgDir, "package.json");
    if (existsSync(manifest)) {
      let pkg: { exports?: Exports; main?: string };
      try {
        pkg = JSON.parse(readFileSync(manifest, "utf8")) as typeof pkg;
      } catch (e) {
        throw notFound(specifier, dir, ` (${manifest} is not valid JSON: ${(e as Error).message})`);
      }
      if (pkg.exports !== undefined) {
        const target = resolveExports(pkg.exports, subpath);
        if (target === undefined) throw notFound(specifier, dir, ` (the package '${name}' does not export '${subpath}' for import)`);
        return path.join(pkgDir, target);
      }
      const main = subpath === "." ? (pkg.main ?? "index.js") : subpath;
      const file = existingFile(path.join(pkgDir, main)) ?? existingFile(path.join(pkgDir, main, "index.js"));
      if (file === undefined) throw notFound(specifier, dir, ` (no file for '${main}' in ${pkgDir})`);
      return file;
    }
    if (path.dirname(d) === d) throw notFound(specifier, dir);
  }
}

/** The file an `import` of `specifier` from `dir` loads, or undefined for built-ins and URLs. */
export function resolveImport(specifier: string, dir: string): string | undefined {
  if (specifier.startsWith("node:") || BUILTINS.has(specifier) || /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(specifier)) return undefined;
  if (isPathSpecifier(specifier)) {
    const file = existingFile(path.resolve(dir, specifier));
    if (file === undefined) throw notFound(specifier, dir);
    return file;
  }
  return resolvePackage(specifier, dir);
}

/** A module's namespace (or, for a TypeScript file, its exports) as `import()` gives it. */
async function importNamespace(specifier: string, dir: string): Promise<Record<string, unknown>> {
  const file = resolveImport(specifier, dir);
  if (file === undefined) return (await import(specifier)) as Record<string, unknown>;
  if (isTypeScriptFile(file)) {
    enableTypeScript();
    return createRequire(file)(file) as Record<string, unknown>;
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/** `import()` as it behaves in a file of `dir`: what shipped function bodies call. */
export function importFrom(dir: string): (specifier: unknown, options?: ImportCallOptions) => Promise<unknown> {
  return async (specifier, options) => {
    if (typeof specifier !== "string") return options === undefined ? import(specifier as string) : import(specifier as string, options);
    return importNamespace(specifier, dir);
  };
}

/** `require` as it behaves in a file of `dir` (TypeScript files included). */
export function requireFrom(dir: string): NodeRequire {
  const req = createRequire(path.join(dir, "[shipped function]"));
  const wrapped = ((specifier: string) => {
    if (isPathSpecifier(specifier)) {
      const file = existingFile(path.resolve(dir, specifier));
      if (file !== undefined && isTypeScriptFile(file)) enableTypeScript();
      if (file !== undefined) return req(file);
    }
    return req(specifier);
  }) as NodeRequire;
  return Object.assign(wrapped, { resolve: req.resolve, cache: req.cache, main: req.main, extensions: req.extensions });
}

function dirOf(ref: ModuleRef): string {
  if (ref.from === "") return process.cwd();
  return ref.from.endsWith("/") ? ref.from : path.dirname(ref.from);
}

function keyOf(ref: ModuleRef): string {
  const builtin = ref.specifier.startsWith("node:") || BUILTINS.has(ref.specifier);
  return `${ref.specifier}\u0000${builtin ? "" : dirOf(ref)}\u0000${ref.form === "toESM" ? `toESM${ref.nodeMode}` : ref.form === "require" || ref.form === "requireMember" ? "require" : "import"}`;
}

/** The exports of a `require` form, with ESM-only packages and TypeScript files handled. */
async function requireModule(ref: ModuleRef): Promise<unknown> {
  const dir = dirOf(ref);
  if (isPathSpecifier(ref.specifier)) {
    const file = existingFile(path.resolve(dir, ref.specifier));
    if (file !== undefined && isTypeScriptFile(file)) enableTypeScript();
  }
  try {
    return requireFrom(dir)(ref.specifier);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    // An ES module (what tsx's own require hook handled on the driver): import it instead.
    if (code === "ERR_REQUIRE_ESM" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || code === "MODULE_NOT_FOUND") {
      try {
        return await importNamespace(ref.specifier, dir);
      } catch {
        throw e;
      }
    }
    throw e;
  }
}

/** esbuild's __toESM: `default` is module.exports (unless it is an ES module compiled to CommonJS), named exports copied. */
function toESM(mod: unknown, nodeMode: boolean): unknown {
  if (typeof mod === "object" && mod !== null && Object.prototype.toString.call(mod) === "[object Module]") return mod;
  const target: Record<string, unknown> = Object.create(mod !== null && typeof mod === "object" ? Object.getPrototypeOf(mod) : null);
  const isEsm = !nodeMode && mod !== null && typeof mod === "object" && (mod as { __esModule?: unknown }).__esModule === true;
  if (!isEsm) Object.defineProperty(target, "default", { value: mod, enumerable: true });
  if ((typeof mod === "object" && mod !== null) || typeof mod === "function") {
    for (const key of Object.getOwnPropertyNames(mod)) {
      if (key === "default" && !isEsm) continue;
      if (!Object.hasOwn(target, key)) Object.defineProperty(target, key, { get: () => (mod as Record<string, unknown>)[key], enumerable: true });
    }
  }
  return target;
}

/** Loads one module reference (once per thread per specifier, directory and form). */
export async function loadModule(ref: ModuleRef): Promise<void> {
  const key = keyOf(ref);
  if (loaded.has(key)) return;
  let value: unknown;
  switch (ref.form) {
    case "require":
    case "requireMember":
      value = await requireModule(ref);
      break;
    case "toESM":
      value = toESM(await requireModule(ref), ref.nodeMode);
      break;
    default:
      value = await importNamespace(ref.specifier, dirOf(ref));
  }
  loaded.set(key, value);
}

/** The value a module binding has, once its module was loaded by loadModule. */
export function moduleValue(ref: ModuleRef): unknown {
  const key = keyOf(ref);
  if (!loaded.has(key)) throw new EngineError("INTERNAL", `the module '${ref.specifier}' was not loaded before the function that uses it was revived`);
  const mod = loaded.get(key) as Record<string, unknown>;
  switch (ref.form) {
    case "default":
      return mod["default"];
    case "named": {
      if (!(ref.member in mod)) throw new EngineError("TASK_FAILED", `the module '${ref.specifier}' has no export named '${ref.member}' on this executor`);
      return mod[ref.member];
    }
    case "requireMember":
      return mod[ref.member];
    default:
      return mod;
  }
}
