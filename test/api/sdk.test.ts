import { exports } from 'cloudflare:workers';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClient, type ImpactResponse, type PlatformLossResponse, type Problem } from '../../sdk/typescript';

// The contract test: the SDK that `npm run sdk` generates from openapi.json, used as a user would use it,
// against the Worker running in workerd. A call that the SDK types accept must get the answer they promise.

const client = createClient({ baseUrl: 'http://localhost', fetch: (request) => exports.default.fetch(request) });

const OUTAGE = {
  timeZone: 'America/New_York',
  windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00' }],
};
const CAMPAIGN_QUERY = {
  id: 'fall-sale',
  timeZone: 'America/Los_Angeles',
  budgetAmount: '1200',
  budgetPeriod: 'day',
  cpm: '9.50',
  ctr: '0.011',
  cvr: '0.03',
  aov: '72',
  outageStart: '2021-10-04T11:39:00',
  outageEnd: '2021-10-04T17:05:00',
  outageTimeZone: 'America/New_York',
};

describe('the generated TypeScript SDK against the running service', () => {
  it('estimateCampaignImpact: POST /v1/impact answers a typed ImpactResponse', async () => {
    const { data, error, response } = await client.POST('/v1/impact', {
      body: {
        outage: OUTAGE,
        campaigns: [
          {
            id: 'fall-sale',
            timeZone: 'America/Los_Angeles',
            budget: { amount: '1200', period: 'day' },
            cpm: '9.50',
            ctr: '0.011',
            cvr: '0.03',
            aov: '72',
          },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expectTypeOf(data).toEqualTypeOf<ImpactResponse | undefined>();
    // 1,200 a day spread evenly over 24 Los Angeles hours; 11:39 to 17:05 New York is 326 minutes: 1200 × 326 ÷ 1440 = 271.67
    expect(data?.campaigns[0]?.lostSpend).toBe('271.67');
    expect(data?.totals[0]?.currency).toBe('USD');
  });

  it('estimateCampaignImpact: a 422 comes back as a typed Problem with a pointer per field', async () => {
    const { data, error, response } = await client.POST('/v1/impact', {
      // a typo the types would catch, sent anyway as a user of plain JavaScript might
      body: { outage: OUTAGE, campaigns: [{ budget: { amount: '1200', period: 'day' }, cmp: '9.50' } as never] },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(data).toBeUndefined();
    expectTypeOf(error).toEqualTypeOf<Problem | undefined>();
    expect(error?.type).toBe('/problems/validation');
    expect(error?.errors).toEqual([
      { pointer: '/campaigns/0/cmp', detail: 'is not a field of this object; check its spelling' },
    ]);
  });

  it('estimateCampaignImpactBatch: POST /v1/impact/batch with JSON rows answers JSON rows', async () => {
    const { data, response } = await client.POST('/v1/impact/batch', {
      body: {
        rows: [
          {
            id: 'good',
            budgetAmount: '1200',
            budgetPeriod: 'day',
            cpm: '9.50',
            outageStart: '2021-10-04T15:39:00Z',
            outageEnd: '2021-10-04T21:05:00Z',
          },
          { id: 'bad', budgetAmount: '-1' },
        ],
      },
      headers: { Accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    if (typeof data !== 'object') throw new Error(`expected JSON rows, got ${typeof data}`);
    expect(data.rows.map((r) => r.id)).toEqual(['good', 'bad']);
    expect(data.rows[0]?.lostSpend).toBe('271.67');
    expect(data.rows[0]?.error).toBeNull();
    expect(data.rows[1]?.lostSpend).toBeNull();
    expect(data.rows[1]?.error).toContain('budgetAmount');
  });

  it('estimateCampaignImpactBatch: a CSV body answers CSV', async () => {
    const csv =
      'id,budgetAmount,budgetPeriod,cpm,outageStart,outageEnd\r\ngood,1200,day,9.50,2021-10-04T15:39:00Z,2021-10-04T21:05:00Z\r\n';
    const { data, response } = await client.POST('/v1/impact/batch', {
      body: csv,
      bodySerializer: (body) => body,
      headers: { 'Content-Type': 'text/csv' },
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expectTypeOf(data).toEqualTypeOf<string | undefined>();
    expect(data?.split('\r\n')[1]).toMatch(/^"good",/);
  });

  it('getCampaignImpactCsv: GET /v1/impact.csv answers the header and one row, as text', async () => {
    const { data, response } = await client.GET('/v1/impact.csv', {
      params: { query: CAMPAIGN_QUERY },
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    const [header, row] = (data ?? '').split('\r\n');
    // Text cells are quoted (DESIGN.md section 9); numbers are not.
    expect(header?.split(',')).toContain('"lostSpend"');
    expect(row?.split(',')[0]).toBe('"fall-sale"');
  });

  it('getCampaignImpactValue: GET /v1/impact/value answers a bare number', async () => {
    const { data, response } = await client.GET('/v1/impact/value', {
      params: { query: { ...CAMPAIGN_QUERY, metric: 'lostSpend' } },
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    expect(data).toBe('271.67');
  });

  it('getCampaignImpactValue: the range columns and `rounding` are typed query values', async () => {
    // cpm 9..10 over the 271.67 lost: the low end is at cpm 10, 1000 × 271.666… ÷ 10 = 27166.666… → 27166.67
    // (typecheck refuses this call if the SDK's types lack `lostImpressionsLow` or `rounding`)
    const { data, response } = await client.GET('/v1/impact/value', {
      params: { query: { ...CAMPAIGN_QUERY, cpm: '9..10', metric: 'lostImpressionsLow', rounding: 'half-up' } },
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    expect(data).toBe('27166.67');
  });

  it('getCampaignImpactValue: an unknown query parameter is a typed Problem at /query/<name>', async () => {
    const { error, response } = await client.GET('/v1/impact/value', {
      params: { query: { ...CAMPAIGN_QUERY, metric: 'lostSpend', cmp: '9.50' } as never },
      parseAs: 'text',
    });
    expect(response.status).toBe(422);
    expectTypeOf(error).toEqualTypeOf<Problem | undefined>();
    expect(error?.errors.map((e) => e.pointer)).toEqual(['/query/cmp']);
  });

  it('getCampaignImpactTemplate: GET /v1/impact/template.csv answers the batch header', async () => {
    const { data, response } = await client.GET('/v1/impact/template.csv', { parseAs: 'text' });
    expect(response.status).toBe(200);
    expect(data?.split('\r\n')[0]).toMatch(/^"id","currency","timeZone","budgetAmount","budgetPeriod",/);
  });

  it('estimatePlatformRevenueLoss: POST /v1/platform-loss reproduces the worked example of DESIGN.md section 5', async () => {
    const { data, response } = await client.POST('/v1/platform-loss', {
      body: {
        revenue: { amount: '29080000000', currency: 'USD', period: { quarter: '2021-Q2' } },
        outage: { windows: [{ start: '2021-10-04T15:30:00Z', end: '2021-10-04T23:00:00Z' }] },
      },
    });
    expect(response.status).toBe(200);
    expectTypeOf(data).toEqualTypeOf<PlatformLossResponse | undefined>();
    // 29.08e9 ÷ 2,184 h = 13,315,018.315… an hour; × 7.5 h = 99,862,637.36
    expect(data?.revenuePerHour).toBe('13315018.32');
    expect(data?.netLoss).toBe('99862637.36');
  });

  it('computeMarketCapChange: POST /v1/market-cap reproduces the worked example of DESIGN.md section 6', async () => {
    const { data, response } = await client.POST('/v1/market-cap', {
      body: {
        shareClasses: [{ shares: '350000000' }],
        price: { before: '498.19', after: '490.22' },
        holders: [{ name: 'Founder', shares: '350000000' }],
      },
    });
    expect(response.status).toBe(200);
    // 350,000,000 × (490.22 − 498.19) = −2,789,500,000.00
    expect(data?.holders[0]?.wealthChange).toBe('-2789500000.00');
  });

  it('getHealth: GET /health answers ok and the version', async () => {
    const { data, response } = await client.GET('/health');
    expect(response.status).toBe(200);
    expect(data?.status).toBe('ok');
    expect(data?.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
