import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ImportJsonResponse, type ImportRow } from '../../schemas/import';
import { Problem } from '../../schemas/problem';
import { parseCsv } from '../../src/csv/parse';
import googleAds from '../fixtures/import/google-ads.csv?raw';
import googleAdsExcel from '../fixtures/import/google-ads-excel.tsv?raw';
import metaBudget from '../fixtures/import/meta-campaign-budget.csv?raw';
import metaEur from '../fixtures/import/meta-eur.csv?raw';
import metaHourly from '../fixtures/import/meta-hourly.csv?raw';

// POST /v1/impact/import with fixtures written by hand from the documented headers and quirks of each
// platform's export (FACTS.md). The outage is 2024-03-05 15:00–17:00 UTC: 2 hours of an even day.
// Every expected figure is worked out in the comment beside it.

const OUTAGE = 'outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:00:00Z&timeZone=UTC';

const post = (body: BodyInit, query = OUTAGE, headers: Record<string, string> = { 'content-type': 'text/csv' }) =>
  exports.default.fetch(`http://localhost/v1/impact/import?${query}`, {
    method: 'POST',
    headers: { accept: 'application/json', ...headers },
    body,
  });

async function answer(res: Response) {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return ImportJsonResponse.parse(JSON.parse(text));
}

async function problem(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(JSON.parse(text));
}

const byName = (rows: ImportRow[], name: string) => rows.find((r) => r.name === name) as ImportRow;

/** UTF-16LE with a byte-order mark, as Google Ads' "Excel CSV" download is written. */
function utf16le(text: string, bom = true): Uint8Array {
  const bytes = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[(bom ? 2 : 0) + 2 * i] = code & 0xff;
    bytes[(bom ? 2 : 0) + 2 * i + 1] = code >> 8;
  }
  return bytes;
}

describe('a Meta Ads Manager export with its currency in the header (EUR)', () => {
  it('answers one row per campaign from the totals, not the rounded ratio columns', async () => {
    const body = await answer(await post(metaEur));
    expect(body.source).toBe('meta');
    expect(body.rows.map((r) => r.name)).toEqual(['Spring sale', 'Brand awareness', 'Broken pixel']);
    const sale = byName(body.rows, 'Spring sale');
    // 840 over 26 Feb – 3 Mar (7 days, 168 h): 840 × 24 ÷ 168 = 120.00 a day; 2 h of it = 10.00
    expect(sale).toMatchObject({
      currency: 'EUR',
      spendPerDay: '120.00',
      plannedSpend: '10.00',
      lostSpend: '10.00',
      conversionEvent: 'purchase',
      profileSource: 'even',
      error: null,
    });
    // cpm = 1000 × 840 ÷ 107,692 = 7.800022… ; ctr = 992 ÷ 107,692 = 0.009211… (not the export's 0.92)
    expect(sale.cpm).toBe('7.800022');
    expect(sale.ctr).toBe('0.009211');
    // impressions 1000 × 10 ÷ cpm = 10 × 107,692 ÷ 840 = 1,282.0476; clicks 10 × 992 ÷ 840 = 11.8095;
    // conversions 10 × 31 ÷ 840 = 0.3690; revenue 10 × 2,000 ÷ 840 = 23.8095
    expect(sale).toMatchObject({
      lostImpressions: '1282.05',
      lostClicks: '11.81',
      lostConversions: '0.37',
      lostRevenue: '23.81',
    });
  });

  it('leaves conversions undetermined, with a warning, when the results are reach', async () => {
    const body = await answer(await post(metaEur));
    const brand = byName(body.rows, 'Brand awareness');
    // 168 a week = 24 a day; 2 h = 2.00; impressions 2 × 60,000 ÷ 168 = 714.2857; clicks 2 × 120 ÷ 168 = 1.4286
    expect(brand).toMatchObject({
      plannedSpend: '2.00',
      lostImpressions: '714.29',
      lostClicks: '1.43',
      lostConversions: null,
      conversionEvent: null,
    });
    expect(brand.warnings).toMatch(/results \(reach\) are not conversions/);
  });

  it('gives a row with 0 impressions and money spent its own error', async () => {
    const body = await answer(await post(metaEur));
    expect(byName(body.rows, 'Broken pixel').error).toMatch(/Impressions is 0 while 5 was spent/);
    // totals over the good rows: 10.00 + 2.00
    expect(body.totals).toHaveLength(1);
    expect(body.totals[0]).toMatchObject({ currency: 'EUR', plannedSpend: '12.00' });
  });

  it('says which column fed which input', async () => {
    const body = await answer(await post(metaEur));
    expect(body.mapping.cpm).toBe('1000 × Amount spent (EUR) ÷ Impressions');
    expect(body.mapping.ctr).toBe('Link clicks ÷ Impressions');
  });

  it('warns once, for the whole answer, when the account time zone is not given', async () => {
    const body = await answer(await post(metaEur, 'outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:00:00Z'));
    expect(body.warnings?.[0]?.detail).toMatch(/UTC was assumed/);
    expect(body.rows[0]?.warnings).not.toMatch(/UTC was assumed/);
  });
});

