/**
 * The import rules of .dependency-cruiser.cjs (api -> driver -> core <- executor, deploy/ apart,
 * no cycles but the known ones), checked on the sources with dependency-cruiser's own API, the
 * check `npm run lint:deps` runs alone. Then proof that it cannot be fooled: in scratch trees,
 * core/ reaching driver/ by a side-effect import, a dynamic import and `export * from`, a
 * cycle of two files made of `import type`, the master importing the worker and an import that
 * resolves nowhere are each reported; the known cycles the config lists are not, but a third
 * file joining one, or a cycle of two of their files that are not a listed pair, is.
 */
import test, { type ExecutionContext } from "ava";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CONFIG = path.join(root, ".dependency-cruiser.cjs");
/** every folder of spate's own TypeScript (tests, examples and generated proto types aside) */
const SOURCES = ["api", "core", "driver", "executor", "deploy"];

interface Cruised {
  violations: IViolation[];
  modules: number;
  comments: Map<string, string>;
}

async function check(baseDir: string, dirs: string[]): Promise<Cruised> {
  const options = await extractDepcruiseOptions(CONFIG);
  const comments = new Map((options.ruleSet?.forbidden ?? []).map((r) => [r.name ?? "", r.comment ?? ""]));
  const result = await cruise(dirs, { ...options, baseDir }, {}, { tsConfig: extractTSConfig(path.join(root, "tsconfig.json")) });
  const output = result.output as ICruiseResult;
  return { violations: output.summary.violations, modules: output.summary.totalCruised, comments };
}

/** One violation as a line a developer can act on: the rule, the import, the cycle, why. */
function explain(v: IViolation, comments: Map<string, string>): string {
  const cycle = v.cycle ? ` (cycle: ${[v.from, ...v.cycle.map((c) => `${c.name} [${c.dependencyTypes.join(", ")}]`)].join(" -> ")})` : "";
  return `${v.rule.name}: ${v.from} -> ${v.to}${cycle}\n  ${comments.get(v.rule.name) ?? ""}`;
}

/** A violation as a comparable key: a cycle by its files (it may be reported on any of its imports). */
function key(v: IViolation): string {
  if (!v.cycle) return `${v.rule.name}: ${v.from} -> ${v.to}`;
  return `${v.rule.name}: ${[...new Set([v.from, ...v.cycle.map((c) => c.name)])].sort().join(" <-> ")}`;
}

test("the sources keep the import rules of .dependency-cruiser.cjs", async (t) => {
  const { violations, modules, comments } = await check(root, SOURCES);
  t.true(modules > 150, `only ${modules} modules were cruised: is the check looking at the sources?`);
  t.deepEqual(violations.map((v) => explain(v, comments)), [], "import rules broken (npm run lint:deps shows the same)");
});

test("every source folder is checked, by this test and by npm run lint:deps alike", (t) => {
  const outside = new Set(["test", "examples", "proto", "dist", "node_modules"]);
  const withTs = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? withTs(path.join(dir, e.name)) : e.name.endsWith(".ts")));
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !outside.has(e.name) && withTs(path.join(root, e.name)))
    .map((e) => e.name);
  t.deepEqual(folders.sort(), [...SOURCES].sort());
  const script = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["lint:deps"] ?? "";
  t.regex(script, /^depcruise --config \.dependency-cruiser\.cjs /);
  t.deepEqual(script.split(/\s+/).slice(3).sort(), [...SOURCES].sort());
});

