import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BatchJsonResponse } from '../../schemas/batch';
import { ImpactResponse } from '../../schemas/impact';
import { Problem } from '../../schemas/problem';
import { parseCsv } from '../../src/csv/parse';

// Percent strings, written precision, warnings and actual spend, over HTTP (DESIGN.md sections 2, 4, 10).
// Expected values are worked by hand in the comments.

const fetchWorker = (path: string, init?: RequestInit) => exports.default.fetch(`http://localhost${path}`, init);
const postJson = (path: string, body: unknown) =>
  fetchWorker(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

// One hour, 10:00–11:00 UTC: a 2,400-a-day even budget plans 2,400 ÷ 24 = 100 in it.
const outage = { windows: [{ start: '2024-03-05T10:00:00Z', end: '2024-03-05T11:00:00Z' }] };
const budget = { amount: '2400', period: 'day' };

async function problem(res: Response, status = 422): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(JSON.parse(text));
}

describe('POST /v1/impact with figures as ad platforms write them', () => {
  it('reads CTR "0.92%" as 0.0092 and accepts the rounded Ads Manager triple 7.80 / 0.92 % / 0.85', async () => {
    const res = await postJson('/v1/impact', {
      outage,
      campaigns: [{ budget, cpm: '7.80', ctr: '0.92%', cpc: '0.85' }],
    });
    expect(res.status).toBe(200);
    const body = ImpactResponse.parse(await res.json());
    const [c] = body.campaigns;
    // 1000 × 100 ÷ 7.80 = 12,820.5128… impressions; × 0.0092 = 117.9487… clicks
    expect(c?.lostImpressions).toBe('12820.51');
    expect(c?.lostClicks).toBe('117.95');
    expect(c?.funnel.ctr?.value).toBe('0.009200');
    expect(c?.warnings).toBeUndefined();
  });

  it('refuses CPC 0.95 with the same CPM and CTR, naming all three', async () => {
    const p = await problem(
      await postJson('/v1/impact', { outage, campaigns: [{ budget, cpm: '7.80', ctr: '0.92%', cpc: '0.95' }] }),
    );
    expect(p.errors.map((e) => e.pointer)).toEqual(['/campaigns/0/cpm', '/campaigns/0/ctr', '/campaigns/0/cpc']);
  });

  it('warns when a bare ctr of 0.92 is probably a percent without its sign', async () => {
    const res = await postJson('/v1/impact', { outage, campaigns: [{ budget, cpm: '7.80', ctr: '0.92' }] });
    const [c] = ImpactResponse.parse(await res.json()).campaigns;
    expect(c?.warnings).toEqual([
      'ctr: 0.92 is read as 92 %, unusually high; if the figure is a percent, write it with its sign ("0.92%" is 0.0092)',
    ]);
  });

  it('refuses a percent on a money field and a 26-digit number', async () => {
    const p = await problem(
      await postJson('/v1/impact', { outage, campaigns: [{ budget, cpm: '12%', aov: '1.0000000000000000000000001' }] }),
    );
    expect(p.errors.map((e) => [e.pointer, e.detail])).toEqual([
      ['/campaigns/0/cpm', 'is not a fraction, so it cannot be a percent; write the number itself, not "12%"'],
      ['/campaigns/0/aov', 'must have at most 25 significant digits'],
    ]);
  });

  it('takes actual spend instead of a budget, and refuses both at once', async () => {
    // 8,400 over 26 Feb – 4 Mar 2024 (168 h) = 8,400 × 24 ÷ 168 = 1,200 a day; the hour plans 1,200 ÷ 24 = 50
    const spend = { amount: '8400', start: '2024-02-26T00:00:00Z', end: '2024-03-04T00:00:00Z' };
    const res = await postJson('/v1/impact', { outage, campaigns: [{ spend, cpm: '10' }] });
    const [c] = ImpactResponse.parse(await res.json()).campaigns;
    expect(c?.plannedSpend).toBe('50.00');
    // 1000 × 50 ÷ 10
    expect(c?.lostImpressions).toBe('5000.00');
    const p = await problem(await postJson('/v1/impact', { outage, campaigns: [{ budget, spend }] }));
    expect(p.errors.map((e) => e.pointer)).toEqual(['/campaigns/0/spend']);
  });
});

describe('the batch and formula endpoints read the same', () => {
  const row = {
    id: 'spend-row',
    spendAmount: '8400',
    spendStart: '2024-02-26T00:00:00Z',
    spendEnd: '2024-03-04T00:00:00Z',
    cpm: '7.80',
    ctr: '0.92',
    outageStart: '2024-03-05T10:00:00Z',
    outageEnd: '2024-03-05T11:00:00Z',
  };

  it('a JSON batch row with spend columns and a bare ctr of 0.92 gets its results and a warning', async () => {
    const res = await postJson('/v1/impact/batch', { rows: [row] });
    const [r] = BatchJsonResponse.parse(await res.json()).rows;
    // 50 planned (as above); 1000 × 50 ÷ 7.80 = 6,410.2564… impressions
    expect(r?.plannedSpend).toBe('50.00');
    expect(r?.lostImpressions).toBe('6410.26');
    expect(r?.warnings).toMatch(/^ctr: 0\.92 is read as 92 %/);
    expect(r?.error).toBeNull();
  });

  it('GET /v1/impact/value reads ctr=0.92% and spend parameters', async () => {
    const query = new URLSearchParams({ ...row, ctr: '0.92%', metric: 'lostClicks' });
    const res = await fetchWorker(`/v1/impact/value?${query}`);
    // 6,410.2564… × 0.0092 = 58.974…
    expect(await res.text()).toBe('58.97');
  });

  it('GET /v1/impact.csv refuses cpm=12% with /query/cpm', async () => {
    const query = new URLSearchParams({ ...row, cpm: '12%' });
    const p = await problem(await fetchWorker(`/v1/impact.csv?${query}`));
    expect(p.errors.map((e) => e.pointer)).toEqual(['/query/cpm']);
  });
});

