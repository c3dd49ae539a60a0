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
