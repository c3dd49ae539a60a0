import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../schemas/problem';

// Rates that could never be used are refused with a pointer, not ignored (review of issue 13's fx):
// prototype keys and codes outside ISO 4217, a rate for the reporting currency itself, fx given twice, and
// a rates map of thousands of keys (stopped by the JSON reader before any schema walks it).

const ROW = { id: 'eur', currency: 'EUR', budgetAmount: '1200', budgetPeriod: 'day', cpm: '10' };
const WINDOW = { outageStart: '2021-10-04T15:00:00Z', outageEnd: '2021-10-04T16:00:00Z' };
const CSV = `id,currency,budgetAmount,budgetPeriod,cpm,outageStart,outageEnd\r\neur,EUR,1200,day,10,${WINDOW.outageStart},${WINDOW.outageEnd}\r\n`;

const batchCsv = (query: string) =>
  exports.default.fetch(`http://localhost/v1/impact/batch${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', accept: 'application/json' },
    body: CSV,
  });

const batchJson = (body: unknown, query = '') =>
  exports.default.fetch(`http://localhost/v1/impact/batch${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function problem(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return Problem.parse(JSON.parse(text));
}

describe('fx rates that could never be used are refused', () => {
  it.each([
    ['EUR:1.1,__proto__:abc', '__proto__'],
    ['EUR:1.1,XYZ:2', 'XYZ'],
    ['EUR:1.1,eur:2', 'eur'],
  ])('fxRates=%s is a 422 at /query/fxRates naming %s as not ISO 4217', async (rates, code) => {
    const p = await problem(await batchCsv(`?fxCurrency=USD&fxRates=${encodeURIComponent(rates)}`), 422);
    expect(p.errors).toEqual([
      { pointer: '/query/fxRates', detail: `${code}: must be an ISO 4217 currency code such as "USD", "JPY" or "KWD"` },
    ]);
  });

  it('a rate for the reporting currency itself is a 422 (its rate is 1), in the query and in the body', async () => {
    const q = await problem(await batchCsv('?fxCurrency=USD&fxRates=EUR:1.1,USD:2'), 422);
    expect(q.errors).toEqual([
      { pointer: '/query/fxRates', detail: 'USD: is the reporting currency, whose rate is 1: leave it out' },
    ]);
    const body = {
      rows: [{ ...ROW, ...WINDOW }],
      options: { fx: { currency: 'USD', rates: { EUR: '1.1', USD: '2' } } },
    };
    const b = await problem(await batchJson(body), 422);
    expect(b.errors).toEqual([
      { pointer: '/options/fx/rates/USD', detail: 'is the reporting currency, whose rate is 1: leave it out' },
    ]);
  });

  it('an unknown code in a JSON rates map is a 422 at its own pointer with the ISO 4217 rule', async () => {
    const body = {
      rows: [{ ...ROW, ...WINDOW }],
      options: { fx: { currency: 'USD', rates: { EUR: '1.1', XYZ: '2' } } },
    };
    const p = await problem(await batchJson(body), 422);
    expect(p.errors).toEqual([
      { pointer: '/options/fx/rates/XYZ', detail: 'must be an ISO 4217 currency code such as "USD", "JPY" or "KWD"' },
    ]);
  });

  it('fx in the body and fxRates alone in the query names the parameter that was sent', async () => {
    const body = { rows: [{ ...ROW, ...WINDOW }], options: { fx: { currency: 'USD', rates: { EUR: '1.1' } } } };
    const p = await problem(await batchJson(body, '?fxRates=EUR:1.1'), 422);
    expect(p.errors).toEqual([{ pointer: '/query/fxRates', detail: 'give fx once: in options.fx or in the query' }]);
  });

  it('a rates map of 1,001 keys is a 413 at the map before any rate is parsed', async () => {
    // 1,001 distinct three-letter keys (AAA, AAB, ...), each with a 62-digit value: the reader stops at key 1,001.
    const keys = Array.from({ length: 1001 }, (_, i) =>
      [Math.floor(i / 676), Math.floor(i / 26) % 26, i % 26].map((k) => String.fromCharCode(65 + k)).join(''),
    );
    const rates = keys.map((k) => `"${k}":"${'9'.repeat(62)}"`).join(',');
    const rows = JSON.stringify([{ ...ROW, ...WINDOW }]);
    const p = await problem(
      await batchJson(`{"rows":${rows},"options":{"fx":{"currency":"USD","rates":{${rates}}}}}`),
      413,
    );
    expect(p.errors?.[0]).toEqual({
      pointer: '/options/fx/rates',
      detail: 'has more than 1000 fields; no object of this API may have more',
    });
  });
});
