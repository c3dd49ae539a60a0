import { z } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
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
import { companySize, ShareClassInput } from './market-cap';
import { groupThousands } from '../src/engine/intl-free';

/** Price points per series (DESIGN.md section 9): twenty years of trading days. */
export const MAX_PRICE_POINTS = 5000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2021-02-30 is refused). */
export const TradingDate = z
  .string()
  .max(10, 'must be a date written YYYY-MM-DD')
  .refine((text) => {
    const m = ISO_DATE.exec(text);
    if (!m) return false;
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return date.toISOString().slice(0, 10) === text;
  }, 'must be a calendar date written YYYY-MM-DD, such as "2021-10-04"')
  .openapi({ type: 'string', format: 'date', description: 'Trading date, YYYY-MM-DD.', example: '2021-10-04' });

export const PricePointInput = z
  .strictObject({
    date: TradingDate,
    close: decimalInput(
      { min: '0', minExclusive: true, max: LIMITS.price },
      {
        description:
          'Closing price (or index level) on that date; adjusted closes if a dividend or split falls in the series',
        example: '326.23',
      },
    ),
  })
  .openapi('PricePointInput');

const MAX_PRICE_POINTS_TEXT = groupThousands(MAX_PRICE_POINTS);
const priceSeries = (description: string) =>
  z
    .array(PricePointInput)
    .min(2)
    .max(MAX_PRICE_POINTS)
    .openapi({
      description: `${description} One entry per trading date, oldest first, at most ${MAX_PRICE_POINTS_TEXT}.`,
    });

const offset = z
  .number()
  .int('must be a whole number of trading days')
  .min(-MAX_PRICE_POINTS)
  .max(MAX_PRICE_POINTS)
  .openapi({ type: 'integer', example: 0 });

const window = (description: string, fallback: [number, number]) =>
  z
    .array(offset)
    .length(2, 'must be two offsets, [first, last]')
    .transform((w): [number, number] => [w[0] as number, w[1] as number])
    .default(fallback)
    .openapi({
      description: `${description} Inclusive trading-day offsets from the event day (0), in the order [first, last].`,
      example: fallback,
    });

export const EventStudyModelInput = z
  .enum(['market', 'constant-mean', 'market-adjusted'])
  .default('market')
  .openapi('EventStudyModel', {
    description:
      '`market` (default): OLS of the stock on the benchmark, E[R] = α̂ + ' +
      'β̂·Rm. `constant-mean`: E[R] = the mean return of the estimation window. ' +
      '`market-adjusted`: E[R] = Rm (α = 0 and β = 1 imposed, nothing estimated).',
    example: 'market',
  });

export const EventStudyRequest = z
  .strictObject({
    currency: Currency.default('USD').openapi({
      description: 'ISO 4217 currency of the prices and of `marketCap` (default USD).',
      example: 'USD',
    }),
    prices: priceSeries('Daily closes of the stock.'),
    benchmark: priceSeries('Daily closes of the market index, on exactly the trading dates of `prices`.'),
    eventDate: TradingDate.openapi({
      description: 'The event day (offset 0); one of the trading dates of `prices`.',
      example: '2021-10-04',
    }),
    estimationWindow: window(
      'The days the normal-return model is fitted on (default [-130, -11]: 120 days ending ten before the event).',
      [-130, -11],
    ),
    eventWindow: window(
      'The days whose abnormal returns are added up into CAR (default [0, 0]: the event day alone).',
      [0, 0],
    ),
    model: EventStudyModelInput,
    marketCap: positiveMoney(
      'Market capitalisation at the close before the event window, to ' +
        'turn CAR into money. Give `marketCap` or `shareClasses`, not both',
      '954171331583.16',
    ).optional(),
    shareClasses: z.array(ShareClassInput).min(1, 'give at least one share class').max(100).optional().openapi({
      description: 'Shares outstanding, valued at the close before the event window; instead of `marketCap`.',
    }),
    options: ExplainOptions.prefault({}),
  })
  .superRefine(...companySize({ required: false }))
  .openapi('EventStudyRequest');
export type EventStudyRequest = z.infer<typeof EventStudyRequest>;
export type PricePointInput = { date: string; close: Decimal };

const ReturnOut = (description: string, example: string) =>
  DecimalString(`${description} (a fraction, 6 decimal places: -0.048920 is −4.892 %)`, example);

