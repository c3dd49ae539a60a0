import type Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { expectNear } from './support/near';
import { estimate, post } from './support/realism';

/**
 * Outage realism (DESIGN.md section 13, docs/realism.md). Every expectation is the hand arithmetic in
 * its comment, evaluated with 60-digit decimals; the request of docs/realism.md is tested as published.
 */

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
