/**
 * Test helper: ships a function as the RDD API does, sends it through the value codec as a task
 * carries it, loads its modules and revives it, as an executor would.
 */
import { prepareShipped, reviveFunction, shipFunction, type ShippedFn } from "../../../core/shipped-fn.js";
import { decodeValue, encodeValue } from "../../../core/wire/value-codec.js";

/** What crosses the wire: the shipped function encoded and decoded again. */
export function overTheWire(shipped: ShippedFn): ShippedFn {
  return decodeValue(encodeValue(shipped, "test")) as ShippedFn;
}

/** Ships `fn` (with env), round-trips it through the codec, prepares and revives it. */
export async function roundTrip<F extends Function>(fn: F, env?: Record<string, unknown>, baseDir = "", cacheKey?: string): Promise<F> {
  const shipped = overTheWire(shipFunction(fn, env, "map"));
  await prepareShipped(shipped);
  return reviveFunction(shipped, { baseDir }, cacheKey) as unknown as F;
}
