/**
 * Where an application's cores go, computed arithmetically (never one core at a time: a worker
 * claiming 2^32 cores must not keep the master busy). Cores are spread over the candidate workers
 * as dealing them one at a time round the workers would (Spark's spreadOut): every worker gets
 * min(its cap, L) for the largest level L that fits what is wanted, then the rest one each to
 * the first workers (in the candidates' order) that can take one more. Called by MasterState.
 */

/** How many cores each of the workers gets, in the same order as `caps` (each worker's cap). */
export function spreadCores(caps: readonly number[], wanted: number): number[] {
  const total = caps.reduce((n, c) => n + c, 0);
  if (!(wanted < total)) return caps.slice();
  // the largest level L with sum(min(cap, L)) <= wanted
  const dealtAt = (level: number): number => caps.reduce((n, c) => n + Math.min(c, level), 0);
  let lo = 0;
  let hi = Math.max(0, ...caps);
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (dealtAt(mid) <= wanted) lo = mid;
    else hi = mid - 1;
  }
  const out = caps.map((c) => Math.min(c, lo));
  let left = wanted - dealtAt(lo);
  for (let i = 0; i < out.length && left > 0; i++) {
    if (out[i]! < caps[i]!) {
      out[i]! += 1;
      left--;
    }
  }
  return out;
}
