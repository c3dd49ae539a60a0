import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const BASE = 'http://localhost';
const postText = (path: string, body: string, type = 'application/json') =>
  exports.default.fetch(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { type: string; status: number; detail: string; errors: { pointer: string; detail: string }[] };
}

const OUTAGE = '{"windows":[{"start":"2021-10-04T15:00:00Z","end":"2021-10-04T16:00:00Z"}]}';
const impactBody = (campaign: string) => `{"outage":${OUTAGE},"campaigns":[${campaign}]}`;

describe('JSON bodies are read as written', () => {
  it('answers 422 naming a key given twice, instead of keeping the last one', async () => {
    const res = await postText('/v1/impact', impactBody('{"budget":{"amount":"1200","period":"day"},"cpm":"9.50","cpm":"95"}'));
    const p = await problem(res, 422);
    expect(p.errors).toEqual([{ pointer: '/campaigns/0/cpm', detail: 'is given twice in the same object; give it once' }]);
  });

  it('refuses 1e-400 as a JSON number exactly as it refuses the string "1e-400", never as 0', async () => {
    const asNumber = await problem(await postText('/v1/impact', impactBody('{"budget":{"amount":"1200","period":"day"},"cpm":1e-400}')), 422);
    const asString = await problem(await postText('/v1/impact', impactBody('{"budget":{"amount":"1200","period":"day"},"cpm":"1e-400"}')), 422);
    expect(asNumber.errors).toEqual(asString.errors);
    expect(asNumber.errors.map((e) => e.pointer)).toEqual(['/campaigns/0/cpm']);
  });

  it('refuses __proto__, constructor and prototype keys, in JSON batch rows too', async () => {
    const row = '{"budgetAmount":"1200","budgetPeriod":"day","outageStart":"2021-10-04T15:00:00Z","outageEnd":"2021-10-04T16:00:00Z"';
    const p = await problem(await postText('/v1/impact/batch', `{"rows":[${row},"__proto__":"x"},${row},"constructor":"y"}]}`), 422);
    expect(p.errors.map((e) => e.pointer)).toEqual(['/rows/0/__proto__', '/rows/1/constructor']);
    const top = await problem(await postText('/v1/market-cap', '{"prototype":{},"shareClasses":[{"shares":"1"}],"price":{"before":"2","after":"1"}}'), 422);
    expect(top.errors.map((e) => e.pointer)).toEqual(['/prototype']);
  });

  it('still answers 400 for JSON that cannot be read', async () => {
    expect((await problem(await postText('/v1/impact', '{"outage":'), 400)).type).toBe('/problems/malformed-body');
  });
});

describe('error lists and CSV bounds', () => {
  it('lists at most 100 errors and says how many more there were', async () => {
    // 150 campaigns, each with one unknown field: 150 errors, 100 listed, 50 not.
    const campaigns = Array.from({ length: 150 }, () => '{"budget":{"amount":"1","period":"day"},"cmp":"1"}').join(',');
    const p = await problem(await postText('/v1/impact', `{"outage":${OUTAGE},"campaigns":[${campaigns}]}`), 422);
    expect(p.errors).toHaveLength(100);
    expect(p.errors[99]?.pointer).toBe('/campaigns/99/cmp');
    expect(p.detail).toBe('The request has 150 invalid fields. The first 100 are listed; 50 more are not.');
  });

  it('states the list of columns once for a bad header, not in every error', async () => {
    const p = await problem(await postText('/v1/impact/batch', 'id,cmp,ctrr\n1,2,3\n', 'text/csv'), 422);
    expect(p.errors.map((e) => e.pointer)).toEqual(['/header/cmp', '/header/ctrr']);
    expect(p.errors.every((e) => !e.detail.includes('budgetAmount'))).toBe(true);
    expect(p.detail.match(/budgetAmount/g)).toHaveLength(1);
  });

  it('answers 413 at the first CSV row over 10,000, cell over 4,096 characters or row over 64 columns', async () => {
    const rows = await problem(await postText('/v1/impact/batch', `id\n${'a\n'.repeat(10_001)}`, 'text/csv'), 413);
    expect(rows.errors).toEqual([{ pointer: '/rows/10000', detail: 'the CSV has more than 10000 rows under its header; the limit is 10000' }]);
    const cell = await problem(await postText('/v1/impact/batch', `id,cpm\nx,${'1'.repeat(4097)}\n`, 'text/csv'), 413);
    expect(cell.errors[0]?.pointer).toBe('/rows/0/1');
    const columns = await problem(await postText('/v1/impact/batch', `${Array.from({ length: 65 }, (_, i) => `c${i}`).join(',')}\n`, 'text/csv'), 413);
    expect(columns.errors[0]?.pointer).toBe('/header');
  });

  it('answers a 2 MB header row with a small 413, not a 316 MB 422', async () => {
    const res = await postText('/v1/impact/batch', `${'x,'.repeat(1_000_000)}x\n`, 'text/csv');
    const text = await res.clone().text();
    await problem(res, 413);
    expect(text.length).toBeLessThan(2000);
  });
});
