import { describe, expect, it } from 'vitest';
import {
  csvOf,
  csvRowsOf,
  fetchWorker,
  jsonRowsOf,
  postCsv,
  postJson,
  problemOf,
  query,
  UTC_ROW,
} from './support/batch';

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