/** Writes `files` (path -> text) into a new scratch directory and cruises it with the config. */
async function cruiseScratch(t: ExecutionContext, files: Record<string, string>): Promise<Cruised> {
  const dir = mkdtempSync(path.join(tmpdir(), "spate-depcruise-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return check(dir, [...new Set(Object.keys(files).map((f) => f.split("/")[0]!))]);
}

test("side-effect, dynamic and re-export imports, type-only cycles and unresolvable imports are all reported", async (t) => {
  const { violations, comments } = await cruiseScratch(t, {
    "driver/x.ts": "export const x = 1;\n",
    "core/side-effect.ts": 'import "../driver/x.js";\n',
    "core/dynamic.ts": 'export async function load(): Promise<unknown> {\n  return await import("../driver/x.js");\n}\n',
    "core/re-export.ts": 'export * from "../driver/x.js";\n',
    "core/cycle-a.ts": 'import type { B } from "./cycle-b.js";\nexport interface A { b?: B }\n',
    "core/cycle-b.ts": 'import type { A } from "./cycle-a.js";\nexport interface B { a?: A }\n',
    "core/typo.ts": 'import "../drivr/x.js";\n',
    "deploy/worker/w.ts": "export const w = 1;\n",
    "deploy/worker/w2.ts": 'export { w } from "./w.js";\n',
    "deploy/master/m.ts": 'import { w } from "../worker/w.js";\nexport const m = w;\n',
  });
  t.deepEqual(
    [...new Set(violations.map(key))].sort(),
    [
      "core-imports-no-outer-layer: core/dynamic.ts -> driver/x.ts",
      "core-imports-no-outer-layer: core/re-export.ts -> driver/x.ts",
      "core-imports-no-outer-layer: core/side-effect.ts -> driver/x.ts",
      "master-and-worker-apart: deploy/master/m.ts -> deploy/worker/w.ts",
      "no-circular: core/cycle-a.ts <-> core/cycle-b.ts",
      "not-to-unresolvable: core/typo.ts -> ../drivr/x.js",
    ],
    violations.map((v) => explain(v, comments)).join("\n"),
  );
  const typeCycle = violations.find((v) => v.cycle !== undefined);
  t.true(typeCycle!.cycle!.every((c) => c.dependencyTypes.includes("type-only")), "the reported cycle is made of type-only imports");
  const kinds = new Map(violations.map((v) => [v.from, v.dependencyTypes ?? []]));
  t.true(kinds.get("core/dynamic.ts")!.includes("dynamic-import"), "seen as a dynamic import");
  t.true(kinds.get("core/re-export.ts")!.includes("export"), "seen as a re-export");
});

/**
 * What the config's no-circular rules let through: the files its general rule leaves to others
 * (`exempt`), and the pairs of them allowed to import each other (the rules naming a partner).
 */
async function knownCycles(): Promise<{ exempt: string[]; pairs: Array<[string, string]> }> {
  const options = await extractDepcruiseOptions(CONFIG);
  const files = (pattern: unknown): string[] =>
    String(pattern ?? "").replace(/^\^\(|\)\$$/g, "").split("|").filter((f) => f !== "").map((f) => f.replace(/\\/g, ""));
  const rules = (options.ruleSet?.forbidden ?? []).flatMap((r) => ("to" in r && r.name === "no-circular" ? [r] : []));
  const exempt = rules.flatMap((r) => files(r.from.pathNot));
  const pairs = rules.flatMap((r): Array<[string, string]> => (r.to.path === undefined ? [] : [[files(r.from.path)[0]!, files(r.to.path)[0]!]]));
  return { exempt, pairs: pairs.filter(([a, b]) => a < b) };
}

test("a known cycle is allowed only as its pair: a third file joining it, or two of its files not paired, are reported", async (t) => {
  const { exempt, pairs } = await knownCycles();
  if (exempt.length === 0) {
    t.pass("no known cycles left");
    return;
  }
  const imports = new Map<string, string[]>();
  const cycle = (a: string, b: string): void => {
    imports.set(a, [...(imports.get(a) ?? []), b]);
    imports.set(b, [...(imports.get(b) ?? []), a]);
  };
  for (const [a, b] of pairs) cycle(a, b);
  const expected: string[] = [];
  const joiner = "core/joins-a-known-cycle.ts";
  cycle(exempt[0]!, joiner);
  expected.push(`no-circular: ${[joiner, exempt[0]!].sort().join(" <-> ")}`);
  const paired = (x: string, y: string): boolean => pairs.some((p) => p.includes(x) && p.includes(y));
  const unpaired = exempt.flatMap((x) => exempt.filter((y) => x < y && !paired(x, y)).map((y) => [x, y] as const))[0];
  if (unpaired) {
    cycle(...unpaired);
    expected.push(`no-circular: ${unpaired.join(" <-> ")}`);
  }
  const files: Record<string, string> = {};
  for (const [from, tos] of imports) {
    const lines = tos.map((to, i) => {
      const spec = path.relative(path.dirname(from), to).replace(/\.ts$/, ".js");
      return `import type { T as T${i} } from "${spec.startsWith(".") ? spec : `./${spec}`}";`;
    });
    files[from] = `${lines.join("\n")}\nexport type T = ${tos.map((_, i) => `T${i}`).join(" | ")};\n`;
  }
  const { violations, comments } = await cruiseScratch(t, files);
  t.deepEqual([...new Set(violations.map(key))].sort(), expected.sort(), violations.map((v) => explain(v, comments)).join("\n"));
});
