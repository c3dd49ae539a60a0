import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/csv/parse';
import {
  csvRowsOf,
  degenerate,
  FALL_SALE,
  FALL_SALE_RESULTS,
  fetchWorker,
  INPUT_HEADER,
  JPY_ROW,
  postCsv,
  problemOf,
  query,
  UTC_ROW,
} from './support/batch';

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
