/**
 * The seeded PRNG (mulberry32, seeded from a string through FNV-1a) lives in src/tooling/random.ts,
 * shared with the ingestion article generator; the synthetic graph's samplers build on it here.
 */
import { Random } from '../../src/tooling/random.js';

export { Random };

/**
 * Zipf-like sampler over ranks 0..n-1: P(rank k) ∝ 1 / (k + 1)^exponent. Sampling is a binary
 * search in the cumulative weights, O(log n).
 */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(
    readonly n: number,
    exponent: number,
  ) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += 1 / (k + 1) ** exponent;
      this.cumulative[k] = sum;
    }
  }

  sample(rng: Random): number {
    const target = rng.next() * this.cumulative[this.n - 1]!;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
