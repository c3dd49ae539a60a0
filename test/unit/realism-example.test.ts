import { describe, expect, it } from 'vitest';
import march2024 from '../../docs/realism-2024-03-05.json';
import { ImpactResponse } from '../../schemas/impact';
import type { CampaignEstimate } from '../../src/engine/impact';
import { expectNear, x } from './support/near';
import { estimate, post } from './support/realism';

/**
 * Outage realism (DESIGN.md section 13, docs/realism.md). Every expectation is the hand arithmetic in
 * its comment, evaluated with 60-digit decimals; the request of docs/realism.md is tested as published.
 */

/** docs/realism.md: the 5 March 2024 Meta outage, 15:00-17:19 UTC, as an advertiser on Meta and Google would ask. */
const MARCH_2024_REQUEST = { ...march2024, options: { explain: true, timeline: 'hour' } };

describe('docs/realism.md: the 5 March 2024 outage with a ramp, measurement loss and a failover', () => {
  const [meta, google] = estimate(MARCH_2024_REQUEST, { timeline: true, explain: true }) as [
    CampaignEstimate,
    CampaignEstimate,
  ];
  // 2,400 a day evenly is 100 an hour, 100/60 a minute. The window is 15:00-17:19, 139 minutes.
  const window = x(139).times(100).dividedBy(60); // 231.666…
  // The ramp is 90 minutes after 17:19: planned 90 × 100/60 = 150, lost on average half of it, 75.
  // Bucket by bucket: [17:19, 18:00) is 41 min, planned 68.33…, loss factor (180 − 0 − 41)/180 = 139/180;
  // [18:00, 18:49) is 49 min, planned 81.66…, factor (180 − 41 − 90)/180 = 49/180; 52.768… + 22.231… = 75.
  const rampLost = x(41)
    .times(100)
    .dividedBy(60)
    .times(139)
    .dividedBy(180)
    .plus(x(49).times(100).dividedBy(60).times(49).dividedBy(180));
  const U = window.plus(75); // 306.666…

  it('adds the ramp to the lost spend, trapezoid by trapezoid', () => {
    expectNear(rampLost, 75);
    expectNear(meta.plannedSpend, window);
    expectNear(meta.recovery?.plannedSpend, 150);
    expectNear(meta.recovery?.lostSpend, 75);
    expectNear(meta.lostSpend, U);
  });

  it('counts only the delivery the ramp did not lose as headroom, over the Sunday-to-Saturday week', () => {
    // Tuesday 5 March 17:19 to Sunday 10 March 00:00 (Meta's week ends Saturday midnight): 401 + 4 × 1,440 = 6,161
    // minutes, planned 6,161 × 100/60 = 10,268.33…; the ramp still loses 75 of it: H = 0.75 × 10,193.33… = 7,645.
    expectNear(meta.headroom, x(6161).times(100).dividedBy(60).minus(75).times('0.75'));
    expectNear(meta.headroom, 7645);
  });

  it('recaptures half, then buys the funnel with the rest', () => {
    // R = 0.5 × min(306.67, 7,645) = 153.33…; N = 153.33…; cpc = 10 ÷ (1000 × 0.01) = 1, cpa = 1 ÷ 0.04 = 25.
    const N = U.dividedBy(2);
    expectNear(meta.metrics.recapturedSpend, N);
    expectNear(meta.metrics.netLostSpend, N);
    expectNear(meta.metrics.lostImpressions, N.times(1000).dividedBy(10)); // 15,333.33
    expectNear(meta.metrics.lostConversions, N.dividedBy(25)); // 6.1333…
    expectNear(meta.metrics.lostRevenue, N.dividedBy(25).times(80)); // 490.67
    expectNear(meta.metrics.lostGrossProfit, N.dividedBy(25).times(80).times('0.5')); // 245.33
  });

  it('reports the pixel gap apart from the loss: 0.3 × 231.67 ÷ 25 = 2.78 conversions, × 80 = 222.40', () => {
    expectNear(meta.unrecorded?.unmeasuredSpend, window.times('0.3')); // 69.5
    expectNear(meta.unrecorded?.unrecordedConversions, '2.78');
    expectNear(meta.unrecorded?.unrecordedRevenue, '222.4');
  });

  it('moves half of N to Google, which buys at its own funnel, and improves netContributionChange by GP − spend', () => {
    const F = U.dividedBy(2).dividedBy(2); // 76.666…
    expectNear(meta.failover?.spend, F);
    expectNear(meta.failover?.conversions, F.dividedBy(40)); // 1.9166…
    expectNear(meta.failover?.revenue, F.times('2.5')); // roas = 100 ÷ 40; 191.666…
    expectNear(meta.failover?.grossProfit, F.times('1.25')); // 95.833…
    // −92 before the failover (153.33 − 245.33), then + 95.83 − 76.67 = −72.833…
    expectNear(meta.metrics.netContributionChange, x(-92).plus(F.times('0.25')));
  });

  it('leaves the Google campaign untouched: the window took down Meta only', () => {
    expectNear(google.lostSpend, 0);
    expectNear(google.outageMinutes, 0);
    expect(google.unrecorded).toBeUndefined();
    expect(google.warnings).toEqual([]);
  });

  it('shows the ramp hours in the timeline: 15:00, 16:00, 17:00 and 18:00', () => {
    const rows = meta.timeline ?? [];
    expect(rows.map((r) => new Date(r.start).toISOString().slice(11, 16))).toEqual([
      '15:00',
      '16:00',
      '17:00',
      '18:00',
    ]);
    // 17:00: 19 minutes of the window (31.67) and 41 of the ramp (68.33 planned, 52.77 lost).
    expectNear(rows[2]?.plannedSpend, 100);
    expectNear(
      rows[2]?.lostSpend,
      x(19).times(100).dividedBy(60).plus(x(41).times(100).dividedBy(60).times(139).dividedBy(180)),
    );
    expectNear(rows[3]?.lostSpend, x(49).times(100).dividedBy(60).times(49).dividedBy(180));
  });

  it('answers the published figures over HTTP, valid against the response schema', async () => {
    const { status, json } = await post(MARCH_2024_REQUEST);
    expect(status).toBe(200);
    expect(ImpactResponse.safeParse(json).success).toBe(true);
    const c = json.campaigns[0];
    expect([
      c.plannedSpend,
      c.recoveryPlannedSpend,
      c.recoveryLostSpend,
      c.lostSpend,
      c.recapturedSpend,
      c.netLostSpend,
    ]).toEqual(['231.67', '150.00', '75.00', '306.67', '153.33', '153.33']);
    expect([c.lostConversions, c.lostRevenue, c.lostGrossProfit]).toEqual(['6.13', '490.67', '245.33']);
    expect([c.unrecordedConversions, c.unrecordedRevenue]).toEqual(['2.78', '222.40']);
    expect([
      c.failoverSpend,
      c.failoverConversions,
      c.failoverRevenue,
      c.failoverGrossProfit,
      c.netContributionChange,
    ]).toEqual(['76.67', '1.92', '191.67', '95.83', '-72.83']);
    const g = json.campaigns[1];
    expect(g.recoveryLostSpend).toBeUndefined();
    expect(g.failoverSpend).toBeUndefined();
    // Totals: Google adds nothing lost (its netContributionChange is 0), and shows what diversification recovered.
    expect(json.totals[0]).toMatchObject({
      lostSpend: '306.67',
      netContributionChange: '-72.83',
      failoverSpend: '76.67',
      failoverGrossProfit: '95.83',
      unrecordedRevenue: '222.40',
    });
  });
});
