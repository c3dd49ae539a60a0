import { z } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import type { BenchmarkMove, PriceMove } from '../src/engine/market-cap';
import { benchmarkMoveOf, companySizeProblems, priceMoveOf } from '../src/engine/spec/market-cap';

import {
  Currency,
  DecimalString,
  decimalInput,
  ExplainOptions,
  ExplainStep,
  LIMITS,
  MoneyOut,
  PercentOut,
  positiveMoney,
} from './common';
import { oneOfForms } from './one-of';
import { addProblems } from './spec-problems';

const shares = (description: string, example: string) =>
  decimalInput({ min: '0', minExclusive: true, max: LIMITS.shares }, { description, example });
const sharePrice = (description: string, example: string) =>
  decimalInput({ min: '0', minExclusive: true, max: LIMITS.price }, { description, example });
const percentChange = (description: string, example: string) =>
  decimalInput({ min: '-100', minExclusive: true, max: '1e6' }, { description, example });

export const ShareClassInput = z
  .strictObject({
    name: z.string().max(200).optional().openapi({ description: 'Label echoed back', example: 'Class A' }),
    shares: shares('Shares outstanding in this class', '2366277848'),
    conversionRatio: decimalInput(
      { min: '0', minExclusive: true, max: '1e6' },
      {
        description: 'Shares of the priced class that one share of this class converts into (default 1)',
        example: '1',
      },
    ).prefault('1'),
  })
  .openapi('ShareClassInput');

const PriceMoveFields = z.strictObject({
  before: sharePrice('Share price before the move', '343.01'),
  after: sharePrice('Share price after the move. Give exactly one of `after` and `changePercent`', '326.23').optional(),
  changePercent: percentChange(
    'Price change in percent (-4.89 is a 4.89 % drop). Give exactly one of `after` and `changePercent`',
    '-4.89',
  ).optional(),
});

const priceMove = PriceMoveFields.transform((price, ctx): PriceMove => {
  const move = priceMoveOf(price);
  if ('spec' in move) return move.spec;
  addProblems(move.problems, ctx);
  return z.NEVER;
});

export const PriceMoveInput = oneOfForms(priceMove, {
  PriceBeforeAfter: PriceMoveFields.pick({ before: true, after: true })
    .required()
    .openapi({ description: 'The share price before and after the move.' }),
  PriceBeforeChangePercent: PriceMoveFields.pick({ before: true, changePercent: true })
    .required()
    .openapi({ description: 'The share price before the move, and the move in percent.' }),
}).openapi('PriceMoveInput', {
  description: 'The share-price move: `before` with exactly one of `after` or `changePercent`.',
});

const benchmarkLevel = (description: string, example: string) =>
  decimalInput({ min: '0', minExclusive: true, max: LIMITS.price }, { description, example });

const BenchmarkFields = z.strictObject({
  changePercent: percentChange(
    'The benchmark index change over the same interval, in percent. Give it, or `before` and `after`',
    '-2.14',
  ).optional(),
  before: benchmarkLevel(
    'The benchmark index level before the move (with `after`, instead of `changePercent`)',
    '100',
  ).optional(),
  after: benchmarkLevel('The benchmark index level after the move (with `before`)', '97.86').optional(),
  beta: decimalInput(
    { min: '-100', max: '100' },
    { description: "The stock's beta to the benchmark (default 1)", example: '1' },
  ).prefault('1'),
});

const benchmarkMove = BenchmarkFields.transform((b, ctx): BenchmarkMove & { beta: Decimal } => {
  const move = benchmarkMoveOf(b);
  if ('spec' in move) return move.spec;
  addProblems(move.problems, ctx);
  return z.NEVER;
});

export const BenchmarkInput = oneOfForms(benchmarkMove, {
  BenchmarkChangePercent: BenchmarkFields.pick({ changePercent: true, beta: true })
    .required({ changePercent: true })
    .openapi({ description: 'The benchmark move in percent.' }),
  BenchmarkLevels: BenchmarkFields.pick({ before: true, after: true, beta: true })
    .required({ before: true, after: true })
    .openapi({ description: 'The benchmark index levels before and after the move.' }),
}).openapi('BenchmarkInput', {
  description:
    'A market benchmark, to separate the stock-specific (abnormal) move from ' +
    'the market move: `changePercent`, or the levels `before` and `after`.',
});

export const HolderInput = z
  .strictObject({
    name: z.string().max(200).optional().openapi({ example: 'Founder' }),
    shares: shares('Shares this holder owns, in units of the priced class', '350000000'),
  })
  .openapi('HolderInput');

export const MarketCapOptions = ExplainOptions;

