/**
 * The guard of a shipped function (core/shipped-fn/types.ts) as it arrives in a stage plan: every
 * field of its entries, modules and captures, and that every index inside it (root, heritage,
 * captured functions and modules) points into its own tables. The type it checks is the
 * ShippedFn type itself (a compile-time check below keeps the two the same).
 */
import type { ShippedFn } from "../shipped-fn/types.js";
import { bool, bytes, dictionary, type Guard, type Infer, int, list, nullable, oneOf, record, refine, str, variants } from "./schema.js";

const capture = variants("a capture kind", {
  data: { index: int() },
  fn: { entry: int() },
  module: { module: int() },
  global: { path: str },
});

const entry = record({
  kind: oneOf("function", "class"),
  source: str,
  wrap: oneOf("expression", "method"),
  strict: bool,
  name: str,
  captures: dictionary(capture),
  origin: nullable(record({ url: str, line: int(), column: int(), dir: str })),
  classId: str,
  heritage: int(-1),
});

const moduleRef = record({
  specifier: str,
  from: str,
  form: oneOf("namespace", "default", "named", "require", "requireMember", "toESM"),
  member: str,
  nodeMode: bool,
});

type Capture = Infer<typeof capture>;

/** Where a capture's index does not point into the closure's tables, why. */
function badCapture(c: Capture, entries: number, modules: number): string | undefined {
  if (c.kind === "fn" && c.entry >= entries) return `names function ${c.entry}, not one of the ${entries}`;
  if (c.kind === "module" && c.module >= modules) return `names module ${c.module}, not one of the ${modules}`;
  return undefined;
}

const closureFields = {
  root: int(),
  entries: list(entry),
  modules: list(moduleRef),
  data: bytes,
  env: dictionary(capture),
  label: str,
};

export const shippedFn = refine(variants("a function kind", { closure: closureFields, global: { path: str, label: str } }), (f) => {
  if (f.kind === "global") return undefined;
  const n = f.entries.length;
  if (f.root >= n) return `has root ${f.root}, not one of its ${n} functions`;
  for (const [i, e] of f.entries.entries()) {
    if (e.heritage >= n) return `entries[${i}] inherits from ${e.heritage}, not one of its ${n} functions`;
    for (const [name, c] of Object.entries(e.captures)) {
      const bad = badCapture(c, n, f.modules.length);
      if (bad) return `entries[${i}].captures.${name} ${bad}`;
    }
  }
  for (const [name, c] of Object.entries(f.env)) {
    const bad = badCapture(c, n, f.modules.length);
    if (bad) return `env.${name} ${bad}`;
  }
  return undefined;
}) satisfies Guard<ShippedFn>;

// the guard's type and ShippedFn are the same both ways
const sameShape: (f: ShippedFn) => Infer<typeof shippedFn> = (f) => f;
void sameShape;
