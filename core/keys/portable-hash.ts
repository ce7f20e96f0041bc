/**
 * The hash that places a key in a shuffle partition: the same in every process (no seed, no
 * per-process state). It follows PySpark's `portable_hash` where JavaScript values allow it, so
 * integer keys land where PySpark puts them (an integer hashes to itself, -1 to -2, booleans
 * to 0 and 1, null to 0, arrays like Python tuples); strings use FNV-1a over UTF-16 code
 * units (Python's string hash is seeded per process and cannot be matched).
 */
import { canonicalText } from "./key-order.js";

const MASK63 = (1n << 63n) - 1n;
const P61 = (1n << 61n) - 1n;

/** A 32-bit FNV-1a hash of a string's UTF-16 code units, as a non-negative integer. */
export function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Python's hash of an integer (exact for all sizes): n mod (2^61 - 1), sign kept, -1 -> -2. */
function intHash(n: bigint): bigint {
  const neg = n < 0n;
  let h = (neg ? -n : n) % P61;
  if (neg) h = -h;
  return h === -1n ? -2n : h;
}

function numberHash(x: number): bigint {
  if (Number.isInteger(x)) {
    if (Math.abs(x) < 2 ** 31) return x === -1 ? -2n : BigInt(x);
    return intHash(BigInt(x));
  }
  if (Number.isNaN(x)) return 0n;
  if (!Number.isFinite(x)) return x > 0 ? 314159n : -314159n;
  // non-integral floats: a deterministic mix of the IEEE bits
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return BigInt(view.getInt32(0) ^ view.getInt32(4));
}

/** The portable hash of a key as a bigint (Python-sized integers). */
export function portableHash(key: unknown): bigint {
  switch (typeof key) {
    case "number":
      return numberHash(key);
    case "string":
      return BigInt(stringHash(key));
    case "boolean":
      return key ? 1n : 0n;
    case "bigint":
      return intHash(key);
    case "undefined":
      return 0n;
    case "object": {
      if (key === null) return 0n;
      if (Array.isArray(key)) {
        let h = 0x345678n;
        for (const item of key) {
          h ^= portableHash(item);
          h = (h * 1000003n) & MASK63;
        }
        h ^= BigInt(key.length);
        return h === -1n ? -2n : h;
      }
      return BigInt(stringHash(canonicalText(key)));
    }
    default:
      return BigInt(stringHash(String(key)));
  }
}

/** The partition (0 … n-1) of a key under hash partitioning, as Python's `hash(k) % n`. */
export function hashPartition(key: unknown, numPartitions: number): number {
  if (typeof key === "number" && Number.isInteger(key) && Math.abs(key) < 2 ** 31) {
    const h = key === -1 ? -2 : key;
    return ((h % numPartitions) + numPartitions) % numPartitions;
  }
  if (typeof key === "string") return stringHash(key) % numPartitions;
  const n = BigInt(numPartitions);
  return Number(((portableHash(key) % n) + n) % n);
}
