import type Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { explainCampaign } from '../../src/present/explain';
import { expectNear } from './support/near';
import { estimate } from './support/realism';

/**
 * The explain trace is written by the presenter (src/present/explain.ts) from what the engine keeps when
 * it is asked for. Worked example: campaign a spends 2,400 a day; the 2-hour window plans 2,400 × 2 ÷ 24
 * = 200, all lost; nothing is recaptured, so netLostSpend = 200; cpa 25 → 8 conversions, aov 80 → 640
 * revenue, grossMargin 0.5 → 320 gross profit; netContributionChange = 200 − 320 = −120. Half of N moves
 * to b (cpa 40, aov 100, so roas 2.5, grossMargin 0.5): 100 spend buys 2.5 conversions, 250 revenue and
 * 125 gross profit, so netContributionChange becomes −120 + 125 − 100 = −95.
 */
const request = {
  outage: { windows: [{ start: '2024-03-05T15:00:00Z', end: '2024-03-05T17:00:00Z', platforms: ['meta'] }] },
  campaigns: [
    {
      id: 'a',
      platform: 'meta',
      budget: { amount: '2400', period: 'day' },
      cpa: '25',
      aov: '80',
      grossMargin: '0.5',
      failover: { to: 'b', share: '0.5' },
    },
    {
      id: 'b',
      platform: 'google',
      budget: { amount: '1200', period: 'day' },
      cpa: '40',
      aov: '100',
      grossMargin: '0.5',
    },
  ],
};

describe('the explain trace', () => {
  it('is not prepared when it is not asked for', () => {
    const [a] = estimate(request);
    expect(a?.explain).toBeUndefined();
    expect(a && explainCampaign(a)).toEqual([]);
  });

  it('shows netContributionChange as estimated (−120), then as the failover leaves it (−95)', () => {
    const [a] = estimate(request, { timeline: false, explain: true });
    if (!a) throw new Error('no estimate');
    const steps = explainCampaign(a);
    const ncc = steps.filter((s) => s.metric === 'netContributionChange');
    expect(ncc).toHaveLength(2);
    expectNear(ncc[0]?.value, -120);
    expectNear(ncc[1]?.value, -95);
    expectNear(ncc[1]?.inputs.beforeFailover as Decimal, -120);
    expect(steps.slice(-5).map((s) => s.metric)).toEqual([
      'failoverSpend',
      'failoverConversions',
      'failoverRevenue',
      'failoverGrossProfit',
      'netContributionChange',
    ]);
    expectNear(steps.find((s) => s.metric === 'failoverGrossProfit')?.value, 125);
  });
});
