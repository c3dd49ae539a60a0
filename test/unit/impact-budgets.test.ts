import { describe, it } from 'vitest';
import { one, outage, utcDay } from './support/impact';
import { expectNear, x } from './support/near';

/**
 * Engine tests: requests are parsed by the contract (ImpactRequest) and estimated by the engine, and
 * every expectation is the hand arithmetic in its comment, evaluated with 60-digit decimals.
 */

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
