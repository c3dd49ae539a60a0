import { createRoute } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import { MarketCapRequest, MarketCapResponse } from '../../schemas/market-cap';
import { computeMarketCap, type MarketCapInput, type MarketCapResult } from '../engine/market-cap';
import { type Formatter, formatter } from '../engine/rounding';
import { problemResponses } from '../http/responses';
import { marketCapCaveats, marketCapMethod } from '../present/market-cap-method';
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

export const computeMarketCapChangeRoute = createRoute({
  method: 'post',
  path: '/v1/market-cap',
  operationId: 'computeMarketCapChange',
  tags: ['Market cap'],
  summary: 'Market-capitalisation arithmetic of a share-price move',
  description:
    'Shares outstanding across share classes (converted into the priced class), the price move given as ' +
    'before/after or as a percent change, the market-cap change, the abnormal (market-adjusted) change against a ' +
    "benchmark and beta, each holder's wealth change, and the multiple of the revenue the outage actually lost.",
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: MarketCapRequest, example: MARKET_CAP_EXAMPLE } },
    },
  },
  responses: {
    200: {
      description: 'The arithmetic, every number a decimal string.',
      content: { 'application/json': { schema: MarketCapResponse, example: MARKET_CAP_RESPONSE_EXAMPLE } },
    },
    ...problemResponses,
  },
});

function present(
  input: MarketCapInput,
  r: MarketCapResult,
  currency: string,
  f: Formatter,
  explain: boolean,
): MarketCapResponse {
  const body: MarketCapResponse = {
    currency,
    ...(r.sharesOutstanding ? { sharesOutstanding: f.count(r.sharesOutstanding) } : {}),
    priceBefore: f.money(r.priceBefore),
    priceAfter: f.money(r.priceAfter),
    priceChange: f.money(r.priceChange),
    changePercent: f.percent(r.changePercent),
    marketCapBefore: f.money(r.marketCapBefore),
    marketCapAfter: f.money(r.marketCapAfter),
    marketCapChange: f.money(r.marketCapChange),
    holders: r.holders.map((h) => ({
      ...(h.name === undefined ? {} : { name: h.name }),
      shares: f.count(h.shares),
      wealthChange: f.money(h.wealthChange),
    })),
    method: '',
    caveats: marketCapCaveats(input),
  };
  if (r.benchmark) {
    body.expectedChangePercent = f.percent(r.benchmark.expectedChangePercent);
    body.abnormalChangePercent = f.percent(r.benchmark.abnormalChangePercent);
    body.abnormalMarketCapChange = f.money(r.benchmark.abnormalMarketCapChange);
  }
  if (r.marketCapToRevenueLossMultiple) body.marketCapToRevenueLossMultiple = f.ratio(r.marketCapToRevenueLossMultiple);
  body.method = marketCapMethod(input, r, body);
  if (explain) body.explain = explainMarketCap(input, r, body);
  return body;
}

interface Step {
  metric: string;
  formula: string;
  inputs: Record<string, Decimal>;
  value: string;
}

