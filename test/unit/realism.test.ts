import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import march2024 from '../../docs/realism-2024-03-05.json';
import { ImpactRequest, ImpactResponse } from '../../schemas/impact';
import { PlatformLossRequest } from '../../schemas/platform';
import { app } from '../../src/app';
import { applyFailovers } from '../../src/engine/failover';
import { type CampaignEstimate, estimateCampaign } from '../../src/engine/impact';
import { estimatePlatformLoss } from '../../src/engine/platform';
import { rampBucketCount } from '../../src/engine/ramp';
import { WorkLimitError } from '../../src/engine/errors';
import { SpendCache } from '../../src/engine/spend';

/**
 * Outage realism (DESIGN.md section 13, docs/realism.md). Every expectation is the hand arithmetic in
 * its comment, evaluated with 60-digit decimals; the request of docs/realism.md is tested as published.
 */

const X = Decimal.clone({ precision: 60 });
const x = (v: Decimal.Value) => new X(v);

function estimate(body: unknown, options = { timeline: false, explain: false }): CampaignEstimate[] {
  const request = ImpactRequest.parse(body);
  const cache = new SpendCache();
  const estimates = request.campaigns.map((c) => estimateCampaign(c, request.outage.windows, cache, options));
  applyFailovers(request.campaigns, estimates, request.outage.windows);
  return estimates;
}

function expectNear(actual: Decimal | null | undefined, expected: Decimal.Value): void {
  if (actual === null || actual === undefined) throw new Error(`expected ${expected}, got ${actual}`);
  const want = x(expected);
  const tolerance = X.max(1, want.abs()).times('1e-30');
  expect(
    x(actual).minus(want).abs().lessThanOrEqualTo(tolerance),
    `${actual.toString()} should be ${want.toString()}`,
  ).toBe(true);
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read whichever fields of the answer they check
async function post(body: unknown): Promise<{ status: number; json: any }> {
  const res = await app.request('/v1/impact', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

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

describe('recovery ramps', () => {
  const base = (window: Record<string, unknown>, campaign: Record<string, unknown> = {}) => ({
    outage: { windows: [{ start: '2024-03-05T15:00:00Z', end: '2024-03-05T17:00:00Z', ...window }] },
    campaigns: [{ budget: { amount: '2400', period: 'day' }, cpm: '10', recovery: { recapture: '1' }, ...campaign }],
  });

  it('changes nothing with a ramp of 0 minutes', () => {
    const [plain] = estimate(base({}));
    const [zero] = estimate(base({ recoveryMinutes: 0 }));
    expect(zero?.lostSpend.equals(plain?.lostSpend as Decimal)).toBe(true);
    expect(zero?.headroom.equals(plain?.headroom as Decimal)).toBe(true);
    expect(zero?.metrics.lostImpressions?.equals(plain?.metrics.lostImpressions as Decimal)).toBe(true);
  });

  it('adds exactly deliveryLoss × hourly planned × ramp hours ÷ 2 for an even plan, at any length and loss', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 100 }), (minutes, lossPercent) => {
        const loss = x(lossPercent).dividedBy(100);
        const [plain] = estimate(base({ deliveryLoss: loss.toString() }));
        const [ramped] = estimate(base({ deliveryLoss: loss.toString(), recoveryMinutes: minutes }));
        // 100 an hour; the ramp adds L × 100 × (minutes ÷ 60) ÷ 2.
        const added = loss.times(100).times(minutes).dividedBy(60).dividedBy(2);
        expectNear(x(ramped?.lostSpend as Decimal).minus(plain?.lostSpend as Decimal), added);
      }),
      { numRuns: 40, seed: 16 },
    );
  });

  it('stops at the flight end: a 60-minute ramp with 30 minutes of flight left loses 100 × ½ h × (1 − ¼) = 37.50', () => {
    // Over [17:00, 17:30) the loss falls from 1 to ½; its mean is ¾ of the 50 planned.
    const [e] = estimate(base({ recoveryMinutes: 60 }, { flight: { end: '2024-03-05T17:30:00Z' } }));
    expectNear(e?.recovery?.lostSpend, '37.5');
  });

  it('takes out of the headroom only what the ramp loses inside the pacing period', () => {
    // Day pacing; the window ends 23:30 with a 60-minute ramp. Left of the day: 30 min, planned 50, of which
    // the ramp loses 50 × (120 − 0 − 30) ÷ 120 = 37.5; H = 0.75 × (50 − 37.5) = 9.375.
    const [e] = estimate({
      outage: { windows: [{ start: '2024-03-05T22:00:00Z', end: '2024-03-05T23:30:00Z', recoveryMinutes: 60 }] },
      campaigns: [
        { budget: { amount: '2400', period: 'day' }, cpm: '10', recovery: { recapture: '1', pacingPeriod: 'day' } },
      ],
    });
    expectNear(e?.headroom, '9.375');
    // The whole ramp still counts in the lost spend: 150 + 1 × 100 × 1 h ÷ 2 = 200.
    expectNear(e?.lostSpend, 200);
  });

  it('adds up, hour by hour, to the lost spend under a delivery profile', () => {
    const weights = Array.from({ length: 24 }, (_, h) => String((h % 5) + 1));
    const [e] = estimate(base({ recoveryMinutes: 137, deliveryLoss: '0.7' }, { deliveryProfile: weights }), {
      timeline: true,
      explain: false,
    });
    const rows = e?.timeline ?? [];
    expectNear(
      rows.reduce((acc, r) => acc.plus(r.lostSpend), x(0)),
      e?.lostSpend as Decimal,
    );
    expectNear(
      rows.reduce((acc, r) => acc.plus(r.plannedSpend), x(0)),
      (e?.plannedSpend as Decimal).plus(e?.recovery?.plannedSpend as Decimal),
    );
  });

  it("charges the ramp's hour buckets to the request's work budget: exactly rampBucketCount more", () => {
    // The smallest work limit each request passes with, by bisection over fresh caches.
    const minimalLimit = (body: unknown) => {
      const request = ImpactRequest.parse(body);
      const passes = (limit: number) => {
        try {
          const cache = new SpendCache().startRequest(limit);
          request.campaigns.forEach((c) =>
            estimateCampaign(c, request.outage.windows, cache, { timeline: false, explain: false }),
          );
          return true;
        } catch (err) {
          if (err instanceof WorkLimitError) return false;
          throw err;
        }
      };
      let [low, high] = [0, 100_000];
      while (low < high) {
        const mid = Math.floor((low + high) / 2);
        if (passes(mid)) high = mid;
        else low = mid + 1;
      }
      return low;
    };
    // A 90-minute ramp from 17:00 walks the buckets 17:00 and 18:00 (ceil(1.5 h) + 1 = 3 charged, as any span is).
    expect(rampBucketCount({ recoveryMs: 90 * 60_000 })).toBe(3);
    expect(minimalLimit(base({ recoveryMinutes: 90 })) - minimalLimit(base({}))).toBe(3);
  });

  it('refuses a ramp that runs into the next window, naming the ramp', async () => {
    const { status, json } = await post({
      outage: {
        windows: [
          { start: '2024-03-05T15:00:00Z', end: '2024-03-05T16:00:00Z', recoveryMinutes: 61 },
          { start: '2024-03-05T17:00:00Z', end: '2024-03-05T18:00:00Z' },
        ],
      },
      campaigns: [{ budget: { amount: '2400', period: 'day' } }],
    });
    expect(status).toBe(422);
    expect(json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/outage/windows/0/recoveryMinutes']);
  });

  it('refuses negative, over-long and sub-millisecond ramps', async () => {
    for (const value of ['-1', '10081', '0.000001', '']) {
      const { status, json } = await post(base({ recoveryMinutes: value }));
      expect(status, value).toBe(422);
      expect(json.errors[0].pointer).toBe('/outage/windows/0/recoveryMinutes');
    }
  });
});

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