/**
 * The company's size is `shareClasses` or `marketCap`, never both (and, where `required`, one of them).
 * Runs even when another field failed, so that one answer lists every problem (the keys are all it reads).
 */
export function companySize({ required }: { required: boolean }) {
  const check = (body: { shareClasses?: unknown; marketCap?: unknown }, ctx: z.core.$RefinementCtx) =>
    addProblems(companySizeProblems(body, { required }), ctx);
  const when = (payload: { value: unknown }) =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value);
  return [check, { when }] as const;
}

export const MarketCapRequest = z
  .strictObject({
    currency: Currency.default('USD').openapi({
      description: 'ISO 4217 currency of the prices (default USD).',
      example: 'USD',
    }),
    shareClasses: z
      .array(ShareClassInput)
      .min(1, 'give at least one share class')
      .max(100)
      .optional()
      .openapi({ description: 'Shares outstanding by class. Give `shareClasses` or `marketCap`, exactly one.' }),
    marketCap: positiveMoney(
      'The market capitalisation at `price.before`, instead of `shareClasses`',
      '954171331583.16',
    ).optional(),
    price: PriceMoveInput,
    benchmark: BenchmarkInput.optional(),
    holders: z.array(HolderInput).max(1000).default([]),
    revenueLoss: decimalInput(
      { min: '0', minExclusive: true, max: LIMITS.money },
      {
        description:
          'Revenue lost in the outage (for example from `POST /v1/platform-loss`), to compare the market-cap drop with',
        example: '99862637.36',
      },
    ).optional(),
    options: MarketCapOptions.prefault({}),
  })
  .superRefine(...companySize({ required: true }))
  .openapi('MarketCapRequest');
export type MarketCapRequest = z.infer<typeof MarketCapRequest>;

const ABNORMAL_CHANGE_PERCENT_DESCRIPTION = 'With a benchmark: changePercent − expectedChangePercent';

export const MarketCapResponse = z
  .object({
    currency: z.string().openapi({ example: 'USD' }),
    sharesOutstanding: DecimalString(
      'With shareClasses: Σ shares × conversionRatio, in units of the priced class (2 decimal places)',
      '2781759516.00',
    ).optional(),
    priceBefore: MoneyOut('Share price before', '343.01'),
    priceAfter: MoneyOut('Share price after (computed from changePercent when that was given)', '326.23'),
    priceChange: MoneyOut('priceAfter − priceBefore', '-16.78'),
    changePercent: PercentOut('priceChange ÷ priceBefore × 100', '-4.8920'),
    marketCapBefore: MoneyOut('sharesOutstanding × priceBefore, or `marketCap` as given', '954171331583.16'),
    marketCapAfter: MoneyOut(
      'sharesOutstanding × priceAfter (marketCap × priceAfter ÷ priceBefore when the market cap was given)',
      '907493406904.68',
    ),
    marketCapChange: MoneyOut(
      'sharesOutstanding × priceChange (marketCap × priceChange ÷ priceBefore); negative for a drop',
      '-46677924678.48',
    ),
    expectedChangePercent: PercentOut(
      'With a benchmark: beta × benchmark change (the change from its levels when `before` and `after` were given)',
      '-2.1400',
    ).optional(),
    abnormalChangePercent: PercentOut(ABNORMAL_CHANGE_PERCENT_DESCRIPTION, '-2.7520').optional(),
    abnormalMarketCapChange: MoneyOut(
      'With a benchmark: marketCapBefore × abnormalChangePercent ÷ 100',
      '-26258658182.60',
    ).optional(),
    holders: z
      .array(
        z
          .object({
            name: z.string().optional().openapi({ example: 'Founder' }),
            shares: DecimalString('Shares held (2 decimal places)', '350000000.00'),
            wealthChange: MoneyOut('shares × priceChange', '-5873000000.00'),
          })
          .openapi('HolderResult'),
      )
      .openapi({ description: 'Each holder in input order.' }),
    marketCapToRevenueLossMultiple: DecimalString(
      'With revenueLoss: |marketCapChange| ÷ revenueLoss (6 decimal places)',
      '467.421309',
    ).optional(),
    method: z.string().openapi({
      description: 'One plain paragraph, built from the numbers above, saying what was multiplied by what.',
    }),
    caveats: z.array(z.string()).openapi({ description: 'What the arithmetic does not account for.' }),
    explain: z.array(ExplainStep).optional(),
  })
  .openapi('MarketCapResponse', {
    description: 'Every number is a decimal string, computed unrounded and rounded once at the end.',
  });
export type MarketCapResponse = z.infer<typeof MarketCapResponse>;