function explainMarketCap(
  input: MarketCapInput,
  r: MarketCapResult,
  out: MarketCapResponse,
): NonNullable<MarketCapResponse['explain']> {
  const classInputs = input.shareClasses.flatMap((c, i) => [
    [`shareClasses[${i}].shares`, c.shares] as const,
    [`shareClasses[${i}].conversionRatio`, c.conversionRatio] as const,
  ]);
  const steps: Step[] = [];
  if (r.sharesOutstanding && out.sharesOutstanding) {
    steps.push({
      metric: 'sharesOutstanding',
      formula: 'Σ shareClasses[i].shares × conversionRatio',
      inputs: Object.fromEntries(classInputs),
      value: out.sharesOutstanding,
    });
  }
  if ('changePercent' in input.price) {
    steps.push({
      metric: 'priceAfter',
      formula: 'priceBefore × (100 + price.changePercent) ÷ 100',
      inputs: { priceBefore: r.priceBefore, changePercent: input.price.changePercent },
      value: out.priceAfter,
    });
  }
  steps.push(
    {
      metric: 'priceChange',
      formula: 'priceAfter − priceBefore',
      inputs: { priceAfter: r.priceAfter, priceBefore: r.priceBefore },
      value: out.priceChange,
    },
    {
      metric: 'changePercent',
      formula: 'priceChange ÷ priceBefore × 100',
      inputs: { priceChange: r.priceChange, priceBefore: r.priceBefore },
      value: out.changePercent,
    },
    ...marketCapSteps(r, out),
  );
  if (
    input.benchmark &&
    r.benchmark &&
    out.expectedChangePercent &&
    out.abnormalChangePercent &&
    out.abnormalMarketCapChange
  ) {
    if ('before' in input.benchmark) {
      const { before, after } = input.benchmark;
      steps.push({
        metric: 'benchmarkChangePercent',
        formula: '(benchmark.after ÷ benchmark.before − 1) × 100',
        inputs: { before, after },
        value: r.benchmark.changePercent.toString(),
      });
    }
    steps.push(
      {
        metric: 'expectedChangePercent',
        formula: 'beta × benchmark.changePercent',
        inputs: { beta: input.benchmark.beta, benchmarkChangePercent: r.benchmark.changePercent },
        value: out.expectedChangePercent,
      },
      {
        metric: 'abnormalChangePercent',
        formula: 'changePercent − expectedChangePercent',
        inputs: { changePercent: r.changePercent, expectedChangePercent: r.benchmark.expectedChangePercent },
        value: out.abnormalChangePercent,
      },
      {
        metric: 'abnormalMarketCapChange',
        formula: 'marketCapBefore × abnormalChangePercent ÷ 100',
        inputs: { marketCapBefore: r.marketCapBefore, abnormalChangePercent: r.benchmark.abnormalChangePercent },
        value: out.abnormalMarketCapChange,
      },
    );
  }
  r.holders.forEach((h, i) => {
    const value = out.holders[i]?.wealthChange ?? '';
    steps.push({
      metric: `holders[${i}].wealthChange`,
      formula: 'holders[i].shares × priceChange',
      inputs: { shares: h.shares, priceChange: r.priceChange },
      value,
    });
  });
  if (r.marketCapToRevenueLossMultiple && r.revenueLoss && out.marketCapToRevenueLossMultiple) {
    steps.push({
      metric: 'marketCapToRevenueLossMultiple',
      formula: '|marketCapChange| ÷ revenueLoss',
      inputs: { marketCapChange: r.marketCapChange, revenueLoss: r.revenueLoss },
      value: out.marketCapToRevenueLossMultiple,
    });
  }
  return steps.map((s) => ({
    ...s,
    inputs: Object.fromEntries(Object.entries(s.inputs).map(([k, v]) => [k, v.toString()])),
  }));
}

/** The three market-cap steps: shares × price, or the given market cap scaled by the price. */
function marketCapSteps(r: MarketCapResult, out: MarketCapResponse): Step[] {
  if (r.sharesOutstanding) {
    const shares = r.sharesOutstanding;
    return [
      {
        metric: 'marketCapBefore',
        formula: 'sharesOutstanding × priceBefore',
        inputs: { sharesOutstanding: shares, priceBefore: r.priceBefore },
        value: out.marketCapBefore,
      },
      {
        metric: 'marketCapAfter',
        formula: 'sharesOutstanding × priceAfter',
        inputs: { sharesOutstanding: shares, priceAfter: r.priceAfter },
        value: out.marketCapAfter,
      },
      {
        metric: 'marketCapChange',
        formula: 'sharesOutstanding × priceChange',
        inputs: { sharesOutstanding: shares, priceChange: r.priceChange },
        value: out.marketCapChange,
      },
    ];
  }
  const given = { marketCap: r.marketCapBefore, priceBefore: r.priceBefore };
  return [
    {
      metric: 'marketCapBefore',
      formula: 'marketCap (as given)',
      inputs: { marketCap: r.marketCapBefore },
      value: out.marketCapBefore,
    },
    {
      metric: 'marketCapAfter',
      formula: 'marketCap × priceAfter ÷ priceBefore',
      inputs: { ...given, priceAfter: r.priceAfter },
      value: out.marketCapAfter,
    },
    {
      metric: 'marketCapChange',
      formula: 'marketCap × priceChange ÷ priceBefore',
      inputs: { ...given, priceChange: r.priceChange },
      value: out.marketCapChange,
    },
  ];
}

export const marketCapRoutes = createRouter().openapi(computeMarketCapChangeRoute, (c) => {
  const body = c.req.valid('json');
  const { currency } = body;
  const input: MarketCapInput = {
    shareClasses: body.shareClasses ?? [],
    marketCap: body.marketCap,
    price: body.price,
    benchmark: body.benchmark,
    holders: body.holders,
    revenueLoss: body.revenueLoss,
  };
  const result = computeMarketCap(input);
  return c.json(
    present(input, result, currency, formatter(currency, body.options.rounding), body.options.explain),
    200,
  );
});
