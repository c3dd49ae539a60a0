import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BatchJsonResponse } from '../../schemas/batch';
import { ImportJsonResponse } from '../../schemas/import';
import { Problem } from '../../schemas/problem';
import { parseCsv } from '../../src/csv/parse';

// A reporting currency on the batch and the import (DESIGN.md section 10, issue 13 item 5): `options.fx` in a
// JSON batch body, `fxCurrency` and `fxRates` in the query of either form and of the import.
//
// Two rows, outage 2021-10-04 15:00–16:00 UTC (one hour of an even day, deliveryLoss 1, no recapture), the
// funnel cpm 10, ctr 0.01, cvr 0.05, aov 40 in both:
//   usd: 2400 USD a day → 100 an hour lost; 100 ÷ 10 × 1000 = 10,000 impressions; × 0.01 = 100 clicks;
//        × 0.05 = 5 conversions; × 40 = 200.00 USD revenue.
//   eur: 1200 EUR a day → 50 lost; 5,000 impressions; 50 clicks; 2.5 conversions; 100.00 EUR revenue.
// At 1 EUR = 1.1 USD: lostSpend 100 + 50 × 1.1 = 155.00 USD, lostRevenue 200 + 100 × 1.1 = 310.00 USD;
// counts are added as they are: 15,000.00 impressions, 150.00 clicks, 7.50 conversions.

const FUNNEL = { cpm: '10', ctr: '0.01', cvr: '0.05', aov: '40' };
const ROW = { budgetPeriod: 'day', outageStart: '2021-10-04T15:00:00Z', outageEnd: '2021-10-04T16:00:00Z', ...FUNNEL };
const ROWS = [
  { id: 'usd', currency: 'USD', budgetAmount: '2400', ...ROW },
  { id: 'eur', currency: 'EUR', budgetAmount: '1200', ...ROW },
];
const COLUMNS = Object.keys(ROWS[0] as object);
const CSV = `${COLUMNS.join(',')}\r\n${ROWS.map((r) => COLUMNS.map((c) => r[c as keyof typeof r]).join(',')).join('\r\n')}\r\n`;

