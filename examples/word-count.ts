/**
 * Word count: the classic shuffle. Counts the words of text files and prints the most common.
 *
 *   npx tsx examples/word-count.ts <file|dir|glob> [--top 20] [--out dir]
 */
import { parseArgs } from "node:util";
import { Context } from "spate";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "20" }, out: { type: "string" } },
});
if (positionals.length === 0) {
  console.error("usage: word-count.ts <file|dir|glob> [--top 20] [--out dir]");
  process.exit(2);
}

const sc = await Context.create({ appName: "word-count" });
try {
  const counts = sc
    .textFile(positionals[0]!)
    .flatMap((line: string) => line.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter((w) => w.length > 0))
    .map((word: string) => [word, 1] as [string, number])
    .reduceByKey((a: number, b: number) => a + b);
  const top = await counts.takeOrdered(Number(values.top), (kv: [string, number]) => [-kv[1], kv[0]]);
  for (const [word, n] of top) console.log(`${String(n).padStart(8)}  ${word}`);
  if (values.out) {
    await counts.sortByKey().saveAsTextFile(values.out);
    console.log(`all counts written to ${values.out}`);
  }
} finally {
  await sc.stop();
}
