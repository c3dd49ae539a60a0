import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const post = (body: unknown) =>
  exports.default.fetch('http://localhost/v1/market-cap', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /v1/market-cap', () => {
  it('reproduces the worked example of DESIGN.md section 6', async () => {
    const res = await post({ shareClasses: [{ shares: '350000000' }], price: { before: '498.19', after: '490.22' }, holders: [{ name: 'Zuckerberg', shares: '350000000' }] });
    expect(res.status).toBe(200);
    const body = await res.json<{ holders: { wealthChange: string }[] }>();
    // 350,000,000 × (490.22 − 498.19) = 350,000,000 × −7.97 = −2,789,500,000.00
    expect(body.holders[0]?.wealthChange).toBe('-2789500000.00');
  });
});
