import { createRoute } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import { MarketCapRequest, MarketCapResponse } from '../../schemas/market-cap';
import { ONE } from '../engine/decimal';
import { computeMarketCap, type MarketCapInput, type MarketCapResult } from '../engine/market-cap';
import { type Formatter, formatter } from '../engine/rounding';
import { problemResponses } from '../http/responses';
import { createRouter } from '../http/router';

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

/** The answer to MARKET_CAP_EXAMPLE, worked by hand in test/unit/market-cap.test.ts and checked by test/api/market-cap.test.ts. */
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
} satisfies MarketCapResponse;

export const computeMarketCapChangeRoute = createRoute({
  method: 'post',
  path: '/v1/market-cap',
  operationId: 'computeMarketCapChange',
  tags: ['Market cap'],
  summary: 'Market-capitalisation arithmetic of a share-price move',
  description:
    "Shares outstanding across share classes (converted into the priced class), the price move given as before/after or as a percent change, the market-cap change, the abnormal (market-adjusted) change against a benchmark and beta, each holder's wealth change, and the multiple of the revenue the outage actually lost.",
  request: {
    body: { required: true, content: { 'application/json': { schema: MarketCapRequest, example: MARKET_CAP_EXAMPLE } } },
  },
  responses: {
    200: {
      description: 'The arithmetic, every number a decimal string.',
      content: { 'application/json': { schema: MarketCapResponse, example: MARKET_CAP_RESPONSE_EXAMPLE } },
    },
    ...problemResponses,
  },
});

function present(input: MarketCapInput, r: MarketCapResult, currency: string, f: Formatter, explain: boolean): MarketCapResponse {
  const body: MarketCapResponse = {
    currency,
    sharesOutstanding: f.count(r.sharesOutstanding),
    priceBefore: f.money(r.priceBefore),
    priceAfter: f.money(r.priceAfter),
    priceChange: f.money(r.priceChange),
    changePercent: f.percent(r.changePercent),
    marketCapBefore: f.money(r.marketCapBefore),
    marketCapAfter: f.money(r.marketCapAfter),
    marketCapChange: f.money(r.marketCapChange),
    holders: r.holders.map((h) => ({ ...(h.name === undefined ? {} : { name: h.name }), shares: f.count(h.shares), wealthChange: f.money(h.wealthChange) })),
  };
  if (r.benchmark) {
    body.expectedChangePercent = f.percent(r.benchmark.expectedChangePercent);
    body.abnormalChangePercent = f.percent(r.benchmark.abnormalChangePercent);
    body.abnormalMarketCapChange = f.money(r.benchmark.abnormalMarketCapChange);
  }
  if (r.marketCapToRevenueLossMultiple) body.marketCapToRevenueLossMultiple = f.ratio(r.marketCapToRevenueLossMultiple);
  if (explain) body.explain = explainMarketCap(input, r, body);
  return body;
}

interface Step {
  metric: string;
  formula: string;
  inputs: Record<string, Decimal>;
  value: string;
}

function explainMarketCap(input: MarketCapInput, r: MarketCapResult, out: MarketCapResponse): NonNullable<MarketCapResponse['explain']> {
  const classInputs = input.shareClasses.flatMap((c, i) => [
    [`shareClasses[${i}].shares`, c.shares] as const,
    [`shareClasses[${i}].conversionRatio`, c.conversionRatio] as const,
  ]);
  const steps: Step[] = [
    { metric: 'sharesOutstanding', formula: 'Σ shareClasses[i].shares × conversionRatio', inputs: Object.fromEntries(classInputs), value: out.sharesOutstanding },
  ];
  if ('changePercent' in input.price) {
    steps.push({ metric: 'priceAfter', formula: 'priceBefore × (100 + price.changePercent) ÷ 100', inputs: { priceBefore: r.priceBefore, changePercent: input.price.changePercent }, value: out.priceAfter });
  }
  steps.push(
    { metric: 'priceChange', formula: 'priceAfter − priceBefore', inputs: { priceAfter: r.priceAfter, priceBefore: r.priceBefore }, value: out.priceChange },
    { metric: 'changePercent', formula: 'priceChange ÷ priceBefore × 100', inputs: { priceChange: r.priceChange, priceBefore: r.priceBefore }, value: out.changePercent },
    { metric: 'marketCapBefore', formula: 'sharesOutstanding × priceBefore', inputs: { sharesOutstanding: r.sharesOutstanding, priceBefore: r.priceBefore }, value: out.marketCapBefore },
    { metric: 'marketCapAfter', formula: 'sharesOutstanding × priceAfter', inputs: { sharesOutstanding: r.sharesOutstanding, priceAfter: r.priceAfter }, value: out.marketCapAfter },
    { metric: 'marketCapChange', formula: 'sharesOutstanding × priceChange', inputs: { sharesOutstanding: r.sharesOutstanding, priceChange: r.priceChange }, value: out.marketCapChange },
  );
  if (input.benchmark && r.benchmark && out.expectedChangePercent && out.abnormalChangePercent && out.abnormalMarketCapChange) {
    steps.push(
      { metric: 'expectedChangePercent', formula: 'beta × benchmark.changePercent', inputs: { beta: input.benchmark.beta, benchmarkChangePercent: input.benchmark.changePercent }, value: out.expectedChangePercent },
      { metric: 'abnormalChangePercent', formula: 'changePercent − expectedChangePercent', inputs: { changePercent: r.changePercent, expectedChangePercent: r.benchmark.expectedChangePercent }, value: out.abnormalChangePercent },
      { metric: 'abnormalMarketCapChange', formula: 'marketCapBefore × abnormalChangePercent ÷ 100', inputs: { marketCapBefore: r.marketCapBefore, abnormalChangePercent: r.benchmark.abnormalChangePercent }, value: out.abnormalMarketCapChange },
    );
  }
  r.holders.forEach((h, i) => {
    const value = out.holders[i]?.wealthChange ?? '';
    steps.push({ metric: `holders[${i}].wealthChange`, formula: 'holders[i].shares × priceChange', inputs: { shares: h.shares, priceChange: r.priceChange }, value });
  });
  if (r.marketCapToRevenueLossMultiple && r.revenueLoss && out.marketCapToRevenueLossMultiple) {
    steps.push({ metric: 'marketCapToRevenueLossMultiple', formula: '|marketCapChange| ÷ revenueLoss', inputs: { marketCapChange: r.marketCapChange, revenueLoss: r.revenueLoss }, value: out.marketCapToRevenueLossMultiple });
  }
  return steps.map((s) => ({ ...s, inputs: Object.fromEntries(Object.entries(s.inputs).map(([k, v]) => [k, v.toString()])) }));
}

export const marketCapRoutes = createRouter().openapi(computeMarketCapChangeRoute, (c) => {
  const body = c.req.valid('json');
  const currency = body.currency ?? 'USD';
  const input: MarketCapInput = {
    shareClasses: body.shareClasses.map((s) => ({ name: s.name, shares: s.shares, conversionRatio: s.conversionRatio ?? ONE })),
    price: body.price,
    benchmark: body.benchmark && { changePercent: body.benchmark.changePercent, beta: body.benchmark.beta ?? ONE },
    holders: body.holders ?? [],
    revenueLoss: body.revenueLoss,
  };
  const result = computeMarketCap(input);
  return c.json(present(input, result, currency, formatter(currency, body.options?.rounding ?? 'half-even'), body.options?.explain ?? false), 200);
});
