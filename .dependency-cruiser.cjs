/**
 * spate's import rules, checked by dependency-cruiser over api/ core/ driver/ executor/ deploy/
 * (`npm run lint:deps` alone; test/architecture.test.ts runs the same check in `npm test`).
 *
 *   api -> driver -> core <- executor        deploy/ (master, worker) -> core
 *
 * core/ is what driver and executors share and imports none of them; the driver and the
 * executor never import each other (local[N] gets its in-process executor through a factory in
 * core/local-executor.ts, registered by api/index.ts); the standalone master and worker are
 * apart from the engine and from each other, and meet drivers and executors only over gRPC.
 * Only api/ may import api/index (the public barrel).
 *
 * Every kind of import counts: static, side-effect (`import "x"`), dynamic (`import("x")`),
 * re-exports (`export * from`), require, and type-only imports (tsPreCompilationDeps), which
 * also count for cycles. An import that cannot be resolved is an error too, since the rules
 * cannot see where it goes.
 */

/**
 * The cycles allowed for now, each a pair of files that import each other. Any other cycle,
 * including one that runs through one of these files and a third, fails the check.
 */
const KNOWN_CYCLES = [
  // none left: the operation-modules refactor (issue 9) removed the last ones (rdd.ts with
  // dependency.ts and rdd-context.ts, plan-evaluator.ts with shuffle-reader.ts)
];

const exactly = (...files) => `^(${files.map((f) => f.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})$`;

/**
 * The cycle rules. A cycle is reported on each of its edges (from -> to, with the rest of the
 * cycle in `via`). An edge from a file outside the known pairs may not be on any cycle; an edge
 * from a file of a pair may be on a cycle only when it goes to its partner and the cycle holds
 * nothing but the two of them.
 */
function cycleRules() {
  const inPairs = [...new Set(KNOWN_CYCLES.flat())];
  const comment = "This import closes a cycle (type-only imports count). Break it: move what both sides need into a module of its own, or pass it in as an interface.";
  const rules = [{ name: "no-circular", severity: "error", comment, from: { pathNot: exactly(...inPairs) }, to: { circular: true } }];
  for (const file of inPairs) {
    const partners = KNOWN_CYCLES.filter((pair) => pair.includes(file)).map((pair) => pair.find((f) => f !== file));
    rules.push({ name: "no-circular", severity: "error", comment, from: { path: exactly(file) }, to: { circular: true, pathNot: exactly(...partners) } });
    for (const partner of partners) {
      rules.push({ name: "no-circular", severity: "error", comment, from: { path: exactly(file) }, to: { path: exactly(partner), circular: true, via: { pathNot: exactly(file, partner) } } });
    }
  }
  return rules;
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-imports-no-outer-layer",
      severity: "error",
      comment: "core/ is shared by the driver, executors and the deploy daemons: it imports none of driver/, executor/, deploy/, api/. Move what it needs into core/, or take it as an interface.",
      from: { path: "^core/" },
      to: { path: "^(driver|executor|deploy|api)/" },
    },
    {
      name: "driver-imports-no-executor",
      severity: "error",
      comment: "driver/ imports nothing of executor/, deploy/ or api/ (the in-process executor comes through core/local-executor.ts).",
      from: { path: "^driver/" },
      to: { path: "^(executor|deploy|api)/" },
    },
    {
      name: "executor-imports-no-driver",
      severity: "error",
      comment: "executor/ imports nothing of driver/, deploy/ or api/: executors talk to their driver over gRPC.",
      from: { path: "^executor/" },
      to: { path: "^(driver|deploy|api)/" },
    },
    {
      name: "deploy-apart-from-engine",
      severity: "error",
      comment: "deploy/ (spate master, spate worker) imports nothing of driver/, executor/ or api/: it meets them over gRPC. Move what it shares with them into core/.",
      from: { path: "^deploy/" },
      to: { path: "^(driver|executor|api)/" },
    },
    {
      name: "master-and-worker-apart",
      severity: "error",
      comment: "The master and the worker are separate daemons with separate keys: neither imports the other.",
      from: { path: "^deploy/(master|worker)/" },
      to: { path: "^deploy/", pathNot: "^deploy/$1/" },
    },
    {
      name: "no-engine-import-of-public-barrel",
      severity: "error",
      comment: "api/index.ts is the door for users; engine modules import what they need directly.",
      from: { path: "^(core|driver|executor|deploy)/" },
      to: { path: "^api/index\\.ts$" },
    },
    ...cycleRules(),
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that does not resolve hides where it goes from these rules (and fails at run time).",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};
