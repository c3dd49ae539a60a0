import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../schemas/problem';

/**
 * The engine names campaigns by index and request-wide work by its own names ('simulation', 'windows');
 * the HTTP edge writes the pointers, in the problem's `pointer` and in its text. What a client relies on:
 * the pointers and words of these answers, exactly.
 */

const post = (path: string, body: unknown) =>
  exports.default.fetch(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const window = { start: '2024-03-05T15:00:00Z', end: '2024-03-05T17:00:00Z' };
const campaign = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  budget: { amount: '2400', period: 'day' },
  cpa: '25',
  aov: '80',
  grossMargin: '0.5',
  ...extra,
});

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await res.json());
}

describe('failover problems that name other campaigns', () => {
  it('name the campaigns sharing an id by their pointers', async () => {
    const campaigns = [campaign('a', { failover: { to: 'b', share: '0.5' } }), campaign('b'), campaign('b')];
    const p = await problem(await post('/v1/impact', { outage: { windows: [window] }, campaigns }), 422);
    expect(p.errors).toEqual([
      {
        pointer: '/campaigns/0/failover/to',
        detail: '"b" is the id of 2 campaigns (/campaigns/1, /campaigns/2); give each a unique id',
      },
    ]);
  });

  it('name a cycle by the ids, at every campaign in it', async () => {
    const campaigns = [
      campaign('x'),
      campaign('a', { failover: { to: 'b', share: '0.5' } }),
      campaign('b', { failover: { to: 'a', share: '0.5' } }),
    ];
    const p = await problem(await post('/v1/impact', { outage: { windows: [window] }, campaigns }), 422);
    const detail = 'forms a cycle of failovers (a → b → a); spend cannot move in a circle';
    expect(p.errors).toEqual([
      { pointer: '/campaigns/1/failover', detail },
      { pointer: '/campaigns/2/failover', detail },
    ]);
  });
});

describe('the cost model’s request-wide work, placed by the edge', () => {
  it('answers a simulation over the limit at /options/simulation', async () => {
    // 100,000 draws × 10 campaigns = 1,000,000 evaluations ÷ 2.5 per unit = 400,000 units, the whole default
    // limit. Each campaign's answer is 10 more; the first also walks the 2-hour window's hour buckets (2 + 1 = 3)
    // and, a day budget being paced over its ISO week, the hours from 17:00 on Tuesday 5 March to Monday 11 March
    // 00:00 (7 + 5 × 24 = 127, so 128 buckets): 131 buckets, 141 units. 400,000 + 10 × 10 + 131 = 400,231.
    const body = (n: number) => ({
      outage: { windows: [window] },
      campaigns: Array.from({ length: n }, (_, i) => campaign(`c${i}`)),
      options: { simulation: { draws: 100_000 } },
    });
    const p = await problem(await post('/v1/impact', body(10)), 413);
    expect(p.errors[0]).toEqual({
      pointer: '/options/simulation',
      detail: '400,000 units: 100,000 draws × 10 campaigns = 1,000,000 simulated evaluations',
    });
    expect(p.errors[1]).toEqual({ pointer: '/campaigns/0', detail: '141 units: 131 hour buckets, its answer' });
    expect(p.detail).toBe(
      'The request would cost 400,231 work units or more; the limit is 400,000. Send fewer campaigns or rows, ' +
        'shorter windows or flights, fewer ranged inputs, or no timeline; the largest contributors are listed.',
    );
  });
});
