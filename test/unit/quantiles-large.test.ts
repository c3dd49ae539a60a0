import { quantileSorted } from 'd3-array';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantilesOf } from '../../src/engine/quantiles';

/**
 * quantilesOf from 2,048 values on counts the values into buckets first (src/engine/quantiles.ts); these
 * check that path against d3-array's quantileSorted of the sorted values, bit for bit (toEqual on numbers),
 * on the shapes a bucket count finds hardest: skewed spreads that put most values in one bucket, many equal
 * values, negative values and zeros of both signs, a spread too wide to divide, all values equal.
 */
const FRACTIONS = [0.05, 0.5, 0.95];

function expected(xs: readonly number[], ps: readonly number[]): number[] {
  const sorted = Float64Array.from(xs).sort();
  return ps.map((p) => quantileSorted(sorted as unknown as number[], p) as number);
}

describe('quantilesOf on 2,048 values and more (the bucketed path)', () => {
  it('equals d3-array on random, skewed and tied values', () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      // Most values tiny and a few huge: nearly everything falls in the first bucket.
      fc.double({ min: 0, max: 1e-3, noNaN: true }),
      fc.constantFrom(0, -0, 1, 1e300, -1e300),
      fc.integer({ min: -3, max: 3 }),
    );
    const fraction = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 2048, maxLength: 6000 }),
        fc.array(fraction, { minLength: 1, maxLength: 4 }),
        (xs, ps) => {
          const all = [...FRACTIONS, ...ps, 0, 1];
          expect(quantilesOf(Float64Array.from(xs), all)).toEqual(expected(xs, all));
        },
      ),
      { seed: 20, numRuns: 60 },
    );
  });

  it('equals d3-array on 10,000 uniform draws, and by hand on 0..9999', () => {
    const xs = Array.from({ length: 10_000 }, (_, i) => ((i * 7919) % 10_000) / 10);
    // The values are 0, 0.1, …, 999.9 (7919 is prime to 10,000, so i ↦ 7919 i mod 10,000 is a permutation).
    // h = 9999 p: p5 = 499.95 → x(499) + 0.95 (x(500) − x(499)) = 49.9 + 0.95 × 0.1 = 49.995;
    // p50 = 4999.5 → 499.9 + 0.5 × 0.1 = 499.95; p95 = 9499.05 → 949.9 + 0.05 × 0.1 = 949.905.
    const [p5, p50, p95] = quantilesOf(Float64Array.from(xs), FRACTIONS) as [number, number, number];
    expect(p5).toBeCloseTo(49.995, 9);
    expect(p50).toBeCloseTo(499.95, 9);
    expect(p95).toBeCloseTo(949.905, 9);
    expect([p5, p50, p95]).toEqual(expected(xs, FRACTIONS));
  });

  it('all values equal: every quantile is that value (3 × 5,000)', () => {
    expect(quantilesOf(new Float64Array(5000).fill(3), FRACTIONS)).toEqual([3, 3, 3]);
  });

  it('a spread too wide to divide into buckets (−1e308 and 1e308) still equals d3-array', () => {
    const xs = Array.from({ length: 4096 }, (_, i) => (i % 3 === 0 ? -1e308 : i % 3 === 1 ? 1e308 : i));
    expect(quantilesOf(Float64Array.from(xs), FRACTIONS)).toEqual(expected(xs, FRACTIONS));
  });

  it('infinite values (−∞ and +∞ among finite ones) leave the middle quantiles as d3-array has them', () => {
    // (At 0 and 1 the type-7 formula gives ∞ + (x − ∞) × 0 = NaN where d3-array returns the extreme itself.)
    const xs = Array.from({ length: 3000 }, (_, i) => (i === 5 ? Number.NEGATIVE_INFINITY : i === 9 ? Infinity : i));
    expect(quantilesOf(Float64Array.from(xs), FRACTIONS)).toEqual(expected(xs, FRACTIONS));
  });
});
