import { z } from '@hono/zod-openapi';
import { METRICS, type Metric } from '../src/engine/impact';
import { DecimalString, Rounding } from './common';
import { OutageRefQuery } from './catalogue';
import { FX_QUERY } from './fx-query';
import { CurrencyTotals, FxInput } from './impact';
import {
  refineSimulationQuery,
  SIMULATED_COLUMNS,
  SIMULATION_QUERY,
  SimulateParam,
  type SimulatedColumn,
  StatParam,
} from './simulation';

/**
 * The flat form of one campaign and its outage: a CSV row, a JSON batch row, or the query string of
 * the formula endpoints. Each row is turned into the JSON campaign and outage and validated by the
 * same schemas as POST /v1/impact, so a row and a JSON campaign obey the same rules.
 */
export const INPUT_COLUMNS = [
  'id',
  'currency',
  'timeZone',
  'budgetAmount',
  'budgetPeriod',
  'flightStart',
  'flightEnd',
  'deliveryProfile',
  'cpm',
  'ctr',
  'cpc',
  'cvr',
  'cpa',
  'aov',
  'roas',
  'grossMargin',
  'incrementality',
  'recapture',
  'overspendCap',
  'cpmPremium',
  'outageStart',
  'outageEnd',
  'outageTimeZone',
  'deliveryLoss',
  'recoveryMinutes',
  'spendAmount',
  'spendStart',
  'spendEnd',
  'conversionEvent',
] as const;
export type InputColumn = (typeof INPUT_COLUMNS)[number];

/**
 * The exact low and high of each metric over the row's input ranges (POST /v1/impact's `ranges`), in
 * metric order, low before high: `recapturedSpendLow, recapturedSpendHigh, netLostSpendLow, …`.
 */
export type RangeColumn = `${Metric}Low` | `${Metric}High`;
export const rangeColumns = (metric: Metric) => ({ low: `${metric}Low`, high: `${metric}High` }) as const;
export const RANGE_RESULT_COLUMNS: readonly RangeColumn[] = METRICS.flatMap((m) => {
  const { low, high } = rangeColumns(m);
  return [low, high];
});

/** The result columns: the spends, the metrics of POST /v1/impact in response order, then their ranges. */
export const RESULT_COLUMNS = ['plannedSpend', 'lostSpend', ...METRICS, ...RANGE_RESULT_COLUMNS] as const;
export type ResultColumn = (typeof RESULT_COLUMNS)[number];

/** Columns whose empty cells the query parameters of the same name fill in. */
export const OUTAGE_COLUMNS = ['outageStart', 'outageEnd', 'outageTimeZone'] as const;

const COLUMN_DESCRIPTIONS: Record<InputColumn, string> = {
  id: 'Your label, echoed back',
  currency: 'ISO 4217 code (default USD)',
  timeZone: "The ad account's IANA zone (default UTC)",
  budgetAmount: 'Budget amount per period',
  budgetPeriod: 'hour, day, week, month or lifetime',
  flightStart: 'Flight start (RFC 3339; naive times in timeZone)',
  flightEnd: 'Flight end (exclusive)',
  deliveryProfile: '`even`, or 24 or 168 weights separated by spaces',
  cpm: 'Cost per 1,000 impressions; a range is written low..high',
  ctr: 'Click-through rate (0-1); low..high for a range',
  cpc: 'Cost per click; low..high for a range',
  cvr: 'Conversion rate (0-1); low..high for a range',
  cpa: 'Cost per conversion; low..high for a range',
  aov: 'Average order value; low..high for a range',
  roas: 'Return on ad spend; low..high for a range',
  grossMargin: 'Gross margin (0-1); low..high for a range',
  incrementality: 'Share of conversions caused by the ads (default 1)',
  recapture: 'Share of lost spend recaptured by pacing (default 0)',
  overspendCap: 'Pacing overspend cap (default 0.75)',
  cpmPremium: 'CPM premium of catch-up impressions (default 0)',
  outageStart: 'Outage window start (RFC 3339; naive times in outageTimeZone)',
  outageEnd: 'Outage window end (exclusive)',
  outageTimeZone: 'IANA zone of naive outage times (default UTC)',
  deliveryLoss: 'Share of delivery lost in the window (default 1)',
  recoveryMinutes:
    'Minutes over which the loss falls linearly back to 0 after the window (default 0); included in lostSpend',
  spendAmount: 'Actual spend over spendStart..spendEnd, instead of budgetAmount and budgetPeriod',
  spendStart: 'Start of the spend period (RFC 3339; naive times in timeZone)',
  spendEnd: 'End of the spend period (exclusive)',
  conversionEvent: 'What a conversion is: purchase, lead… (default conversion)',
};

