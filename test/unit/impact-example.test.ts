import type Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import methodology from '../../docs/methodology.md?raw';
import { app } from '../../src/app';
import { explainCampaign } from '../../src/present/explain';
import { DESIGN_EXAMPLE, one } from './support/impact';
import { expectNear, x } from './support/near';

/**
 * Engine tests: requests are parsed by the contract (ImpactRequest) and estimated by the engine, and
 * every expectation is the hand arithmetic in its comment, evaluated with 60-digit decimals.
 */

describe('the DESIGN.md example (Facebook, 4 October 2021)', () => {
  // 11:39-17:05 EDT is 15:39-21:05Z, 326 minutes: 08:39-14:05 PDT for the Los Angeles campaign.
  const U = x(1200).times(326).dividedBy(1440); // 1,200 a day spread evenly over 1,440 minutes = 271.666…
  const e = one(DESIGN_EXAMPLE, { timeline: true, explain: true });

  it('plans 1,200 × 326 ÷ 1,440 = 271.67 of an even daily budget inside a 326-minute window', () => {
    expectNear(e.outageMinutes, 326);
    expectNear(e.plannedSpend, U);
    expectNear(e.lostSpend, U); // deliveryLoss 1
    expect(e.plannedSpend.toFixed(2)).toBe('271.67');
  });

  it('measures the headroom over the rest of the pacing week: Monday 14:05 PDT to the end of Sunday 10 October', () => {
    // 4 October 2021 is a Monday. Left of it after 14:05: 9 h 55 min = 595 min at 1,200 ÷ 1,440 a minute,
    // then Tuesday 5 to Sunday 10 October, 6 full days: 1,200 × 595 ÷ 1,440 + 6 × 1,200 = 7,695.8333…
    const remaining = x(1200)
      .times(595)
      .dividedBy(1440)
      .plus(6 * 1200);
    expectNear(e.headroom, remaining.times('0.75')); // 5,771.875
    expectNear(e.headroom, '5771.875');
  });

  it('recaptures 0.5 × min(U, H) and derives the funnel outputs from U and R', () => {
    const R = U.times('0.5'); // U = 271.67 < H = 5,771.875
    const N = U.minus(R);
    // Catch-up impressions cost 9.50 × 1.1, so the recaptured 135.83 buys back 1000 × R ÷ 10.45 of them.
    const impressions = x(1000)
      .times(U)
      .dividedBy('9.5')
      .minus(x(1000).times(R).dividedBy(x('9.5').times('1.1')));
    const clicks = impressions.times('0.011');
    const conversions = clicks.times('0.03');
    const revenue = conversions.times(72);
    const grossProfit = revenue.times('0.4');
    expectNear(e.metrics.recapturedSpend, R);
    expectNear(e.metrics.netLostSpend, N);
    expectNear(e.metrics.lostImpressions, impressions); // 15,598.086…
    expectNear(e.metrics.lostClicks, clicks); // 171.578…
    expectNear(e.metrics.lostConversions, conversions); // 5.147…
    expectNear(e.metrics.lostRevenue, revenue); // 370.610…
    expectNear(e.metrics.lostGrossProfit, grossProfit); // 148.244…
    expectNear(e.metrics.netContributionChange, N.minus(grossProfit)); // −12.41: worse off by the lost profit net of unbilled spend
    // The same by the closed forms of DESIGN.md: (U − R/(1+π)) ÷ cpa × f and (U − R/(1+π)) × roas × f.
    const cpa = x('9.5').dividedBy(x(1000).times('0.011')).dividedBy('0.03');
    expectNear(e.metrics.lostConversions, U.minus(R.dividedBy('1.1')).dividedBy(cpa));
    expectNear(e.metrics.lostRevenue, U.minus(R.dividedBy('1.1')).times(x(72).dividedBy(cpa)));
  });

  it('derives cpc, cpa and roas from cpm, ctr, cvr and aov', () => {
    const cpc = x('9.5').dividedBy(x(1000).times('0.011')); // 0.863636…
    const cpa = cpc.dividedBy('0.03'); // 28.787878…
    expect(e.funnel.cpm).toMatchObject({ source: 'input' });
    expect(e.funnel.cpc?.source).toBe('derived');
    expectNear(e.funnel.cpc?.value, cpc);
    expectNear(e.funnel.cpa?.value, cpa);
    expectNear(e.funnel.roas?.value, x(72).dividedBy(cpa)); // 2.501052…
    expect(e.undetermined).toEqual([]);
  });

  it('has one timeline row per Los Angeles hour touched: 21 minutes of 08:00, five whole hours, 5 minutes of 14:00', () => {
    const rows = e.timeline ?? [];
    expect(rows.map((r) => new Date(r.start).toISOString())).toEqual([
      '2021-10-04T15:00:00.000Z',
      '2021-10-04T16:00:00.000Z',
      '2021-10-04T17:00:00.000Z',
      '2021-10-04T18:00:00.000Z',
      '2021-10-04T19:00:00.000Z',
      '2021-10-04T20:00:00.000Z',
      '2021-10-04T21:00:00.000Z',
    ]);
    // 50 an hour: 50 × 21/60 = 17.5, then 50 × 5, then 50 × 5/60 = 4.1666…
    const expected = [x('17.5'), x(50), x(50), x(50), x(50), x(50), x(50).times(5).dividedBy(60)];
    rows.forEach((row, i) => expectNear(row.plannedSpend, expected[i] as Decimal));
    // Funnel outputs are shared by lost spend: the 08:00 row gets 17.5 ÷ 271.666… of the impressions.
    expectNear(
      rows[0]?.lostImpressions,
      x(e.metrics.lostImpressions as Decimal)
        .times('17.5')
        .dividedBy(U),
    );
  });

  it('explains each step with its formula and inputs', () => {
    const steps = new Map(explainCampaign(e).map((s) => [s.metric, s]));
    expect([...steps.keys()]).toEqual([
      'outageMinutes',
      'plannedSpend',
      'lostSpend',
      'headroom',
      'recapturedSpend',
      'netLostSpend',
      'cpc',
      'cpa',
      'roas',
      'lostImpressions',
      'lostClicks',
      'lostConversions',
      'lostRevenue',
      'lostGrossProfit',
      'netContributionChange',
    ]);
    expect(steps.get('recapturedSpend')?.formula).toBe('recapture × min(lostSpend, headroom)');
    expectNear(steps.get('headroom')?.inputs.plannedSpendAfterOutage, x(1200).times(595).dividedBy(1440).plus(7200));
  });
});

describe('docs/methodology.md', () => {
  it('shows the real answer to its POST /v1/impact example', async () => {
    const section = methodology.split('\n## Campaign impact: `POST /v1/impact`\n')[1]?.split('\n## ')[0] ?? '';
    const example = /-d '([\s\S]*?)'\n((?:# .*\n)+)/.exec(section);
    if (!example) throw new Error("no curl example with its answer in docs/methodology.md's Campaign impact section");
    const [, request, answer] = example as unknown as [string, string, string];
    const res = await app.request('/v1/impact', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request,
    });
    expect(res.status).toBe(200);
    const shown: unknown = JSON.parse(
      answer
        .split('\n')
        .map((line) => line.slice(2))
        .join(''),
    );
    expect(await res.json()).toEqual(shown);
    expect(JSON.parse(request)).toEqual(DESIGN_EXAMPLE);
  });
});