describe('a Meta export with Using campaign budget, Ongoing and link-click results', () => {
  it('uses what was spent, ignores the budget columns, and counts no conversions', async () => {
    const [row] = (await answer(await post(metaBudget))).rows;
    // 300 over 1–10 March (240 h): 30 a day; 2 h = 2.50; impressions 2.5 × 100,000 ÷ 300 = 833.33;
    // clicks 2.5 × 500 ÷ 300 = 4.1667
    expect(row).toMatchObject({
      name: 'Job ad A',
      currency: 'USD',
      spendPerDay: '30.00',
      plannedSpend: '2.50',
      lostImpressions: '833.33',
      lostClicks: '4.17',
      lostConversions: null,
      error: null,
    });
  });
});

describe('a Meta export split by hour of day (older title-case headers)', () => {
  it("combines the hours into one campaign whose profile is each hour's spend", async () => {
    const body = await answer(await post(metaHourly));
    expect(body.rows).toHaveLength(1);
    const [row] = body.rows;
    // one day, 48.00 spent: 48 a day. Profile 09:00 12, 15:00 6, 16:00 18, 20:00 12 (sum 48): the
    // outage 15:00–17:00 takes (6 + 18) ÷ 48 of the day = 24.00. cpm = 1000 × 48 ÷ 16,000 = 3;
    // impressions 1000 × 24 ÷ 3 = 8,000; ctr 160 ÷ 16,000 = 0.01: 80 clicks; cvr 8 ÷ 160: 4 conversions
    expect(row).toMatchObject({
      currency: 'GBP',
      profileSource: 'hourly rows',
      spendPerDay: '48.00',
      plannedSpend: '24.00',
      lostImpressions: '8000.00',
      lostClicks: '80.00',
      lostConversions: '4.00',
    });
  });
});

