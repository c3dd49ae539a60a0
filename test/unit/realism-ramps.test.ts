import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImpactRequest } from '../../schemas/impact';
import { PlatformLossRequest } from '../../schemas/platform';
import { app } from '../../src/app';
import { estimateCampaign } from '../../src/engine/impact';
import { estimatePlatformLoss } from '../../src/engine/platform';
import { rampBucketCount } from '../../src/engine/ramp';
import { WorkLimitError } from '../../src/engine/errors';
import { SpendCache } from '../../src/engine/spend';
import { expectNear, x } from './support/near';
import { estimate, post } from './support/realism';

/**
 * Outage realism (DESIGN.md section 13, docs/realism.md). Every expectation is the hand arithmetic in
 * its comment, evaluated with 60-digit decimals; the request of docs/realism.md is tested as published.
 */

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
