import { describe, expect, it } from 'vitest';
import type { BatchResultRow } from '../../schemas/batch';
import { ImpactResponse } from '../../schemas/impact';
import {
  csvOf,
  csvRowsOf,
  FALL_SALE,
  fetchWorker,
  JPY_ROW,
  jsonRowsOf,
  postCsv,
  postJson,
  RANGED,
  RESULTS,
  UTC_ROW,
} from './support/batch';

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
