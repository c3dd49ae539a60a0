import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../src/app';

const post = (body: unknown) =>
  exports.default.fetch('http://localhost/v1/impact', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { type: string; detail: string; errors: { pointer: string; detail: string }[] };
}

const pointers = (p: { errors: { pointer: string }[] }) => p.errors.map((e) => e.pointer).sort();
const window = (start: string, end: string) => ({ windows: [{ start, end }] });
const weights24 = Array.from({ length: 24 }, (_, h) => (h < 12 ? '1' : '2'));

describe('work that one request may do is bounded before it is done', () => {
  it('answers 413, not an out-of-memory 5xx, for 1,000 weighted lifetime campaigns with distinct three-year flights', async () => {
    // Each flight is walked hour by hour: 1,000 × ~26,000 hours is far past the 1,000,000-bucket budget.
    const campaigns = Array.from({ length: 1000 }, (_, i) => ({
      timeZone: 'Europe/Paris',
      budget: { amount: '100000', period: 'lifetime' },
      flight: {
        start: `2020-01-01T00:${String(i % 60).padStart(2, '0')}:${String(Math.floor(i / 60)).padStart(2, '0')}Z`,
        end: '2022-12-31T00:00:00Z',
      },
      deliveryProfile: weights24,
      cpm: '10',
    }));
    const p = await problem(
      await post({ outage: window('2021-10-04T15:00:00Z', '2021-10-04T16:00:00Z'), campaigns }),
      413,
    );
    expect(p.type).toBe('/problems/payload-too-large');
  });

  it('spreads an even lifetime budget without walking its hours', async () => {
    // Even over the flight: 2020-01-01 to 2022-12-31 is 366 + 365 + 364 = 1,095 days = 26,280 hours;
    // one hour of it is 100,000 ÷ 26,280 = 3.805175… → 3.81, for every one of 1,000 distinct flights.
    const campaigns = Array.from({ length: 1000 }, (_, i) => ({
      budget: { amount: '100000', period: 'lifetime' },
      flight: { start: '2020-01-01T00:00:00Z', end: '2022-12-31T00:00:00Z' },
      id: `c${i}`,
      cpm: '10',
    }));
    const res = await post({ outage: window('2021-10-04T15:00:00Z', '2021-10-04T16:00:00Z'), campaigns });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { campaigns: { plannedSpend: string }[] };
    expect(body.campaigns[999]?.plannedSpend).toBe('3.81');
  });

  it('refuses pacing over a flight longer than 1,096 days, and bounds one without a start', async () => {
    const campaign = {
      budget: { amount: '1200', period: 'day' },
      cpm: '10',
      recovery: { recapture: '1', pacingPeriod: 'flight' },
    };
    const long = await post({
      outage: window('2021-10-04T15:00:00Z', '2021-10-04T16:00:00Z'),
      campaigns: [{ ...campaign, flight: { start: '2021-01-01T00:00:00Z', end: '2200-12-31T00:00:00Z' } }],
    });
    expect(pointers(await problem(long, 422))).toEqual(['/campaigns/0/flight/end']);
    // No start: the headroom to 2200 would be 1.5 million hours, past the request's budget.
    const open = await post({
      outage: window('2021-10-04T15:00:00Z', '2021-10-04T16:00:00Z'),
      campaigns: [{ ...campaign, flight: { end: '2200-12-31T00:00:00Z' } }],
    });
    await problem(open, 413);
  });

  it('refuses a timeline of more than 50,000 rows: by its cost (413), or past a raised WORK_LIMIT by the option (422)', async () => {
    // 366 days × 24 = 8,784 rows a campaign; 6 campaigns make 52,704, each row 28 units: far over 400,000.
    const campaigns = Array.from({ length: 6 }, () => ({ budget: { amount: '1000', period: 'day' }, cpm: '10' }));
    const body = JSON.stringify({
      outage: window('2021-01-01T00:00:00Z', '2022-01-02T00:00:00Z'),
      campaigns,
      options: { timeline: 'hour' },
    });
    const costly = await problem(await post(JSON.parse(body)), 413);
    expect(costly.errors.map((e) => e.pointer)).toContain('/campaigns/0');
    const request = new Request('http://localhost/v1/impact', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(pointers(await problem(await app.fetch(request, { WORK_LIMIT: '100000000' }), 422))).toEqual([
      '/options/timeline',
    ]);
  });
});

describe('every problem of a campaign is listed at once', () => {
  it('lists profile weights, an hourly budget profile and a contradiction next to a bad grossMargin', async () => {
    const deliveryProfile = Array.from({ length: 24 }, (_, h) => (h === 5 ? '-1' : h === 7 ? 'x' : '1'));
    const res = await post({
      outage: window('2021-10-04T15:00:00Z', '2021-10-04T16:00:00Z'),
      campaigns: [{ budget: { amount: '100', period: 'hour' }, deliveryProfile, grossMargin: '2' }],
    });
    expect(pointers(await problem(res, 422))).toEqual([
      '/campaigns/0/deliveryProfile',
      '/campaigns/0/deliveryProfile/5',
      '/campaigns/0/deliveryProfile/7',
      '/campaigns/0/grossMargin',
    ]);
  });

  it('lists a lifetime budget without a flight next to a ctr of 5', async () => {
    const res = await post({
      outage: window('2021-10-04T15:00:00Z', '2021-10-04T16:00:00Z'),
      campaigns: [{ budget: { amount: '100', period: 'lifetime' }, ctr: '5' }],
    });
    expect(pointers(await problem(res, 422))).toEqual([
      '/campaigns/0/ctr',
      '/campaigns/0/flight/end',
      '/campaigns/0/flight/start',
    ]);
  });

  it('reports every lifetime campaign whose profile has no weight in its flight, not only the first', async () => {
    // Weight only at 02:00 local, and the flight is 2021-03-14 00:00-04:00 in New York, which skips 02:00.
    const campaign = {
      timeZone: 'America/New_York',
      budget: { amount: '100', period: 'lifetime' },
      flight: { start: '2021-03-14T00:00:00', end: '2021-03-14T04:00:00' },
      deliveryProfile: Array.from({ length: 24 }, (_, h) => (h === 2 ? '1' : '0')),
    };
    const res = await post({
      outage: window('2021-03-14T05:00:00Z', '2021-03-14T06:00:00Z'),
      campaigns: [campaign, campaign],
    });
    expect(pointers(await problem(res, 422))).toEqual(['/campaigns/0/deliveryProfile', '/campaigns/1/deliveryProfile']);
  });
});

describe('ranges', () => {
  it('gives exact extremes of a cpm range, computed by hand', async () => {
    // 2,400 a day over 3 UTC hours: U = 2400 × 3/24 = 300, no recapture.
    // lostImpressions = 1000 × 300 ÷ cpm: base cpm 9.5 → 31,578.947… → 31578.95; low at cpm 10 → 30000.00;
    // high at cpm 9 → 33,333.33.
    const res = await post({
      outage: window('2021-10-04T10:00:00Z', '2021-10-04T13:00:00Z'),
      campaigns: [{ budget: { amount: '2400', period: 'day' }, cpm: { low: '9', high: '10' } }],
    });
    const body = (await res.json()) as {
      campaigns: {
        lostImpressions: string;
        ranges: { lostImpressions: { low: string; base: string; high: string } };
      }[];
    };
    expect(body.campaigns[0]?.lostImpressions).toBe('31578.95');
    expect(body.campaigns[0]?.ranges.lostImpressions).toEqual({ low: '30000.00', base: '31578.95', high: '33333.33' });
  });

  it('refuses ranges whose corner derives a ctr above 1 (more clicks than impressions)', async () => {
    // cpc 0.05 with cpm 90 gives ctr = 90 ÷ (1000 × 0.05) = 1.8 at the high corner; the base (cpm 45.5) gives 0.91.
    const res = await post({
      outage: window('2021-10-04T10:00:00Z', '2021-10-04T13:00:00Z'),
      campaigns: [
        { budget: { amount: '2400', period: 'day' }, cpm: { low: '1', high: '90' }, cpc: '0.05', cvr: '0.1' },
      ],
    });
    const p = await problem(res, 422);
    expect(pointers(p)).toEqual(['/campaigns/0/cpc', '/campaigns/0/cpm']);
    expect(p.errors[0]?.detail).toMatch(/ctr would be 1\.8/);
  });
});

describe('clear messages for values of the wrong kind', () => {
  const withField = (field: object) =>
    post({
      outage: window('2021-10-04T15:00:00Z', '2021-10-04T16:00:00Z'),
      campaigns: [{ budget: { amount: '1', period: 'day' }, ...field }],
    });

  it.each([
    [{ cpm: true }, '/campaigns/0/cpm', 'must be a number, a decimal string or a range { "low", "high" }'],
    [{ ctr: null }, '/campaigns/0/ctr', 'must be a number, a decimal string or a range { "low", "high" }'],
    [{ ctr: { low: '0.5' } }, '/campaigns/0/ctr/high', 'is required'],
    [{ deliveryProfile: 5 }, '/campaigns/0/deliveryProfile', 'must be "even" or an array'],
  ])('%j is answered at its own pointer with what it should be', async (field, pointer, detail) => {
    expect((await problem(await withField(field), 422)).errors).toEqual([{ pointer, detail }]);
  });
});
