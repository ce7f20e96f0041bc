/**
 * A partition's elements as a task pulls them: synchronous when every function on the way is
 * (the fast path: plain loops, no promise per element), asynchronous as soon as one function
 * is declared async or an input is async. Helpers convert and materialize.
 */

export type Stream =
  | { readonly async: false; readonly iter: Iterable<unknown> }
  | { readonly async: true; readonly iter: AsyncIterable<unknown> };

export function syncStream(iter: Iterable<unknown>): Stream {
  return { async: false, iter };
}

export function asyncStream(iter: AsyncIterable<unknown>): Stream {
  return { async: true, iter };
}

/** Every element of the stream in an array. */
export async function materialize(stream: Stream): Promise<unknown[]> {
  if (!stream.async) return Array.isArray(stream.iter) ? stream.iter : [...stream.iter];
  const out: unknown[] = [];
  for await (const x of stream.iter) out.push(x);
  return out;
}

/** The stream as an async iterable, whatever its kind. */
export async function* asAsync(stream: Stream): AsyncGenerator<unknown> {
  if (stream.async) yield* stream.iter;
  else yield* stream.iter;
}

/** Wraps whatever a mapPartitions function returned (iterable, async iterable, promise of either). */
export function streamOfResult(result: unknown, what: string): Stream {
  if (result !== null && typeof result === "object") {
    if (typeof (result as { then?: unknown }).then === "function") {
      return asyncStream(
        (async function* () {
          const r = await (result as Promise<unknown>);
          const inner = streamOfResult(r, what);
          if (inner.async) yield* inner.iter;
          else yield* inner.iter;
        })(),
      );
    }
    if (Symbol.asyncIterator in result) return asyncStream(result as AsyncIterable<unknown>);
    if (Symbol.iterator in result) return syncStream(result as Iterable<unknown>);
  }
  if (typeof result === "string") return syncStream(result);
  throw new TypeError(`${what}: the function must return an iterable (an array, a generator or an async generator), got ${result === null ? "null" : typeof result}`);
}
