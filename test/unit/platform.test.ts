import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal';
import {
  estimatePlatformLoss,
  type PlatformLossInput,
  periodLength,
  type RevenuePeriod,
  revenueInWindow,
} from '../../src/engine/platform';
import { formatter } from '../../src/engine/rounding';

// Every expectation below is worked out by hand in the comment next to it, never copied from the code.

const usd = formatter('USD', 'half-even');
const at = (iso: string) => Date.parse(iso);
const weights = (values: number[]) => values.map((v) => new D(v));

/** One window with deliveryLoss 1, an even profile in UTC, nothing recaptured, the whole platform down. */
function input(
  amount: string,
  period: RevenuePeriod,
  start: string,
  end: string,
  overrides: Partial<PlatformLossInput> = {},
): PlatformLossInput {
  return {
    amount: new D(amount),
    period,
    affectedShare: new D(1),
    recapture: new D(0),
    windows: [{ index: 0, start: at(start), end: at(end), deliveryLoss: new D(1) }],
    trafficProfile: 'even',
    profileTimeZone: 'UTC',
    ...overrides,
  };
}

describe('periodLength counts real UTC days', () => {
  it.each([
    // 2021-Q1: Jan 31 + Feb 28 + Mar 31 = 90 days = 2,160 h
    [{ kind: 'quarter', year: 2021, quarter: 1 }, 90],
    // 2020-Q1: Jan 31 + Feb 29 + Mar 31 = 91 days (a leap year)
    [{ kind: 'quarter', year: 2020, quarter: 1 }, 91],
    // 2021-Q2: Apr 30 + May 31 + Jun 30 = 91 days = 2,184 h
    [{ kind: 'quarter', year: 2021, quarter: 2 }, 91],
    // 2021-Q3: Jul 31 + Aug 31 + Sep 30 = 92 days
    [{ kind: 'quarter', year: 2021, quarter: 3 }, 92],
    // 2023-Q4: Oct 31 + Nov 30 + Dec 31 = 92 days
    [{ kind: 'quarter', year: 2023, quarter: 4 }, 92],
    // 2020 is a leap year: 366 days; 2021 is not: 365
    [{ kind: 'year', year: 2020 }, 366],
    [{ kind: 'year', year: 2021 }, 365],
    // 2100 is divisible by 100 but not 400: not a leap year. 2000 is divisible by 400: a leap year.
    [{ kind: 'year', year: 2100 }, 365],
    [{ kind: 'year', year: 2000 }, 366],
    // February 2024 has 29 days, February 2023 has 28, April 30, December 31
    [{ kind: 'month', year: 2024, month: 2 }, 29],
    [{ kind: 'month', year: 2023, month: 2 }, 28],
    [{ kind: 'month', year: 2021, month: 4 }, 30],
    [{ kind: 'month', year: 2021, month: 12 }, 31],
    // 2021-04-01..2021-06-30 inclusive is the whole of 2021-Q2: 91 days
    [{ kind: 'dates', start: { year: 2021, month: 4, day: 1 }, end: { year: 2021, month: 6, day: 30 } }, 91],
    // 2024-02-28..2024-03-01 inclusive: Feb 28, Feb 29, Mar 1 = 3 days
    [{ kind: 'dates', start: { year: 2024, month: 2, day: 28 }, end: { year: 2024, month: 3, day: 1 } }, 3],
    // One date is one day, even the day New York springs forward: UTC days are always 24 h
    [{ kind: 'dates', start: { year: 2021, month: 3, day: 14 }, end: { year: 2021, month: 3, day: 14 } }, 1],
    // 2021-12-31..2022-01-01 crosses the year: 2 days
    [{ kind: 'dates', start: { year: 2021, month: 12, day: 31 }, end: { year: 2022, month: 1, day: 1 } }, 2],
  ] as [RevenuePeriod, number][])('%o has %i days', (period, days) => {
    const length = periodLength(period);
    expect(length.days).toBe(days);
    expect(length.hours.toString()).toBe(String(days * 24));
  });

  it('takes `days` and `hours` as given', () => {
    // 90 days × 24 = 2,160 h
    expect(periodLength({ kind: 'days', days: new D(90) }).hours.toString()).toBe('2160');
    expect(periodLength({ kind: 'hours', hours: new D('2.5') }).hours.toString()).toBe('2.5');
  });
});