describe('platforms and failover', () => {
  const campaigns = (failover: unknown, extra: Record<string, unknown> = {}) => [
    {
      id: 'a',
      platform: 'meta',
      budget: { amount: '2400', period: 'day' },
      cpa: '25',
      aov: '80',
      grossMargin: '0.5',
      failover,
      ...extra,
    },
    {
      id: 'b',
      platform: 'google',
      budget: { amount: '1200', period: 'day' },
      cpa: '40',
      aov: '100',
      grossMargin: '0.5',
    },
  ];
  const request = (failover: unknown, platforms: string[] = ['meta'], extra: Record<string, unknown> = {}) => ({
    outage: { windows: [{ start: '2024-03-05T15:00:00Z', end: '2024-03-05T17:00:00Z', platforms }] },
    campaigns: campaigns(failover, extra),
  });

  it('changes nothing with a share of 0', () => {
    const [plain] = estimate(request(undefined));
    const [zero] = estimate(request({ to: 'b', share: 0 }));
    expect(zero?.metrics.netContributionChange?.equals(plain?.metrics.netContributionChange as Decimal)).toBe(true);
    expectNear(zero?.failover?.spend, 0);
  });

  it('recovers nothing where the target is down too, and says so', () => {
    // Both platforms down: N = 200 has nowhere to go.
    const [a] = estimate(request({ to: 'b', share: '0.5' }, ['meta', 'google']));
    expectNear(a?.failover?.spend, 0);
    expect(a?.warnings).toEqual(['failover to "b" recovers nothing in window 0: that campaign is down in it too']);
  });

  it('splits N over several targets: 0.25 each of N = 200 is 50 each', () => {
    const body = request([
      { to: 'b', share: '0.25' },
      { to: 'c', share: '0.25' },
    ]);
    body.campaigns.push({
      id: 'c',
      platform: 'tiktok',
      budget: { amount: '100', period: 'day' },
      cpa: '50',
      aov: '100',
      grossMargin: '0.5',
    } as never);
    const [a] = estimate(body);
    expectNear(a?.failover?.spend, 100);
    // 50 ÷ 40 + 50 ÷ 50 = 2.25 conversions; 50 × 2.5 + 50 × 2 = 225 revenue.
    expectNear(a?.failover?.conversions, '2.25');
    expectNear(a?.failover?.revenue, 225);
  });

  it.each([
    ['an unknown target', { to: 'nope', share: '0.5' }, {}, ['/campaigns/0/failover/to']],
    ['the campaign itself', { to: 'a', share: '0.5' }, {}, ['/campaigns/0/failover/to']],
    [
      'shares over 1',
      [
        { to: 'b', share: '0.6' },
        { to: 'b', share: '0.5' },
      ],
      {},
      ['/campaigns/0/failover'],
    ],
    ['another currency', { to: 'b', share: '0.5' }, { currency: 'EUR' }, ['/campaigns/0/failover/to']],
    ['a ranged input', { to: 'b', share: '0.5' }, { cpa: { low: '20', high: '30' } }, ['/campaigns/0/failover/to']],
  ])('refuses %s with a pointer', async (_, failover, extra, pointers) => {
    const { status, json } = await post(request(failover, ['meta'], extra));
    expect(status).toBe(422);
    expect(json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(pointers);
  });

  it('refuses a cycle of failovers, at each campaign in it', async () => {
    const body = request({ to: 'b', share: '0.5' });
    Object.assign(body.campaigns[1] as object, { failover: { to: 'a', share: '0.5' } });
    const { status, json } = await post(body);
    expect(status).toBe(422);
    expect(json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/campaigns/0/failover',
      '/campaigns/1/failover',
    ]);
  });

  it('refuses a campaign without a platform when a window names platforms', async () => {
    const body = request(undefined);
    delete (body.campaigns[1] as { platform?: string }).platform;
    const { status, json } = await post(body);
    expect(status).toBe(422);
    expect(json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/campaigns/1/platform']);
  });
});

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

describe('platform loss with a recovery ramp', () => {
  const loss = (windows: unknown[], trafficProfile: unknown = 'even') => {
    const body = PlatformLossRequest.parse({
      revenue: { amount: '2184', period: { hours: '2184' } },
      outage: { windows },
      trafficProfile,
    });
    return estimatePlatformLoss({
      amount: body.revenue.amount,
      period: body.revenue.period,
      affectedShare: new Decimal(1),
      recapture: new Decimal(0),
      windows: body.outage.windows,
      trafficProfile: body.trafficProfile ?? 'even',
      profileTimeZone: 'UTC',
    });
  };
  const window = { start: '2024-03-05T15:00:00Z', end: '2024-03-05T17:00:00Z' };

  it('ramps an even revenue rate back: 1 an hour, 2 h lost plus half of 1.5 h = 2.75', () => {
    const r = loss([{ ...window, recoveryMinutes: 90 }]);
    expectNear(r.windows[0]?.recoveryLoss, '0.75');
    expectNear(r.grossLoss, '2.75');
    expectNear(loss([{ ...window, recoveryMinutes: 0 }]).grossLoss, 2);
  });

  it('integrates a traffic profile hour by hour', () => {
    // Weights 1 except 17:00 = 25: sum 48, mean 2, so 17:00 earns 12.5 an hour and other hours 0.5.
    // Window 15:00-17:00: 0.5 + 0.5 = 1. Ramp 17:00-18:30: 12.5 × (180 − 0 − 60)/180 + 0.25 × (180 − 60 − 90)/180
    // = 8.3333… + 0.041666… = 8.375.
    const weights = Array.from({ length: 24 }, (_, h) => (h === 17 ? '25' : '1'));
    const r = loss([{ ...window, recoveryMinutes: 90 }], weights);
    expectNear(r.windows[0]?.recoveryLoss, '8.375');
    expectNear(r.grossLoss, '9.375');
  });

  it('refuses the campaign-only fields', async () => {
    const res = await app.request('/v1/platform-loss', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        revenue: { amount: '1', period: { hours: 1 } },
        outage: { windows: [{ ...window, measurementLoss: '0.3', platforms: ['meta'] }] },
      }),
    });
    expect(res.status).toBe(422);
    const json = (await res.json()) as { errors: { pointer: string }[] };
    expect(json.errors.map((e) => e.pointer)).toEqual([
      '/outage/windows/0/measurementLoss',
      '/outage/windows/0/platforms',
    ]);
  });
});
