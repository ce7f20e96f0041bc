/**
 * The user classes this driver has shipped, by class id (as registered in the class registry):
 * remembered by closure-builder.ts as it captures them, read by class-table.ts, which ships them
 * again with every job's plans. A leaf of its own because class-table.ts ships through ship.ts,
 * which builds closures: closure-builder.ts importing class-table.ts made a cycle.
 */

const remembered = new Map<string, Function>();

/** Remembers a class the driver shipped (registered in the class registry under `id`). */
export function rememberClass(id: string, cls: Function): void {
  remembered.set(id, cls);
}

/** Every class remembered so far, in the order first shipped. */
export function rememberedClasses(): Function[] {
  return [...remembered.values()];
}