describe('a Google Ads campaign report', () => {
  it('reads the date range above the header, grouped thousands and --, and skips the Total rows', async () => {
    const body = await answer(await post(googleAds));
    expect(body.source).toBe('google-ads');
    expect(body.rows.map((r) => r.name)).toEqual(['Search – brand', 'Display – retargeting']);
    // 1,200 over 1–10 March (240 h): 120 a day; 2 h = 10.00; impressions 10 × 24,000 ÷ 1,200 = 200;
    // clicks 10 × 1,204 ÷ 1,200 = 10.0333; conversions 10 × 60 ÷ 1,200 = 0.5; revenue 10 × 4,800 ÷ 1,200 = 40
    expect(byName(body.rows, 'Search – brand')).toMatchObject({
      spendPerDay: '120.00',
      plannedSpend: '10.00',
      lostImpressions: '200.00',
      lostClicks: '10.03',
      lostConversions: '0.50',
      lostRevenue: '40.00',
    });
    // 600: 60 a day, 5.00; impressions 5 × 200,000 ÷ 600 = 1,666.67; clicks 5 × 800 ÷ 600 = 6.67; -- conversions
    expect(byName(body.rows, 'Display – retargeting')).toMatchObject({
      plannedSpend: '5.00',
      lostImpressions: '1666.67',
      lostClicks: '6.67',
      lostConversions: null,
    });
  });

  it('reads the UTF-16 tab-separated "Excel CSV" download', async () => {
    const [row, ...rest] = (await answer(await post(utf16le(googleAdsExcel)))).rows;
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ name: 'Search – brand', plannedSpend: '10.00', lostRevenue: '40.00' });
  });

  it('takes the file as a multipart upload, as a browser form sends it', async () => {
    const form = new FormData();
    form.append('file', new File([googleAds], 'campaigns.csv', { type: 'text/csv' }));
    const body = await answer(await post(form, OUTAGE, {}));
    expect(body.rows).toHaveLength(2);
  });

  it('answers CSV when Accept asks for it, one row per campaign', async () => {
    const res = await exports.default.fetch(`http://localhost/v1/impact/import?${OUTAGE}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', accept: 'text/csv' },
      body: googleAds,
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header?.slice(0, 3)).toEqual(['name', 'currency', 'spendPerDay']);
    expect(rows).toHaveLength(2);
  });
});

describe('totals of an import', () => {
  it('adds each metric over the campaigns that determine it, in JSON and, with totals=1, as a CSV row', async () => {
    const body = await answer(await post(googleAds));
    // planned 10.00 + 5.00; conversions only from Search (0.50): Display (row 1) is left out
    expect(body.totals[0]).toMatchObject({
      currency: 'USD',
      plannedSpend: '15.00',
      lostConversions: '0.50',
      lostRevenue: '40.00',
    });
    expect(body.totals[0]?.undetermined).toMatchObject({ lostConversions: [1], lostRevenue: [1] });
    const res = await exports.default.fetch(`http://localhost/v1/impact/import?${OUTAGE}&totals=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', accept: 'text/csv' },
      body: googleAds,
    });
    const [header = [], ...rows] = parseCsv(await res.text());
    const total = rows[2] ?? [];
    expect(rows).toHaveLength(3);
    expect(total[header.indexOf('name')]).toBe('TOTAL USD');
    expect(total[header.indexOf('plannedSpend')]).toBe('15.00');
  });
});

