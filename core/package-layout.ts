/**
 * Where spate's own files are, from any module: the plain `tsc` output under dist/ or the
 * esbuild bundles under dist/bundle/ (one file each for the executor process and the slot
 * thread, which start several times faster than the same code as ~100 modules). Used to find
 * the proto file and the entry points of executor processes and slot threads.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The directory of spate's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "spate") return (root = dir);
      } catch {
        // not ours: keep looking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error("spate: cannot find the package root (package.json named spate) above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** A built entry point: its bundle when the build made one, else the plain module. */
export function entryPoint(name: "executor-main" | "slot-worker"): string {
  const bundle = path.join(packageRoot(), "dist", "bundle", `${name}.js`);
  return existsSync(bundle) ? bundle : path.join(packageRoot(), "dist", "executor", `${name}.js`);
}

/**
 * The directories of spate's own code, each ending in a separator: the built modules and bundles
 * under dist/, and in a clone the TypeScript sources they map back to. Its tests and examples
 * are not among them (they are code of a user of spate).
 */
export function spateCodeDirs(): string[] {
  const top = packageRoot();
  const names = ["api", "core", "driver", "executor", "deploy"];
  return [
    ...names.map((d) => path.join(top, "dist", d) + path.sep),
    path.join(top, "dist", "bundle") + path.sep,
    ...names.map((d) => path.join(top, d) + path.sep),
  ];
}
