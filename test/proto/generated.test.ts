/** The committed TypeScript types under proto/generated are what `npm run proto:gen` makes from proto/spate.proto today. */
import test from "ava";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, base) : [path.relative(base, full)];
  });
}

test("proto/generated is current (regenerate with npm run proto:gen)", (t) => {
  const out = mkdtempSync(path.join(tmpdir(), "spate-proto-"));
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const args = pkg.scripts["proto:gen"]!.split(" ").slice(1).map((a) => (a === "--outDir=proto/generated" ? `--outDir=${out}` : a));
    const bin = path.join(root, "node_modules/.bin/proto-loader-gen-types");
    const r = spawnSync(bin, args, { cwd: root, encoding: "utf8", timeout: 60_000 });
    t.is(r.status, 0, r.stderr);
    const committed = path.join(root, "proto/generated");
    const fresh = files(out).sort();
    t.deepEqual(files(committed).filter((f) => f !== "package.json").sort(), fresh);
    for (const f of fresh) t.is(readFileSync(path.join(committed, f), "utf8"), readFileSync(path.join(out, f), "utf8"), f);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