describe('honest totals', () => {
  // Three USD campaigns over the hour: 2,400 a day → 100 each. "sale" has cpm 10, ctr 1 %, cvr 5 %
  // (purchase): 10,000 impressions, 100 clicks, 5 conversions; "installs" the same funnel counting
  // app installs: 5; "awareness" has only cpm 10: 10,000 impressions, no clicks or conversions.
  const funnel = { cpm: '10', ctr: '1%', cvr: '5%' };
  const campaigns = [
    { id: 'sale', budget, ...funnel, conversionEvent: 'purchase' },
    { id: 'installs', budget, ...funnel, conversionEvent: 'app_install' },
    { budget, cpm: '10' },
  ];

  it('totals each metric over the campaigns that determine it, naming the others, and keeps events apart', async () => {
    const res = await postJson('/v1/impact', { outage, campaigns });
    const [t] = ImpactResponse.parse(await res.json()).totals;
    // impressions 3 × 10,000; clicks 100 + 100 (the third, unnamed, is index 2 and left out)
    expect(t).toMatchObject({ plannedSpend: '300.00', lostImpressions: '30000.00', lostClicks: '200.00' });
    expect(t?.undetermined).toMatchObject({ lostClicks: [2], lostConversions: [2] });
    // purchases and app installs do not add up: lostConversions is null, split by event
    expect(t?.lostConversions).toBeNull();
    expect(t?.lostConversionsByEvent).toEqual({ purchase: '5.00', app_install: '5.00' });
  });

  it('the batch answers totals in JSON, and as TOTAL rows in CSV only with totals=1', async () => {
    const rows = [
      {
        id: 'a',
        budgetAmount: '2400',
        budgetPeriod: 'day',
        cpm: '10',
        outageStart: '2024-03-05T10:00:00Z',
        outageEnd: '2024-03-05T11:00:00Z',
      },
      {
        id: 'b',
        currency: 'EUR',
        budgetAmount: '4800',
        budgetPeriod: 'day',
        cpm: '10',
        outageStart: '2024-03-05T10:00:00Z',
        outageEnd: '2024-03-05T11:00:00Z',
      },
      {
        id: 'c',
        budgetAmount: '2400',
        budgetPeriod: 'day',
        outageStart: '2024-03-05T10:00:00Z',
        outageEnd: '2024-03-05T11:00:00Z',
      },
    ];
    const json = BatchJsonResponse.parse(await (await postJson('/v1/impact/batch', { rows })).json());
    // USD: 100 + 100 planned; impressions only from a: 1000 × 100 ÷ 10 = 10,000, c left out. EUR: 200, 20,000.
    expect(
      json.totals.map((t) => [t.currency, t.plannedSpend, t.lostImpressions, t.undetermined.lostImpressions]),
    ).toEqual([
      ['USD', '200.00', '10000.00', ['c']],
      ['EUR', '200.00', '20000.00', undefined],
    ]);
    const csv = (totals: string) =>
      fetchWorker(`/v1/impact/batch?${totals}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/csv' },
        body: JSON.stringify({ rows }),
      }).then((r) => r.text());
    const plain = parseCsv(await csv(''));
    expect(plain).toHaveLength(4);
    const withTotals = parseCsv(await csv('totals=1'));
    expect(withTotals.slice(4).map((r) => r[0])).toEqual(['TOTAL USD', 'TOTAL EUR']);
  });
});

describe('options.fx: one reporting total at rates the caller supplies', () => {
  // USD 2,400 a day and EUR 4,800 a day, cpm 10 each, over the hour: 100 USD and 200 EUR planned,
  // 10,000 and 20,000 impressions. At 1 EUR = 1.0842 USD: 100 + 200 × 1.0842 = 316.84 USD; 30,000 impressions.
  const campaigns = [
    { budget, cpm: '10' },
    { currency: 'EUR', budget: { amount: '4800', period: 'day' }, cpm: '10' },
  ];

  it('converts money and adds counts', async () => {
    const res = await postJson('/v1/impact', {
      outage,
      campaigns,
      options: { fx: { currency: 'USD', rates: { EUR: '1.0842' } } },
    });
    const body = ImpactResponse.parse(await res.json());
    expect(body.reportingTotal).toMatchObject({
      currency: 'USD',
      plannedSpend: '316.84',
      lostSpend: '316.84',
      lostImpressions: '30000.00',
    });
  });

  it('refuses a currency of the request without a rate, at its pointer', async () => {
    const p = await problem(
      await postJson('/v1/impact', { outage, campaigns, options: { fx: { currency: 'USD', rates: {} } } }),
    );
    expect(p.errors.map((e) => e.pointer)).toEqual(['/options/fx/rates/EUR']);
  });
});
