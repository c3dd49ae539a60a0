import type Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectNear, x } from './support/near';
import { estimate } from './support/realism';

/**
 * Outage realism (DESIGN.md section 13, docs/realism.md). Every expectation is the hand arithmetic in
 * its comment, evaluated with 60-digit decimals; the request of docs/realism.md is tested as published.
 */

describe('measurement loss', () => {
  const body = (measurementLoss: string | undefined, cpa: unknown = '25') => ({
    outage: {
      windows: [
        { start: '2024-03-05T15:00:00Z', end: '2024-03-05T17:00:00Z', ...(measurementLoss ? { measurementLoss } : {}) },
      ],
    },
    campaigns: [
      { budget: { amount: '2400', period: 'day' }, cpa, aov: '80', grossMargin: '0.5', recovery: { recapture: '0.5' } },
    ],
  });

  it('never changes the loss figures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (m) => {
        const [plain] = estimate(body(undefined));
        const [measured] = estimate(body(x(m).dividedBy(100).toString()));
        expect(measured?.lostSpend.equals(plain?.lostSpend as Decimal)).toBe(true);
        expect(measured?.metrics.netContributionChange?.equals(plain?.metrics.netContributionChange as Decimal)).toBe(
          true,
        );
      }),
      { numRuns: 20, seed: 16 },
    );
  });

  it('gives exact ranges from the funnel ranges: cpa 20..25 gives 0.5 × 200 ÷ 25 = 4 to ÷ 20 = 5 conversions', () => {
    // Planned 200 in two hours; cpa 20..25 with aov 80 gives roas 3.2..4: revenue 100 × 3.2 = 320 to 100 × 4 = 400.
    const [e] = estimate(body('0.5', { low: '20', high: '25' }));
    expectNear(e?.unrecorded?.ranges?.unrecordedConversions?.low, 4);
    expectNear(e?.unrecorded?.ranges?.unrecordedConversions?.high, 5);
    expectNear(e?.unrecorded?.ranges?.unrecordedRevenue?.low, 320);
    expectNear(e?.unrecorded?.ranges?.unrecordedRevenue?.high, 400);
  });
});
