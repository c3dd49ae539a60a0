import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PlatformLossResponse } from '../../schemas/platform';
import type { Problem } from '../../schemas/problem';

const post = (body: unknown) =>
  exports.default.fetch('http://localhost/v1/platform-loss', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** DESIGN.md section 5, verbatim. */
const WORKED_EXAMPLE = {
  revenue: { amount: '29080000000', currency: 'USD', period: { quarter: '2021-Q2' } },
  affectedShare: '1',
  outage: { timeZone: 'UTC', windows: [{ start: '2021-10-04T15:30:00Z', end: '2021-10-04T23:00:00Z' }] },
  trafficProfile: 'even',
  profileTimeZone: 'UTC',
  recapture: '0',
  options: { explain: true },
};

/** A minimal valid body: 2,400 a day is 100 an hour; the window is 3 hours. */
const minimal = (overrides: Record<string, unknown> = {}) => ({
  revenue: { amount: '2400', period: { days: 1 } },
  outage: { windows: [{ start: '2021-10-04T12:00:00Z', end: '2021-10-04T15:00:00Z' }] },
  ...overrides,
});

async function ok(body: unknown): Promise<PlatformLossResponse> {
  const res = await post(body);
  expect(res.status).toBe(200);
  // Every 200 must satisfy the route's own response schema.
  return PlatformLossResponse.parse(await res.json());
}

async function problem(body: unknown): Promise<Problem> {
  const res = await post(body);
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return res.json<Problem>();
}

describe('POST /v1/platform-loss', () => {
  it('reproduces the worked example of DESIGN.md section 5', async () => {
    const body = await ok(WORKED_EXAMPLE);
    // 2021-Q2 = Apr 30 + May 31 + Jun 30 = 91 days = 2,184 h.
    // 29,080,000,000 ÷ 2,184 = 13,315,018.31501… (2,184 × 13,315,018 = 29,079,999,312; 688 ÷ 2,184 = 0.315…)
    // per day × 24 = 319,560,439.5604…; per minute ÷ 60 = 221,916.97191…; per second ÷ 3,600 = 3,698.61619…
    // 15:30Z → 23:00Z = 7.5 h = 450 min; 13,315,018.31501… × 7.5 = 99,862,637.36263…
    expect(body).toMatchObject({
      currency: 'USD',
      periodHours: '2184.00',
      revenuePerDay: '319560439.56',
      revenuePerHour: '13315018.32',
      revenuePerMinute: '221916.9719',
      revenuePerSecond: '3698.6162',
      outageMinutes: '450.00',
      grossLoss: '99862637.36',
      recaptured: '0.00',
      netLoss: '99862637.36',
    });
    const steps = Object.fromEntries((body.explain ?? []).map((s) => [s.metric, s]));
    expect(steps.periodHours).toMatchObject({ inputs: { days: '91' }, value: '2184.00' });
    expect(steps.revenuePerHour).toMatchObject({
      formula: 'amount ÷ periodHours',
      inputs: { amount: '29080000000', periodHours: '2184' },
      value: '13315018.32',
    });
    expect(steps['windows[0].revenue']).toMatchObject({
      inputs: { start: '2021-10-04T15:30:00Z', end: '2021-10-04T23:00:00Z', hours: '7.5' },
      value: '99862637.36',
    });
    expect(steps.netLoss?.value).toBe('99862637.36');
  });

  it('leaves out explain unless asked', async () => {
    const body = await ok({ ...WORKED_EXAMPLE, options: undefined });
    expect(body.explain).toBeUndefined();
  });

  it.each([
    // 2020: 366 days = 8,784 h; 8,784 ÷ 8,784 = 1 an hour; a 3-hour window → 3.00
    ['year (leap)', { year: 2020 }, '8784', '8784.00', '3.00'],
    // 2021-Q2: 91 days = 2,184 h; 2,184 ÷ 2,184 = 1 an hour → 3.00
    ['quarter', { quarter: '2021-Q2' }, '2184', '2184.00', '3.00'],
    // 2021-Q1: 90 days = 2,160 h; 2,184 ÷ 2,160 = 1.01111… an hour × 3 = 3.03333… → 3.03
    ['quarter (90 days)', { quarter: '2021-Q1' }, '2184', '2160.00', '3.03'],
    // February 2024: 29 days = 696 h; 696 ÷ 696 = 1 → 3.00
    ['month', { month: '2024-02' }, '696', '696.00', '3.00'],
    // 2021-04-01..2021-06-30 inclusive = 91 days = 2,184 h → 3.00
    ['inclusive dates', { start: '2021-04-01', end: '2021-06-30' }, '2184', '2184.00', '3.00'],
    // 2021-10-04..2021-10-04 is one day = 24 h; 24 ÷ 24 = 1 → 3.00
    ['one date', { start: '2021-10-04', end: '2021-10-04' }, '24', '24.00', '3.00'],
    // 90 days = 2,160 h → 1 an hour → 3.00
    ['days', { days: 90 }, '2160', '2160.00', '3.00'],
    // 2.5 h; 5 ÷ 2.5 = 2 an hour × 3 = 6.00
    ['hours', { hours: '2.5' }, '5', '2.50', '6.00'],
  ])('takes a %s period', async (_, period, amount, periodHours, grossLoss) => {
    const body = await ok(minimal({ revenue: { amount, period } }));
    expect(body.periodHours).toBe(periodHours);
    expect(body.grossLoss).toBe(grossLoss);
  });

  it('applies affectedShare, a partial deliveryLoss and recapture', async () => {
    const body = await ok(
      minimal({
        affectedShare: '0.5',
        recapture: '0.25',
        outage: {
          timeZone: 'America/New_York',
          windows: [
            { start: '2021-10-04T08:00:00', end: '2021-10-04T10:00:00' },
            { start: '2021-10-04T11:00:00', end: '2021-10-04T12:30:00', deliveryLoss: '0.4' },
          ],
        },
      }),
    );
    // 100 an hour. 2 h × 100 × 1 × 0.5 = 100; 1.5 h × 100 × 0.4 × 0.5 = 30; gross = 130.00
    // recaptured = 0.25 × 130 = 32.50; net = 97.50; minutes = 120 + 90 = 210.00
    expect(body).toMatchObject({ grossLoss: '130.00', recaptured: '32.50', netLoss: '97.50', outageMinutes: '210.00' });
  });

  it('shapes the rate with a traffic profile: a 3.5-hour midday window loses 1.5 × the flat rate', async () => {
    // Weight 3 for 08:00-20:00 (12 h), 1 otherwise (12 h): mean 2, so a business hour earns 3 ÷ 2 = 1.5 × the average.
    const profile = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 3 : 1));
    const window = {
      timeZone: 'Europe/Berlin',
      windows: [{ start: '2021-10-04T11:00:00', end: '2021-10-04T14:30:00' }],
    };
    const flat = await ok(minimal({ outage: window }));
    const shaped = await ok(minimal({ outage: window, trafficProfile: profile, profileTimeZone: 'Europe/Berlin' }));
    // Flat: 3.5 h × 100 = 350.00. Shaped: 3.5 h × 100 × 1.5 = 525.00 (the hours are Berlin's, like the profile's)
    expect(flat.grossLoss).toBe('350.00');
    expect(shaped.grossLoss).toBe('525.00');
  });

  it('reads a window across midnight in the profile zone', async () => {
    // Weight 1 Monday-Saturday, 0 on Sunday (168 weights): mean 144 ÷ 168 = 6/7.
    // 2021-10-03T17:00Z-20:30Z is Sunday 22:30 to Monday 02:00 in Kolkata (UTC+05:30).
    // 100 an hour: Sunday 1.5 h × 0 = 0; Monday 2 h × 100 × 7/6 = 233.333… → 233.33
    const profile = Array.from({ length: 168 }, (_, h) => (h < 144 ? '1' : '0'));
    const body = await ok(
      minimal({
        outage: { windows: [{ start: '2021-10-03T17:00:00Z', end: '2021-10-03T20:30:00Z' }] },
        trafficProfile: profile,
        profileTimeZone: 'Asia/Kolkata',
      }),
    );
    expect(body.grossLoss).toBe('233.33');
  });

  it('rounds half-even by default and half-up on request', async () => {
    // 0.01 over 3 h × a 1.5-hour window = 0.005 exactly: half-even gives 0.00, half-up 0.01
    const tie = minimal({
      revenue: { amount: '0.01', period: { hours: 3 } },
      outage: { windows: [{ start: '2021-10-04T12:00:00Z', end: '2021-10-04T13:30:00Z' }] },
    });
    expect((await ok(tie)).grossLoss).toBe('0.00');
    expect((await ok({ ...tie, options: { rounding: 'half-up' } })).grossLoss).toBe('0.01');
  });

  it("rounds money to the currency's minor units", async () => {
    // JPY has no minor unit: 1,000,000 over 7 days = 168 h → 5,952.38095… an hour → 5952;
    // per second 1,000,000 ÷ 604,800 = 1.65343… → 2 extra places: 1.65; 3 h → 17,857.142… → 17857
    const body = await ok(minimal({ revenue: { amount: '1000000', currency: 'JPY', period: { days: 7 } } }));
    expect(body).toMatchObject({
      currency: 'JPY',
      revenuePerHour: '5952',
      revenuePerSecond: '1.65',
      grossLoss: '17857',
    });
  });

  describe('answers 422 with a pointer', () => {
    it.each([
      [
        'quarter "2021-Q5"',
        minimal({ revenue: { amount: '1', period: { quarter: '2021-Q5' } } }),
        '/revenue/period/quarter',
      ],
      [
        'two period forms at once',
        minimal({ revenue: { amount: '1', period: { quarter: '2021-Q2', year: 2021 } } }),
        '/revenue/period',
      ],
      ['no period form', minimal({ revenue: { amount: '1', period: {} } }), '/revenue/period'],
      [
        'a start date after the end date',
        minimal({ revenue: { amount: '1', period: { start: '2021-06-30', end: '2021-04-01' } } }),
        '/revenue/period/end',
      ],
      [
        'a start date without an end date',
        minimal({ revenue: { amount: '1', period: { start: '2021-06-30' } } }),
        '/revenue/period/end',
      ],
      [
        'a date that does not exist',
        minimal({ revenue: { amount: '1', period: { start: '2021-02-29', end: '2021-03-31' } } }),
        '/revenue/period/start',
      ],
      ['month "2021-13"', minimal({ revenue: { amount: '1', period: { month: '2021-13' } } }), '/revenue/period/month'],
      [
        'a year with a fraction',
        minimal({ revenue: { amount: '1', period: { year: 2020.5 } } }),
        '/revenue/period/year',
      ],
      ['0 days', minimal({ revenue: { amount: '1', period: { days: 0 } } }), '/revenue/period/days'],
      ['a negative amount', minimal({ revenue: { amount: '-100', period: { days: 1 } } }), '/revenue/amount'],
      ['an empty amount', minimal({ revenue: { amount: '', period: { days: 1 } } }), '/revenue/amount'],
      ['an amount over 1e15', minimal({ revenue: { amount: '2e15', period: { days: 1 } } }), '/revenue/amount'],
      [
        'an unknown currency',
        minimal({ revenue: { amount: '1', currency: 'XYZ', period: { days: 1 } } }),
        '/revenue/currency',
      ],
      ['affectedShare above 1', minimal({ affectedShare: '1.2' }), '/affectedShare'],
      ['recapture below 0', minimal({ recapture: -0.1 }), '/recapture'],
      ['a 23-weight profile', minimal({ trafficProfile: Array(23).fill(1) }), '/trafficProfile'],
      ['a profile of zeros', minimal({ trafficProfile: Array(24).fill(0) }), '/trafficProfile'],
      ['a negative weight', minimal({ trafficProfile: [...Array(23).fill(1), -1] }), '/trafficProfile/23'],
      ['a profile name other than "even"', minimal({ trafficProfile: 'flat' }), '/trafficProfile'],
      ['an unknown profile time zone', minimal({ profileTimeZone: 'Mars/Olympus_Mons' }), '/profileTimeZone'],
      ['an unknown field', minimal({ affectedShares: '1' }), '/affectedShares'],
      [
        'a misspelt period form',
        minimal({ revenue: { amount: '1', period: { days: 1, hour: 2 } } }),
        '/revenue/period/hour',
      ],
      [
        'a timeline option, which this endpoint has not',
        minimal({ options: { timeline: 'hour' } }),
        '/options/timeline',
      ],
      [
        'a window that ends before it starts',
        minimal({ outage: { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T12:00:00Z' }] } }),
        '/outage/windows/0/end',
      ],
    ])('for %s', async (_, body, pointer) => {
      const problemBody = await problem(body);
      expect(problemBody.errors.map((e) => e.pointer)).toContain(pointer);
    });

    it('names the two forms given at once', async () => {
      const body = await problem(minimal({ revenue: { amount: '1', period: { month: '2021-04', days: 30 } } }));
      expect(body.errors).toEqual([
        { pointer: '/revenue/period', detail: expect.stringMatching(/gives `month` and `days`/) },
      ]);
    });
  });
});
