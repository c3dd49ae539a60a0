import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../src/app';

const BASE = 'http://localhost';
const postText = (path: string, body: string, type = 'application/json') =>
  exports.default.fetch(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as {
    type: string;
    status: number;
    detail: string;
    errors: { pointer: string; detail: string }[];
  };
}

const OUTAGE = '{"windows":[{"start":"2021-10-04T15:00:00Z","end":"2021-10-04T16:00:00Z"}]}';
const impactBody = (campaign: string) => `{"outage":${OUTAGE},"campaigns":[${campaign}]}`;

describe('JSON bodies are read as written', () => {
  it('answers 422 naming a key given twice, instead of keeping the last one', async () => {
    const res = await postText(
      '/v1/impact',
      impactBody('{"budget":{"amount":"1200","period":"day"},"cpm":"9.50","cpm":"95"}'),
    );
    const p = await problem(res, 422);
    expect(p.errors).toEqual([
      { pointer: '/campaigns/0/cpm', detail: 'is given twice in the same object; give it once' },
    ]);
  });

  it('refuses 1e-400 as a JSON number exactly as it refuses the string "1e-400", never as 0', async () => {
    const asNumber = await problem(
      await postText('/v1/impact', impactBody('{"budget":{"amount":"1200","period":"day"},"cpm":1e-400}')),
      422,
    );
    const asString = await problem(
      await postText('/v1/impact', impactBody('{"budget":{"amount":"1200","period":"day"},"cpm":"1e-400"}')),
      422,
    );
    expect(asNumber.errors).toEqual(asString.errors);
    expect(asNumber.errors.map((e) => e.pointer)).toEqual(['/campaigns/0/cpm']);
  });

  it('refuses __proto__, constructor and prototype keys, in JSON batch rows too', async () => {
    const row =
      '{"budgetAmount":"1200","budgetPeriod":"day","outageStart":"2021-10-04T15:00:00Z","outageEnd":"2021-10-04T16:00:00Z"';
    const p = await problem(
      await postText('/v1/impact/batch', `{"rows":[${row},"__proto__":"x"},${row},"constructor":"y"}]}`),
      422,
    );
    expect(p.errors.map((e) => e.pointer)).toEqual(['/rows/0/__proto__', '/rows/1/constructor']);
    const top = await problem(
      await postText(
        '/v1/market-cap',
        '{"prototype":{},"shareClasses":[{"shares":"1"}],"price":{"before":"2","after":"1"}}',
      ),
      422,
    );
    expect(top.errors.map((e) => e.pointer)).toEqual(['/prototype']);
  });

  it('still answers 400 for JSON that cannot be read', async () => {
    expect((await problem(await postText('/v1/impact', '{"outage":'), 400)).type).toBe('/problems/malformed-body');
  });
});

describe('error lists and CSV bounds', () => {
  it('lists at most 100 errors and says how many more there were', async () => {
    // 150 campaigns, each with one unknown field: 150 errors, 100 listed, 50 not.
    const campaigns = Array.from({ length: 150 }, () => '{"budget":{"amount":"1","period":"day"},"cmp":"1"}').join(',');
    const p = await problem(await postText('/v1/impact', `{"outage":${OUTAGE},"campaigns":[${campaigns}]}`), 422);
    expect(p.errors).toHaveLength(100);
    expect(p.errors[99]?.pointer).toBe('/campaigns/99/cmp');
    expect(p.detail).toBe('The request has 150 invalid fields. The first 100 are listed; 50 more are not.');
  });

  it('states the list of columns once for a bad header, not in every error', async () => {
    const p = await problem(await postText('/v1/impact/batch', 'id,cmp,ctrr\n1,2,3\n', 'text/csv'), 422);
    expect(p.errors.map((e) => e.pointer)).toEqual(['/header/cmp', '/header/ctrr']);
    expect(p.errors.every((e) => !e.detail.includes('budgetAmount'))).toBe(true);
    expect(p.detail.match(/budgetAmount/g)).toHaveLength(1);
  });

  it('answers 413 at the first CSV row over 10,000, cell over 4,096 characters or row over 64 columns', async () => {
    const rows = await problem(await postText('/v1/impact/batch', `id\n${'a\n'.repeat(10_001)}`, 'text/csv'), 413);
    expect(rows.errors).toEqual([
      { pointer: '/rows/10000', detail: 'the CSV has more than 10000 rows under its header; the limit is 10000' },
    ]);
    const cell = await problem(await postText('/v1/impact/batch', `id,cpm\nx,${'1'.repeat(4097)}\n`, 'text/csv'), 413);
    expect(cell.errors[0]?.pointer).toBe('/rows/0/1');
    const columns = await problem(
      await postText('/v1/impact/batch', `${Array.from({ length: 65 }, (_, i) => `c${i}`).join(',')}\n`, 'text/csv'),
      413,
    );
    expect(columns.errors[0]?.pointer).toBe('/header');
  });

  it('answers a 2 MB header row with a small 413, not a 316 MB 422', async () => {
    const res = await postText('/v1/impact/batch', `${'x,'.repeat(1_000_000)}x\n`, 'text/csv');
    const text = await res.clone().text();
    await problem(res, 413);
    expect(text.length).toBeLessThan(2000);
  });
});

