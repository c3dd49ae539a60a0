import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import methodology from '../../docs/methodology.md?raw';
import { ImpactRequest } from '../../schemas/impact';
import { app } from '../../src/app';
import { type CampaignEstimate, estimateCampaign } from '../../src/engine/impact';
import { totalsByCurrency } from '../../src/engine/totals';
import { SpendCache } from '../../src/engine/spend';

/**
 * Engine tests: requests are parsed by the contract (ImpactRequest) and estimated by the engine, and
 * every expectation is the hand arithmetic in its comment, evaluated with 60-digit decimals.
 */

const X = Decimal.clone({ precision: 60 });
const x = (v: Decimal.Value) => new X(v);

function estimate(body: unknown, options = { timeline: false, explain: false }): CampaignEstimate[] {
  const request = ImpactRequest.parse(body);
  const cache = new SpendCache();
  return request.campaigns.map((c) => estimateCampaign(c, request.outage.windows, cache, options));
}

function one(body: unknown, options = { timeline: false, explain: false }): CampaignEstimate {
  const [e] = estimate(body, options);
  if (!e) throw new Error('no campaign');
  return e;
}

/** The engine computes with at least 34 significant digits (DESIGN.md): equal to the exact value within 1e-30 relative. */
function expectNear(actual: Decimal | null | undefined, expected: Decimal.Value): void {
  if (actual === null || actual === undefined) throw new Error(`expected ${expected}, got ${actual}`);
  const want = x(expected);
  const tolerance = X.max(1, want.abs()).times('1e-30');
  expect(
    x(actual).minus(want).abs().lessThanOrEqualTo(tolerance),
    `${actual.toString()} should be ${want.toString()}`,
  ).toBe(true);
}

const utcDay = (amount: string) => ({ currency: 'USD', timeZone: 'UTC', budget: { amount, period: 'day' } });
const outage = (windows: { start: string; end: string; deliveryLoss?: string }[], timeZone = 'UTC') => ({
  timeZone,
  windows,
});

/** DESIGN.md section 4, as published. */
const DESIGN_EXAMPLE = {
  outage: {
    timeZone: 'America/New_York',
    windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00', deliveryLoss: '1' }],
  },
  campaigns: [
    {
      id: 'fall-sale',
      currency: 'USD',
      timeZone: 'America/Los_Angeles',
      budget: { amount: '1200', period: 'day' },
      flight: { start: '2021-09-01T00:00:00', end: '2021-10-31T00:00:00' },
      deliveryProfile: 'even',
      cpm: '9.50',
      ctr: '0.011',
      cvr: '0.03',
      aov: '72',
      grossMargin: '0.4',
      incrementality: '1',
      recovery: { recapture: '0.5', overspendCap: '0.75', cpmPremium: '0.1' },
    },
  ],
  options: { explain: true, timeline: 'hour' },
};

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
    const steps = new Map((e.explain ?? []).map((s) => [s.metric, s]));
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

