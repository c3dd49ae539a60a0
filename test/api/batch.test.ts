import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BatchJsonResponse, type BatchResultRow } from '../../schemas/batch';
import { ImpactResponse } from '../../schemas/impact';
import { Problem } from '../../schemas/problem';
import { parseCsv } from '../../src/csv/parse';

const BASE = 'http://localhost';
const fetchWorker = (path: string, init?: RequestInit) => exports.default.fetch(`${BASE}${path}`, init);

/** DESIGN.md section 7's columns, written out here rather than imported, so a reordering is caught. */
const INPUT_HEADER = [
  'id',
  'currency',
  'timeZone',
  'budgetAmount',
  'budgetPeriod',
  'flightStart',
  'flightEnd',
  'deliveryProfile',
  'cpm',
  'ctr',
  'cpc',
  'cvr',
  'cpa',
  'aov',
  'roas',
  'grossMargin',
  'incrementality',
  'recapture',
  'overspendCap',
  'cpmPremium',
  'outageStart',
  'outageEnd',
  'outageTimeZone',
  'deliveryLoss',
  'recoveryMinutes',
  // DESIGN.md section 10: actual spend instead of a budget, and what a conversion is
  'spendAmount',
  'spendStart',
  'spendEnd',
  'conversionEvent',
];
const RESULTS = [
  'plannedSpend',
  'lostSpend',
  'recapturedSpend',
  'netLostSpend',
  'lostImpressions',
  'lostClicks',
  'lostConversions',
  'lostRevenue',
  'lostGrossProfit',
  'netContributionChange',
] as const;
/** The metrics an input range can move (POST /v1/impact's `ranges`); the spends cannot. */
const RANGED = [
  'recapturedSpend',
  'netLostSpend',
  'lostImpressions',
  'lostClicks',
  'lostConversions',
  'lostRevenue',
  'lostGrossProfit',
  'netContributionChange',
] as const;
/** `<metric>Low`, `<metric>High` of each, after the results and before `error`. */
const RANGE_RESULTS = [
  'recapturedSpendLow',
  'recapturedSpendHigh',
  'netLostSpendLow',
  'netLostSpendHigh',
  'lostImpressionsLow',
  'lostImpressionsHigh',
  'lostClicksLow',
  'lostClicksHigh',
  'lostConversionsLow',
  'lostConversionsHigh',
  'lostRevenueLow',
  'lostRevenueHigh',
  'lostGrossProfitLow',
  'lostGrossProfitHigh',
  'netContributionChangeLow',
  'netContributionChangeHigh',
] as const;
const ALL_RESULTS = [...RESULTS, ...RANGE_RESULTS];
const OUTPUT_HEADER = [...INPUT_HEADER, ...ALL_RESULTS, 'error', 'warnings'];

/** A result row's ranges without a range input: each metric's low and high are the metric itself. */
const degenerate = (results: Record<string, string>) =>
  Object.fromEntries(
    RANGED.flatMap((m) => [
      [`${m}Low`, results[m]],
      [`${m}High`, results[m]],
    ]),
  );

/**
 * DESIGN.md section 4's example as a flat row. Worked by hand:
 *   the outage 11:39–17:05 New York is 08:39–14:05 Los Angeles on Monday 4 Oct 2021: 326 minutes.
 *   U = 1200 × 326 / 1440                                  = 815/3     = 271.666… → 271.67
 *   pacing week (ISO, Monday first) ends Sunday 10 Oct 24:00 Los Angeles:
 *   H = 0.75 × (1200 × 595/1440 + 6 × 1200)                = 5771.875, so min(U, H) = U
 *   R = 0.5 × U                                            = 815/6     = 135.833… → 135.83;  N = U − R = 135.83
 *   impressions = 1000 × U / 9.5 − 1000 × R / (9.5 × 1.1)  = 3260000/209 = 15598.0861… → 15598.09
 *   clicks = impressions × 0.011                           = 3260/19   = 171.5789… → 171.58
 *   conversions = clicks × 0.03                            = 489/95    = 5.14736… → 5.15
 *   revenue = conversions × 72                             = 35208/95  = 370.6105… → 370.61
 *   gross profit = revenue × 0.4                           = 70416/475 = 148.2442… → 148.24
 *   net contribution change = N − gross profit             = −35371/2850 = −12.4108… → −12.41
 */
const FALL_SALE = {
  id: 'fall-sale',
  currency: 'USD',
  timeZone: 'America/Los_Angeles',
  budgetAmount: '1200',
  budgetPeriod: 'day',
  flightStart: '2021-09-01T00:00:00',
  flightEnd: '2021-10-31T00:00:00',
  deliveryProfile: 'even',
  cpm: '9.50',
  ctr: '0.011',
  cvr: '0.03',
  aov: '72',
  grossMargin: '0.4',
  incrementality: '1',
  recapture: '0.5',
  overspendCap: '0.75',
  cpmPremium: '0.1',
  outageStart: '2021-10-04T11:39:00',
  outageEnd: '2021-10-04T17:05:00',
  outageTimeZone: 'America/New_York',
  deliveryLoss: '1',
};
const FALL_SALE_RESULTS = {
  plannedSpend: '271.67',
  lostSpend: '271.67',
  recapturedSpend: '135.83',
  netLostSpend: '135.83',
  lostImpressions: '15598.09',
  lostClicks: '171.58',
  lostConversions: '5.15',
  lostRevenue: '370.61',
  lostGrossProfit: '148.24',
  netContributionChange: '-12.41',
};

