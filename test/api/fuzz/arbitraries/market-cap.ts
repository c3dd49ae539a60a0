import fc from 'fast-check';
import { X } from '../exact';
import { decimalIn, render, STYLES } from './numbers';

// POST /v1/market-cap bodies: share classes, a price move, a benchmark, holders.

export const marketCapModel = fc.record({
  currency: fc.option(fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'), { nil: undefined }),
  shareClasses: fc.array(
    fc.record({
      name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
      shares: decimalIn(1, 5e9, 0),
      conversionRatio: fc.option(decimalIn(0.01, 100, 4), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  before: decimalIn(0.01, 1e5, 2),
  move: fc.oneof(
    fc.record({ after: decimalIn(0.01, 1e5, 2) }),
    fc.record({ changePercent: decimalIn(-99.99, 1000, 2) }),
  ),
  benchmark: fc.option(
    fc.record({ changePercent: decimalIn(-99, 100, 2), beta: fc.option(decimalIn(-3, 3, 2), { nil: undefined }) }),
    { nil: undefined },
  ),
  holders: fc.option(
    fc.array(
      fc.record({ name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), shares: decimalIn(1, 5e9, 0) }),
      { maxLength: 5 },
    ),
    { nil: undefined },
  ),
  revenueLoss: fc.option(decimalIn(0.01, 1e12, 2), { nil: undefined }),
  options: fc.option(
    fc.record({ explain: fc.boolean(), rounding: fc.constantFrom('half-even', 'half-up') }, { requiredKeys: [] }),
    { nil: undefined },
  ),
  style: fc.constantFrom(...STYLES),
});
export type MarketCapModel = typeof marketCapModel extends fc.Arbitrary<infer T> ? T : never;

export function marketCapJson(m: MarketCapModel, shareFactor = 1): Record<string, unknown> {
  const num = (v: string) => render(v, m.style);
  const shares = (v: string) => num(new X(v).times(shareFactor).toString());
  const named = (name: string | undefined) => (name === undefined ? {} : { name });
  return {
    ...(m.currency ? { currency: m.currency } : {}),
    shareClasses: m.shareClasses.map((c) => ({
      ...named(c.name),
      shares: shares(c.shares),
      ...(c.conversionRatio ? { conversionRatio: num(c.conversionRatio) } : {}),
    })),
    price: {
      before: num(m.before),
      ...('after' in m.move ? { after: num(m.move.after) } : { changePercent: num(m.move.changePercent) }),
    },
    ...(m.benchmark
      ? {
          benchmark: {
            changePercent: num(m.benchmark.changePercent),
            ...(m.benchmark.beta ? { beta: num(m.benchmark.beta) } : {}),
          },
        }
      : {}),
    ...(m.holders ? { holders: m.holders.map((h) => ({ ...named(h.name), shares: shares(h.shares) })) } : {}),
    ...(m.revenueLoss ? { revenueLoss: num(m.revenueLoss) } : {}),
    ...(m.options ? { options: m.options } : {}),
  };
}
