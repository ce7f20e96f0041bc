/**
 * The REPL's tab completion (api/cli/repl/completion.ts), in process: the expression before the
 * cursor is found across calls and brackets, its type inferred without calling anything (an RDD
 * transformation gives an RDD, an action a Promise), and unknown expressions go to Node's completer.
 */
import test from "ava";
import { Context } from "../../../api/index.js";
import { completeSpate, contextMembers, expressionBefore, matchBrackets, rddMembers, withSpateCompletion, type CompletionResult } from "../../../api/cli/repl/completion.js";

let sc: Context | undefined;
test.before(async () => {
  sc = await Context.create({ master: "local[1]", appName: "completion-test" });
});
test.after.always(async () => {
  await sc?.stop();
});

/** The REPL's scope: `sc`, an RDD variable, a plain object. */
function scope(): (code: string) => unknown {
  const vars: Record<string, unknown> = { sc, rdd: sc!.parallelize([1, 2]), obj: { inner: sc }, n: 3 };
  return (code) => {
    const [root, ...path] = code.split(".");
    if (!(root! in vars)) throw new ReferenceError(`${root} is not defined`);
    let v = vars[root!];
    for (const p of path) v = (v as Record<string, unknown>)[p];
    return v;
  };
}

function names(line: string): string[] | undefined {
  return completeSpate(line, scope())?.[0];
}

test("completion after a Context call lists RDD methods (transformations and actions)", (t) => {
  const list = names("sc.parallelize([1]).");
  t.truthy(list);
  for (const m of ["map", "filter", "flatMap", "reduceByKey", "collect", "count", "toDebugString", "mapAsync", "sortByKey"]) t.true(list!.includes(m), m);
  for (const internal of ["constructor", "taskNeeds", "toPlan", "sourceInput", "prepare"]) t.false(list!.includes(internal), internal);
  t.deepEqual(completeSpate("sc.parallelize([1]).", scope())![1], "");
});

test("a partial name filters the members and is what the completions replace", (t) => {
  const r = completeSpate("sc.parallelize([1, 2], 2).reduceB", scope());
  t.deepEqual(r, [["reduceByKey"], "reduceB"]);
  t.deepEqual(names("sc.range(0, 10).map((x) => [x % 2, x]).gro"), ["groupBy", "groupByKey"]);
});

test("brackets, strings and nested calls in arguments are skipped", (t) => {
  t.true(names('sc.textFile("a(b].txt").map((l) => l.split(")")).fil')!.includes("filter"));
  t.true(names("sc.parallelize([[1, 2], [3, 4]]).flatMap((xs) => xs.map((x) => [x, { a: [x] }])).")!.includes("reduceByKey"));
  t.true(names("const total = await sc.union([rdd, rdd]).distinct().")!.includes("count"));
});

test("an action gives a Promise; the members of a Promise are offered", (t) => {
  t.deepEqual(names("sc.parallelize([1]).collect()."), ["catch", "finally", "then"]);
  t.deepEqual(names("rdd.count().th"), ["then"]);
  t.deepEqual(names("rdd.map((x) => x).sum()."), ["catch", "finally", "then"]);
});

test("a variable holding an RDD or a Context completes with the public members only", (t) => {
  t.deepEqual(names("rdd.redu"), ["reduce", "reduceByKey"]);
  t.true(names("rdd.")!.includes("id"));
  const ctx = names("sc.")!;
  for (const m of ["parallelize", "range", "textFile", "wholeTextFiles", "broadcast", "accumulator", "stop", "cancelAllJobs", "defaultParallelism", "master"]) t.true(ctx.includes(m), m);
  for (const internal of ["runJob", "newRddId", "assertActive", "constructor"]) t.false(ctx.includes(internal), internal);
  t.true(names("obj.inner.range(3).")!.includes("map"));
});

test("what cannot be typed without running it goes to Node's completer", (t) => {
  t.is(completeSpate("n.", scope()), undefined); // a number: Node lists its members
  t.is(completeSpate("undefinedThing.", scope()), undefined);
  t.is(completeSpate("rdd.toDebugString().", scope()), undefined); // a string
  t.is(completeSpate("rdd.getNumPartitions().", scope()), undefined);
  t.is(completeSpate("foo().", scope()), undefined);
  t.is(completeSpate("[1, 2].", scope()), undefined);
  t.is(completeSpate('"sc.', scope()), undefined); // inside a string
  t.is(completeSpate("sc", scope()), undefined); // no member access
  t.is(completeSpate("rdd[0].", scope()), undefined);
});

test("withSpateCompletion answers RDD expressions itself and hands the rest to the fallback", async (t) => {
  const fallbackCalls: string[] = [];
  const completer = withSpateCompletion((line, cb) => {
    fallbackCalls.push(line);
    cb(null, [["fallback"], line]);
  }, scope());
  const ask = (line: string) => new Promise<CompletionResult | undefined>((resolve, reject) => completer(line, (err, r) => (err ? reject(err) : resolve(r))));
  t.true((await ask("sc.range(0, 3).ma"))![0].includes("map"));
  t.deepEqual(fallbackCalls, []);
  t.deepEqual(await ask("Math.ma"), [["fallback"], "Math.ma"]);
  t.deepEqual(fallbackCalls, ["Math.ma"]);
});

test("helpers: bracket matching and the expression before a dot", (t) => {
  const line = 'f(a[1], "(", `]`)(x).';
  const pairs = matchBrackets(line)!;
  t.is(pairs.get(line.indexOf(")(")), 1);
  t.is(matchBrackets('f("unterminated'), undefined);
  t.is(matchBrackets("f(]"), undefined);
  const dot = line.length - 1;
  t.is(expressionBefore(line, dot, pairs), 'f(a[1], "(", `]`)(x)');
  const l2 = "x = await sc.parallelize([1])?.map(f).";
  t.is(expressionBefore(l2, l2.length - 1, matchBrackets(l2)!), "sc.parallelize([1])?.map(f)");
  t.true(rddMembers().includes("map"));
  t.true(contextMembers().includes("parallelize"));
});