const WindowOut = z
  .object({
    offsets: z
      .array(z.number().int())
      .length(2)
      .openapi({ description: 'The window as trading-day offsets, [first, last]', example: [-130, -11] }),
    start: z.string().openapi({ description: 'First trading date of the window', example: '2021-04-05' }),
    end: z.string().openapi({ description: 'Last trading date of the window', example: '2021-09-20' }),
    days: DecimalString('Trading days in the window', '120'),
  })
  .openapi('EventStudyWindow');

export const EventDayOut = z
  .object({
    offset: z.number().int().openapi({ description: 'Trading days from the event day', example: 0 }),
    date: z.string().openapi({ example: '2021-10-04' }),
    return: ReturnOut("The stock's simple return, close ÷ previous close − 1", '-0.048920'),
    benchmarkReturn: ReturnOut("The benchmark's simple return", '-0.013000'),
    expectedReturn: ReturnOut('α̂ + β̂ × benchmarkReturn (the model’s normal return)', '-0.015000'),
    abnormalReturn: ReturnOut('return − expectedReturn', '-0.033920'),
    car: ReturnOut('Cumulative abnormal return from the first day of the event window to this one', '-0.033920'),
  })
  .openapi('EventStudyDay');

/** The market model's formula for CAR's standard deviation, the estimation error of α̂ and β̂ included. */
const CAR_STD_DEV_FORMULA = '√(σ̂² × (L + γ′X*(X′X)⁻¹X*′γ))';

export const EventStudyResponse = z
  .object({
    model: z.enum(['market', 'constant-mean', 'market-adjusted']).openapi({ example: 'market' }),
    eventDate: z.string().openapi({ example: '2021-10-04' }),
    estimationWindow: WindowOut,
    eventWindow: WindowOut,
    alpha: DecimalString(
      'α̂, the intercept of the normal-return model (0 for ' +
        'market-adjusted; the mean return for constant-mean), 6 decimal places',
      '0.000500',
    ),
    beta: DecimalString(
      'β̂, the slope on the benchmark return (1 for market-adjusted, 0 for constant-mean), 6 decimal places',
      '1.500000',
    ),
    rSquared: DecimalString(
      'R² of the market model (6 decimal places); null for the other models, or when the stock never moved',
      '0.692308',
    ).nullable(),
    residualVariance: DecimalString(
      'σ̂²: Σε̂² ÷ degreesOfFreedom over the estimation window (10 decimal places)',
      '0.0001066667',
    ),
    residualStdDev: ReturnOut('σ̂, the daily standard deviation of the abnormal return', '0.010328'),
    degreesOfFreedom: DecimalString('n − 2 for the market model, n − 1 for the others (n = estimation days)', '30'),
    days: z.array(EventDayOut).openapi({ description: 'Each trading day of the event window.' }),
    car: ReturnOut('Cumulative abnormal return over the event window', '-0.020500'),
    carPercent: PercentOut('car × 100', '-2.0500'),
    carStdDev: ReturnOut(
      `CAR's standard deviation: ${CAR_STD_DEV_FORMULA} for the market model (docs/event-study.md)`,
      '0.011106',
    ),
    t: DecimalString(
      'car ÷ carStdDev (4 decimal places); null when the estimation window is fitted exactly (σ̂ = 0)',
      '-1.8459',
    ).nullable(),
    pValue: DecimalString(
      "Two-sided p-value of t from Student's t with degreesOfFreedom (6 decimal places); null with t",
      '0.074789',
    ).nullable(),
    currency: z.string().openapi({ example: 'USD' }),
    closeBeforeEvent: MoneyOut('The close on the trading day before the event window', '343.01'),
    dateBeforeEvent: z.string().openapi({ description: 'That trading day', example: '2021-10-01' }),
    sharesOutstanding: DecimalString(
      'With shareClasses: Σ shares × conversionRatio (2 decimal places)',
      '2781759516.00',
    ).optional(),
    marketCapBefore: MoneyOut(
      'With marketCap: as given; with shareClasses: sharesOutstanding × closeBeforeEvent',
      '954171331583.16',
    ).optional(),
    abnormalMarketCapChange: MoneyOut(
      'With marketCap or shareClasses: marketCapBefore × car',
      '-19560512297.45',
    ).optional(),
    method: z.string().openapi({
      description:
        'One paragraph, built from the numbers above, saying what was estimated on which days and what the test says.',
    }),
    caveats: z.array(z.string()).openapi({ description: 'What the estimate does not account for.' }),
    explain: z.array(ExplainStep).optional(),
  })
  .openapi('EventStudyResponse', {
    description: 'Every number is a decimal string, computed in decimal arithmetic and rounded once at the end.',
  });
export type EventStudyResponse = z.infer<typeof EventStudyResponse>;