describe('estimatePlatformLoss', () => {
  it('reproduces the worked example of DESIGN.md section 5', () => {
    const r = estimatePlatformLoss(
      input('29080000000', { kind: 'quarter', year: 2021, quarter: 2 }, '2021-10-04T15:30:00Z', '2021-10-04T23:00:00Z'),
    );
    // 29,080,000,000 ÷ 2,184 h: 2,184 × 13,315,018 = 29,079,999,312, remainder 688; 688 ÷ 2,184 = 0.31501…
    // so 13,315,018.31501… → 13,315,018.32 per hour
    expect(usd.money(r.revenuePerHour)).toBe('13315018.32');
    // × 24 = 319,560,439.56043… (= 29,080,000,000 ÷ 91 days)
    expect(usd.money(r.revenuePerDay)).toBe('319560439.56');
    // ÷ 60 = 221,916.971916… → 4 places: 221,916.9719; ÷ 3,600 = 3,698.616198… → 3,698.6162
    expect(usd.fineMoney(r.revenuePerMinute)).toBe('221916.9719');
    expect(usd.fineMoney(r.revenuePerSecond)).toBe('3698.6162');
    // 15:30 → 23:00 is 7.5 h = 450 min; 13,315,018.31501… × 7.5 = 99,862,637.3626… → 99,862,637.36
    expect(usd.count(r.outageMinutes)).toBe('450.00');
    expect(usd.money(r.grossLoss)).toBe('99862637.36');
    expect(usd.money(r.recaptured)).toBe('0.00');
    expect(usd.money(r.netLoss)).toBe('99862637.36');
  });

  it.each([
    // 2020 has 8,784 h: 8,784,000 ÷ 8,784 = 1,000 per hour; 3 h → 3,000.00
    ['year 2020', '8784000', { kind: 'year', year: 2020 }, '3000.00'],
    // 2021 has 8,760 h: 8,784,000 ÷ 8,760 = 1,002.7397260… per hour; × 3 = 3,008.219178… → 3,008.22
    ['year 2021', '8784000', { kind: 'year', year: 2021 }, '3008.22'],
    // February 2024: 29 × 24 = 696 h; 696,000 ÷ 696 = 1,000 per hour; 3 h → 3,000.00
    ['month 2024-02', '696000', { kind: 'month', year: 2024, month: 2 }, '3000.00'],
    // 2021-04-01..2021-06-30: 91 days = 2,184 h; 2,184,000 ÷ 2,184 = 1,000; 3 h → 3,000.00
    [
      'dates',
      '2184000',
      { kind: 'dates', start: { year: 2021, month: 4, day: 1 }, end: { year: 2021, month: 6, day: 30 } },
      '3000.00',
    ],
    // 90 days = 2,160 h; 2,160,000 ÷ 2,160 = 1,000; 3 h → 3,000.00
    ['days 90', '2160000', { kind: 'days', days: new D(90) }, '3000.00'],
    // 500 over 2 h = 250 per hour; 3 h → 750.00
    ['hours 2', '500', { kind: 'hours', hours: new D(2) }, '750.00'],
  ] as [string, string, RevenuePeriod, string][])(
    'prices a 3-hour window from a %s revenue base',
    (_, amount, period, loss) => {
      const r = estimatePlatformLoss(input(amount, period, '2021-10-04T12:00:00Z', '2021-10-04T15:00:00Z'));
      expect(usd.money(r.grossLoss)).toBe(loss);
    },
  );

  it('scales each window by its deliveryLoss and the affected share, then takes off the recaptured part', () => {
    const r = estimatePlatformLoss({
      ...input('2400', { kind: 'days', days: new D(1) }, '2021-10-04T00:00:00Z', '2021-10-04T02:00:00Z'),
      affectedShare: new D('0.5'),
      recapture: new D('0.25'),
      windows: [
        { index: 0, start: at('2021-10-04T00:00:00Z'), end: at('2021-10-04T02:00:00Z'), deliveryLoss: new D(1) },
        { index: 1, start: at('2021-10-04T10:00:00Z'), end: at('2021-10-04T11:30:00Z'), deliveryLoss: new D('0.4') },
      ],
    });
    // 2,400 a day = 100 an hour. Window 0: 2 h → 200; window 1: 1.5 h → 150.
    // gross = 1 × 0.5 × 200 + 0.4 × 0.5 × 150 = 100 + 30 = 130
    // recaptured = 0.25 × 130 = 32.50; net = 130 − 32.50 = 97.50; minutes = 120 + 90 = 210
    expect(usd.money(r.grossLoss)).toBe('130.00');
    expect(usd.money(r.recaptured)).toBe('32.50');
    expect(usd.money(r.netLoss)).toBe('97.50');
    expect(usd.count(r.outageMinutes)).toBe('210.00');
    expect(r.windows.map((w) => usd.money(w.grossLoss))).toEqual(['100.00', '30.00']);
  });
});