describe('collections are bounded before their elements are parsed', () => {
  const badWeights = (n: number) => `[${Array.from({ length: n }, () => '"x"').join(',')}]`;

  it.each([
    ['/v1/impact', (w: string) => impactBody(`{"budget":{"amount":"1","period":"day"},"deliveryProfile":${w}}`)],
    [
      '/v1/platform-loss',
      (w: string) => `{"revenue":{"amount":"1","period":{"days":1}},"outage":${OUTAGE},"trafficProfile":${w}}`,
    ],
  ])('answers 130,000 invalid weights on %s with a 413, never a 500', async (path, body) => {
    const p = await problem(await postText(path, body(badWeights(130_000))), 413);
    expect(p.errors[0]?.detail).toMatch(/more than 10000 items/);
  });

  it('answers 10,000 invalid weights with one 422 at the array, without parsing the weights', async () => {
    const p = await problem(
      await postText(
        '/v1/impact',
        impactBody(`{"budget":{"amount":"1","period":"day"},"deliveryProfile":${badWeights(10_000)}}`),
      ),
      422,
    );
    expect(p.errors).toEqual([
      {
        pointer: '/campaigns/0/deliveryProfile',
        detail: 'must have 24 weights (hour of day) or 168 (hour of week, Monday 00:00 first), not more',
      },
    ]);
  });

  it('answers a JSON batch of 10,001 rows, and a row of 130,000 weights, with a 413', async () => {
    await problem(await postText('/v1/impact/batch', `{"rows":[${'{},'.repeat(10_000)}{}]}`), 413);
    expect((await postText('/v1/impact/batch', `{"rows":[{"deliveryProfile":${badWeights(130_000)}}]}`)).status).toBe(
      413,
    );
  });

  it('refuses a 65-character decimal string and a 65-character time stamp before reading them', async () => {
    const p = await problem(
      await postText(
        '/v1/impact',
        impactBody(`{"budget":{"amount":"${'1'.repeat(65)}","period":"day"},"flight":{"start":"${'2'.repeat(65)}"}}`),
      ),
      422,
    );
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/campaigns/0/budget/amount', detail: 'must be at most 64 characters long' },
        { pointer: '/campaigns/0/flight/start', detail: 'must be an RFC 3339 time stamp, at most 64 characters' },
      ]),
    );
  });
});

describe('the cost model admits or refuses a request from its shape alone', () => {
  const weights = Array.from({ length: 24 }, (_, h) => (h < 12 ? '1' : '2'));
  // n weighted lifetime campaigns, each a distinct three-year flight (2020-01-01 + i seconds to 2022-12-31):
  // 26,280 hours → 26,281 buckets each, no walk shared.
  const lifetimeBody = (n: number) =>
    JSON.stringify({
      outage: { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T16:00:00Z' }] },
      campaigns: Array.from({ length: n }, (_, i) => ({
        budget: { amount: '100000', period: 'lifetime' },
        flight: { start: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString(), end: '2022-12-31T00:00:00Z' },
        deliveryProfile: weights,
        cpm: '10',
      })),
    });

  it('answers 413 naming cost, limit and the largest contributors by pointer', async () => {
    const res = await postText('/v1/impact', lifetimeBody(1000));
    const p = (await problem(res, 413)) as Awaited<ReturnType<typeof problem>> & { cost: number; limit: number };
    expect(p.limit).toBe(400_000);
    expect(p.cost).toBeGreaterThan(1000 * 26_000);
    expect(p.errors).toHaveLength(5);
    // Every campaign walks its own 26,281 buckets of flight, so each is a contributor of that size.
    expect(p.errors[0]?.pointer).toMatch(/^\/campaigns\/\d+$/);
    expect(p.errors[0]?.detail).toMatch(/hour buckets/);
  });

  it('gives the same body the same status and the same bytes, cold or warm', async () => {
    const body = lifetimeBody(15);
    const first = await postText('/v1/impact', body);
    const second = await postText('/v1/impact', body);
    expect(second.status).toBe(first.status);
    expect(await second.text()).toBe(await first.text());
  });

  it('admits more when the deployment raises WORK_LIMIT', async () => {
    // 20 campaigns × about 37,000 buckets is over the default 400,000 and under 1,000,000.
    const request = () =>
      new Request(`${BASE}/v1/impact`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: lifetimeBody(20),
      });
    expect((await app.fetch(request(), {})).status).toBe(413);
    expect((await app.fetch(request(), { WORK_LIMIT: '1000000' })).status).toBe(200);
  });
});