const batch = (body: string, query = '', contentType = 'application/json', accept = 'application/json') =>
  exports.default.fetch(`http://localhost/v1/impact/batch${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType, accept },
    body,
  });

async function ok(res: Response) {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return text;
}

async function problem(res: Response) {
  const text = await res.text();
  expect(res.status, text).toBe(422);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(JSON.parse(text));
}

describe('a reporting currency on POST /v1/impact/batch', () => {
  it('adds reportingTotal to a JSON answer from options.fx, money converted and counts added', async () => {
    const body = JSON.stringify({ rows: ROWS, options: { fx: { currency: 'USD', rates: { EUR: '1.1' } } } });
    const answer = BatchJsonResponse.parse(JSON.parse(await ok(await batch(body))));
    expect(answer.totals.map((t) => [t.currency, t.lostSpend, t.lostRevenue])).toEqual([
      ['USD', '100.00', '200.00'],
      ['EUR', '50.00', '100.00'],
    ]);
    expect(answer.reportingTotal).toMatchObject({
      currency: 'USD',
      lostSpend: '155.00',
      lostRevenue: '310.00',
      lostImpressions: '15000.00',
      lostClicks: '150.00',
      lostConversions: '7.50',
    });
  });

  it('takes fxCurrency and fxRates from the query of a CSV batch, and appends the row with totals=1', async () => {
    const text = await ok(await batch(CSV, '?fxCurrency=USD&fxRates=EUR:1.1&totals=1', 'text/csv', 'text/csv'));
    const [header = [], ...records] = parseCsv(text);
    const at = (record: string[] | undefined, column: string) => record?.[header.indexOf(column)];
    // Two rows, TOTAL USD, TOTAL EUR, then the reporting total.
    expect(records.map((r) => at(r, 'id'))).toEqual(['usd', 'eur', 'TOTAL USD', 'TOTAL EUR', 'REPORTING TOTAL USD']);
    const reporting = records[4];
    expect([at(reporting, 'currency'), at(reporting, 'lostSpend'), at(reporting, 'lostRevenue')]).toEqual([
      'USD',
      '155.00',
      '310.00',
    ]);
  });

  it('converts the other way round too: reporting in EUR at 1 USD = 0.9 EUR', async () => {
    // lostSpend 50 + 100 × 0.9 = 140.00 EUR; lostRevenue 100 + 200 × 0.9 = 280.00 EUR.
    const answer = BatchJsonResponse.parse(
      JSON.parse(await ok(await batch(JSON.stringify({ rows: ROWS }), '?fxCurrency=EUR&fxRates=USD:0.9'))),
    );
    expect(answer.reportingTotal).toMatchObject({ currency: 'EUR', lostSpend: '140.00', lostRevenue: '280.00' });
  });

  it('answers a reportingTotal of nothing when every row has an error, not a 500', async () => {
    // No row computes: nothing is added, so the money is 0.00 USD and the funnel metrics are null.
    const bad = ROWS.map((r) => ({ ...r, cpm: '-1' }));
    const body = JSON.stringify({ rows: bad, options: { fx: { currency: 'USD', rates: { EUR: '1.1' } } } });
    const answer = BatchJsonResponse.parse(JSON.parse(await ok(await batch(body))));
    expect(answer.rows.every((r) => r.error !== null)).toBe(true);
    expect(answer.totals).toEqual([]);
    expect(answer.reportingTotal).toMatchObject({
      currency: 'USD',
      plannedSpend: '0.00',
      lostSpend: '0.00',
      recapturedSpend: '0.00',
      lostRevenue: null,
    });
  });

  it('has no reportingTotal without fx', async () => {
    const answer = BatchJsonResponse.parse(JSON.parse(await ok(await batch(JSON.stringify({ rows: ROWS })))));
    expect(answer.reportingTotal).toBeUndefined();
  });

  it('refuses a currency of the rows without a rate, at its pointer', async () => {
    const inBody = JSON.stringify({ rows: ROWS, options: { fx: { currency: 'USD', rates: {} } } });
    const p = await problem(await batch(inBody));
    expect(p.errors?.map((e) => e.pointer)).toEqual(['/options/fx/rates/EUR']);
    const q = await problem(await batch(CSV, '?fxCurrency=USD', 'text/csv', 'text/csv'));
    expect(q.errors?.map((e) => [e.pointer, e.detail])).toEqual([
      ['/query/fxRates', 'is required: rows in EUR need a rate to USD'],
    ]);
  });

  it('refuses ugly fx query parameters with pointers', async () => {
    const cases: [string, string][] = [
      ['?fxRates=EUR:1.1', '/query/fxCurrency'],
      ['?fxCurrency=usd&fxRates=EUR:1.1', '/query/fxCurrency'],
      ['?fxCurrency=USD&fxRates=EUR', '/query/fxRates'],
      ['?fxCurrency=USD&fxRates=EUR:0', '/query/fxRates'],
      ['?fxCurrency=USD&fxRates=EUR:1e400', '/query/fxRates'],
      ['?fxCurrency=USD&fxRates=EUR:1.1,EUR:1.2', '/query/fxRates'],
      ['?fxCurrency=USD&fxRates=eur:1.1', '/query/fxRates'],
      ['?fxCurrency=USD&fxRates=EUR:', '/query/fxRates'],
    ];
    for (const [query, pointer] of cases) {
      const p = await problem(await batch(CSV, query, 'text/csv', 'text/csv'));
      expect(
        p.errors?.map((e) => e.pointer),
        query,
      ).toEqual([pointer]);
    }
  });

  it('refuses fx given both in the body and in the query', async () => {
    const body = JSON.stringify({ rows: ROWS, options: { fx: { currency: 'USD', rates: { EUR: '1.1' } } } });
    const p = await problem(await batch(body, '?fxCurrency=USD&fxRates=EUR:1.1'));
    expect(p.errors?.map((e) => e.pointer)).toEqual(['/query/fxCurrency']);
  });

  it('refuses unknown keys in the body options', async () => {
    const p = await problem(await batch(JSON.stringify({ rows: ROWS, options: { fxx: {} } })));
    expect(p.errors?.map((e) => e.pointer)).toEqual(['/options/fxx']);
  });
});

// A Meta export in EUR: 840.00 spent over 26 Feb – 3 Mar 2024 (7 days, 168 h) is 5.00 an hour; the outage
// 2024-03-05 15:00–17:00 UTC (2 h) loses 10.00 EUR; 107,692 impressions per 840 → 10 × 107,692 ÷ 840 =
// 1,282.047… = 1282.05 impressions; 31 purchases per 840 → 10 × 31 ÷ 840 = 0.369… = 0.37 conversions.
// At 1 EUR = 1.1 USD: lostSpend 11.00 USD; the counts stay as they are.
const META =
  '"Reporting starts","Reporting ends","Campaign name","Amount spent (EUR)",Impressions,"Link clicks",Results,' +
  '"Result indicator"\n2024-02-26,2024-03-03,"Spring sale",840.00,107692,992,31,' +
  'actions:offsite_conversion.fb_pixel_purchase\n';
const OUTAGE = 'outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:00:00Z&timeZone=UTC';

const importExport = (query: string, accept = 'application/json') =>
  exports.default.fetch(`http://localhost/v1/impact/import?${OUTAGE}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', accept },
    body: META,
  });

describe('a reporting currency on POST /v1/impact/import', () => {
  it('adds reportingTotal from fxCurrency and fxRates', async () => {
    const answer = ImportJsonResponse.parse(
      JSON.parse(await ok(await importExport('&fxCurrency=USD&fxRates=EUR:1.1'))),
    );
    expect(answer.totals[0]).toMatchObject({ currency: 'EUR', lostSpend: '10.00' });
    expect(answer.reportingTotal).toMatchObject({
      currency: 'USD',
      lostSpend: '11.00',
      lostImpressions: '1282.05',
      lostConversions: '0.37',
    });
  });

  it('appends REPORTING TOTAL USD to a CSV answer with totals=1', async () => {
    const text = await ok(await importExport('&fxCurrency=USD&fxRates=EUR:1.1&totals=1', 'text/csv'));
    const [header = [], ...records] = parseCsv(text);
    const at = (record: string[] | undefined, column: string) => record?.[header.indexOf(column)];
    expect(records.map((r) => at(r, 'name'))).toEqual(['Spring sale', 'TOTAL EUR', 'REPORTING TOTAL USD']);
    expect(at(records[2], 'lostSpend')).toBe('11.00');
  });

  it('needs no rate when the export is in the reporting currency', async () => {
    const answer = ImportJsonResponse.parse(JSON.parse(await ok(await importExport('&fxCurrency=EUR'))));
    expect(answer.reportingTotal).toMatchObject({ currency: 'EUR', lostSpend: '10.00' });
  });

  it('refuses an export currency without a rate, and a bad rate, at /query/fxRates', async () => {
    const p = await problem(await importExport('&fxCurrency=USD&fxRates=GBP:1.27'));
    expect(p.errors?.map((e) => [e.pointer, e.detail])).toEqual([
      ['/query/fxRates', 'is required: rows in EUR need a rate to USD'],
    ]);
    const q = await problem(await importExport('&fxCurrency=USD&fxRates=EUR:-1'));
    expect(q.errors?.map((e) => e.pointer)).toEqual(['/query/fxRates']);
  });
});
