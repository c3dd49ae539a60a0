import type Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { expectNear, x } from './support/near';
import { estimate } from './support/realism';

/**
 * Outage realism (DESIGN.md section 13, docs/realism.md). Every expectation is the hand arithmetic in
 * its comment, evaluated with 60-digit decimals; the request of docs/realism.md is tested as published.
 */

describe('recovery.weekStartsOn', () => {
  const body = (weekStartsOn?: string, period = 'day') => ({
    outage: { windows: [{ start: '2024-03-05T15:00:00Z', end: '2024-03-05T17:00:00Z' }] },
    campaigns: [
      {
        budget: { amount: period === 'week' ? '16800' : '2400', period },
        cpm: '10',
        recovery: { recapture: '1', ...(weekStartsOn ? { weekStartsOn } : {}) },
      },
    ],
  });

  it('monday gives the numbers of the ISO week', () => {
    for (const period of ['day', 'week']) {
      const [plain] = estimate(body(undefined, period));
      const [monday] = estimate(body('monday', period));
      expect(monday?.headroom.equals(plain?.headroom as Decimal)).toBe(true);
      expect(monday?.lostSpend.equals(plain?.lostSpend as Decimal)).toBe(true);
    }
  });

  it('sunday ends weekly pacing on Saturday midnight', () => {
    // Tuesday 17:00 to Monday 00:00 is 7 h + 5 days = 127 h (ISO); to Sunday 00:00, 7 h + 4 days = 103 h. 100 an hour, cap 0.75.
    const [monday] = estimate(body('monday'));
    const [sunday] = estimate(body('sunday'));
    expectNear(monday?.headroom, x(127).times(100).times('0.75'));
    expectNear(sunday?.headroom, x(103).times(100).times('0.75'));
  });

  it('spreads a week budget over the Sunday-to-Saturday week: the same 100 an hour, a different period', () => {
    // 16,800 a week evenly is 100 an hour either way; the headroom ends with the budget's week.
    const [sunday] = estimate(body('sunday', 'week'));
    expectNear(sunday?.plannedSpend, 200);
    expectNear(sunday?.headroom, x(103).times(100).times('0.75'));
  });
});