describe('planned spend on daylight-saving days (America/New_York, 24 hour-of-day weights)', () => {
  // Weight of local hour h is h + 1: 1, 2, … 24, so Σ over a normal day is 300.
  const weights = Array.from({ length: 24 }, (_, h) => String(h + 1));
  const newYork = (amount: string) => ({
    currency: 'USD',
    timeZone: 'America/New_York',
    budget: { amount, period: 'day' },
    deliveryProfile: weights,
  });

  describe('spring forward, Sunday 14 March 2021: 02:00 is skipped, 23 hours', () => {
    // Σ over the hours the day has = 300 − w(02:00) = 300 − 3 = 297; a budget of 2,970 is 10 per unit weight.
    const campaigns = [newYork('2970')];

    it('spends the whole daily budget over the 23 hours', () => {
      const e = one({
        outage: outage([{ start: '2021-03-14T00:00:00', end: '2021-03-15T00:00:00' }], 'America/New_York'),
        campaigns,
      });
      expectNear(e.plannedSpend, 2970);
    });

    it('gives 01:00 EST its weight and the skipped 02:00 none: 06:00Z-07:00Z is the whole 01:00 hour', () => {
      // 01:00 EST = 06:00Z; one real hour later it is 03:00 EDT. 10 × w(01:00) = 10 × 2 = 20.
      const e = one(
        { outage: outage([{ start: '2021-03-14T06:00:00Z', end: '2021-03-14T07:00:00Z' }]), campaigns },
        { timeline: true, explain: false },
      );
      expectNear(e.plannedSpend, 20);
      expect(e.timeline?.length).toBe(1);
    });

    it('plans 10 × (w(01:00) + w(03:00)) = 10 × (2 + 4) = 60 between 01:00 EST and 04:00 EDT, two real hours', () => {
      const e = one(
        {
          outage: outage([{ start: '2021-03-14T01:00:00', end: '2021-03-14T04:00:00' }], 'America/New_York'),
          campaigns,
        },
        { timeline: true, explain: false },
      );
      expectNear(e.outageMinutes, 120);
      expectNear(e.plannedSpend, 60);
      expect(e.timeline?.map((r) => [new Date(r.start).toISOString(), r.plannedSpend.toString()])).toEqual([
        ['2021-03-14T06:00:00.000Z', '20'],
        ['2021-03-14T07:00:00.000Z', '40'],
      ]);
    });
  });

  describe('fall back, Sunday 7 November 2021: 01:00 happens twice, 25 hours', () => {
    // Σ = 300 + w(01:00) = 300 + 2 = 302; a budget of 3,020 is 10 per unit weight.
    const campaigns = [newYork('3020')];

    it('spends the whole daily budget over the 25 hours', () => {
      const e = one({
        outage: outage([{ start: '2021-11-07T00:00:00', end: '2021-11-08T00:00:00' }], 'America/New_York'),
        campaigns,
      });
      expectNear(e.outageMinutes, 25 * 60);
      expectNear(e.plannedSpend, 3020);
    });

    it('gives each of the two 01:00 hours the full weight of 01:00: 10 × 2 each', () => {
      // 01:00 EDT is 05:00Z-06:00Z, 01:00 EST is 06:00Z-07:00Z.
      const e = one(
        { outage: outage([{ start: '2021-11-07T05:00:00Z', end: '2021-11-07T07:00:00Z' }]), campaigns },
        { timeline: true, explain: false },
      );
      expectNear(e.plannedSpend, 40);
      expect(
        e.timeline?.map((r) => [
          new Date(r.start).toISOString(),
          new Date(r.end).toISOString(),
          r.plannedSpend.toString(),
        ]),
      ).toEqual([
        ['2021-11-07T05:00:00.000Z', '2021-11-07T06:00:00.000Z', '20'],
        ['2021-11-07T06:00:00.000Z', '2021-11-07T07:00:00.000Z', '20'],
      ]);
    });

    it('plans an ordinary day of 24 hours with Σ = 300 the day before', () => {
      // Saturday 6 November, 01:00-02:00 EDT: 3,020 × 2 ÷ 300.
      const e = one({
        outage: outage([{ start: '2021-11-06T01:00:00', end: '2021-11-06T02:00:00' }], 'America/New_York'),
        campaigns,
      });
      expectNear(e.plannedSpend, x(3020).times(2).dividedBy(300));
    });
  });
});

describe('a day whose profile weight all sits in the hour DST skips', () => {
  // New York, weight only on 02:00. On 14 March 2021 there is no 02:00: that day plans nothing; the next day
  // plans its whole budget of 100 in its 02:00 hour.
  const campaigns = [
    {
      currency: 'USD',
      timeZone: 'America/New_York',
      budget: { amount: '100', period: 'day' },
      deliveryProfile: Array.from({ length: 24 }, (_, h) => (h === 2 ? 1 : 0)),
    },
  ];

  it('plans nothing on the day without that hour, and the whole budget in it on the next', () => {
    const skipped = one({
      outage: outage([{ start: '2021-03-14T00:00:00', end: '2021-03-15T00:00:00' }], 'America/New_York'),
      campaigns,
    });
    expectNear(skipped.plannedSpend, 0);
    const next = one({
      outage: outage([{ start: '2021-03-15T02:00:00', end: '2021-03-15T02:30:00' }], 'America/New_York'),
      campaigns,
    });
    expectNear(next.plannedSpend, 50); // half of the 02:00 hour
  });
});

