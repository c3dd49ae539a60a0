import { describe, expect, it } from 'vitest';
import { one, outage } from './support/impact';
import { expectNear, x } from './support/near';

/**
 * Engine tests: requests are parsed by the contract (ImpactRequest) and estimated by the engine, and
 * every expectation is the hand arithmetic in its comment, evaluated with 60-digit decimals.
 */

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
