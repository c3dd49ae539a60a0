import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { BatchJsonResponse, type BatchResultRow } from '../../../schemas/batch';
import { Problem } from '../../../schemas/problem';
import { parseCsv } from '../../../src/csv/parse';

// What the tests of the spreadsheet endpoints share: the columns, the rows worked by hand, and the calls.

export const BASE = 'http://localhost';
export const fetchWorker = (path: string, init?: RequestInit) => exports.default.fetch(`${BASE}${path}`, init);

/** DESIGN.md section 7's columns, written out here rather than imported, so a reordering is caught. */
export const INPUT_HEADER = [
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
export const RESULTS = [
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
export const RANGED = [
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
export const RANGE_RESULTS = [
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
export const ALL_RESULTS = [...RESULTS, ...RANGE_RESULTS];
export const OUTPUT_HEADER = [...INPUT_HEADER, ...ALL_RESULTS, 'error', 'warnings'];

/** A result row's ranges without a range input: each metric's low and high are the metric itself. */
export const degenerate = (results: Record<string, string>) =>
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
export const FALL_SALE = {
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
export const FALL_SALE_RESULTS = {
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
export const UTC_ROW = {
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
export const JPY_ROW = {
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

export function csvOf(rows: Record<string, string>[], columns = INPUT_HEADER): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\r\n')}\r\n`;
}

export const postCsv = (csv: BodyInit, headers: Record<string, string> = {}, query = '') =>
  fetchWorker(`/v1/impact/batch${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...headers },
    body: csv,
  });
export const postJson = (body: unknown, headers: Record<string, string> = {}, query = '') =>
  fetchWorker(`/v1/impact/batch${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** A CSV answer as objects keyed by its header, after checking the header and the CRLF line ends. */
export async function csvRowsOf(res: Response): Promise<Record<string, string>[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const text = await res.text();
  expect(text.endsWith('\r\n')).toBe(true);
  expect(/[^\r]\n/.test(text)).toBe(false); // every line break is CRLF
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual(OUTPUT_HEADER);
  return rows.map((cells) => Object.fromEntries(OUTPUT_HEADER.map((c, i) => [c, cells[i] ?? ''])));
}

export async function jsonRowsOf(res: Response): Promise<BatchResultRow[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return BatchJsonResponse.parse(await res.json()).rows;
}

export async function problemOf(res: Response, status: number): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await res.json());
}

export const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