describe('planned spend in zones with :30 and :45 offsets', () => {
  // Daily budget 1,000 with weight 1 on 09:00 and 3 on 10:00 local: 250 in the 09:00 hour, 750 in the 10:00 hour.
  const profile = Array.from({ length: 24 }, (_, h) => (h === 9 ? '1' : h === 10 ? '3' : '0'));
  const campaign = (timeZone: string) => ({
    currency: 'USD',
    timeZone,
    budget: { amount: '1000', period: 'day' },
    deliveryProfile: profile,
  });

  it('Asia/Kolkata (+05:30): hour buckets start at :30 UTC', () => {
    // 09:00 IST = 03:30Z-04:30Z, 10:00 IST = 04:30Z-05:30Z. 04:10Z-05:10Z covers 20 min of the first, 40 of the second:
    // 250 × 20/60 + 750 × 40/60 = 83.333… + 500 = 583.333…
    const e = one(
      {
        outage: outage([{ start: '2021-10-04T04:10:00Z', end: '2021-10-04T05:10:00Z' }]),
        campaigns: [campaign('Asia/Kolkata')],
      },
      { timeline: true, explain: false },
    );
    expectNear(e.plannedSpend, x(250).times(20).dividedBy(60).plus(500));
    expect(e.timeline?.map((r) => new Date(r.start).toISOString())).toEqual([
      '2021-10-04T03:30:00.000Z',
      '2021-10-04T04:30:00.000Z',
    ]);
  });

  it('Asia/Kathmandu (+05:45): hour buckets start at :15 UTC, and naive window times are read in the outage zone', () => {
    // Window 09:45-10:45 NPT = 04:00Z-05:00Z. 09:00 NPT = 03:15Z-04:15Z (15 min covered), 10:00 NPT = 04:15Z-05:15Z (45 min):
    // 250 × 15/60 + 750 × 45/60 = 62.5 + 562.5 = 625
    const e = one(
      {
        outage: outage([{ start: '2021-10-04T09:45:00', end: '2021-10-04T10:45:00' }], 'Asia/Kathmandu'),
        campaigns: [campaign('Asia/Kathmandu')],
      },
      { timeline: true, explain: false },
    );
    expectNear(e.outageMinutes, 60);
    expectNear(e.plannedSpend, 625);
    expect(e.timeline?.map((r) => [new Date(r.start).toISOString(), new Date(r.end).toISOString()])).toEqual([
      ['2021-10-04T03:15:00.000Z', '2021-10-04T04:15:00.000Z'],
      ['2021-10-04T04:15:00.000Z', '2021-10-04T05:15:00.000Z'],
    ]);
  });
});

