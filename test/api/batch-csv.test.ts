import { describe, expect, it } from 'vitest';
import {
  ALL_RESULTS,
  csvOf,
  csvRowsOf,
  degenerate,
  FALL_SALE,
  FALL_SALE_RESULTS,
  fetchWorker,
  INPUT_HEADER,
  JPY_ROW,
  jsonRowsOf,
  postCsv,
  postJson,
  problemOf,
  query,
  UTC_ROW,
} from './support/batch';

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
