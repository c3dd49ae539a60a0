import { describe, it } from 'vitest';
import { one, outage, utcDay } from './support/impact';
import { expectNear } from './support/near';

/**
 * Engine tests: requests are parsed by the contract (ImpactRequest) and estimated by the engine, and
 * every expectation is the hand arithmetic in its comment, evaluated with 60-digit decimals.
 */

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
