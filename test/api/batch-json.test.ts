import { describe, expect, it } from 'vitest';
import { FALL_SALE, FALL_SALE_RESULTS, jsonRowsOf, postJson, problemOf, UTC_ROW } from './support/batch';

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