/** A cell's length, as a CSV cell's (DESIGN.md section 9): 168 weights of a profile fit with room to spare. */
const CELL_CHARS = 4096;
const CELL_TOO_LONG = `must be at most ${CELL_CHARS} characters long`;
const cell = (column: InputColumn) =>
  z
    .union([z.string().max(CELL_CHARS, CELL_TOO_LONG), z.number(), z.null()])
    .optional()
    .openapi({ description: `${COLUMN_DESCRIPTIONS[column]}. Empty or null means not given.` });

/** The example row of the document, and the example query of the formula endpoints (DESIGN.md section 4's campaign). */
export const FLAT_ROW_EXAMPLE: Partial<Record<InputColumn, string>> = {
  id: 'fall-sale',
  currency: 'USD',
  timeZone: 'America/Los_Angeles',
  budgetAmount: '1200',
  budgetPeriod: 'day',
  cpm: '9.50',
  ctr: '0.011',
  cvr: '0.03',
  aov: '72',
  grossMargin: '0.4',
  recapture: '0.5',
  cpmPremium: '0.1',
  outageStart: '2021-10-04T11:39:00',
  outageEnd: '2021-10-04T17:05:00',
  outageTimeZone: 'America/New_York',
};

export const FlatRowInput = z
  .object(Object.fromEntries(INPUT_COLUMNS.map((c) => [c, cell(c)])) as Record<InputColumn, ReturnType<typeof cell>>)
  .openapi('FlatCampaignRow', {
    description:
      'One campaign and its outage window as flat columns (a CSV row). Unknown columns make the row an error.',
    example: FLAT_ROW_EXAMPLE,
  });

export const BATCH_LIMITS = { rows: 10_000 } as const;

export const BatchJsonRequest = z
  .strictObject({
    // Unknown keys are kept (catchall), not stripped, so that each is reported as its row's error.
    // The bounds are declared, not enforced by the schema: the handler answers an empty list with a 422
    // at /rows and more than BATCH_LIMITS.rows rows with a 413, as it does for CSV.
    rows: z
      .array(FlatRowInput.catchall(z.union([z.string().max(CELL_CHARS, CELL_TOO_LONG), z.number(), z.null()])))
      .openapi({
        description:
          `1 to ${BATCH_LIMITS.rows} rows, each a FlatCampaignRow (columns: ${INPUT_COLUMNS.join(', ')}). ` +
          `A row with an unknown key, or with an invalid value, gets an error; the other rows are still ` +
          `computed. No rows is a 422; more than ${BATCH_LIMITS.rows} is a 413.`,
        minItems: 1,
        maxItems: BATCH_LIMITS.rows,
      }),
    options: z
      .strictObject({ fx: FxInput.optional() })
      .optional()
      .openapi({
        description:
          '`fx` adds `reportingTotal` to the answer, as `options.fx` of POST /v1/impact (a currency of the ' +
          'computed rows without a rate is a 422 at /options/fx/rates/<code>); or use the query parameters ' +
          '`fxCurrency` and `fxRates`, not both.',
      }),
  })
  .openapi('BatchJsonRequest');

const UNDETERMINED = 'empty (null) when the row has an error or the funnel does not determine it';
const RESULT_DESCRIPTIONS = Object.fromEntries([
  ...['plannedSpend', 'lostSpend', ...METRICS].map((c) => [
    c,
    `The ${c} of POST /v1/impact for this row; ${UNDETERMINED}`,
  ]),
  ...METRICS.flatMap((m) => {
    const { low, high } = rangeColumns(m);
    const exact = (end: 'low' | 'high') =>
      `The exact ${end} of ${m} over every combination of the row's input ranges (POST ` +
      `/v1/impact's ranges.${m}.${end}); equal to ${m} when the row has no range; ${UNDETERMINED}`;
    return [
      [low, exact('low')],
      [high, exact('high')],
    ];
  }),
]) as Record<ResultColumn, string>;
const resultCell = (column: ResultColumn) => DecimalString(RESULT_DESCRIPTIONS[column], '271.67').nullable();
const simulatedCell = (column: SimulatedColumn) =>
  DecimalString(
    `Only with ?simulate=<metric>: a Monte Carlo percentile of the metric (${column}); ${UNDETERMINED}`,
    '271.67',
  )
    .nullable()
    .optional();