/**
 * 2,400 a day in UTC is 100 an hour; 10:00–13:00Z is 3 hours: U = 300, nothing recaptured.
 * cpc 0.5 and cvr 0.02 give cpa 25: conversions 300 / 25 = 12; roas 3: revenue 300 × 3 = 900.
 * No cpm and no ctr: impressions are undetermined; no grossMargin: profit is undetermined.
 */
const UTC_ROW = {
  id: 'utc-cpc',
  budgetAmount: '2400',
  budgetPeriod: 'day',
  cpc: '0.5',
  cvr: '0.02',
  roas: '3',
  outageStart: '2021-10-04T10:00:00Z',
  outageEnd: '2021-10-04T13:00:00Z',
};

/** ¥100,000 a day for 1 hour of 24 is 4,166.67 yen: JPY has no minor unit, so 4167. */
const JPY_ROW = {
  id: 'tokyo',
  currency: 'JPY',
  timeZone: 'Asia/Tokyo',
  budgetAmount: '100000',
  budgetPeriod: 'day',
  cpm: '8..12',
  ctr: '0.01',
  outageStart: '2024-03-05T15:00:00Z',
  outageEnd: '2024-03-05T16:00:00Z',
};

function csvOf(rows: Record<string, string>[], columns = INPUT_HEADER): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\r\n')}\r\n`;
}

