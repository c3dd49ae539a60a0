import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CatalogueOutageOut, OutageListResponse, RevenueListResponse } from '../../schemas/catalogue';
import { ImpactResponse } from '../../schemas/impact';
import { PlatformLossResponse } from '../../schemas/platform';
import type { Problem } from '../../schemas/problem';
import { BatchJsonResponse } from '../../schemas/batch';

const get = (path: string, init: RequestInit = {}) => exports.default.fetch(`http://localhost${path}`, init);
const post = (path: string, body: unknown) =>
  exports.default.fetch(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function problem(res: Response, status = 422): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return res.json<Problem>();
}

const IDS = ['meta-2019-03-13', 'google-2020-12-14', 'meta-2021-10-04', 'instagram-2021-10-08', 'meta-2024-03-05'];

describe('GET /v1/outages and /v1/outages/{id}', () => {
  it('lists every outage, oldest first, with windows, sources and revenue links', async () => {
    const res = await get('/v1/outages');
    expect(res.status).toBe(200);
    const body = OutageListResponse.parse(await res.json());
    expect(body.outages.map((o) => o.id)).toEqual(IDS);
    for (const o of body.outages)
      expect(o.sources.every((s) => s.url.startsWith('http') && s.quote.length > 0)).toBe(true);
  });

  it('returns one outage by id', async () => {
    const res = await get('/v1/outages/meta-2021-10-04');
    expect(res.status).toBe(200);
    const body = CatalogueOutageOut.parse(await res.json());
    expect(body.windows).toEqual([
      {
        start: '2021-10-04T15:39:00Z',
        end: '2021-10-04T21:05:00Z',
        startEarliest: '2021-10-04T15:39:00Z',
        startLatest: '2021-10-04T15:45:00Z',
        endEarliest: '2021-10-04T20:50:00Z',
        endLatest: '2021-10-04T22:39:00Z',
      },
    ]);
    expect(body.revenue).toEqual({ containingQuarter: 'meta:2021-Q4', lastReportedBefore: 'meta:2021-Q2' });
    expect(body.notes.join(' ')).toContain('60 Minutes');
  });

  it('answers an unknown id, or one in the wrong case, with a 404 problem listing the known ids', async () => {
    for (const id of ['META-2021-10-04', 'meta-2021-10-05', '%20']) {
      const body = await problem(await get(`/v1/outages/${id}`), 404);
      for (const known of IDS) expect(body.detail).toContain(known);
    }
  });

  it('answers 405 with Allow for another method on an outage, and 404 below it', async () => {
    const res = await get('/v1/outages/meta-2021-10-04', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    await problem(await get('/v1/outages/meta-2021-10-04/windows'), 404);
    await problem(await get('/v1/outages/'), 404);
  });
});

describe('GET /v1/platforms/{platform}/revenue', () => {
  it('lists quarters with total and advertising revenue, each with its source and ref', async () => {
    const res = await get('/v1/platforms/meta/revenue');
    expect(res.status).toBe(200);
    const body = RevenueListResponse.parse(await res.json());
    const q4 = body.periods.find((p) => p.period === '2021-Q4');
    expect(q4?.advertising).toMatchObject({
      status: 'confirmed',
      amount: '32640000000',
      ref: 'meta:2021-Q4:advertising',
    });
    expect(q4?.total).toMatchObject({ status: 'confirmed', amount: '33671000000', ref: 'meta:2021-Q4:total' });
    const q1 = body.periods.find((p) => p.period === '2024-Q1');
    expect(q1?.advertising.status).toBe('unconfirmed');
    expect(q1?.advertising.ref).toBeUndefined();
  });

  it('answers a platform not in the catalogue with a 404 naming the ones that are', async () => {
    const body = await problem(await get('/v1/platforms/google/revenue'), 404);
    expect(body.detail).toContain('platforms: meta');
    await problem(await get('/v1/platforms/__proto__/revenue'), 404);
  });
});

/** The journalist's question: what ad revenue did Meta lose in the 4 October 2021 outage? */
const JOURNALIST = { revenue: { ref: 'meta:2021-Q4:advertising' }, outage: { ref: 'meta-2021-10-04' } };

async function platformLoss(body: unknown): Promise<PlatformLossResponse> {
  const res = await post('/v1/platform-loss', body);
  expect(res.status).toBe(200);
  return PlatformLossResponse.parse(await res.json());
}

describe('refs in POST /v1/platform-loss', () => {
  it("answers the journalist's request with the loss, its method, caveats and sources", async () => {
    const body = await platformLoss(JOURNALIST);
    // 2021-Q4 = Oct 31 + Nov 30 + Dec 31 = 92 days = 2,208 h. Advertising revenue $32.64bn (as published).
    // 32,640,000,000 ÷ 2,208: 2,208 × 14,782,608 = 32,639,998,464, remainder 1,536 ÷ 2,208 = 0.6957 → 14,782,608.70 an hour.
    // 15:39Z → 21:05Z = 5 h 26 min = 326 min; 32,640,000,000 × 326 ÷ (2,208 × 60) = 10,640,640,000,000 ÷ 132,480
    //   = 80,318,840.5797… → 80,318,840.58.
    expect(body).toMatchObject({
      currency: 'USD',
      periodHours: '2208.00',
      revenuePerHour: '14782608.70',
      outageMinutes: '326.00',
      grossLoss: '80318840.58',
      recaptured: '0.00',
      netLoss: '80318840.58',
    });
    expect(body.method).toBe(
      'Q4 2021 advertising revenue of $32,640,000,000.00 (meta:2021-Q4:advertising, as published: $32.64bn), spread evenly over its 2,208 hours, ' +
        'gives $14,782,608.70 an hour; the outage lasted 5.43 hours (meta-2021-10-04: 2021-10-04T15:39:00Z to 2021-10-04T21:05:00Z), ' +
        'so the gross loss is $80,318,840.58.',
    );
    const caveats = body.caveats.join('\n');
    expect(caveats).toContain('Gross, not net');
    expect(caveats).toContain('traffic profile');
    expect(caveats).toContain('60 Minutes');
    expect(body.outage?.ref).toBe('meta-2021-10-04');
    expect(body.outage?.sources.some((s) => s.url.startsWith('https://blog.cloudflare.com/'))).toBe(true);
    expect(body.revenue).toMatchObject({
      ref: 'meta:2021-Q4:advertising',
      amount: '32640000000',
      asPublished: '$32.64bn',
      publishedBy: '2022-02-02',
    });
  });

  it('gives the same numbers as the explicit revenue and windows the refs stand for', async () => {
    const explicit = await platformLoss({
      revenue: { amount: '32640000000', currency: 'USD', period: { quarter: '2021-Q4' } },
      outage: { windows: [{ start: '2021-10-04T15:39:00Z', end: '2021-10-04T21:05:00Z' }] },
    });
    const byRef = await platformLoss(JOURNALIST);
    const numbers = ({ method: _m, caveats: _c, outage: _o, revenue: _r, ...rest }: PlatformLossResponse) => rest;
    expect(numbers(byRef)).toEqual(numbers(explicit));
    expect(explicit.outage).toBeUndefined();
    // Without refs the method still states the period, the hours and the window.
    expect(explicit.method).toContain('Revenue of $32,640,000,000.00 over 2021-Q4, spread evenly over its 2,208 hours');
  });

  it('says when the revenue is not from the quarter the outage fell in, and what total revenue includes', async () => {
    const body = await platformLoss({ revenue: { ref: 'meta:2021-Q2:total' }, outage: { ref: 'meta-2021-10-04' } });
    // $29.08bn over 2,184 h × 326 min ÷ 60 = 29,080,000,000 × 326 ÷ 131,040 = 72,344,932.8449… → 72,344,932.84.
    expect(body.grossLoss).toBe('72344932.84');
    const caveats = body.caveats.join('\n');
    expect(caveats).toContain(
      'not 2021-Q4, the quarter the outage fell in (meta:2021-Q4:advertising in the catalogue)',
    );
    expect(caveats).toContain('meta:2021-Q2:advertising is the advertising part');
  });

  it('states recapture, affected share and a traffic profile in the method when given', async () => {
    const body = await platformLoss({ ...JOURNALIST, affectedShare: '0.5', recapture: '0.25' });
    // 80,318,840.5797… × 0.5 = 40,159,420.2898… → 40,159,420.29; × 0.25 = 10,039,855.0724… → 10,039,855.07;
    // net 40,159,420.2898… − 10,039,855.0724… = 30,119,565.2173… → 30,119,565.22.
    expect(body).toMatchObject({ grossLoss: '40159420.29', recaptured: '10039855.07', netLoss: '30119565.22' });
    expect(body.method).toContain(
      "it would have earned $80,318,840.58 in that time; scaled by each window's deliveryLoss and an affected share of 50 %",
    );
    expect(body.method).toContain(
      'with 25 % of it made up afterwards ($10,039,855.07), the net loss is $30,119,565.22.',
    );
  });

  it('refuses bad refs with a pointer and the valid choices', async () => {
    const cases: [unknown, string, string][] = [
      [
        {
          ...JOURNALIST,
          outage: { ref: 'meta-2021-10-04', windows: [{ start: '2021-10-04T15:39:00Z', end: '2021-10-04T21:05:00Z' }] },
        },
        '/outage/windows',
        'not both',
      ],
      [{ ...JOURNALIST, outage: { ref: 'meta-2021-10-05' } }, '/outage/ref', 'known outages: meta-2019-03-13'],
      [{ ...JOURNALIST, outage: { ref: 'Meta-2021-10-04' } }, '/outage/ref', 'must be written "meta-2021-10-04"'],
      [{ ...JOURNALIST, outage: { ref: '' } }, '/outage/ref', 'known outages'],
      [{ ...JOURNALIST, outage: { ref: 5 } }, '/outage/ref', 'catalogue outage id'],
      [{ ...JOURNALIST, outage: { ref: 'meta-2021-10-04', timeZone: 'UTC' } }, '/outage/timeZone', 'in UTC'],
      [{ ...JOURNALIST, outage: { ref: 'meta-2021-10-04', windowz: [] } }, '/outage/windowz', 'not a field'],
      [{ ...JOURNALIST, revenue: { ref: 'meta:2022-Q1:advertising' } }, '/revenue/ref', 'meta:2021-Q4:advertising'],
      [
        { ...JOURNALIST, revenue: { ref: 'meta:2021-q4:advertising' } },
        '/revenue/ref',
        'must be written "meta:2021-Q4:advertising"',
      ],
      [{ ...JOURNALIST, revenue: { ref: 'meta:2024-Q1:advertising' } }, '/revenue/ref', 'unconfirmed'],
      [{ ...JOURNALIST, revenue: { ref: 'meta:2021-Q4:advertising', amount: '1' } }, '/revenue/amount', 'not both'],
    ];
    for (const [body, pointer, detail] of cases) {
      const p = await problem(await post('/v1/platform-loss', body));
      const error = p.errors.find((e) => e.pointer === pointer);
      expect(error?.detail, JSON.stringify(p.errors)).toContain(detail);
    }
  });

  it('lists every problem of a ref at once', async () => {
    const p = await problem(
      await post('/v1/platform-loss', {
        revenue: { ref: 'meta:2022-Q1:advertising', period: { quarter: '2022-Q1' } },
        outage: { ref: 'META-2021-10-04', windows: [] },
      }),
    );
    expect(p.errors.map((e) => e.pointer).sort()).toEqual([
      '/outage/ref',
      '/outage/windows',
      '/revenue/period',
      '/revenue/ref',
    ]);
  });

  it('still validates explicit windows as before', async () => {
    const p = await problem(
      await post('/v1/platform-loss', {
        ...JOURNALIST,
        outage: { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T14:00:00Z' }] },
      }),
    );
    expect(p.errors).toEqual([{ pointer: '/outage/windows/0/end', detail: 'must be after the window start' }]);
  });
});

/** A day budget of 2,400 in UTC is 100 an hour; cpm 10 gives 100 impressions per unit of spend. */
const CAMPAIGN = { id: 'c', budget: { amount: '2400', period: 'day' }, cpm: '10' };

describe('refs in POST /v1/impact', () => {
  it("gives an advertiser's campaign impact for the same ref, equal to the explicit windows", async () => {
    const byRef = await post('/v1/impact', { outage: { ref: 'meta-2021-10-04' }, campaigns: [CAMPAIGN] });
    expect(byRef.status).toBe(200);
    const ref = ImpactResponse.parse(await byRef.json());
    const explicit = ImpactResponse.parse(
      await (
        await post('/v1/impact', {
          outage: { windows: [{ start: '2021-10-04T15:39:00Z', end: '2021-10-04T21:05:00Z' }] },
          campaigns: [CAMPAIGN],
        })
      ).json(),
    );
    // 100 an hour × 326 min ÷ 60 = 543.333… → 543.33 lost; 1000 × 543.333… ÷ 10 = 54,333.33 impressions.
    expect(ref.campaigns[0]).toMatchObject({
      outageMinutes: '326.00',
      lostSpend: '543.33',
      lostImpressions: '54333.33',
    });
    expect(ref.campaigns).toEqual(explicit.campaigns);
    expect(ref.totals).toEqual(explicit.totals);
    expect(ref.outage).toMatchObject({
      ref: 'meta-2021-10-04',
      windows: [{ start: '2021-10-04T15:39:00Z', end: '2021-10-04T21:05:00Z' }],
    });
    expect(explicit.outage).toBeUndefined();
  });

  it('applies a deliveryLoss given with the ref to every window', async () => {
    const res = await post('/v1/impact', {
      outage: { ref: 'meta-2024-03-05', deliveryLoss: '0.5' },
      campaigns: [CAMPAIGN],
    });
    // 15:00Z → 17:19Z = 139 min; 100 an hour × 139 ÷ 60 × 0.5 = 115.8333… → 115.83.
    expect(ImpactResponse.parse(await res.json()).campaigns[0]?.lostSpend).toBe('115.83');
  });
});

describe('outage=<id> in the batch and formula query strings', () => {
  const row = { id: 'c', budgetAmount: '2400', budgetPeriod: 'day', cpm: '10' };

  it('fills rows without outage cells from the catalogue; rows with their own keep them', async () => {
    const res = await post('/v1/impact/batch?outage=meta-2021-10-04', {
      rows: [row, { ...row, outageStart: '2021-10-04T15:00:00Z', outageEnd: '2021-10-04T16:00:00Z' }],
    });
    expect(res.status).toBe(200);
    const body = BatchJsonResponse.parse(await res.json());
    // Row 1: the catalogue window, 543.33 as above. Row 2: its own hour, 100.00.
    expect(body.rows.map((r) => r.lostSpend)).toEqual(['543.33', '100.00']);
  });

  it('answers the formula endpoints from the catalogue window', async () => {
    const res = await get(
      '/v1/impact/value?metric=lostSpend&outage=meta-2021-10-04&budgetAmount=2400&budgetPeriod=day&cpm=10',
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('543.33');
    const csv = await get('/v1/impact.csv?outage=meta-2021-10-04&budgetAmount=2400&budgetPeriod=day&cpm=10');
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('543.33');
  });

  it('refuses an unknown or wrongly cased id, and an id together with outage times', async () => {
    const cases: [string, string][] = [
      [
        '/v1/impact/value?metric=lostSpend&outage=meta-2021-10-05&budgetAmount=2400&budgetPeriod=day&cpm=10',
        'known outages',
      ],
      [
        '/v1/impact.csv?outage=META-2021-10-04&budgetAmount=2400&budgetPeriod=day&cpm=10',
        'must be written "meta-2021-10-04"',
      ],
      [
        '/v1/impact/value?metric=lostSpend&outage=meta-2021-10-04&outageStart=2021-10-04T15:00:00Z&budgetAmount=2400&budgetPeriod=day&cpm=10',
        'not both',
      ],
    ];
    for (const [path, detail] of cases) {
      const p = await problem(await get(path));
      expect(p.errors.find((e) => e.pointer === '/query/outage')?.detail, JSON.stringify(p.errors)).toContain(detail);
    }
    const batch = await problem(
      await post('/v1/impact/batch?outage=meta-2021-10-04&outageStart=2021-10-04T15:00:00Z', { rows: [row] }),
    );
    expect(batch.errors).toEqual([
      { pointer: '/query/outage', detail: 'give either `outage` (a catalogue outage) or `outageStart`, not both' },
    ]);
    const unknown = await problem(await post('/v1/impact/batch?outage=nope', { rows: [row] }));
    expect(unknown.errors[0]?.pointer).toBe('/query/outage');
  });
});
