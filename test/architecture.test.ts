/**
 * The import direction of DESIGN.md, checked on the sources: api -> driver -> core <- executor.
 * core/ imports neither driver/ nor executor/ nor api/; no engine module imports the public
 * barrel api/index; executor/ never imports driver/ (and the reverse only for the in-process backend).
 */
import test from "ava";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/^\s*(?:import|export)[^"']*from\s+["']([^"']+)["']/gm)].map((m) => m[1]!).filter((s) => s.startsWith("."));
}

function target(file: string, spec: string): string {
  return path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec));
}

test("core imports neither driver, executor nor api", (t) => {
  for (const file of sources("core")) {
    for (const spec of imports(file)) {
      const to = target(file, spec);
      t.false(/^(driver|executor|api)\//.test(to), `${file} imports ${spec}`);
    }
  }
});

test("no engine module imports the public barrel api/index", (t) => {
  for (const dir of ["core", "driver", "executor"]) {
    for (const file of sources(dir)) {
      for (const spec of imports(file)) t.not(target(file, spec), "api/index.js", `${file} imports ${spec}`);
    }
  }
});

test("executor does not import driver", (t) => {
  for (const file of sources("executor")) {
    for (const spec of imports(file)) t.false(target(file, spec).startsWith("driver/"), `${file} imports ${spec}`);
  }
});