describe('traffic profiles', () => {
  // Weight 3 from 08:00 to 20:00 (12 business hours), 1 at night (12 hours): mean = (12 × 3 + 12 × 1) ÷ 24 = 2,
  // so a business hour earns 3 ÷ 2 = 1.5 × the average rate and a night hour 1 ÷ 2 = 0.5 ×.
  const business = weights(Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 3 : 1)));

  it('makes a 3.5-hour midday window lose 1.5 × the flat rate', () => {
    const base = input('24000', { kind: 'days', days: new D(1) }, '2021-10-04T11:00:00Z', '2021-10-04T14:30:00Z');
    const flat = estimatePlatformLoss(base);
    const shaped = estimatePlatformLoss({ ...base, trafficProfile: business });
    // 24,000 a day = 1,000 an hour. Flat: 3.5 h × 1,000 = 3,500.
    // Shaped: 11-12, 12-13, 13-14 at 1,500 each, plus half of 14-15 (750) = 5,250 = 1.5 × 3,500.
    expect(usd.money(flat.grossLoss)).toBe('3500.00');
    expect(usd.money(shaped.grossLoss)).toBe('5250.00');
  });

  it('makes a night window lose half the flat rate', () => {
    const r = estimatePlatformLoss({
      ...input('24000', { kind: 'days', days: new D(1) }, '2021-10-04T01:00:00Z', '2021-10-04T05:00:00Z'),
      trafficProfile: business,
    });
    // 4 night hours × 1,000 × 0.5 = 2,000
    expect(usd.money(r.grossLoss)).toBe('2000.00');
  });

  it('reads a 168-weight profile in its own zone for a window across local midnight', () => {
    // Hour of week, Monday first: weight 1 Monday to Saturday (144 hours), 0 all of Sunday (hours 144-167).
    // mean = 144 ÷ 168 = 6/7, so a weekday hour earns 7/6 × the average rate and a Sunday hour nothing.
    const noSundays = weights(Array.from({ length: 168 }, (_, h) => (h < 144 ? 1 : 0)));
    // 2021-10-03 was a Sunday. 17:00Z-20:30Z is 22:30 Sunday to 02:00 Monday in Kolkata (UTC+05:30),
    // whose hour buckets start at :30 UTC, so the first bucket (22:00-23:00 local) is half covered.
    const base = input('14400', { kind: 'days', days: new D(1) }, '2021-10-03T17:00:00Z', '2021-10-03T20:30:00Z', {
      trafficProfile: noSundays,
    });
    const kolkata = estimatePlatformLoss({ ...base, profileTimeZone: 'Asia/Kolkata' });
    // 14,400 a day = 600 an hour. Sunday 22:30-24:00 local: 1.5 h × 0 = 0.
    // Monday 00:00-02:00 local: 2 h × 600 × 7/6 = 2 × 700 = 1,400.
    expect(usd.money(kolkata.grossLoss)).toBe('1400.00');
    // In UTC the whole window (17:00-20:30 Sunday) is on Sunday: nothing.
    const utc = estimatePlatformLoss({ ...base, profileTimeZone: 'UTC' });
    expect(usd.money(utc.grossLoss)).toBe('0.00');
  });

  it('reads a 24-weight profile across midnight in Los Angeles', () => {
    // Weight 2 at 23:00, 4 at 00:00, 1 otherwise: Σ = 22 × 1 + 2 + 4 = 28, mean = 28 ÷ 24 = 7/6.
    const lateNight = weights(Array.from({ length: 24 }, (_, h) => (h === 23 ? 2 : h === 0 ? 4 : 1)));
    // 2021-10-04T06:00Z-08:00Z is 23:00-01:00 PDT (UTC−7). 16,800 a day = 700 an hour.
    // 23:00 hour: 700 × 2 ÷ 7/6 = 1,200; 00:00 hour: 700 × 4 ÷ 7/6 = 2,400; total 3,600.
    const r = estimatePlatformLoss(
      input('16800', { kind: 'days', days: new D(1) }, '2021-10-04T06:00:00Z', '2021-10-04T08:00:00Z', {
        trafficProfile: lateNight,
        profileTimeZone: 'America/Los_Angeles',
      }),
    );
    expect(usd.money(r.grossLoss)).toBe('3600.00');
  });

  it('gives the repeated local hour its weight twice on the day DST ends', () => {
    // New York, 2021-11-07: 01:00-02:00 happens twice (EDT, then EST). Weight 2 at 01:00, 1 otherwise:
    // Σ = 23 + 2 = 25, mean = 25/24. 04:00Z-08:00Z is 00:00 EDT to 03:00 EST: four real hours,
    // local hours 00, 01 (EDT), 01 (EST), 02 with weights 1 + 2 + 2 + 1 = 6.
    // 2,400 a day = 100 an hour: 100 × 6 ÷ 25/24 = 100 × 144/25 = 576.
    const oneAm = weights(Array.from({ length: 24 }, (_, h) => (h === 1 ? 2 : 1)));
    const r = estimatePlatformLoss(
      input('2400', { kind: 'days', days: new D(1) }, '2021-11-07T04:00:00Z', '2021-11-07T08:00:00Z', {
        trafficProfile: oneAm,
        profileTimeZone: 'America/New_York',
      }),
    );
    expect(usd.money(r.grossLoss)).toBe('576.00');
  });

  it('equals the even profile when every weight is the same', () => {
    const start = at('2021-10-04T11:20:00Z');
    const end = at('2021-10-04T17:05:00Z');
    const even = revenueInWindow(new D(24000), new D(24), 'even', 'Asia/Kathmandu', start, end);
    const flat = revenueInWindow(new D(24000), new D(24), weights(Array(24).fill(5)), 'Asia/Kathmandu', start, end);
    // 11:20 → 17:05 is 5 h 45 min = 5.75 h at 1,000 an hour = 5,750, whatever the zone's :45 offset
    expect(even.toString()).toBe('5750');
    expect(flat.toString()).toBe('5750');
  });
});
