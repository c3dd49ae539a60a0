import { z } from '@hono/zod-openapi';
import { METRICS } from '../src/engine/impact';
import { OutageRefQuery } from './catalogue';
import { FX_QUERY } from './fx-query';
import { CurrencyTotals } from './impact';
import { DecimalString, Rounding, TimeZone } from './common';
import { Warning } from './simulation';

/**
 * POST /v1/impact/import: an ad platform's own report export in, what each campaign lost out (DESIGN.md section 10).
 */
export const IMPORT_LIMITS = { rows: 10_000 } as const;

const param = (name: string, description: string, example?: string) =>
  z
    .string()
    .optional()
    .openapi({ param: { name, in: 'query', description, ...(example === undefined ? {} : { example }) } });

export const ImportQuery = z.strictObject({
  source: z
    .enum(['auto', 'meta', 'google-ads'])
    .default('auto')
    .openapi({
      param: {
        name: 'source',
        in: 'query',
        description: 'Which platform wrote the export (default `auto`: told from its headers).',
      },
      example: 'auto',
    }),
  outage: OutageRefQuery,
  outageStart: param('outageStart', 'Outage start (RFC 3339; naive times in outageTimeZone)', '2024-03-05T15:00:00Z'),
  outageEnd: param('outageEnd', 'Outage end (exclusive)', '2024-03-05T17:19:00Z'),
  outageTimeZone: param('outageTimeZone', 'IANA zone of naive outage times (default UTC)'),
  timeZone: TimeZone.default('UTC').openapi({
    param: {
      name: 'timeZone',
      in: 'query',
      description:
        "The ad account's IANA zone, which exports do not state (default `UTC`; when it is not given, the " +
        "answer says once that UTC was assumed: in the JSON answer's `warnings`, in a CSV answer's first row)",
      example: 'Europe/Berlin',
    },
  }),
  recapture: param(
    'recapture',
    'Share of lost spend that pacing recaptures (default 0); a fraction or a percent such as 50%',
  ),
  deliveryLoss: param('deliveryLoss', 'Share of delivery lost in the window (default 1)'),
  grossMargin: param(
    'grossMargin',
    "Gross margin on the advertiser's revenue, for lostGrossProfit and netContributionChange",
  ),
  rounding: Rounding.default('half-even').openapi({
    param: { name: 'rounding', in: 'query', description: '`half-even` (default) or `half-up`' },
  }),
  bom: z
    .enum(['0', '1'])
    .optional()
    .openapi({ param: { name: 'bom', in: 'query', description: '`1` adds a UTF-8 byte-order mark to a CSV answer' } }),
  totals: z
    .enum(['0', '1'])
    .optional()
    .openapi({
      param: {
        name: 'totals',
        in: 'query',
        description:
          '`1` appends to a CSV answer one row per currency named ' +
          '`TOTAL <currency>` (JSON answers always carry `totals`)',
      },
    }),
  key: param('key', 'API key, for clients that cannot send headers'),
  ...FX_QUERY,
});

/** The inputs an export row was mapped to, as answer columns. */
export const IMPORT_INPUT_COLUMNS = [
  'name',
  'currency',
  'spendPerDay',
  'cpm',
  'ctr',
  'cvr',
  'aov',
  'conversionEvent',
  'profileSource',
] as const;
export const IMPORT_RESULT_COLUMNS = ['plannedSpend', 'lostSpend', ...METRICS] as const;
export const IMPORT_COLUMNS = [...IMPORT_INPUT_COLUMNS, ...IMPORT_RESULT_COLUMNS, 'warnings', 'error'] as const;

const nullableDecimal = (description: string, example: string) => DecimalString(description, example).nullable();

const CONVERSION_EVENT_DESCRIPTION =
  'The conversion event the results count (`purchase`, `lead`…), empty when they are not conversions';

export const ImportRow = z
  .object({
    name: z.string().openapi({
      description: 'The campaign, ad set or ad name of the export',
      example: 'Spring sale – prospecting',
    }),
    currency: z
      .string()
      .openapi({ description: 'ISO 4217, from the export (`Amount spent (EUR)`, `Currency code`)', example: 'EUR' }),
    spendPerDay: nullableDecimal(
      "Average daily spend over the reporting period: amount × 24 ÷ the period's hours (money)",
      '120.00',
    ),
    cpm: nullableDecimal('1000 × spent ÷ impressions (6 decimal places)', '7.803650'),
    ctr: nullableDecimal('Link clicks ÷ impressions (6 decimal places)', '0.009213'),
    cvr: nullableDecimal(
      'Conversions ÷ link clicks; empty when the results are not conversions (6 decimal places)',
      '0.031000',
    ),
    aov: nullableDecimal('Conversion value ÷ conversions (6 decimal places)', '64.500000'),
    conversionEvent: z.string().nullable().openapi({
      description: CONVERSION_EVENT_DESCRIPTION,
      example: 'purchase',
    }),
    profileSource: z
      .enum(['even', 'hourly rows'])
      .openapi({ description: '`hourly rows` when the export was split by hour of day, else `even`', example: 'even' }),
    ...(Object.fromEntries(
      IMPORT_RESULT_COLUMNS.map((c) => [
        c,
        nullableDecimal(
          `The ${c} of POST /v1/impact for this campaign; empty when ` +
            `the row has an error or the funnel does not determine it`,
          '12.34',
        ),
      ]),
    ) as Record<(typeof IMPORT_RESULT_COLUMNS)[number], z.ZodNullable<z.ZodString>>),
    warnings: z.string().openapi({ description: 'Things worth a second look, separated by "; "', example: '' }),
    error: z
      .string()
      .nullable()
      .openapi({ description: 'Why this row could not be computed; null for a good row', example: null }),
  })
  .openapi('ImportRow');

export const ImportJsonResponse = z
  .object({
    source: z
      .enum(['meta', 'google-ads'])
      .openapi({ description: 'The platform the export was read as', example: 'meta' }),
    mapping: z.record(z.string(), z.string()).openapi({
      description: 'Which export column fed each input',
      example: { cpm: '1000 × Amount spent (EUR) ÷ Impressions' },
    }),
    rows: z.array(ImportRow),
    totals: z
      .array(CurrencyTotals)
      .openapi({ description: 'Per-currency sums over the rows without an error, as POST /v1/impact totals' }),
    warnings: z
      .array(Warning)
      .optional()
      .openapi({
        description:
          'Said once for the whole answer: present when the query did not give `timeZone`, so UTC was assumed ' +
          'for every campaign.',
        example: [
          {
            pointer: '/query/timeZone',
            detail: "the ad account's time zone is not in the export; UTC was assumed (set timeZone)",
          },
        ],
      }),
    reportingTotal: CurrencyTotals.optional().openapi({
      description:
        "With `fxCurrency` (and `fxRates`): every currency's totals converted at the given rates and added " +
        "(money), counts added, as POST /v1/impact's `reportingTotal`.",
    }),
  })
  .openapi('ImportJsonResponse');
export type ImportRow = z.infer<typeof ImportRow>;
