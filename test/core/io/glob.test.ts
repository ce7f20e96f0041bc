/**
 * Tests of the glob pattern language (core/io/glob.ts): brace expansion, comma splitting,
 * segment compilation and the hidden-name rule. No filesystem access.
 */
import test from "ava";
import {
  compileSegment,
  expandBraces,
  hasMagic,
  splitTopLevelCommas,
  unescapeGlob,
  escapeGlob,
  wildMatches,
} from "../../../core/io/glob.js";

function matches(seg: string, name: string): boolean {
  const m = compileSegment(seg);
  if (m.kind === "literal") return m.name === name;
  if (m.kind === "globstar") return true;
  return wildMatches(m, name);
}

test("hasMagic sees unescaped glob characters only", (t) => {
  t.true(hasMagic("a*.csv"));
  t.true(hasMagic("a?.csv"));
  t.true(hasMagic("[ab].csv"));
  t.true(hasMagic("{a,b}.csv"));
  t.false(hasMagic("plain/file.csv"));
  t.false(hasMagic("a\\*b"));
});

test("escapeGlob and unescapeGlob round-trip", (t) => {
  const text = "/tmp/we[ir]d {x,y}*?\\";
  t.is(unescapeGlob(escapeGlob(text)), text);
  t.false(hasMagic(escapeGlob(text)));
});

test("expandBraces expands alternatives in order, nested, and leaves unclosed braces", (t) => {
  t.deepEqual(expandBraces("a{b,c}d"), ["abd", "acd"]);
  t.deepEqual(expandBraces("a{b,c{d,e}}f"), ["abf", "acdf", "acef"]);
  t.deepEqual(expandBraces("{x,y}/{1,2}"), ["x/1", "x/2", "y/1", "y/2"]);
  t.deepEqual(expandBraces("a{,b}"), ["a", "ab"]);
  t.deepEqual(expandBraces("a{b"), ["a{b"]);
  t.deepEqual(expandBraces("a\\{b,c}"), ["a\\{b,c}"]);
  t.deepEqual(expandBraces("dir/{a/x,b}.csv"), ["dir/a/x.csv", "dir/b.csv"]);
});

test("splitTopLevelCommas keeps commas inside braces", (t) => {
  t.deepEqual(splitTopLevelCommas("a,b"), ["a", "b"]);
  t.deepEqual(splitTopLevelCommas("d/{a,b}.csv,e.csv"), ["d/{a,b}.csv", "e.csv"]);
  t.deepEqual(splitTopLevelCommas("a\\,b,c"), ["a\\,b", "c"]);
  t.deepEqual(splitTopLevelCommas("a{b,c"), ["a{b", "c"]);
});

test("compileSegment: literal, globstar, wildcards", (t) => {
  t.deepEqual(compileSegment("file.csv"), { kind: "literal", name: "file.csv" });
  t.deepEqual(compileSegment("a\\*b"), { kind: "literal", name: "a*b" });
  t.deepEqual(compileSegment("**"), { kind: "globstar" });
  t.true(matches("*.csv", "data_1.csv"));
  t.false(matches("*.csv", "data_1.csvx"));
  t.true(matches("data_?.csv", "data_7.csv"));
  t.false(matches("data_?.csv", "data_10.csv"));
  t.true(matches("?.txt", "😀.txt"), "? matches one astral character");
  t.true(matches("[abc].txt", "b.txt"));
  t.false(matches("[abc].txt", "d.txt"));
  t.true(matches("[a-c]x", "bx"));
  t.true(matches("[!a-c]x", "dx"));
  t.true(matches("[^a-c]x", "dx"));
  t.false(matches("[!a-c]x", "ax"));
  t.true(matches("[]]x", "]x"));
  t.true(matches("[a-]x", "-x"));
  t.true(matches("a[x", "a[x"), "an unclosed [ is literal");
  t.true(matches("a.b+c(d)*", "a.b+c(d)zz"), "regex characters are literal");
  t.false(matches("a.b", "axb"));
  t.true(matches("a**b", "aXYb"), "** inside a segment is *");
  t.true(matches("x\\?*", "x?yz"));
  t.false(matches("x\\?*", "xayz"));
});

test("wildcards skip hidden names unless the segment starts with . or _", (t) => {
  t.false(matches("*", ".git"));
  t.false(matches("*", "_SUCCESS"));
  t.false(matches("?foo", "_foo"));
  t.true(matches(".*", ".git"));
  t.true(matches("_*", "_SUCCESS"));
  t.true(matches("\\.g*", ".git"));
});

test("a malformed range throws", (t) => {
  t.throws(() => compileSegment("[z-a]"));
});
