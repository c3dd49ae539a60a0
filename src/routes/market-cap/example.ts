import type { MarketCapResponse } from '../../../schemas/market-cap';

export const MARKET_CAP_EXAMPLE = {
  currency: 'USD',
  shareClasses: [
    { name: 'Class A', shares: '2366277848' },
    { name: 'Class B', shares: '415481668', conversionRatio: '1' },
  ],
  price: { before: '343.01', after: '326.23' },
  benchmark: { changePercent: '-2.14', beta: '1' },
  holders: [{ name: 'Founder', shares: '350000000' }],
  revenueLoss: '99862637.36',
};

/**
 * The answer to MARKET_CAP_EXAMPLE, worked by hand in test/unit/market-cap.test.ts and checked by
 * test/api/market-cap.test.ts.
 */
export const MARKET_CAP_RESPONSE_EXAMPLE = {
  currency: 'USD',
  sharesOutstanding: '2781759516.00',
  priceBefore: '343.01',
  priceAfter: '326.23',
  priceChange: '-16.78',
  changePercent: '-4.8920',
  marketCapBefore: '954171331583.16',
  marketCapAfter: '907493406904.68',
  marketCapChange: '-46677924678.48',
  holders: [{ name: 'Founder', shares: '350000000.00', wealthChange: '-5873000000.00' }],
  expectedChangePercent: '-2.1400',
  abnormalChangePercent: '-2.7520',
  abnormalMarketCapChange: '-26258658182.60',
  marketCapToRevenueLossMultiple: '467.421309',
  method:
    '2781759516.00 shares outstanding (the share classes times their conversion ratios) at the price ' +
    'before, 343.01, give a market capitalisation of USD 954171331583.16. The price moved to 326.23 ' +
    '(-4.8920 %), so the market cap changed by USD -46677924678.48. The benchmark moved -2.1400 %; with ' +
    'a beta of 1 (given, not estimated) the expected move is -2.1400 % and the abnormal move -2.7520 %, ' +
    "USD -26258658182.60 of market cap. Each holder's wealth change is the shares held times the price " +
    'change. The market-cap change is 467.421309 times the revenue lost in the outage (USD 99862637.36).',
  caveats: [
    'A share-price move has many causes on any day; this arithmetic attributes none of it to the outage. ' +
      'POST /v1/market-cap/event-study tests whether a move is larger than the stock’s ordinary noise.',
    'These are estimates from the shares (or market cap) and prices ' +
      'given, not reported figures; share counts change between filings.',
    'A market-cap change is not a loss to the company: no cash changed hands, and the price can recover the next day.',
    'The abnormal move uses the beta given (default 1), not one estimated ' +
      'from the stock’s history; the event-study endpoint estimates it.',
    'The multiple compares a change in the value of the shares ' +
      'with revenue lost in the outage; the two need not be related.',
  ],
} satisfies MarketCapResponse;
