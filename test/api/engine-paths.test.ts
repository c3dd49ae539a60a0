import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ImpactResponse } from '../../schemas/impact';
import { Problem } from '../../schemas/problem';

/**
 * The engine names problems relative to the campaign it was given; the route places them in the request.
 * What a client relies on: the pointer names the campaign it is about, whichever position it has.
 */

const post = (body: unknown) =>
  exports.default.fetch('http://localhost/v1/impact', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const outage = { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T16:00:00Z' }] };
const plain = { budget: { amount: '100', period: 'day' }, cpm: '1' };

describe('problems the engine finds while estimating', () => {
  it('point into the campaign that has them, here the second', async () => {
    // cpm 5–10 with cpc 0.008: ctr = cpm ÷ (1000 × cpc) is 7.5 ÷ 8 = 0.9375 at the base, 10 ÷ 8 = 1.25 at cpm 10.
    const ranged = { budget: { amount: '100', period: 'day' }, cpm: { low: '5', high: '10' }, cpc: '0.008' };
    const res = await post({ outage, campaigns: [plain, ranged] });
    expect(res.status).toBe(422);
    const problem = Problem.parse(await res.json());
    const detail = 'at the corner cpm 10, cpc 0.008 of the ranges, ctr would be 1.25; ctr must be at most 1';
    expect(problem.errors).toEqual([
      { pointer: '/campaigns/1/cpm', detail },
      { pointer: '/campaigns/1/cpc', detail },
    ]);
  });

  it('leave a campaign without problems its answer, with the defaults the contract shows', async () => {
    // 100 a day over one hour of an even day: 100 ÷ 24 = 4.1666… → 4.17 planned and lost (deliveryLoss 1);
    // recapture 0 by default, so nothing comes back; 1000 × 4.1666… ÷ 1 = 4166.67 impressions lost.
    const res = await post({ outage, campaigns: [plain] });
    expect(res.status).toBe(200);
    const body = ImpactResponse.parse(await res.json());
    const [c] = body.campaigns;
    expect(c).toMatchObject({
      currency: 'USD',
      plannedSpend: '4.17',
      lostSpend: '4.17',
      recapturedSpend: '0.00',
      lostImpressions: '4166.67',
    });
    expect(c?.explain).toBeUndefined();
    expect(c?.timeline).toBeUndefined();
  });
});