const postCsv = (csv: BodyInit, headers: Record<string, string> = {}, query = '') =>
  fetchWorker(`/v1/impact/batch${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...headers },
    body: csv,
  });
const postJson = (body: unknown, headers: Record<string, string> = {}, query = '') =>
  fetchWorker(`/v1/impact/batch${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** A CSV answer as objects keyed by its header, after checking the header and the CRLF line ends. */
async function csvRowsOf(res: Response): Promise<Record<string, string>[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const text = await res.text();
  expect(text.endsWith('\r\n')).toBe(true);
  expect(/[^\r]\n/.test(text)).toBe(false); // every line break is CRLF
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual(OUTPUT_HEADER);
  return rows.map((cells) => Object.fromEntries(OUTPUT_HEADER.map((c, i) => [c, cells[i] ?? ''])));
}

async function jsonRowsOf(res: Response): Promise<BatchResultRow[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return BatchJsonResponse.parse(await res.json()).rows;
}

async function problemOf(res: Response, status: number): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await res.json());
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe('POST /v1/impact/batch with CSV', () => {
  it('reproduces DESIGN.md example by hand: 1,200 a day over 326 minutes plans 271.67', async () => {
    const [row] = await csvRowsOf(await postCsv(csvOf([FALL_SALE])));
    // No cell is a range: each metric's low and high are the metric itself.
    expect(row).toMatchObject({ ...FALL_SALE, ...FALL_SALE_RESULTS, ...degenerate(FALL_SALE_RESULTS), error: '' });
  });

  it('computes the good rows of a mixed file and gives each bad row its error and empty results', async () => {
    const rows = [
      FALL_SALE,
      { ...UTC_ROW },
      { ...UTC_ROW, id: 'ctr-two', ctr: '2' },
      { ...UTC_ROW, id: 'mars', timeZone: 'Mars/Olympus_Mons' },
      { ...UTC_ROW, id: '=HYPERLINK("http://x","y")' },
      { ...UTC_ROW, id: '-2+3' },
      { ...UTC_ROW, id: 'Smith, Jones\r\nQ4 "flash" sale' },
    ];
    const out = await csvRowsOf(await postCsv(csvOf(rows)));
    expect(out).toHaveLength(7);
    expect(out[0]).toMatchObject({ ...FALL_SALE_RESULTS, error: '' });
    // UTC_ROW worked by hand above.
    const utc = {
      plannedSpend: '300.00',
      lostSpend: '300.00',
      recapturedSpend: '0.00',
      netLostSpend: '300.00',
      lostImpressions: '',
      lostConversions: '12.00',
      lostRevenue: '900.00',
      lostGrossProfit: '',
      netContributionChange: '',
      error: '',
    };
    expect(out[1]).toMatchObject({ id: 'utc-cpc', ...utc });

    expect(out[2]?.error).toMatch(/^ctr: /);
    expect(out[3]?.error).toMatch(/^timeZone: /);
    for (const bad of [out[2], out[3]]) for (const c of ALL_RESULTS) expect(bad?.[c]).toBe('');

    // Text that a spreadsheet would run as a formula comes back with a leading apostrophe...
    expect(out[4]).toMatchObject({ id: '\'=HYPERLINK("http://x","y")', ...utc });
    expect(out[5]).toMatchObject({ id: "'-2+3", ...utc });
    // ...and a quoted field keeps its comma, line break and quotes.
    expect(out[6]).toMatchObject({ id: 'Smith, Jones\r\nQ4 "flash" sale', ...utc });
  });

  it('writes the formula-like id quoted and prefixed, byte for byte', async () => {
    const text = await (await postCsv(csvOf([{ ...UTC_ROW, id: '=HYPERLINK("http://x","y")' }]))).text();
    expect(text.split('\r\n')[1]?.startsWith('"\'=HYPERLINK(""http://x"",""y"")",')).toBe(true);
  });

  it('never alters a negative number in the output', async () => {
    const text = await (await postCsv(csvOf([FALL_SALE]))).text();
    expect(text).toContain(',-12.41,');
    expect(text).not.toContain("'-12.41");
  });

  it('reads a UTF-8 file with a byte-order mark and non-ASCII text', async () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode(csvOf([{ ...UTC_ROW, id: 'café–Zürich ✓' }])),
    ]);
    const [row] = await csvRowsOf(await postCsv(bytes));
    expect(row).toMatchObject({ id: 'café–Zürich ✓', plannedSpend: '300.00', error: '' });
  });

  it('accepts a header with only some columns, in any order', async () => {
    const csv =
      'outageEnd,outageStart,budgetPeriod,budgetAmount\r\n2021-10-04T13:00:00Z,2021-10-04T10:00:00Z,day,2400\r\n';
    const [row] = await csvRowsOf(await postCsv(csv));
    // 2,400 a day for 3 hours: 300.
    expect(row).toMatchObject({ plannedSpend: '300.00', lostSpend: '300.00', lostImpressions: '', error: '' });
  });

  it('names both budget columns when a row has no budget at all', async () => {
    const [row] = await csvRowsOf(await postCsv(csvOf([{ ...UTC_ROW, budgetAmount: '', budgetPeriod: '' }])));
    expect(row?.error).toMatch(/budgetAmount: /);
    expect(row?.error).toMatch(/budgetPeriod: /);
  });

  it('gives a row with more cells than the header an error', async () => {
    const [row] = await csvRowsOf(
      await postCsv(
        'budgetAmount,budgetPeriod,outageStart,outageEnd\r\n2400,day,2021-10-04T10:00:00Z,2021-10-04T13:00:00Z,extra\r\n',
      ),
    );
    expect(row?.error).toMatch(/1 more cells than the header/);
    expect(row?.plannedSpend).toBe('');
  });

  it('answers 422 with the pointer /header/<name> for an unknown header column', async () => {
    const csv = csvOf(
      [{ budgetAmount: '1', budgetPeriod: 'day', cmp: '9.5' }],
      ['budgetAmount', 'budgetPeriod', 'cmp'],
    );
    const problem = await problemOf(await postCsv(csv), 422);
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/header/cmp']);
  });

  it('answers 422 for a header repeated', async () => {
    const problem = await problemOf(await postCsv('cpm,cpm\r\n1,2\r\n'), 422);
    expect(problem.errors).toEqual([{ pointer: '/header/cpm', detail: 'appears twice' }]);
  });

  it('answers 422 at /rows for a header without rows', async () => {
    const problem = await problemOf(await postCsv(`${INPUT_HEADER.join(',')}\r\n`), 422);
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/rows']);
  });

  it('answers 400 for CSV that breaks RFC 4180', async () => {
    const problem = await problemOf(await postCsv('id,cpm\r\n"never closed,1\r\n'), 400);
    expect(problem.detail).toMatch(/never closed/);
  });

  it('answers 415 for a body that is neither CSV nor JSON', async () => {
    await problemOf(
      await fetchWorker('/v1/impact/batch', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'id\r\nx\r\n',
      }),
      415,
    );
  });

  it('answers 413 for 10,001 rows, and computes 10,000', async () => {
    // Rows without a budget are refused by the schema alone, which keeps 10,000 of them quick.
    const row = 'x,day\r\n';
    const over = await problemOf(await postCsv(`id,budgetPeriod\r\n${row.repeat(10_001)}`), 413);
    // Parsing stops at the first row over the limit, so the answer cannot (and need not) count them all.
    expect(over.detail).toMatch(/more than 10000 rows under its header; the limit is 10000/);
    const atLimit = await postCsv(`id,budgetPeriod\r\n${row.repeat(10_000)}`, { accept: 'application/json' });
    expect((await jsonRowsOf(atLimit)).length).toBe(10_000);
  });

  it('answers 413 for a body over 5 MiB', async () => {
    // 5 MiB = 5 × 1024 × 1024 = 5,242,880 bytes; one byte more is over.
    const header = 'id\r\n';
    const body = header + 'x'.repeat(5 * 1024 * 1024 + 1 - header.length);
    await problemOf(await postCsv(body), 413);
  });

  it('fills empty outage cells from the query parameters, and lets a row keep its own', async () => {
    const params = query({
      outageStart: '2021-10-04T10:00:00',
      outageEnd: '2021-10-04T13:00:00',
      outageTimeZone: 'UTC',
    });
    const rows: Record<string, string>[] = [
      { id: 'from-query', budgetAmount: '2400', budgetPeriod: 'day' },
      // Its own window 10:00–11:00Z: 100.
      {
        id: 'own-window',
        budgetAmount: '2400',
        budgetPeriod: 'day',
        outageStart: '2021-10-04T10:00:00Z',
        outageEnd: '2021-10-04T11:00:00Z',
      },
    ];
    const out = await csvRowsOf(await postCsv(csvOf(rows), {}, `?${params}`));
    expect(out.map((r) => [r.id, r.outageStart, r.plannedSpend, r.error])).toEqual([
      ['from-query', '2021-10-04T10:00:00', '300.00', ''],
      ['own-window', '2021-10-04T10:00:00Z', '100.00', ''],
    ]);
  });

  it('adds a UTF-8 byte-order mark with ?bom=1, and none without', async () => {
    const csv = csvOf([UTC_ROW]);
    const withBom = new Uint8Array(await (await postCsv(csv, {}, '?bom=1')).arrayBuffer());
    // The header's first cell is the quoted text "id".
    expect([...withBom.slice(0, 5)]).toEqual([0xef, 0xbb, 0xbf, '"'.charCodeAt(0), 'i'.charCodeAt(0)]);
    const without = new Uint8Array(await (await postCsv(csv)).arrayBuffer());
    expect([...without.slice(0, 2)]).toEqual(['"'.charCodeAt(0), 'i'.charCodeAt(0)]);
  });

  it('gives the same bytes for the same request', async () => {
    const csv = csvOf([FALL_SALE, UTC_ROW, JPY_ROW, { ...UTC_ROW, ctr: '2' }]);
    const a = await (await postCsv(csv)).text();
    const b = await (await postCsv(csv)).text();
    expect(b).toBe(a);
  });
});