export const BatchResultRow = z
  .object({
    ...(Object.fromEntries(
      INPUT_COLUMNS.map((c) => [c, z.string().openapi({ description: COLUMN_DESCRIPTIONS[c] })]),
    ) as Record<InputColumn, z.ZodString>),
    ...(Object.fromEntries(RESULT_COLUMNS.map((c) => [c, resultCell(c)])) as Record<
      ResultColumn,
      ReturnType<typeof resultCell>
    >),
    ...(Object.fromEntries(SIMULATED_COLUMNS.map((c) => [c, simulatedCell(c)])) as Record<
      SimulatedColumn,
      ReturnType<typeof simulatedCell>
    >),
    error: z.string().nullable().openapi({
      description: 'Why the row could not be computed, each problem prefixed with its column; null for a good row.',
      example: null,
    }),
    warnings: z.string().openapi({
      description:
        'Anything about the row worth a second look (a ctr of 0.92 that is ' +
        'probably 0.92 % without its sign), separated by "; "; empty when none.',
      example: '',
    }),
  })
  .openapi('BatchResultRow');

export const BatchJsonResponse = z
  .object({
    rows: z.array(BatchResultRow),
    totals: z.array(CurrencyTotals).openapi({
      description:
        'Per-currency totals over the rows without an error, as in POST /v1/impact (rows named by id, else by index)',
    }),
    reportingTotal: CurrencyTotals.optional().openapi({
      description:
        "With `options.fx` or `fxCurrency`: every currency's totals converted at the given rates and added " +
        '(money), counts added, as in POST /v1/impact.',
    }),
  })
  .openapi('BatchJsonResponse');
export type BatchResultRow = z.infer<typeof BatchResultRow>;

/** Query parameters of the formula endpoints: the flat columns, plus `bom`. */
const queryCell = (column: InputColumn) =>
  z
    .string()
    .max(CELL_CHARS, CELL_TOO_LONG)
    .optional()
    .openapi({
      description: `${COLUMN_DESCRIPTIONS[column]}. Empty means not given, never 0.`,
      param: { name: column, in: 'query', example: FLAT_ROW_EXAMPLE[column] },
    });
const flatQuery = Object.fromEntries(INPUT_COLUMNS.map((c) => [c, queryCell(c)])) as Record<
  InputColumn,
  ReturnType<typeof queryCell>
>;
const bom = z
  .enum(['0', '1'])
  .default('0')
  .openapi({ description: '`1` adds a UTF-8 byte-order mark so that Excel opens the file as UTF-8 on double-click.' });

/** The rounding mode of the results, the schema of POST /v1/impact's `options.rounding`. */
const rounding = Rounding.default('half-even').openapi({
  param: {
    name: 'rounding',
    in: 'query',
    description:
      'How the results are rounded, as `options.rounding` of POST /v1/impact: `half-even` (the default) or `half-up`.',
  },
});

const key = z
  .string()
  .max(256)
  .optional()
  .openapi({
    description:
      'API key, for spreadsheet formulas that cannot send headers (only when the ' +
      'deployment requires keys; prefer the Authorization header elsewhere).',
    param: { name: 'key', in: 'query' },
  });

export const ImpactCsvQuery = z
  .strictObject({
    ...flatQuery,
    outage: OutageRefQuery,
    rounding,
    bom,
    key,
    simulate: SimulateParam,
    ...SIMULATION_QUERY,
  })
  .superRefine(refineSimulationQuery('simulate'));
export const ImpactValueQuery = z
  .strictObject({
    ...flatQuery,
    outage: OutageRefQuery,
    metric: z.enum(RESULT_COLUMNS).openapi({
      description:
        'The result column to answer with; `<metric>Low` and `<metric>High` ' +
        'are the exact ends of its range when an input is a range `low..high`.',
      example: 'lostRevenue',
    }),
    rounding,
    key,
    stat: StatParam,
    ...SIMULATION_QUERY,
  })
  .superRefine(refineSimulationQuery('stat'));
export const BatchQuery = z
  .strictObject({
    totals: z
      .enum(['0', '1'])
      .optional()
      .openapi({
        param: {
          name: 'totals',
          in: 'query',
          description:
            '`1` appends to a CSV answer one row per currency whose id ' +
            'is `TOTAL <currency>` (JSON answers always carry `totals`).',
        },
      }),
    outageStart: queryCell('outageStart'),
    outageEnd: queryCell('outageEnd'),
    outageTimeZone: queryCell('outageTimeZone'),
    outage: OutageRefQuery,
    rounding,
    bom,
    key,
    simulate: SimulateParam,
    ...SIMULATION_QUERY,
    ...FX_QUERY,
  })
  .superRefine(refineSimulationQuery('simulate'));
export const TemplateQuery = z.strictObject({ bom, key });
