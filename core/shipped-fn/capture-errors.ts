/**
 * The errors capture throws at the call, worded in the user's terms: a name bound nowhere
 * (UNBOUND_IDENTIFIER), a captured value that cannot cross (UNSERIALIZABLE, naming the name, what
 * it holds and where inside it, and what to do). Used by closure-builder.ts.
 */
import { EngineError } from "../engine-error.js";
import { locateUnclonable, Unclonable } from "../wire/value-codec.js";
import { builtinModuleOf, foreignInstance, valueKind } from "./captured-value.js";

/** Who uses a value, for messages: "the function", "the function 'parse' (used by the function)". */
export interface Subject {
  text: string;
  /** The name under which the value is reached: 'k', env.k */
  name: string;
}

/** Raised by the codec hooks: a part of captured data that cannot cross, with what to do. */
export class Refused extends Unclonable {
  constructor(what: string, readonly advice: string) {
    super(what);
  }
}

export function quoted(name: string): string {
  return name.startsWith("env.") ? name : `'${name}'`;
}

export function unboundError(operation: string, names: readonly string[], subject: string): EngineError {
  const quotedNames = names.map((n) => `'${n}'`);
  const list = quotedNames.length === 1 ? quotedNames[0]! : `${quotedNames.slice(0, -1).join(", ")} and ${quotedNames[quotedNames.length - 1]}`;
  const one = names.length === 1;
  return new EngineError(
    "UNBOUND_IDENTIFIER",
    `${operation}: ${subject} uses ${list}, which ${one ? "is" : "are"} not defined where the function was written. ` +
      `Define ${one ? "it" : "them"} there, or pass ${one ? "it" : "them"}: rdd.${operation}(fn, { ${names.join(", ")} })`,
  );
}

export function refusal(operation: string, who: Subject, what: string, advice: string, path: string): EngineError {
  const holds = path === "" ? `which is ${what}` : `which holds ${what} at ${quoted(who.name)}${path}`;
  return new EngineError(
    "UNSERIALIZABLE",
    `${operation}: ${who.text} uses ${quoted(who.name)}, ${holds}; it cannot be shipped to executors: ${advice}.`,
  );
}

/** The UNSERIALIZABLE error for a part of captured data, named in the user's terms. */
export function dataError(operation: string, e: Unclonable, data: unknown[], users: Subject[]): EngineError {
  const judge = (v: unknown): string | null | undefined => {
    if (typeof v === "function") {
      const k = valueKind(v);
      return k.kind === "refused" ? k.what : null;
    }
    if (typeof v === "object" && v !== null && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null && !Array.isArray(v)) {
      if (builtinModuleOf(v) !== undefined) return "a built-in module";
      const foreign = foreignInstance(v);
      if (foreign?.kind === "refused") return foreign.what;
    }
    return undefined;
  };
  const advice = e instanceof Refused ? e.advice : "create it inside the function, or broadcast the data it holds (sc.broadcast(data))";
  let found: { what: string; path: string } | null = null;
  try {
    found = locateUnclonable(data, judge);
  } catch {
    found = null;
  }
  const match = found === null ? null : /^\[(\d+)\](.*)$/.exec(found.path);
  const who = match === null ? undefined : users[Number(match[1])];
  if (who === undefined || found === null || match === null) {
    return new EngineError("UNSERIALIZABLE", `${operation}: a value the function uses cannot be shipped to executors: ${e.what}. ${advice}.`);
  }
  return refusal(operation, who, found.what, advice, match[2]!);
}