describe('POST /v1/impact/batch content negotiation', () => {
  const csv = csvOf([UTC_ROW]);
  const json = { rows: [UTC_ROW] };
  const kind = (res: Response) => res.headers.get('content-type')?.split(';')[0];

  it.each([
    ['CSV', undefined, 'text/csv'],
    ['CSV', '*/*', 'text/csv'],
    ['CSV', 'text/csv', 'text/csv'],
    ['CSV', 'application/json', 'application/json'],
    ['CSV', 'text/html,application/xhtml+xml,*/*;q=0.8', 'application/json'],
    ['CSV', 'application/json;q=0.5, text/csv', 'text/csv'],
    ['CSV', 'text/csv;q=0.2, application/json', 'application/json'],
    ['JSON', undefined, 'application/json'],
    ['JSON', '*/*', 'application/json'],
    ['JSON', 'text/csv', 'text/csv'],
    ['JSON', 'application/json', 'application/json'],
  ])('a %s request with Accept %s is answered as %s', async (format, accept, expected) => {
    const headers: Record<string, string> = accept === undefined ? {} : { accept };
    const res = format === 'CSV' ? await postCsv(csv, headers) : await postJson(json, headers);
    expect(res.status).toBe(200);
    expect(kind(res)).toBe(expected);
  });
});

describe('POST /v1/impact/batch with JSON', () => {
  it('answers each row in input order, numbers as decimal strings, and takes JSON numbers as cells', async () => {
    const rows = await jsonRowsOf(await postJson({ rows: [{ ...UTC_ROW, budgetAmount: 2400, cvr: 0.02 }, FALL_SALE] }));
    expect(rows.map((r) => r.id)).toEqual(['utc-cpc', 'fall-sale']);
    expect(rows[0]).toMatchObject({
      budgetAmount: '2400',
      plannedSpend: '300.00',
      lostConversions: '12.00',
      lostImpressions: null,
      error: null,
    });
    expect(rows[1]).toMatchObject({ ...FALL_SALE_RESULTS, error: null });
  });

  it('makes an unknown key the row’s error, and still computes the other rows', async () => {
    const rows = await jsonRowsOf(await postJson({ rows: [{ ...UTC_ROW, cmp: '9.5' }, UTC_ROW] }));
    expect(rows[0]?.error).toMatch(/^cmp: is not a column/);
    expect(rows[0]?.plannedSpend).toBeNull();
    expect(rows[1]).toMatchObject({ plannedSpend: '300.00', error: null });
  });

  it('takes null as "not given"', async () => {
    const [row] = await jsonRowsOf(await postJson({ rows: [{ ...UTC_ROW, ctr: null, deliveryLoss: null }] }));
    // deliveryLoss defaults to 1: the whole 300 is lost.
    expect(row).toMatchObject({ lostSpend: '300.00', error: null });
  });

  it('answers 413 for 10,001 rows', async () => {
    await problemOf(await postJson({ rows: Array.from({ length: 10_001 }, () => ({ id: 'x' })) }), 413);
  });

  it('answers 422 for an empty list of rows', async () => {
    const problem = await problemOf(await postJson({ rows: [] }), 422);
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/rows']);
  });

  it('answers 422 with a pointer for a cell that is neither text nor a number', async () => {
    const problem = await problemOf(await postJson({ rows: [{ ...UTC_ROW, cpm: true }] }), 422);
    expect(problem.errors[0]?.pointer).toBe('/rows/0/cpm');
  });
});

