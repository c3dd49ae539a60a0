import type Decimal from 'decimal.js';
import type { MarketCapResponse } from '../../schemas/market-cap';
import type { MarketCapInput, MarketCapResult } from '../engine/market-cap';
import type { Formatter } from '../engine/rounding';
import { marketCapCaveats, marketCapMethod } from './market-cap-method';

/** The market-cap answer: every figure formatted, the method paragraph, the caveats, and the explain trace. */
export function presentMarketCap(
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