describe('week, month and lifetime budgets', () => {
  it('spreads a week budget over the ISO week (Monday first), a DST week having 167 hours', () => {
    // New York, week of Monday 8 March 2021: 7 × 24 − 1 = 167 hours (clocks spring forward on Sunday 14th).
    // 1,670 a week is 10 an hour. The week of Monday 15 March has 168 hours: 1,670 ÷ 168 an hour.
    const campaigns = [{ currency: 'USD', timeZone: 'America/New_York', budget: { amount: '1670', period: 'week' } }];
    const whole = one({
      outage: outage([{ start: '2021-03-08T00:00:00', end: '2021-03-15T00:00:00' }], 'America/New_York'),
      campaigns,
    });
    expectNear(whole.plannedSpend, 1670);
    // Sunday 23:00 to Monday 01:00: the last hour of one week (10) and the first of the next (1,670 ÷ 168).
    const across = one({
      outage: outage([{ start: '2021-03-14T23:00:00', end: '2021-03-15T01:00:00' }], 'America/New_York'),
      campaigns,
    });
    expectNear(across.plannedSpend, x(10).plus(x(1670).dividedBy(168))); // 1,675 ÷ 84 = 19.940476…
  });

  it('reads 168 weights as hours of the week, Monday 00:00 first', () => {
    // Week budget 700 in Kolkata: weight 3 on Monday 00:00 (index 0), 4 on Sunday 23:00 (index 167), 0 elsewhere:
    // 300 in the first hour of the week and 400 in the last. Monday 4 October 2021 00:00 IST = 3 October 18:30Z.
    const deliveryProfile = Array.from({ length: 168 }, (_, i) => (i === 0 ? '3' : i === 167 ? '4' : '0'));
    const campaigns = [
      { currency: 'USD', timeZone: 'Asia/Kolkata', budget: { amount: '700', period: 'week' }, deliveryProfile },
    ];
    const monday = one({ outage: outage([{ start: '2021-10-03T18:30:00Z', end: '2021-10-03T19:00:00Z' }]), campaigns });
    expectNear(monday.plannedSpend, 150); // half of Monday 00:00
    const sunday = one({
      outage: outage([{ start: '2021-10-10T23:00:00', end: '2021-10-11T01:00:00' }], 'Asia/Kolkata'),
      campaigns,
    });
    expectNear(sunday.plannedSpend, 700); // Sunday 23:00 of one week (400) and Monday 00:00 of the next (300)
  });

  it('spreads a month budget over the 29 days of February 2024', () => {
    // 6,960 over 29 × 24 = 696 hours is 10 an hour; March has 31 × 24 = 744 hours: 6,960 ÷ 744 an hour.
    const campaigns = [{ currency: 'USD', timeZone: 'UTC', budget: { amount: '6960', period: 'month' } }];
    const leapDay = one({
      outage: outage([{ start: '2024-02-29T00:00:00Z', end: '2024-03-01T00:00:00Z' }]),
      campaigns,
    });
    expectNear(leapDay.plannedSpend, 240);
    const across = one({ outage: outage([{ start: '2024-02-29T23:00:00Z', end: '2024-03-01T01:00:00Z' }]), campaigns });
    expectNear(across.plannedSpend, x(10).plus(x(6960).dividedBy(744))); // 600 ÷ 31 = 19.354838…
  });

  describe('a lifetime budget over a flight that starts and ends at half past', () => {
    // Flight 4 Oct 10:30Z to 6 Oct 10:30Z, weight 2 on 10:00 and 1 elsewhere. Total weight:
    // 4 Oct: half of 10:00 (2 × 0.5) + 11:00-23:00 (13) = 14; 5 Oct: 23 + 2 = 25; 6 Oct: 00:00-09:00 (10) + half of 10:00 (1) = 11.
    // 14 + 25 + 11 = 50, so a budget of 5,000 is 100 per unit of weight-hour.
    const campaigns = [
      {
        currency: 'USD',
        budget: { amount: '5000', period: 'lifetime' },
        flight: { start: '2021-10-04T10:30:00Z', end: '2021-10-06T10:30:00Z' },
        deliveryProfile: Array.from({ length: 24 }, (_, h) => (h === 10 ? 2 : 1)),
        recovery: { recapture: '0.5' },
      },
    ];

    it('spends the budget in full over the flight', () => {
      const e = one({ outage: outage([{ start: '2021-10-04T00:00:00Z', end: '2021-10-07T00:00:00Z' }]), campaigns });
      expectNear(e.plannedSpend, 5000);
    });

    it('weights the partial first bucket by its covered half and recaptures over the rest of the flight', () => {
      // 10:00Z-12:00Z: 10:30-11:00 at 100 × 2 an hour = 100, then 11:00-12:00 at 100 an hour = 100.
      const e = one({ outage: outage([{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T12:00:00Z' }]), campaigns });
      expectNear(e.plannedSpend, 200);
      // Pacing defaults to the flight: 5,000 − 200 remains after 12:00Z, H = 0.75 × 4,800 = 3,600 > U, R = 0.5 × 200.
      expectNear(e.headroom, 3600);
      expectNear(e.metrics.recapturedSpend, 100);
    });

    it('weights the partial last bucket by its covered half', () => {
      // 6 Oct 10:00Z-11:00Z: only 10:00-10:30 is in the flight, at 200 an hour = 100.
      const e = one({ outage: outage([{ start: '2021-10-06T10:00:00Z', end: '2021-10-06T11:00:00Z' }]), campaigns });
      expectNear(e.plannedSpend, 100);
      expectNear(e.headroom, 0);
    });
  });
});

describe('flights', () => {
  it('plans nothing after a flight that ends inside the window, without re-normalising the day', () => {
    // Los Angeles, 2,400 a day = 100 an hour. The flight ends 05:00 PDT = 12:00Z; the window is 10:00Z-14:00Z,
    // so 2 hours are planned: 200. Nothing is planned after the window either, so there is no headroom.
    const e = one({
      outage: outage([{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T14:00:00Z' }]),
      campaigns: [
        {
          currency: 'USD',
          timeZone: 'America/Los_Angeles',
          budget: { amount: '2400', period: 'day' },
          flight: { end: '2021-10-04T05:00:00' },
          cpm: '10',
          recovery: { recapture: '1' },
        },
      ],
    });
    expectNear(e.outageMinutes, 240);
    expectNear(e.plannedSpend, 200);
    expectNear(e.headroom, 0);
    expectNear(e.metrics.recapturedSpend, 0);
    expectNear(e.metrics.lostImpressions, 20000); // 1000 × 200 ÷ 10
  });

  it('plans nothing before a flight that starts inside the window', () => {
    // 2,400 a day in UTC; the flight starts 13:30Z; window 12:00Z-14:00Z: 30 minutes at 100 an hour.
    const e = one({
      outage: outage([{ start: '2021-10-04T12:00:00Z', end: '2021-10-04T14:00:00Z' }]),
      campaigns: [{ ...utcDay('2400'), flight: { start: '2021-10-04T13:30:00' } }],
    });
    expectNear(e.plannedSpend, 50);
  });
});

describe('recovery', () => {
  it('has little headroom when the window ends late on the last day of the pacing period', () => {
    // Daily pacing, 2,400 a day = 100 an hour, window 22:00Z-23:30Z: U = 150. Left of the day: 30 minutes = 50,
    // H = 0.75 × 50 = 37.5 < U, so R = 1 × 37.5 and N = 150 − 37.5 = 112.5.
    const e = one({
      outage: outage([{ start: '2021-10-04T22:00:00Z', end: '2021-10-04T23:30:00Z' }]),
      campaigns: [{ ...utcDay('2400'), recovery: { recapture: '1', pacingPeriod: 'day' } }],
    });
    expectNear(e.lostSpend, 150);
    expectNear(e.headroom, '37.5');
    expectNear(e.metrics.recapturedSpend, '37.5');
    expectNear(e.metrics.netLostSpend, '112.5');
  });

  it('has the same little headroom late on Sunday, the last day of the default weekly pacing of a daily budget', () => {
    // Sunday 10 October 2021, 22:00Z-23:30Z, overspendCap 1: H = 1 × 50, R = 0.5 × min(150, 50) = 25.
    const e = one({
      outage: outage([{ start: '2021-10-10T22:00:00Z', end: '2021-10-10T23:30:00Z' }]),
      campaigns: [{ ...utcDay('2400'), recovery: { recapture: '0.5', overspendCap: '1' } }],
    });
    expectNear(e.headroom, 50);
    expectNear(e.metrics.recapturedSpend, 25);
  });

  it('catches up in the next day when the window ends exactly at midnight: that day contains the end', () => {
    // [22:00Z, 24:00Z) of 4 October, U = 2400 × 2/24 = 200. The end, 5 October 00:00Z, lies in 5 October,
    // the pacing period (DESIGN.md: "the pacing period that contains" the end of the last window).
    // H = 0.75 × 2400 (the whole of 5 October) = 1800; R = 1 × min(200, 1800) = 200; N = 0.
    const e = one({
      outage: outage([{ start: '2021-10-04T22:00:00Z', end: '2021-10-05T00:00:00Z' }]),
      campaigns: [{ ...utcDay('2400'), recovery: { recapture: '1', pacingPeriod: 'day' } }],
    });
    expectNear(e.lostSpend, 200);
    expectNear(e.headroom, 1800);
    expectNear(e.metrics.recapturedSpend, 200);
    expectNear(e.metrics.netLostSpend, 0);
  });

  it('catches up in the next week when the window ends at Monday midnight under weekly pacing', () => {
    // Sunday 10 Oct 22:00Z to Monday 11 Oct 00:00Z: U = 2400 × 2/24 = 200. Monday 00:00Z starts the week
    // that contains the end: H = 0.75 × 7 × 2400 = 12,600; R = min(200, 12,600) = 200.
    const e = one({
      outage: outage([{ start: '2021-10-10T22:00:00Z', end: '2021-10-11T00:00:00Z' }]),
      campaigns: [{ ...utcDay('2400'), recovery: { recapture: '1' } }],
    });
    expectNear(e.headroom, 12600);
    expectNear(e.metrics.recapturedSpend, 200);
  });

  it('measures headroom after a window ending one minute before midnight', () => {
    // One minute left at 100 an hour: 100 ÷ 60, H = 0.75 × 5/3 = 1.25.
    const e = one({
      outage: outage([{ start: '2021-10-04T22:00:00Z', end: '2021-10-04T23:59:00Z' }]),
      campaigns: [{ ...utcDay('2400'), recovery: { recapture: '1', pacingPeriod: 'day' } }],
    });
    expectNear(e.headroom, '1.25');
    expectNear(e.metrics.recapturedSpend, '1.25');
  });

  it('measures headroom from the end of the last window, whatever order the windows are given in', () => {
    // Windows 20:00-21:00Z (loss 1) and 10:00-11:00Z (loss 0.4), daily pacing: U = 100 + 40 = 140.
    // After 21:00Z, 3 hours = 300 remain: H = 0.75 × 300 = 225 > U, R = 0.5 × 140 = 70.
    const e = one({
      outage: outage([
        { start: '2021-10-04T20:00:00Z', end: '2021-10-04T21:00:00Z' },
        { start: '2021-10-04T10:00:00Z', end: '2021-10-04T11:00:00Z', deliveryLoss: '0.4' },
      ]),
      campaigns: [{ ...utcDay('2400'), recovery: { recapture: '0.5', pacingPeriod: 'day' } }],
    });
    expectNear(e.plannedSpend, 200);
    expectNear(e.lostSpend, 140);
    expectNear(e.headroom, 225);
    expectNear(e.metrics.recapturedSpend, 70);
  });

  it('paces a month budget over the rest of its month', () => {
    // 6,960 in February 2024 = 10 an hour; window 28 Feb 23:00Z-29 Feb 00:00Z, leaving the 24 hours of 29 February.
    // H = 0.75 × 240 = 180; R = 1 × min(10, 180) = 10.
    const e = one({
      outage: outage([{ start: '2024-02-28T23:00:00Z', end: '2024-02-29T00:00:00Z' }]),
      campaigns: [{ currency: 'USD', budget: { amount: '6960', period: 'month' }, recovery: { recapture: '1' } }],
    });
    expectNear(e.headroom, 180);
    expectNear(e.metrics.recapturedSpend, 10);
  });

  it('recaptures nothing of an hourly budget', () => {
    // 60 an hour over 30 minutes: U = 30; an hourly budget cannot be spent later, H = 0.
    const e = one({
      outage: outage([{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T10:30:00Z' }]),
      campaigns: [{ currency: 'USD', budget: { amount: '60', period: 'hour' } }],
    });
    expectNear(e.lostSpend, 30);
    expectNear(e.headroom, 0);
    expectNear(e.metrics.recapturedSpend, 0);
    expectNear(e.metrics.netLostSpend, 30);
  });

  it('applies partial deliveryLoss per window', () => {
    // 2,400 a day; 10:00-11:00Z at loss 0.4 and 12:00-12:30Z at loss 1: planned 100 + 50, lost 40 + 50.
    const e = one({
      outage: outage([
        { start: '2021-10-04T10:00:00Z', end: '2021-10-04T11:00:00Z', deliveryLoss: '0.4' },
        { start: '2021-10-04T12:00:00Z', end: '2021-10-04T12:30:00Z' },
      ]),
      campaigns: [utcDay('2400')],
    });
    expectNear(e.plannedSpend, 150);
    expectNear(e.lostSpend, 90);
  });
});

describe('totals', () => {
  it('adds up the campaigns of each currency from unrounded values', () => {
    // Two USD campaigns of 1,200 a day over one minute: 1,200 ÷ 1,440 = 0.8333… each, 1.6666… together
    // (1.67, not 0.83 + 0.83); one EUR campaign of 2,400 a day: 1.6666….
    const [usd, eur] = totalsByCurrency(
      estimate({
        outage: outage([{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T10:01:00Z' }]),
        campaigns: [utcDay('1200'), { ...utcDay('2400'), currency: 'EUR' }, utcDay('1200')],
      }),
    );
    expect(usd?.currency).toBe('USD');
    expectNear(usd?.plannedSpend, x(2400).dividedBy(1440));
    expect(eur?.currency).toBe('EUR');
    expectNear(eur?.plannedSpend, x(2400).dividedBy(1440));
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