/** The JSON campaign and outage that a flat row stands for, written out by hand for each row. */
const JSON_EQUIVALENTS: { row: Record<string, string>; outage: unknown; campaign: unknown }[] = [
  {
    row: FALL_SALE,
    outage: {
      timeZone: 'America/New_York',
      windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00', deliveryLoss: '1' }],
    },
    campaign: {
      id: 'fall-sale',
      currency: 'USD',
      timeZone: 'America/Los_Angeles',
      budget: { amount: '1200', period: 'day' },
      flight: { start: '2021-09-01T00:00:00', end: '2021-10-31T00:00:00' },
      deliveryProfile: 'even',
      cpm: '9.50',
      ctr: '0.011',
      cvr: '0.03',
      aov: '72',
      grossMargin: '0.4',
      incrementality: '1',
      recovery: { recapture: '0.5', overspendCap: '0.75', cpmPremium: '0.1' },
    },
  },
  {
    row: UTC_ROW,
    outage: { windows: [{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T13:00:00Z' }] },
    campaign: { id: 'utc-cpc', budget: { amount: '2400', period: 'day' }, cpc: '0.5', cvr: '0.02', roas: '3' },
  },
  {
    row: JPY_ROW,
    outage: { windows: [{ start: '2024-03-05T15:00:00Z', end: '2024-03-05T16:00:00Z' }] },
    campaign: {
      id: 'tokyo',
      currency: 'JPY',
      timeZone: 'Asia/Tokyo',
      budget: { amount: '100000', period: 'day' },
      cpm: { low: '8', high: '12' },
      ctr: '0.01',
    },
  },
  {
    // A 24-weight profile as space-separated weights; a partial outage; ranges on ctr and recapture.
    row: {
      id: 'profiled',
      timeZone: 'Europe/Berlin',
      budgetAmount: '5000',
      budgetPeriod: 'week',
      deliveryProfile: '1 1 1 1 1 1 2 3 4 4 4 4 4 4 4 4 4 5 6 6 5 3 2 1',
      cpm: '7.2',
      ctr: '0.008..0.012',
      cvr: '0.025',
      aov: '55',
      grossMargin: '0.35',
      recapture: '0.2..0.6',
      outageStart: '2024-03-05T16:00:00Z',
      outageEnd: '2024-03-05T19:30:00Z',
      deliveryLoss: '0.4',
    },
    outage: { windows: [{ start: '2024-03-05T16:00:00Z', end: '2024-03-05T19:30:00Z', deliveryLoss: '0.4' }] },
    campaign: {
      id: 'profiled',
      timeZone: 'Europe/Berlin',
      budget: { amount: '5000', period: 'week' },
      deliveryProfile: [
        '1',
        '1',
        '1',
        '1',
        '1',
        '1',
        '2',
        '3',
        '4',
        '4',
        '4',
        '4',
        '4',
        '4',
        '4',
        '4',
        '4',
        '5',
        '6',
        '6',
        '5',
        '3',
        '2',
        '1',
      ],
      cpm: '7.2',
      ctr: { low: '0.008', high: '0.012' },
      cvr: '0.025',
      aov: '55',
      grossMargin: '0.35',
      recovery: { recapture: { low: '0.2', high: '0.6' } },
    },
  },
  {
    // A lifetime budget over a flight, outage times naive in Tokyo.
    row: {
      id: 'lifetime',
      currency: 'EUR',
      budgetAmount: '30000',
      budgetPeriod: 'lifetime',
      flightStart: '2024-03-01T00:00:00Z',
      flightEnd: '2024-03-31T00:00:00Z',
      cpa: '18',
      roas: '4.2',
      grossMargin: '0.5',
      incrementality: '0.6',
      recapture: '0.5',
      overspendCap: '1',
      outageStart: '2024-03-06T00:00:00',
      outageEnd: '2024-03-06T02:00:00',
      outageTimeZone: 'Asia/Tokyo',
    },
    outage: { timeZone: 'Asia/Tokyo', windows: [{ start: '2024-03-06T00:00:00', end: '2024-03-06T02:00:00' }] },
    campaign: {
      id: 'lifetime',
      currency: 'EUR',
      budget: { amount: '30000', period: 'lifetime' },
      flight: { start: '2024-03-01T00:00:00Z', end: '2024-03-31T00:00:00Z' },
      cpa: '18',
      roas: '4.2',
      grossMargin: '0.5',
      incrementality: '0.6',
      recovery: { recapture: '0.5', overspendCap: '1' },
    },
  },
];

describe('a batch row equals POST /v1/impact for the same campaign, ranges included', () => {
  const RANGE_INPUTS = [
    'cpm',
    'ctr',
    'cpc',
    'cvr',
    'cpa',
    'aov',
    'roas',
    'grossMargin',
    'incrementality',
    'recapture',
    'cpmPremium',
  ];
  const cases = JSON_EQUIVALENTS.flatMap((e) =>
    (['half-even', 'half-up'] as const).map((rounding) => [e.row.id, rounding, e] as const),
  );

  it.each(cases)('%s, rounding %s', async (_id, rounding, { row, outage, campaign }) => {
    const body = { outage, campaigns: [campaign], options: { rounding } };
    const res = await fetchWorker('/v1/impact', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    const [expected] = ImpactResponse.parse(await res.json()).campaigns;
    const hasRange = RANGE_INPUTS.some((c) => row[c]?.includes('..'));
    expect(expected?.ranges !== undefined, 'POST /v1/impact answers ranges exactly when a cell is a range').toBe(
      hasRange,
    );
    const q = `?rounding=${rounding}`;
    const [fromCsv] = await csvRowsOf(await postCsv(csvOf([row]), {}, q));
    const [fromJson] = await jsonRowsOf(await postJson({ rows: [row] }, {}, q));
    expect(fromCsv?.error).toBe('');
    const check = (column: string, value: string | null) => {
      expect(fromJson?.[column as keyof BatchResultRow], column).toBe(value);
      expect(fromCsv?.[column], column).toBe(value ?? '');
    };
    for (const column of RESULTS) check(column, expected?.[column] ?? null);
    for (const metric of RANGED) {
      // With a range input, the campaign's `ranges` entry; without one, the metric itself (low = high = base).
      const range = expected?.ranges
        ? (expected.ranges[metric] ?? null)
        : { low: expected?.[metric] ?? null, high: expected?.[metric] ?? null };
      check(`${metric}Low`, range?.low ?? null);
      check(`${metric}High`, range?.high ?? null);
    }
  });
});

describe('GET /v1/impact.csv', () => {
  const params = query({ ...FALL_SALE });

  it('answers the header and one result row as CSV', async () => {
    const rows = await csvRowsOf(await fetchWorker(`/v1/impact.csv?${params}`));
    // FALL_SALE leaves cpc, cpa, roas, recoveryMinutes and the spend columns out: their cells echo empty.
    const empty = { cpc: '', cpa: '', roas: '', recoveryMinutes: '', spendAmount: '', spendStart: '', spendEnd: '' };
    expect(rows).toEqual([
      {
        ...FALL_SALE,
        ...empty,
        conversionEvent: '',
        ...FALL_SALE_RESULTS,
        ...degenerate(FALL_SALE_RESULTS),
        error: '',
        warnings: '',
      },
    ]);
  });

  it('answers 422 with /query/<name> for a bad parameter', async () => {
    const problem = await problemOf(
      await fetchWorker(`/v1/impact.csv?${query({ ...FALL_SALE, timeZone: 'Mars/Olympus_Mons' })}`),
      422,
    );
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/query/timeZone']);
  });

  it('answers 422 for an unknown parameter', async () => {
    const problem = await problemOf(await fetchWorker(`/v1/impact.csv?${params}&cmp=9.5`), 422);
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/query/cmp']);
  });

  it('names both budget parameters when neither is given', async () => {
    const problem = await problemOf(
      await fetchWorker(`/v1/impact.csv?${query({ outageStart: UTC_ROW.outageStart, outageEnd: UTC_ROW.outageEnd })}`),
      422,
    );
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(['/query/budgetAmount', '/query/budgetPeriod']);
  });

  it('adds a byte-order mark with bom=1 and gives the same bytes each time', async () => {
    const a = new Uint8Array(await (await fetchWorker(`/v1/impact.csv?${params}&bom=1`)).arrayBuffer());
    const b = new Uint8Array(await (await fetchWorker(`/v1/impact.csv?${params}&bom=1`)).arrayBuffer());
    expect([...a.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(b).toEqual(a);
  });
});

describe('GET /v1/impact/value', () => {
  const value = async (params: Record<string, string>) => {
    const res = await fetchWorker(`/v1/impact/value?${query(params)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  it.each(Object.entries(FALL_SALE_RESULTS))('answers %s as the bare number %s', async (metric, expected) => {
    expect(await value({ ...FALL_SALE, metric })).toBe(expected);
  });

  it('answers money in the currency’s minor units (JPY has none) and counts to 2 places', async () => {
    // 100,000 ÷ 24 = 4,166.67 → 4167 yen.
    expect(await value({ ...JPY_ROW, metric: 'plannedSpend' })).toBe('4167');
    // cpm 8..12 has base 10: 1000 × (100000/24) / 10 = 416,666.666… → 416666.67 impressions.
    expect(await value({ ...JPY_ROW, metric: 'lostImpressions' })).toBe('416666.67');
  });

  it('treats an empty parameter as not given, never as 0', async () => {
    // deliveryLoss= is the default 1 (all 271.67 lost); deliveryLoss=0 would lose nothing.
    expect(await value({ ...FALL_SALE, deliveryLoss: '', metric: 'lostSpend' })).toBe('271.67');
    expect(await value({ ...FALL_SALE, deliveryLoss: '0', metric: 'lostSpend' })).toBe('0.00');
    // ctr= leaves ctr out (clicks undetermined); ctr=0 is refused because ctr must be above 0.
    expect(await value({ ...FALL_SALE, ctr: '', metric: 'plannedSpend' })).toBe('271.67');
    const zero = await problemOf(
      await fetchWorker(`/v1/impact/value?${query({ ...FALL_SALE, ctr: '0', metric: 'plannedSpend' })}`),
      422,
    );
    expect(zero.errors.map((e) => e.pointer)).toEqual(['/query/ctr']);
  });

  it('answers 422 at /query/metric for a metric the funnel does not determine', async () => {
    // Without ctr nothing turns impressions into clicks.
    const problem = await problemOf(
      await fetchWorker(`/v1/impact/value?${query({ ...FALL_SALE, ctr: '', metric: 'lostClicks' })}`),
      422,
    );
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/query/metric']);
    expect(problem.errors[0]?.detail).toMatch(/lostClicks is not determined/);
  });

  it('answers 422 at /query/metric for a missing or unknown metric', async () => {
    for (const metric of [undefined, '', 'revenue']) {
      const params: Record<string, string> = { ...FALL_SALE, ...(metric === undefined ? {} : { metric }) };
      const problem = await problemOf(await fetchWorker(`/v1/impact/value?${query(params)}`), 422);
      expect(problem.errors.map((e) => e.pointer)).toEqual(['/query/metric']);
    }
  });

  it('gives the same bytes each time', async () => {
    expect(await value({ ...FALL_SALE, metric: 'lostRevenue' })).toBe(
      await value({ ...FALL_SALE, metric: 'lostRevenue' }),
    );
  });
});

/**
 * A range in a cell gives each metric its exact low and high. 2,400 a day in UTC is 100 an hour; the
 * outage 10:00–13:00Z is 3 hours, so U = lostSpend = 300.00. cpm 9..10 has the base 9.5 (the midpoint).
 *
 * cpm-range (no recapture: R = 0, N = 300.00):
 *   lostImpressions = 1000 × U / cpm:  base 1000 × 300 / 9.5 = 31578.947… → 31578.95
 *                                      low  1000 × 300 / 10  = 30000      → 30000.00 (at the highest cpm)
 *                                      high 1000 × 300 / 9   = 33333.33…  → 33333.33 (at the lowest cpm)
 *   lostClicks = impressions × 0.01:   base 315.789… → 315.79, low 300.00, high 333.333… → 333.33
 *   recapturedSpend 0.00 and netLostSpend 300.00 do not rest on cpm: low = high = base.
 *   No cvr, cpa or roas: conversions and everything after them are undetermined, their ranges too.
 *
 * cpm-and-recapture adds recapture 0..0.5 (base 0.25). Pacing is weekly and 4 Oct 2021 is a Monday:
 *   H = 0.75 × (11 h × 100 + 6 days × 2400) = 0.75 × 15500 = 11625 ≥ U, so R = ρ × 300:
 *   recapturedSpend:  base 0.25 × 300 = 75.00, low 0 × 300 = 0.00, high 0.5 × 300 = 150.00
 *   netLostSpend = U − R:  base 225.00, low 300 − 150 = 150.00, high 300 − 0 = 300.00
 *   lostImpressions = 1000 × (U − R) / cpm:  base 1000 × 225 / 9.5 = 23684.2105… → 23684.21
 *                                            low  1000 × 150 / 10  = 15000      → 15000.00 (ρ 0.5, cpm 10)
 *                                            high 1000 × 300 / 9   = 33333.33…  → 33333.33 (ρ 0, cpm 9)
 *   lostClicks = impressions × 0.01:  base 236.842… → 236.84, low 150.00, high 333.33
 */
const CPM_RANGE_ROW = {
  id: 'cpm-range',
  budgetAmount: '2400',
  budgetPeriod: 'day',
  cpm: '9..10',
  ctr: '0.01',
  outageStart: '2021-10-04T10:00:00Z',
  outageEnd: '2021-10-04T13:00:00Z',
};
const UNDETERMINED = Object.fromEntries(
  ['lostConversions', 'lostRevenue', 'lostGrossProfit', 'netContributionChange'].flatMap((m) => [
    [m, ''],
    [`${m}Low`, ''],
    [`${m}High`, ''],
  ]),
);
const CPM_RANGE_RESULTS = {
  plannedSpend: '300.00',
  lostSpend: '300.00',
  recapturedSpend: '0.00',
  recapturedSpendLow: '0.00',
  recapturedSpendHigh: '0.00',
  netLostSpend: '300.00',
  netLostSpendLow: '300.00',
  netLostSpendHigh: '300.00',
  lostImpressions: '31578.95',
  lostImpressionsLow: '30000.00',
  lostImpressionsHigh: '33333.33',
  lostClicks: '315.79',
  lostClicksLow: '300.00',
  lostClicksHigh: '333.33',
  ...UNDETERMINED,
};
const CPM_AND_RECAPTURE_ROW = { ...CPM_RANGE_ROW, id: 'cpm-and-recapture', recapture: '0..0.5' };
const CPM_AND_RECAPTURE_RESULTS = {
  plannedSpend: '300.00',
  lostSpend: '300.00',
  recapturedSpend: '75.00',
  recapturedSpendLow: '0.00',
  recapturedSpendHigh: '150.00',
  netLostSpend: '225.00',
  netLostSpendLow: '150.00',
  netLostSpendHigh: '300.00',
  lostImpressions: '23684.21',
  lostImpressionsLow: '15000.00',
  lostImpressionsHigh: '33333.33',
  lostClicks: '236.84',
  lostClicksLow: '150.00',
  lostClicksHigh: '333.33',
  ...UNDETERMINED,
};
/** The same results as a JSON row has them: an empty cell is null. */
const asJson = (results: Record<string, string>) =>
  Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v === '' ? null : v]));

describe('a range in a cell answers each metric’s low and high', () => {
  it('in a CSV batch, worked by hand', async () => {
    const out = await csvRowsOf(await postCsv(csvOf([CPM_RANGE_ROW, CPM_AND_RECAPTURE_ROW, UTC_ROW])));
    expect(out[0]).toMatchObject({ ...CPM_RANGE_ROW, ...CPM_RANGE_RESULTS, error: '' });
    expect(out[1]).toMatchObject({ ...CPM_AND_RECAPTURE_ROW, ...CPM_AND_RECAPTURE_RESULTS, error: '' });
    // UTC_ROW has no range: low = high = the metric, and empty where the metric is (impressions, profit).
    expect(out[2]).toMatchObject({
      lostConversions: '12.00',
      lostConversionsLow: '12.00',
      lostConversionsHigh: '12.00',
      lostImpressionsLow: '',
      lostImpressionsHigh: '',
      lostGrossProfitLow: '',
    });
  });

  it('in a JSON batch, with null for what the funnel does not determine', async () => {
    const rows = await jsonRowsOf(await postJson({ rows: [CPM_RANGE_ROW, CPM_AND_RECAPTURE_ROW] }));
    expect(rows[0]).toMatchObject({ ...asJson(CPM_RANGE_RESULTS), error: null });
    expect(rows[1]).toMatchObject({ ...asJson(CPM_AND_RECAPTURE_RESULTS), error: null });
  });

  it('from GET /v1/impact.csv', async () => {
    const [row] = await csvRowsOf(await fetchWorker(`/v1/impact.csv?${query(CPM_AND_RECAPTURE_ROW)}`));
    expect(row).toMatchObject({ ...CPM_AND_RECAPTURE_RESULTS, error: '' });
  });

  it.each([
    ['lostImpressions', '23684.21'],
    ['lostImpressionsLow', '15000.00'],
    ['lostImpressionsHigh', '33333.33'],
    ['netLostSpendLow', '150.00'],
    ['netLostSpendHigh', '300.00'],
  ])('from GET /v1/impact/value?metric=%s: %s', async (metric, expected) => {
    const res = await fetchWorker(`/v1/impact/value?${query({ ...CPM_AND_RECAPTURE_ROW, metric })}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(expected);
  });

  it('has no range columns for the spends, which no range input moves', async () => {
    const problem = await problemOf(
      await fetchWorker(`/v1/impact/value?${query({ ...CPM_RANGE_ROW, metric: 'plannedSpendLow' })}`),
      422,
    );
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/query/metric']);
  });

  it('answers 422 at /query/metric for the range of a metric the funnel does not determine', async () => {
    const problem = await problemOf(
      await fetchWorker(`/v1/impact/value?${query({ ...CPM_RANGE_ROW, metric: 'lostRevenueHigh' })}`),
      422,
    );
    expect(problem.errors[0]?.detail).toMatch(/lostRevenueHigh is not determined/);
  });
});

/**
 * `rounding` chooses how results are rounded, as POST /v1/impact's options.rounding. 2,403 a day in UTC
 * is 2403 / 24 = 100.125 an hour exactly, and the outage 10:00–11:00Z takes one hour: planned, lost and
 * net lost spend are the tie 100.125. Half-even rounds it to the even 100.12, half-up to 100.13.
 */
const TIE_ROW = {
  id: 'tie',
  budgetAmount: '2403',
  budgetPeriod: 'day',
  outageStart: '2021-10-04T10:00:00Z',
  outageEnd: '2021-10-04T11:00:00Z',
};
const tie = (spend: string) => ({
  plannedSpend: spend,
  lostSpend: spend,
  netLostSpend: spend,
  netLostSpendLow: spend,
  netLostSpendHigh: spend,
});

describe('the rounding query parameter', () => {
  it.each([
    ['', '100.12'],
    ['?rounding=half-even', '100.12'],
    ['?rounding=half-up', '100.13'],
  ])('POST /v1/impact/batch%s rounds the tie 100.125 to %s, in CSV and in JSON', async (q, expected) => {
    const [csvRow] = await csvRowsOf(await postCsv(csvOf([TIE_ROW]), {}, q));
    expect(csvRow).toMatchObject({ ...tie(expected), error: '' });
    const [jsonRow] = await jsonRowsOf(await postJson({ rows: [TIE_ROW] }, {}, q));
    expect(jsonRow).toMatchObject({ ...tie(expected), error: null });
  });

  it.each([
    ['', '100.12'],
    ['&rounding=half-even', '100.12'],
    ['&rounding=half-up', '100.13'],
  ])('GET /v1/impact.csv and /v1/impact/value with %s round the tie 100.125 to %s', async (q, expected) => {
    const [row] = await csvRowsOf(await fetchWorker(`/v1/impact.csv?${query(TIE_ROW)}${q}`));
    expect(row).toMatchObject({ ...tie(expected), error: '' });
    const res = await fetchWorker(`/v1/impact/value?${query({ ...TIE_ROW, metric: 'plannedSpend' })}${q}`);
    expect(await res.text()).toBe(expected);
  });

  it('rounds as POST /v1/impact with options.rounding does', async () => {
    for (const [rounding, expected] of [
      ['half-even', '100.12'],
      ['half-up', '100.13'],
    ] as const) {
      const body = {
        outage: { windows: [{ start: TIE_ROW.outageStart, end: TIE_ROW.outageEnd }] },
        campaigns: [{ budget: { amount: '2403', period: 'day' } }],
        options: { rounding },
      };
      const res = await fetchWorker('/v1/impact', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(ImpactResponse.parse(await res.json()).campaigns[0]?.plannedSpend).toBe(expected);
    }
  });

  it.each([
    ['POST', `/v1/impact/batch?rounding=bankers`],
    ['GET', `/v1/impact.csv?${query(TIE_ROW)}&rounding=bankers`],
    ['GET', `/v1/impact/value?${query({ ...TIE_ROW, metric: 'plannedSpend' })}&rounding=`],
  ])('%s %s answers 422 at /query/rounding for a mode it does not know', async (method, path) => {
    const init =
      method === 'POST' ? { method, headers: { 'content-type': 'text/csv' }, body: csvOf([TIE_ROW]) } : { method };
    const problem = await problemOf(await fetchWorker(path, init), 422);
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/query/rounding']);
  });
});

describe('GET /v1/impact/template.csv', () => {
  it('lists every input column and example rows that the batch computes without error', async () => {
    const res = await fetchWorker('/v1/impact/template.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const template = await res.text();
    expect(parseCsv(template)[0]).toEqual(INPUT_HEADER);
    const rows = await csvRowsOf(await postCsv(template));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.error).toBe('');
      expect(row.plannedSpend).not.toBe('');
    }
  });
});

describe('the GET endpoints answer HEAD and OPTIONS, and allow any origin', () => {
  const paths = [
    `/v1/impact.csv?${query(UTC_ROW)}`,
    `/v1/impact/value?${query({ ...UTC_ROW, metric: 'lostSpend' })}`,
    '/v1/impact/template.csv',
  ];

  it.each(paths)('GET %s allows any origin', async (path) => {
    const res = await fetchWorker(path, { headers: { origin: 'https://docs.google.com' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it.each(paths)('HEAD %s answers 200 with no body', async (path) => {
    const res = await fetchWorker(path, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/(csv|plain)/);
    expect(await res.text()).toBe('');
  });

  it.each(paths)('OPTIONS %s answers a CORS preflight for any origin', async (path) => {
    const res = await fetchWorker(path, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/GET/);
  });
});