describe('bad exports', () => {
  it('UTF-16 without a byte-order mark is a 400 that says so', async () => {
    const p = await problem(await post(utf16le(googleAdsExcel, false)), 400);
    expect(p.detail).toMatch(/UTF-16 without a byte-order mark/);
  });

  it('an unrecognised file is a 422 listing the headers seen and those each platform writes', async () => {
    const p = await problem(await post('date,channel,spend\n2024-03-01,tv,100\n'), 422);
    expect(p.errors.map((e) => e.detail).join(' ')).toMatch(/headers seen: date, channel, spend.*Amount spent.*Impr\./);
  });

  it('a currency suffix that is not ISO 4217 is a 422 naming the header', async () => {
    const p = await problem(await post(metaEur.replace('Amount spent (EUR)', 'Amount spent (XYZ)')), 422);
    expect(p.errors[0]?.pointer).toBe('/header/Amount spent (XYZ)');
  });

  it("a reporting period that ends before it starts is that row's error", async () => {
    const body = await answer(await post(metaBudget.replace('2024-03-01,2024-03-10', '2024-03-10,2024-03-01')));
    expect(body.rows[0]?.error).toMatch(/ends \(2024-03-01\) before it starts \(2024-03-10\)/);
  });

  it('a multipart body that cannot be read is a 400, not a 500', async () => {
    const res = await post('garbage', OUTAGE, { 'content-type': 'multipart/form-data; boundary=x' });
    const p = await problem(res, 400);
    expect(p.detail).toContain('multipart/form-data');
  });

  it('an export whose campaigns cost more than the limit is a 413 naming them, before any is estimated', async () => {
    // 2,500 campaigns of one row each: 5 + 260 + 10 (answer) units each beyond their own buckets
    // (docs/limits.md), so more than 2,500 × 275 = 687,500 units against the default limit of 400,000.
    const [header = '', row = ''] = metaBudget.split('\n');
    const cells = row.split(',');
    const rows = Array.from({ length: 2500 }, (_, i) => {
      const named = [...cells];
      named[2] = `"campaign ${i}"`;
      return named.join(',');
    });
    const p = await problem(await post(`${header}\n${rows.join('\n')}\n`), 413);
    expect(p.detail).toContain('the limit is 400,000');
    expect(p.errors[0]?.pointer).toMatch(/^\/rows(\/\d+)?$/);
  });

  it('10,001 data rows is a 413', async () => {
    const [header = '', row = ''] = metaBudget.split('\n');
    const p = await problem(await post(`${header}\n${`${row}\n`.repeat(10_001)}`), 413);
    expect(p.detail).toMatch(/10001 data rows; the limit is 10000/);
  });

  it('a missing outage is a 422 at /query/outageStart and /query/outageEnd', async () => {
    const p = await problem(await post(metaEur, 'timeZone=UTC'), 422);
    expect(p.errors.map((e) => e.pointer)).toEqual(['/query/outageStart', '/query/outageEnd']);
  });

  it('another content type is a 415', async () => {
    await problem(await post('{}', OUTAGE, { 'content-type': 'application/json' }), 415);
  });
});

describe('the catalogue and the platform’s own week', () => {
  it('takes outage=<catalogue id> for the window, as the explicit times give it', async () => {
    // meta-2024-03-05 is 15:00–17:19 UTC in the catalogue: 139 minutes. Spring sale spends 120.00 a day
    // evenly, 5.00 an hour, so 5 × 139 ÷ 60 = 11.5833… → 11.58 planned and lost.
    const byRef = byName(
      (await answer(await post(metaEur, 'outage=meta-2024-03-05&timeZone=UTC'))).rows,
      'Spring sale',
    );
    expect(byRef.plannedSpend).toBe('11.58');
    const explicit = 'outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:19:00Z&timeZone=UTC';
    expect(byName((await answer(await post(metaEur, explicit))).rows, 'Spring sale')).toEqual(byRef);
  });

  it('refuses outage= together with outage times, or an unknown id, at /query/outage', async () => {
    const both = await problem(await post(metaEur, `outage=meta-2024-03-05&${OUTAGE}`), 422);
    expect(both.errors.map((e) => e.pointer)).toEqual(['/query/outage']);
    const unknown = await problem(await post(metaEur, 'outage=META-2024-03-05&timeZone=UTC'), 422);
    expect(unknown.errors.map((e) => e.pointer)).toEqual(['/query/outage']);
    expect(unknown.errors[0]?.detail).toContain('meta-2024-03-05');
  });

  it("paces a Meta campaign over Meta's Sunday-to-Saturday week", async () => {
    // Saturday 9 March 2024, 20:00–23:00 UTC: Spring sale loses 3 h × 5.00 = 15.00. Meta's week ends at
    // Sunday 00:00, one hour later: headroom 0.75 × 1 h × 5.00 = 3.75, so recapture 1 makes up 3.75 only.
    // (An ISO week would end on Monday 00:00, 25 hours later, and make up all 15.00.)
    const saturday = 'outageStart=2024-03-09T20:00:00Z&outageEnd=2024-03-09T23:00:00Z&timeZone=UTC&recapture=1';
    const sale = byName((await answer(await post(metaEur, saturday))).rows, 'Spring sale');
    expect(sale.lostSpend).toBe('15.00');
    expect(sale.recapturedSpend).toBe('3.75');
    expect(sale.netLostSpend).toBe('11.25');
  });
});
