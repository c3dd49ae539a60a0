import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../schemas/problem';

/**
 * The uncertainty settings have their defaults in the contract, and a setting given without the option it
 * belongs to is still refused with a 422 naming it, rather than silently ignored.
 */
const VALUE_QUERY =
  'metric=lostRevenue&budgetAmount=1200&budgetPeriod=day&cpa=10&aov=50' +
  '&outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:00:00Z';

async function problem(res: Response) {
  expect(res.status).toBe(422);
  return Problem.parse(await res.json());
}

describe('settings without the option they belong to', () => {
  it.each([
    ['draws', 'draws=10'],
    ['seed', 'seed=2'],
    ['distribution', 'distribution=pert'],
  ])('GET /v1/impact/value refuses %s without stat', async (name, query) => {
    const res = await exports.default.fetch(`http://localhost/v1/impact/value?${VALUE_QUERY}&${query}`);
    expect((await problem(res)).errors).toEqual([{ pointer: `/query/${name}`, detail: 'applies only with stat' }]);
  });

  it('POST /v1/impact refuses sensitivityMetric without sensitivity: true, even naming the default', async () => {
    const res = await exports.default.fetch('http://localhost/v1/impact', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        outage: { windows: [{ start: '2024-03-05T15:00:00Z', end: '2024-03-05T17:00:00Z' }] },
        campaigns: [{ budget: { amount: '100', period: 'day' }, cpa: '25' }],
        options: { sensitivityMetric: 'lostRevenue' },
      }),
    });
    expect((await problem(res)).errors).toEqual([
      { pointer: '/options/sensitivityMetric', detail: 'applies only with "sensitivity": true' },
    ]);
  });

  it('GET /v1/impact/value with stat takes the defaults: the same answer as draws=10000&seed=1&distribution=triangular', async () => {
    const get = async (query: string) => {
      const res = await exports.default.fetch(
        `http://localhost/v1/impact/value?${VALUE_QUERY.replace('cpa=10', 'cpa=8..12')}&${query}`,
      );
      expect(res.status).toBe(200);
      return res.text();
    };
    expect(await get('stat=p5')).toBe(await get('stat=p5&draws=10000&seed=1&distribution=triangular'));
  });
});
