import { describe, expect, it } from 'vitest';
import { ImpactResponse } from '../../schemas/impact';
import { csvOf, csvRowsOf, fetchWorker, jsonRowsOf, postCsv, postJson, problemOf, query } from './support/batch';

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
