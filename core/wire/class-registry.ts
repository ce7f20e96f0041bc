/**
 * User classes known by an id that is the same in every process (capture.ts makes it from the
 * class's source and where it was written). The driver registers the classes it ships;
 * executors register the classes they revive. The value codec tags an instance of a registered
 * class with its id (T_INSTANCE) and rebuilds it with the class of that id where it is decoded:
 * `instanceof` holds in tasks, and results come back as instances of the driver's class.
 * An instance whose class this process does not know keeps its id (a placeholder prototype), so
 * it is tagged again when it crosses on.
 */

const byId = new Map<string, Function>();
const idOf = new WeakMap<Function, string>();
const placeholders = new Map<string, object>();
const PLACEHOLDER_ID: unique symbol = Symbol("spate.classId");

/** Registers (or replaces) the class of `id` in this process. */
export function registerClass(id: string, ctor: Function): void {
  const old = byId.get(id);
  if (old !== undefined && old !== ctor) idOf.delete(old);
  byId.set(id, ctor);
  idOf.set(ctor, id);
}

/** The class registered under `id`, if any. */
export function classById(id: string): Function | undefined {
  return byId.get(id);
}

/** The id a class was registered under, if any. */
export function classIdOf(ctor: Function): string | undefined {
  return idOf.get(ctor);
}

/** The id to tag `obj` with: that of its own class (not a superclass), or of its placeholder. */
export function classIdOfInstance(obj: object): string | undefined {
  const proto = Object.getPrototypeOf(obj) as Record<string | symbol, unknown> | null;
  if (proto === null) return undefined;
  const placeholder = proto[PLACEHOLDER_ID];
  if (typeof placeholder === "string" && Object.hasOwn(proto, PLACEHOLDER_ID)) return placeholder;
  const ctor = Object.hasOwn(proto, "constructor") ? proto["constructor"] : undefined;
  if (typeof ctor !== "function" || (ctor as { prototype?: unknown }).prototype !== proto) return undefined;
  return idOf.get(ctor);
}

/** The class id of an instance decoded while its class was unknown here, else undefined. */
export function placeholderIdOf(obj: object): string | undefined {
  const proto = Object.getPrototypeOf(obj) as Record<symbol, unknown> | null;
  if (proto === null || !Object.hasOwn(proto, PLACEHOLDER_ID)) return undefined;
  return proto[PLACEHOLDER_ID] as string;
}

/** The prototype an instance of class `id` is rebuilt with here. */
export function prototypeFor(id: string): object {
  const ctor = byId.get(id);
  if (ctor !== undefined) {
    const proto = (ctor as { prototype?: unknown }).prototype;
    if (typeof proto === "object" && proto !== null) return proto;
  }
  let placeholder = placeholders.get(id);
  if (placeholder === undefined) {
    placeholder = Object.create(Object.prototype, { [PLACEHOLDER_ID]: { value: id } }) as object;
    placeholders.set(id, placeholder);
  }
  return placeholder;
}
