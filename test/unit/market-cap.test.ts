import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal';
import { computeMarketCap, type MarketCapInput, resolvePrices } from '../../src/engine/market-cap';
import { formatter } from '../../src/engine/rounding';

// Every expected number is worked out by hand in the comment next to it, never copied from the code.

const d = (v: string) => new D(v);
const shareClass = (shares: string, conversionRatio = '1') => ({
  shares: d(shares),
  conversionRatio: d(conversionRatio),
});

/** DESIGN.md section 6: Meta's two share classes, 343.01 → 326.23, S&P 500 −2.14 %, beta 1. */
const DESIGN_EXAMPLE: MarketCapInput = {
  shareClasses: [shareClass('2366277848'), shareClass('415481668')],
  price: { before: d('343.01'), after: d('326.23') },
  benchmark: { changePercent: d('-2.14'), beta: d('1') },
  holders: [{ name: 'Founder', shares: d('350000000') }],
  revenueLoss: d('99862637.36'),
};

describe('computeMarketCap', () => {
  it('reproduces the DESIGN.md section 6 request exactly, before any rounding', () => {
    const r = computeMarketCap(DESIGN_EXAMPLE);
    // 2,366,277,848 + 415,481,668 = 2,781,759,516
    expect(r.sharesOutstanding?.toFixed()).toBe('2781759516');
    // 326.23 − 343.01 = −16.78
    expect(r.priceChange.toFixed()).toBe('-16.78');
    // 2,781,759,516 × 343 = 954,143,513,988; + 2,781,759,516 × 0.01 = 27,817,595.16 → 954,171,331,583.16
    expect(r.marketCapBefore.toFixed()).toBe('954171331583.16');
    // 2,781,759,516 × 326 = 906,853,602,216; + 2,781,759,516 × 0.23 = 639,804,688.68 → 907,493,406,904.68
    expect(r.marketCapAfter.toFixed()).toBe('907493406904.68');
    // 2,781,759,516 × 16 = 44,508,152,256; + 2,781,759,516 × 0.78 = 2,169,772,422.48 → −46,677,924,678.48
    expect(r.marketCapChange.toFixed()).toBe('-46677924678.48');
    // −16.78 ÷ 343.01 × 100 = −1,678 ÷ 343.01 = −4.891985656394857292790297658960…
    expect(r.changePercent.toSignificantDigits(30).toFixed()).toBe('-4.89198565639485729279029765896');
    // beta 1 × −2.14 = −2.14
    expect(r.benchmark?.expectedChangePercent.toFixed()).toBe('-2.14');
    // −4.891985656… − (−2.14) = −2.751985656…
    expect(r.benchmark?.abnormalChangePercent.toSignificantDigits(30).toFixed()).toBe(
      '-2.75198565639485729279029765896',
    );
    // marketCapBefore × abnormal ÷ 100 = S × 343.01 × (−16.78 ÷ 343.01 + 0.0214) = S × (−16.78 + 7.340414)
    // = 2,781,759,516 × −9.439586; 2,781,759,516 × 9 = 25,035,835,644 and × 0.439586 = 1,222,822,538.600376
    // → −26,258,658,182.600376 (exact: the division by 343.01 cancels out, up to 50 significant digits)
    expect(r.benchmark?.abnormalMarketCapChange.toDecimalPlaces(30).toFixed()).toBe('-26258658182.600376');
    // 350,000,000 × −16.78 = −5,873,000,000
    expect(r.holders[0]?.wealthChange.toFixed()).toBe('-5873000000');
    // 46,677,924,678.48 ÷ 99,862,637.36 = 467.421309034…
    expect(r.marketCapToRevenueLossMultiple?.toDecimalPlaces(9).toFixed()).toBe('467.421309035');
  });

  it("reproduces DESIGN.md's worked example: a holder of 350,000,000 shares, 498.19 → 490.22", () => {
    const r = computeMarketCap({
      shareClasses: [shareClass('350000000')],
      price: { before: d('498.19'), after: d('490.22') },
      holders: [{ shares: d('350000000') }],
    });
    // 490.22 − 498.19 = −7.97; 350,000,000 × −7.97 = −2,789,500,000
    expect(r.holders[0]?.wealthChange.toFixed()).toBe('-2789500000');
    expect(formatter('USD', 'half-even').money(r.holders[0]!.wealthChange)).toBe('-2789500000.00');
  });

  it('converts share classes into the priced class and derives the price after from changePercent', () => {
    const r = computeMarketCap({
      // 1,000,000 Class A + 200,000 Class B × 10 = 3,000,000 Class A equivalents
      shareClasses: [shareClass('1000000'), shareClass('200000', '10')],
      price: { before: d('80'), changePercent: d('-12.5') },
      benchmark: { changePercent: d('-2'), beta: d('1.5') },
      holders: [{ shares: d('123457') }],
      revenueLoss: d('7000000'),
    });
    expect(r.sharesOutstanding?.toFixed()).toBe('3000000');
    // 80 × (100 − 12.5) ÷ 100 = 80 × 0.875 = 70
    expect(r.priceAfter.toFixed()).toBe('70');
    expect(r.priceChange.toFixed()).toBe('-10');
    // −10 ÷ 80 × 100 = −12.5: the percent given comes back exactly
    expect(r.changePercent.toFixed()).toBe('-12.5');
    // 3,000,000 × 80 = 240,000,000; × 70 = 210,000,000; × −10 = −30,000,000
    expect(r.marketCapBefore.toFixed()).toBe('240000000');
    expect(r.marketCapAfter.toFixed()).toBe('210000000');
    expect(r.marketCapChange.toFixed()).toBe('-30000000');
    // beta 1.5 × −2 = −3; −12.5 − (−3) = −9.5; 240,000,000 × −9.5 ÷ 100 = −22,800,000
    expect(r.benchmark?.expectedChangePercent.toFixed()).toBe('-3');
    expect(r.benchmark?.abnormalChangePercent.toFixed()).toBe('-9.5');
    expect(r.benchmark?.abnormalMarketCapChange.toFixed()).toBe('-22800000');
    // 123,457 × −10 = −1,234,570
    expect(r.holders[0]?.wealthChange.toFixed()).toBe('-1234570');
    // |−30,000,000| ÷ 7,000,000 = 30 ÷ 7 = 4.285714285714…
    expect(r.marketCapToRevenueLossMultiple?.toDecimalPlaces(12).toFixed()).toBe('4.285714285714');
  });

  it('handles a fractional conversion ratio and a price rise', () => {
    const r = computeMarketCap({
      // 10 + 7 × 0.5 = 13.5 shares
      shareClasses: [shareClass('10'), shareClass('7', '0.5')],
      price: { before: d('4'), after: d('5') },
      holders: [],
    });
    expect(r.sharesOutstanding?.toFixed()).toBe('13.5');
    // 13.5 × (5 − 4) = +13.5; +1 ÷ 4 × 100 = +25 %
    expect(r.marketCapChange.toFixed()).toBe('13.5');
    expect(r.changePercent.toFixed()).toBe('25');
    expect(r.benchmark).toBeUndefined();
    expect(r.marketCapToRevenueLossMultiple).toBeUndefined();
  });

  it('keeps holders in input order with their names', () => {
    const r = computeMarketCap({
      shareClasses: [shareClass('100')],
      price: { before: d('10'), after: d('9') },
      holders: [{ name: 'B', shares: d('2') }, { shares: d('1') }, { name: 'A', shares: d('3') }],
    });
    // priceChange −1: wealth changes −2, −1, −3
    expect(r.holders.map((h) => [h.name, h.wealthChange.toFixed()])).toEqual([
      ['B', '-2'],
      [undefined, '-1'],
      ['A', '-3'],
    ]);
  });

  it('keeps full precision at the bounds: 1e13 shares at a price of 1e9', () => {
    const r = computeMarketCap({
      shareClasses: [shareClass('1e13')],
      price: { before: d('1e9'), after: d('0.01') },
      holders: [],
    });
    // 10^13 × (0.01 − 10^9) = 10^11 − 10^22 = −9,999,999,999,900,000,000,000 exactly (23 digits)
    expect(r.marketCapChange.toFixed()).toBe('-9999999999900000000000');
  });
});

describe('resolvePrices', () => {
  it('computes after = before × (100 + changePercent) ÷ 100 exactly', () => {
    // 343.01 × (100 − 4.89) ÷ 100 = 343.01 × 0.9511 = 326.236811
    expect(resolvePrices({ before: d('343.01'), changePercent: d('-4.89') }).after.toFixed()).toBe('326.236811');
    // a +150 % move: 20 × 2.5 = 50
    expect(resolvePrices({ before: d('20'), changePercent: d('150') }).after.toFixed()).toBe('50');
  });

  it('passes before and after through when both are given', () => {
    const r = resolvePrices({ before: d('498.19'), after: d('490.22') });
    expect([r.before.toFixed(), r.after.toFixed()]).toEqual(['498.19', '490.22']);
  });
});
