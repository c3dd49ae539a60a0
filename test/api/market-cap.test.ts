import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MarketCapResponse } from '../../schemas/market-cap';
import { MARKET_CAP_EXAMPLE, MARKET_CAP_RESPONSE_EXAMPLE } from '../../src/routes/market-cap';

// Every expected number is worked out by hand in the comment next to it, never copied from the service.

const post = (body: unknown) =>
  exports.default.fetch('http://localhost/v1/market-cap', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** POSTs a request, expects a 200 that matches the route's own response schema, and returns the body. */
async function compute(body: unknown): Promise<MarketCapResponse> {
  const res = await post(body);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const json = await res.json();
  const parsed = MarketCapResponse.safeParse(json);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return json as MarketCapResponse;
}

describe('POST /v1/market-cap', () => {
  it('reproduces the worked example of DESIGN.md section 6', async () => {
    const body = await compute({
      shareClasses: [{ shares: '350000000' }],
      price: { before: '498.19', after: '490.22' },
      holders: [{ name: 'Zuckerberg', shares: '350000000' }],
    });
    // 350,000,000 × (490.22 − 498.19) = 350,000,000 × −7.97 = −2,789,500,000.00
    expect(body.holders).toEqual([{ name: 'Zuckerberg', shares: '350000000.00', wealthChange: '-2789500000.00' }]);
    // the same for the whole market cap, with these 350,000,000 shares the only class
    expect(body.marketCapChange).toBe('-2789500000.00');
    // −7.97 ÷ 498.19 × 100 = −1.59979124…; to 4 places −1.5998
    expect(body.changePercent).toBe('-1.5998');
  });

  it('answers the full DESIGN.md section 6 request: two share classes, a benchmark, a holder and the revenue lost', async () => {
    const body = await compute(MARKET_CAP_EXAMPLE);
    expect(body).toEqual({
      // issue 14: every answer states its method and caveats (their text is tested in market-cap-method tests)
      method: expect.any(String),
      caveats: expect.any(Array),
      currency: 'USD',
      // 2,366,277,848 + 415,481,668 × 1 = 2,781,759,516
      sharesOutstanding: '2781759516.00',
      priceBefore: '343.01',
      priceAfter: '326.23',
      // 326.23 − 343.01 = −16.78
      priceChange: '-16.78',
      // −16.78 ÷ 343.01 × 100 = −1,678 ÷ 343.01 = −4.89198…; to 4 places −4.8920
      changePercent: '-4.8920',
      // 2,781,759,516 × 343.01 = 954,143,513,988 (× 343) + 27,817,595.16 (× 0.01) = 954,171,331,583.16
      marketCapBefore: '954171331583.16',
      // 2,781,759,516 × 326.23 = 906,853,602,216 (× 326) + 639,804,688.68 (× 0.23) = 907,493,406,904.68
      marketCapAfter: '907493406904.68',
      // 2,781,759,516 × −16.78 = −(44,508,152,256 + 2,169,772,422.48) = −46,677,924,678.48
      marketCapChange: '-46677924678.48',
      // beta 1 × −2.14 = −2.14
      expectedChangePercent: '-2.1400',
      // −4.89198… − (−2.14) = −2.75198…; to 4 places −2.7520
      abnormalChangePercent: '-2.7520',
      // 954,171,331,583.16 × −2.75198… ÷ 100 = 2,781,759,516 × (−16.78 + 0.0214 × 343.01)
      // = 2,781,759,516 × −9.439586 = −26,258,658,182.600376 → −26,258,658,182.60
      abnormalMarketCapChange: '-26258658182.60',
      // 350,000,000 × −16.78 = −5,873,000,000.00
      holders: [{ name: 'Founder', shares: '350000000.00', wealthChange: '-5873000000.00' }],
      // 46,677,924,678.48 ÷ 99,862,637.36 = 467.4213090348…; to 6 places 467.421309
      marketCapToRevenueLossMultiple: '467.421309',
    });
    // the OpenAPI response example is this very answer
    expect(body).toEqual(MARKET_CAP_RESPONSE_EXAMPLE);
  });

  it('rounds to zero decimals in yen', async () => {
    const body = await compute({
      currency: 'JPY',
      shareClasses: [{ name: 'Common', shares: 12345678 }],
      price: { before: 2513, after: '2487.5' },
      benchmark: { changePercent: '-0.8', beta: '1.2' },
      holders: [{ shares: '1003' }],
      revenueLoss: '100000000',
    });
    expect(body).toEqual({
      // issue 14: every answer states its method and caveats (their text is tested in market-cap-method tests)
      method: expect.any(String),
      caveats: expect.any(Array),
      currency: 'JPY',
      sharesOutstanding: '12345678.00',
      priceBefore: '2513',
      // ¥2,487.5 is a tie between 2,487 and 2,488: half-even keeps the even 2,488
      priceAfter: '2488',
      // 2,487.5 − 2,513 = −25.5, a tie: half-even gives −26 (6 is even)
      priceChange: '-26',
      // −25.5 ÷ 2,513 × 100 = −1.014723…; to 4 places −1.0147
      changePercent: '-1.0147',
      // 12,345,678 × 2,513 = 30,864,195,000 (× 2,500) + 160,493,814 (× 13) = 31,024,688,814
      marketCapBefore: '31024688814',
      // 12,345,678 × 2,487.5 = 31,024,688,814 − 314,814,789 = 30,709,874,025
      marketCapAfter: '30709874025',
      // 12,345,678 × −25.5 = −(308,641,950 + 6,172,839) = −314,814,789
      marketCapChange: '-314814789',
      // 1.2 × −0.8 = −0.96
      expectedChangePercent: '-0.9600',
      // −1.014723… + 0.96 = −0.054723…; to 4 places −0.0547
      abnormalChangePercent: '-0.0547',
      // 31,024,688,814 × −0.054723… ÷ 100 = 12,345,678 × (−25.5 + 0.0096 × 2,513) = 12,345,678 × −1.3752
      // = −(12,345,678 + 4,632,098.3856) = −16,977,776.3856 → ¥−16,977,776
      abnormalMarketCapChange: '-16977776',
      // 1,003 × −25.5 = −25,576.5, a tie: half-even gives −25,576 (6 is even)
      holders: [{ shares: '1003.00', wealthChange: '-25576' }],
      // 314,814,789 ÷ 100,000,000 = 3.14814789; to 6 places 3.148148
      marketCapToRevenueLossMultiple: '3.148148',
    });
  });

  it('rounds the same yen ties half-up on request', async () => {
    const body = await compute({
      currency: 'JPY',
      shareClasses: [{ shares: 12345678 }],
      price: { before: 2513, after: '2487.5' },
      holders: [{ shares: '1003' }],
      options: { rounding: 'half-up' },
    });
    // ¥2,487.5 → 2,488 (up); −25.5 → −26 (away from zero); −25,576.5 → −25,577
    expect(body.priceAfter).toBe('2488');
    expect(body.priceChange).toBe('-26');
    expect(body.holders[0]?.wealthChange).toBe('-25577');
    // integers are unaffected: −314,814,789
    expect(body.marketCapChange).toBe('-314814789');
  });

  it('takes the price move as changePercent and converts share classes with their conversionRatio', async () => {
    const body = await compute({
      shareClasses: [
        { name: 'Class A', shares: '1000000' },
        { name: 'Class B', shares: '200000', conversionRatio: '10' },
      ],
      price: { before: '80', changePercent: '-12.5' },
      benchmark: { changePercent: '-2', beta: '1.5' },
      holders: [{ name: 'Fund', shares: '123457' }],
      revenueLoss: '7000000',
    });
    expect(body).toEqual({
      // issue 14: every answer states its method and caveats (their text is tested in market-cap-method tests)
      method: expect.any(String),
      caveats: expect.any(Array),
      currency: 'USD',
      // 1,000,000 + 200,000 × 10 = 3,000,000
      sharesOutstanding: '3000000.00',
      priceBefore: '80.00',
      // 80 × (100 − 12.5) ÷ 100 = 80 × 0.875 = 70
      priceAfter: '70.00',
      priceChange: '-10.00',
      // −10 ÷ 80 × 100 = −12.5
      changePercent: '-12.5000',
      // 3,000,000 × 80 = 240,000,000; × 70 = 210,000,000; × −10 = −30,000,000
      marketCapBefore: '240000000.00',
      marketCapAfter: '210000000.00',
      marketCapChange: '-30000000.00',
      // 1.5 × −2 = −3; −12.5 − (−3) = −9.5; 240,000,000 × −9.5 ÷ 100 = −22,800,000
      expectedChangePercent: '-3.0000',
      abnormalChangePercent: '-9.5000',
      abnormalMarketCapChange: '-22800000.00',
      // 123,457 × −10 = −1,234,570
      holders: [{ name: 'Fund', shares: '123457.00', wealthChange: '-1234570.00' }],
      // 30,000,000 ÷ 7,000,000 = 30 ÷ 7 = 4.2857142…; to 6 places 4.285714
      marketCapToRevenueLossMultiple: '4.285714',
    });
  });

  it('rounds a cent tie half-even by default and half-up with options.rounding', async () => {
    // one share, 10.125 → 10.00: priceChange −0.125 and every money value sits on a tie
    const request = {
      shareClasses: [{ shares: '1' }],
      price: { before: '10.125', after: '10' },
      holders: [{ shares: '1' }],
    };
    const even = await compute(request);
    const up = await compute({ ...request, options: { rounding: 'half-up' } });
    // 10.125: half-even 10.12 (2 is even), half-up 10.13
    expect([even.priceBefore, up.priceBefore]).toEqual(['10.12', '10.13']);
    expect([even.marketCapBefore, up.marketCapBefore]).toEqual(['10.12', '10.13']);
    // −0.125: half-even −0.12, half-up −0.13 (away from zero)
    expect([even.priceChange, up.priceChange]).toEqual(['-0.12', '-0.13']);
    expect([even.marketCapChange, up.marketCapChange]).toEqual(['-0.12', '-0.13']);
    expect([even.holders[0]?.wealthChange, up.holders[0]?.wealthChange]).toEqual(['-0.12', '-0.13']);
    // −0.125 ÷ 10.125 × 100 = −1.2345679…: not a tie, −1.2346 in both modes
    expect([even.changePercent, up.changePercent]).toEqual(['-1.2346', '-1.2346']);
  });

  it('never answers "-0.00" or "-0.0000" for a move that rounds to zero', async () => {
    // 100 → 99.99995: priceChange −0.00005; changePercent −0.00005 ÷ 100 × 100 = −0.00005
    const request = { shareClasses: [{ shares: '1' }], price: { before: '100', after: '99.99995' } };
    const even = await compute(request);
    // half-even: −0.00005 to 4 places is a tie between −0.0001 and 0.0000; 0 is even → 0.0000, unsigned
    expect(even.changePercent).toBe('0.0000');
    expect(even.priceChange).toBe('0.00');
    expect(even.marketCapChange).toBe('0.00');
    const up = await compute({ ...request, options: { rounding: 'half-up' } });
    // half-up: the tie goes away from zero, −0.0001; the money values are far below a cent → 0.00
    expect(up.changePercent).toBe('-0.0001');
    expect(up.priceChange).toBe('0.00');
  });

  it('reads JSON numbers and decimal strings alike', async () => {
    const fromNumbers = await compute({
      shareClasses: [{ shares: 2366277848 }, { shares: 415481668, conversionRatio: 1 }],
      price: { before: 343.01, after: 326.23 },
    });
    const fromStrings = await compute({
      shareClasses: [{ shares: '2.366277848e9' }, { shares: '415481668', conversionRatio: '1' }],
      price: { before: '343.01', after: '326.23' },
    });
    expect(fromNumbers).toEqual(fromStrings);
    // as in the section 6 example: 2,781,759,516 × −16.78 = −46,677,924,678.48
    expect(fromNumbers.marketCapChange).toBe('-46677924678.48');
  });

  it('adds a derivation trace with options.explain, unrounded inputs and rounded values', async () => {
    const body = await compute({ ...MARKET_CAP_EXAMPLE, options: { explain: true } });
    const steps = new Map(body.explain?.map((s) => [s.metric, s]));
    expect([...steps.keys()]).toEqual([
      'sharesOutstanding',
      'priceChange',
      'changePercent',
      'marketCapBefore',
      'marketCapAfter',
      'marketCapChange',
      'expectedChangePercent',
      'abnormalChangePercent',
      'abnormalMarketCapChange',
      'holders[0].wealthChange',
      'marketCapToRevenueLossMultiple',
    ]);
    expect(steps.get('sharesOutstanding')?.inputs).toEqual({
      'shareClasses[0].shares': '2366277848',
      'shareClasses[0].conversionRatio': '1',
      'shareClasses[1].shares': '415481668',
      'shareClasses[1].conversionRatio': '1',
    });
    expect(steps.get('marketCapChange')).toEqual({
      metric: 'marketCapChange',
      formula: 'sharesOutstanding × priceChange',
      inputs: { sharesOutstanding: '2781759516', priceChange: '-16.78' },
      value: '-46677924678.48',
    });
    expect(steps.get('expectedChangePercent')).toEqual({
      metric: 'expectedChangePercent',
      formula: 'beta × benchmark.changePercent',
      inputs: { beta: '1', benchmarkChangePercent: '-2.14' },
      value: '-2.1400',
    });
    // the unrounded percent: −1,678 ÷ 343.01 = −4.89198565639485729279…
    expect(steps.get('abnormalChangePercent')?.inputs.changePercent).toMatch(/^-4\.89198565639485729279/);
    expect(steps.get('holders[0].wealthChange')?.value).toBe('-5873000000.00');
  });

  it('explains a price given as changePercent with its own step', async () => {
    const body = await compute({
      shareClasses: [{ shares: '3' }],
      price: { before: '80', changePercent: '-12.5' },
      options: { explain: true },
    });
    // 80 × (100 − 12.5) ÷ 100 = 70.00
    expect(body.explain?.find((s) => s.metric === 'priceAfter')).toEqual({
      metric: 'priceAfter',
      formula: 'priceBefore × (100 + price.changePercent) ÷ 100',
      inputs: { priceBefore: '80', changePercent: '-12.5' },
      value: '70.00',
    });
  });

  it('leaves out the benchmark, revenue and explain fields that were not asked for', async () => {
    const body = await compute({ shareClasses: [{ shares: '10' }], price: { before: '4', after: '5' } });
    expect(Object.keys(body).sort()).toEqual(
      [
        'currency',
        'sharesOutstanding',
        'priceBefore',
        'priceAfter',
        'priceChange',
        'changePercent',
        'marketCapBefore',
        'marketCapAfter',
        'marketCapChange',
        'holders',
        'method',
        'caveats',
      ].sort(),
    );
    // 10 × (5 − 4) = +10.00; +1 ÷ 4 × 100 = +25 %
    expect(body.marketCapChange).toBe('10.00');
    expect(body.changePercent).toBe('25.0000');
    expect(body.holders).toEqual([]);
  });

  it('answers the same bytes for the same request', async () => {
    const a = await (await post(MARKET_CAP_EXAMPLE)).text();
    const b = await (await post(MARKET_CAP_EXAMPLE)).text();
    expect(a).toBe(b);
  });
});
