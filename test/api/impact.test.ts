import { exports } from 'cloudflare:workers';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type CampaignResult, ImpactResponse } from '../../schemas/impact';

/**
 * POST /v1/impact through the Worker. Every expected string is the hand arithmetic in its comment,
 * rounded as DESIGN.md section 2 says: money to the currency's minor units, counts to 2 places,
 * funnel parameters to 6, half-even unless options.rounding says half-up.
 */

const post = (body: unknown) =>
  exports.default.fetch('http://localhost/v1/impact', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function impact(body: unknown): Promise<ImpactResponse> {
  const res = await post(body);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  // The answer honours the route's own response schema.
  return ImpactResponse.parse(JSON.parse(text));
}

async function campaign(body: unknown): Promise<CampaignResult> {
  const { campaigns } = await impact(body);
  expect(campaigns).toHaveLength(1);
  return campaigns[0] as CampaignResult;
}

const window = (start: string, end: string, deliveryLoss?: string) => ({
  start,
  end,
  ...(deliveryLoss ? { deliveryLoss } : {}),
});
const utc = (...windows: ReturnType<typeof window>[]) => ({ timeZone: 'UTC', windows });

/** Σ of decimal strings, exactly. */
const total = (values: (string | null | undefined)[], places: number) =>
  values.reduce((s, v) => s.plus(v ?? 'NaN'), new Decimal(0)).toFixed(places);

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

describe('POST /v1/impact: the DESIGN.md example', () => {
  it('plans 271.67 of the 1,200 daily budget in the 326-minute window and recaptures half of it', async () => {
    const c = await campaign(DESIGN_EXAMPLE);
    // U = 1,200 × 326 ÷ 1,440 = 271.666…; H = 0.75 × (1,200 × 595 ÷ 1,440 + 6 × 1,200) = 5,771.875 > U;
    // R = 0.5 × U = 135.8333…; N = U − R = 135.8333….
    // U − R ÷ 1.1 = 148.1818…; impressions = 1000 × 148.1818… ÷ 9.5 = 15,598.0861…; clicks × 0.011 = 171.5789…;
    // conversions × 0.03 = 5.147368…; revenue × 72 = 370.610526…; gross profit × 0.4 = 148.244210…;
    // net contribution = 135.8333… − 148.244210… = −12.410877….
    expect(c).toMatchObject({
      id: 'fall-sale',
      currency: 'USD',
      outageMinutes: '326.00',
      plannedSpend: '271.67',
      lostSpend: '271.67',
      recapturedSpend: '135.83',
      netLostSpend: '135.83',
      lostImpressions: '15598.09',
      lostClicks: '171.58',
      lostConversions: '5.15',
      lostRevenue: '370.61',
      lostGrossProfit: '148.24',
      netContributionChange: '-12.41',
      undetermined: [],
    });
    // Funnel parameters to 6 places: cpc = 9.5 ÷ 11 = 0.8636363…, cpa = cpc ÷ 0.03 = 28.787878…, roas = 72 ÷ cpa = 2.5010526….
    expect(c.funnel).toEqual({
      cpm: { value: '9.500000', source: 'input' },
      ctr: { value: '0.011000', source: 'input' },
      cpc: { value: '0.863636', source: 'derived' },
      cvr: { value: '0.030000', source: 'input' },
      cpa: { value: '28.787879', source: 'derived' },
      aov: { value: '72.000000', source: 'input' },
      roas: { value: '2.501053', source: 'derived' },
    });
    expect(c.ranges).toBeUndefined();
  });

  it('answers the totals of its one currency', async () => {
    const { totals } = await impact(DESIGN_EXAMPLE);
    expect(totals).toEqual([
      {
        currency: 'USD',
        plannedSpend: '271.67',
        lostSpend: '271.67',
        recapturedSpend: '135.83',
        netLostSpend: '135.83',
        lostImpressions: '15598.09',
        lostClicks: '171.58',
        lostConversions: '5.15',
        lostRevenue: '370.61',
        lostGrossProfit: '148.24',
        netContributionChange: '-12.41',
        // one campaign, whose conversions count the default event; every metric is determined
        lostConversionsByEvent: { conversion: '5.15' },
        undetermined: {},
      },
    ]);
  });

  it('has timeline rows that add up exactly to the campaign totals', async () => {
    const c = await campaign(DESIGN_EXAMPLE);
    const rows = c.timeline ?? [];
    // Los Angeles hours 08:00 (21 min: 50 × 21/60 = 17.50), 09:00-13:00 (50.00 each), 14:00 (5 min: 4.1666… → 4.17).
    expect(rows.map((r) => [r.start, r.end, r.plannedSpend])).toEqual([
      ['2021-10-04T15:00:00Z', '2021-10-04T16:00:00Z', '17.50'],
      ['2021-10-04T16:00:00Z', '2021-10-04T17:00:00Z', '50.00'],
      ['2021-10-04T17:00:00Z', '2021-10-04T18:00:00Z', '50.00'],
      ['2021-10-04T18:00:00Z', '2021-10-04T19:00:00Z', '50.00'],
      ['2021-10-04T19:00:00Z', '2021-10-04T20:00:00Z', '50.00'],
      ['2021-10-04T20:00:00Z', '2021-10-04T21:00:00Z', '50.00'],
      ['2021-10-04T21:00:00Z', '2021-10-04T22:00:00Z', '4.17'],
    ]);
    expect(
      total(
        rows.map((r) => r.plannedSpend),
        2,
      ),
    ).toBe(c.plannedSpend);
    expect(
      total(
        rows.map((r) => r.lostSpend),
        2,
      ),
    ).toBe(c.lostSpend);
    expect(
      total(
        rows.map((r) => r.lostImpressions),
        2,
      ),
    ).toBe(c.lostImpressions);
    expect(
      total(
        rows.map((r) => r.lostConversions),
        2,
      ),
    ).toBe(c.lostConversions);
    expect(
      total(
        rows.map((r) => r.lostRevenue),
        2,
      ),
    ).toBe(c.lostRevenue);
    // Funnel outputs are shared by lost spend, then rounded by largest remainder. Impressions: 15,598.0861… × 17.5 ÷ 271.666…
    // = 1,004.78468…, × 50 ÷ 271.666… = 2,870.81339… (five rows), × 4.1666… ÷ 271.666… = 239.23444…. Floors add up to
    // 15,598.06; the 3 missing hundredths go to the largest remainders: 0.00468 (08:00), 0.00444 (14:00), 0.00339 (09:00).
    expect(rows.map((r) => r.lostImpressions)).toEqual([
      '1004.79',
      '2870.82',
      '2870.81',
      '2870.81',
      '2870.81',
      '2870.81',
      '239.24',
    ]);
    // Conversions 5.147368…: 0.331578…, 0.947368… × 5, 0.078947…; floors 0.33 + 0.94 × 5 + 0.07 = 5.10, 5 missing:
    // 0.0089 (14:00), then 0.0073 for the five 50.00 rows, the earliest four first.
    expect(rows.map((r) => r.lostConversions)).toEqual(['0.33', '0.95', '0.95', '0.95', '0.95', '0.94', '0.08']);
    // Revenue 370.6105…: 23.873684…, 68.210526… × 5, 5.684210…; floors add up to 370.60, 1 missing: 0.0042 (14:00).
    expect(rows.map((r) => r.lostRevenue)).toEqual(['23.87', '68.21', '68.21', '68.21', '68.21', '68.21', '5.69']);
  });

  it('explains each metric with its formula, unrounded inputs and rounded value', async () => {
    const c = await campaign(DESIGN_EXAMPLE);
    const steps = new Map((c.explain ?? []).map((s) => [s.metric, s]));
    expect(steps.get('plannedSpend')?.value).toBe('271.67');
    expect(steps.get('headroom')).toMatchObject({ value: '5771.88', inputs: { overspendCap: '0.75' } }); // 5,771.875 → 5,771.88 (half-even: 7 is odd)
    expect(steps.get('lostImpressions')).toMatchObject({
      inputs: { cpm: '9.5', cpmPremium: '0.1' },
      value: '15598.09',
    });
    expect(steps.get('cpc')).toMatchObject({ formula: 'cpc = cpm ÷ (1000 × ctr)', value: '0.863636' });
    expect(steps.get('netContributionChange')?.value).toBe('-12.41');
  });

  it('leaves out timeline, explain and ranges unless asked for', async () => {
    const c = await campaign({ ...DESIGN_EXAMPLE, options: undefined });
    expect(c.timeline).toBeUndefined();
    expect(c.explain).toBeUndefined();
    expect(c.ranges).toBeUndefined();
  });
});

describe('POST /v1/impact: rounding', () => {
  // 1.25 an hour for 6 minutes: 1.25 × 6 ÷ 60 = 0.125 exactly, a tie at the cent.
  // cpm 8: impressions = 1000 × 0.125 ÷ 8 = 15.625 exactly, a tie at 2 places.
  const tie = (rounding?: string) => ({
    outage: utc(window('2021-10-04T10:00:00Z', '2021-10-04T10:06:00Z')),
    campaigns: [{ budget: { amount: '1.25', period: 'hour' }, cpm: '8' }],
    ...(rounding ? { options: { rounding } } : {}),
  });

  it('rounds an exact tie half-even by default', async () => {
    const c = await campaign(tie());
    expect([c.plannedSpend, c.lostSpend, c.lostImpressions]).toEqual(['0.12', '0.12', '15.62']);
  });

  it('rounds the same tie half-up when options.rounding is "half-up"', async () => {
    const c = await campaign(tie('half-up'));
    expect([c.plannedSpend, c.lostSpend, c.lostImpressions]).toEqual(['0.13', '0.13', '15.63']);
  });

  it('rounds an exact tie reached through budget days that do not divide evenly as the tie it is', async () => {
    // 1.50 a day, 23:59Z to 00:23Z: 1 minute of 4 October and 23 of 5 October, 1.5 × 1/1,440 + 1.5 × 23/1,440 = 1.5 × 24/1,440
    // = 0.025 exactly (though neither day's part terminates); impressions at cpm 8: 1000 × 0.025 ÷ 8 = 3.125 exactly.
    const body = (rounding: string) => ({
      outage: utc(window('2021-10-04T23:59:00Z', '2021-10-05T00:23:00Z')),
      campaigns: [{ budget: { amount: '1.5', period: 'day' }, cpm: '8' }],
      options: { rounding, timeline: 'hour' },
    });
    const even = await campaign(body('half-even'));
    expect([even.plannedSpend, even.lostImpressions]).toEqual(['0.02', '3.12']);
    const up = await campaign(body('half-up'));
    expect([up.plannedSpend, up.lostImpressions]).toEqual(['0.03', '3.13']);
    // The rows (0.0010416… and 0.0239583…) share the rounded total out: 0.00 and 0.03 half-up.
    expect(up.timeline?.map((r) => r.plannedSpend)).toEqual(['0.00', '0.03']);
    // 168 minutes across the same midnight: 1.5 × 168 ÷ 1,440 = 0.175, half-even and half-up 0.18.
    const longer = await campaign({
      ...body('half-even'),
      outage: utc(window('2021-10-04T23:59:00Z', '2021-10-05T02:47:00Z')),
    });
    expect(longer.plannedSpend).toBe('0.18');
  });

  it('rounds the timeline by largest remainder: three rows of 0.005 are 0.01, 0.01, 0.00 of a 0.02 total', async () => {
    // 0.005 an hour for 3 hours: each row 0.005, the total 0.015 → 0.02 half-even. Floors 0.00 each; the two
    // missing cents go to the largest remainders, all equal, so to the earliest rows.
    const c = await campaign({
      outage: utc(window('2021-10-04T10:00:00Z', '2021-10-04T13:00:00Z')),
      campaigns: [{ budget: { amount: '0.005', period: 'hour' } }],
      options: { timeline: 'hour' },
    });
    expect(c.plannedSpend).toBe('0.02');
    expect(c.timeline?.map((r) => r.plannedSpend)).toEqual(['0.01', '0.01', '0.00']);
  });

  it('uses the minor units of each currency: JPY 0 places, KWD 3', async () => {
    // One hour of a daily budget. JPY 100,000 ÷ 24 = 4,166.666… → 4167; impressions 1000 × 4,166.666… ÷ 1,000 = 4,166.67;
    // revenue 4,166.666… × 0.01 × 0.1 × 5,000 = 20,833.33… → 20833.
    // KWD 1,000 ÷ 24 = 41.666… → 41.667; impressions 1000 × 41.666… ÷ 2 = 20,833.33; revenue 20,833.33… × 0.01 × 0.1 × 16 = 333.333….
    const { campaigns, totals } = await impact({
      outage: utc(window('2021-10-04T10:00:00Z', '2021-10-04T11:00:00Z')),
      campaigns: [
        {
          currency: 'JPY',
          budget: { amount: '100000', period: 'day' },
          cpm: '1000',
          ctr: '0.01',
          cvr: '0.1',
          aov: '5000',
        },
        { currency: 'KWD', budget: { amount: '1000', period: 'day' }, cpm: '2', ctr: '0.01', cvr: '0.1', aov: '16' },
      ],
    });
    expect(campaigns[0]).toMatchObject({
      currency: 'JPY',
      plannedSpend: '4167',
      lostImpressions: '4166.67',
      lostRevenue: '20833',
      funnel: { cpc: { value: '100.000000' } },
    });
    expect(campaigns[1]).toMatchObject({
      currency: 'KWD',
      plannedSpend: '41.667',
      lostImpressions: '20833.33',
      lostRevenue: '333.333',
      funnel: { cpc: { value: '0.200000' } },
    });
    expect(totals.map((t) => [t.currency, t.plannedSpend])).toEqual([
      ['JPY', '4167'],
      ['KWD', '41.667'],
    ]);
  });
});

describe('POST /v1/impact: several campaigns', () => {
  it('answers per-currency totals from unrounded values', async () => {
    // One minute of daily budgets. USD 1,200 ÷ 1,440 = 0.8333… each (0.83), together 1.6666… → 1.67;
    // JPY 100,000 ÷ 1,440 = 69.444… each (69), together 138.888… → 139 (not 69 + 69).
    const { campaigns, totals } = await impact({
      outage: utc(window('2021-10-04T10:00:00Z', '2021-10-04T10:01:00Z')),
      campaigns: [
        { id: 'a', budget: { amount: '1200', period: 'day' } },
        { id: 'b', currency: 'JPY', budget: { amount: '100000', period: 'day' } },
        { id: 'c', currency: 'USD', budget: { amount: '1200', period: 'day' } },
        { id: 'd', currency: 'JPY', budget: { amount: '100000', period: 'day' } },
      ],
    });
    expect(campaigns.map((c) => [c.id, c.currency, c.plannedSpend])).toEqual([
      ['a', 'USD', '0.83'],
      ['b', 'JPY', '69'],
      ['c', 'USD', '0.83'],
      ['d', 'JPY', '69'],
    ]);
    expect(totals.map((t) => [t.currency, t.plannedSpend, t.lostSpend, t.netLostSpend, t.lostImpressions])).toEqual([
      ['USD', '1.67', '1.67', '1.67', null],
      ['JPY', '139', '139', '139', null],
    ]);
  });
});

describe('POST /v1/impact: ranges', () => {
  // 2,400 a day = 100 an hour; 10:00-11:12Z on Monday 4 October: U = 120. ctr 0.01 × cvr 0.05 × aov 50: revenue = 0.025 × impressions.
  const outage = utc(window('2021-10-04T10:00:00Z', '2021-10-04T11:12:00Z'));
  const base = { budget: { amount: '2400', period: 'day' }, ctr: '0.01', cvr: '0.05', aov: '50' };

  it('answers exact low, base and high for { low, high } with the midpoint as base, and for an explicit base', async () => {
    const c = await campaign({
      outage,
      campaigns: [{ ...base, cpm: { low: '8', high: '12' }, grossMargin: { low: '0.2', base: '0.3', high: '0.5' } }],
    });
    // impressions = 120,000 ÷ cpm: 10,000 at 12, 12,000 at the midpoint 10, 15,000 at 8.
    expect(c.ranges?.lostImpressions).toEqual({ low: '10000.00', base: '12000.00', high: '15000.00' });
    // revenue = 3,000 ÷ cpm: 250, 300, 375.
    expect(c.ranges?.lostRevenue).toEqual({ low: '250.00', base: '300.00', high: '375.00' });
    // gross profit: 250 × 0.2 = 50, 300 × 0.3 = 90, 375 × 0.5 = 187.5.
    expect(c.ranges?.lostGrossProfit).toEqual({ low: '50.00', base: '90.00', high: '187.50' });
    // net contribution = 120 − gross profit: 120 − 187.5 = −67.5, 120 − 90 = 30, 120 − 50 = 70.
    expect(c.ranges?.netContributionChange).toEqual({ low: '-67.50', base: '30.00', high: '70.00' });
    // Spend does not depend on any range.
    expect(c.ranges?.netLostSpend).toEqual({ low: '120.00', base: '120.00', high: '120.00' });
    expect(c.lostRevenue).toBe('300.00');
    expect(c.funnel.cpm).toEqual({ value: '10.000000', source: 'input' });
  });

  it('finds an extreme at a mixed corner of recapture and cpmPremium', async () => {
    // cpm 10: revenue = 2.5 × (U − R ÷ (1 + π)), gross profit × 0.5; H is far above U = 120, so R = ρ × 120.
    // net contribution = 120 − 120ρ − 1.25 × (120 − 120ρ ÷ (1 + π)):
    //   ρ 0: 120 − 150 = −30; ρ 1, π 0: 0 − 0 = 0; ρ 1, π 0.5: 0 − 1.25 × (120 − 80) = −50.
    //   base ρ 0.5, π 0.25: 60 − 1.25 × (120 − 48) = 60 − 90 = −30.
    const c = await campaign({
      outage,
      campaigns: [
        {
          ...base,
          cpm: '10',
          grossMargin: '0.5',
          recovery: { recapture: { low: '0', high: '1' }, cpmPremium: { low: '0', high: '0.5' } },
        },
      ],
    });
    expect(c.ranges?.netContributionChange).toEqual({ low: '-50.00', base: '-30.00', high: '0.00' });
    // impressions = 100 × (120 − R ÷ (1 + π)): 0 at ρ 1, π 0; 12,000 at ρ 0; base 100 × (120 − 60 ÷ 1.25) = 7,200.
    expect(c.ranges?.lostImpressions).toEqual({ low: '0.00', base: '7200.00', high: '12000.00' });
    expect(c.ranges?.recapturedSpend).toEqual({ low: '0.00', base: '60.00', high: '120.00' });
    expect(c.ranges?.netLostSpend).toEqual({ low: '0.00', base: '60.00', high: '120.00' });
  });

  it('adds up range extremes in the totals', async () => {
    // Two campaigns, cpm 8..12 and cpm 10 (no range): impressions 10,000..15,000 plus 12,000 → 22,000 / 24,000 / 27,000.
    const { totals } = await impact({
      outage,
      campaigns: [
        { ...base, cpm: { low: '8', high: '12' } },
        { ...base, cpm: '10' },
      ],
    });
    expect(totals[0]?.ranges?.lostImpressions).toEqual({ low: '22000.00', base: '24000.00', high: '27000.00' });
    expect(totals[0]?.lostImpressions).toBe('24000.00');
  });
});

describe('POST /v1/impact: funnel given downstream', () => {
  it('answers null impressions and clicks, listed in undetermined, for a funnel of cpa and aov', async () => {
    // 2,400 a day, one hour: U = 100; conversions = 100 ÷ 25 = 4; revenue = 4 × 100 = 400; roas = 100 ÷ 25 = 4.
    const c = await campaign({
      outage: utc(window('2021-10-04T10:00:00Z', '2021-10-04T11:00:00Z')),
      campaigns: [{ budget: { amount: '2400', period: 'day' }, cpa: '25', aov: '100', grossMargin: '0.3' }],
    });
    expect(c).toMatchObject({
      lostImpressions: null,
      lostClicks: null,
      lostConversions: '4.00',
      lostRevenue: '400.00',
      lostGrossProfit: '120.00',
      netContributionChange: '-20.00',
    });
    expect(c.funnel.roas).toEqual({ value: '4.000000', source: 'derived' });
    expect(c.funnel.cpm).toBeNull();
    expect(c.undetermined.map((u) => u.field)).toEqual([
      'funnel.cpm',
      'funnel.ctr',
      'funnel.cpc',
      'funnel.cvr',
      'lostImpressions',
      'lostClicks',
    ]);
  });

  it('answers clicks but null impressions for a funnel of cpc, cvr and roas', async () => {
    // clicks = 100 ÷ 0.5 = 200; cpa = 0.5 ÷ 0.02 = 25: conversions 4; revenue = 100 × 4 = 400; aov = 4 × 25 = 100.
    const c = await campaign({
      outage: utc(window('2021-10-04T10:00:00Z', '2021-10-04T11:00:00Z')),
      campaigns: [{ budget: { amount: '2400', period: 'day' }, cpc: '0.5', cvr: '0.02', roas: '4' }],
      options: { timeline: 'hour' },
    });
    expect(c).toMatchObject({
      lostImpressions: null,
      lostClicks: '200.00',
      lostConversions: '4.00',
      lostRevenue: '400.00',
      lostGrossProfit: null,
    });
    expect(c.funnel.aov).toEqual({ value: '100.000000', source: 'derived' });
    expect(c.timeline).toEqual([
      {
        start: '2021-10-04T10:00:00Z',
        end: '2021-10-04T11:00:00Z',
        plannedSpend: '100.00',
        lostSpend: '100.00',
        lostImpressions: null,
        lostConversions: '4.00',
        lostRevenue: '400.00',
      },
    ]);
  });
});
