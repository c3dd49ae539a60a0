import { z } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import { D } from '../src/engine/decimal';
import { FUNNEL_KEYS, type FunnelKey } from '../src/engine/funnel';
import type { CampaignSpec, Ranged } from '../src/engine/impact';
import { BUDGET_PERIODS } from '../src/engine/spend';
import { type AlwaysDetermined, METRIC_REGISTRY, METRICS, type Metric, type MetricEntry } from '../src/engine/metrics';
import {
  buildCampaignSpec,
  budgetOrSpendProblems,
  CAMPAIGN_DEFAULTS,
  CAMPAIGN_LIMITS,
  type CampaignShapeFields,
  campaignShape,
  type WrittenRanged,
} from '../src/engine/spec/campaign';
import { fxRateProblems, fxSelfRateProblems } from '../src/engine/spec/fx';
import { under } from '../src/engine/spec/problems';
import {
  CountOut,
  Currency,
  type DecimalBounds,
  DecimalString,
  decimalInput,
  describeBounds,
  ExplainStep,
  hourWeights,
  isTimeZone,
  LIMITS,
  MoneyOut,
  money,
  parseDecimal,
  positiveMoney,
  Rounding,
  TimeZone,
} from './common';
import { OutageEcho } from './catalogue';
import { OutageInput } from './outage';
import {
  CAMPAIGN_REALISM_FIELDS,
  failoverTargets,
  REALISM_RANGE_FIELDS,
  REALISM_RESULT_FIELDS,
  refineFailovers,
} from './realism';
import {
  MetricSimulations,
  refineUncertaintyOptions,
  Tornado,
  UNCERTAINTY_OPTIONS,
  Warning,
  withUncertaintyDefaults,
} from './simulation';
import { addProblems } from './spec-problems';

/** A lifetime budget is spread over every hour of its flight, so its flight is bounded. */
export const IMPACT_LIMITS = { campaigns: 1000, lifetimeFlightDays: CAMPAIGN_LIMITS.lifetimeFlightDays } as const;

const RawDecimal = z.union([z.number(), z.string()], {
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number or a decimal string'),
});

/**
 * A parameter that may be uncertain: a number, a decimal string, or `{ low, base?, high }` (base
 * defaults to the midpoint). Parsed to low/base/high Decimals within the bounds.
 */
function rangedInput(bounds: DecimalBounds, meta: { description: string; example: string }) {
  const range = describeBounds(bounds);
  return z
    .union(
      [
        RawDecimal,
        z.strictObject({ low: RawDecimal, base: RawDecimal.optional(), high: RawDecimal }).openapi('RangeInput', {
          description: 'An uncertain value: `low` ≤ `base` ≤ `high`; `base` defaults to the midpoint.',
          example: { low: '0.008', high: '0.014' },
        }),
      ],
      { error: 'must be a number, a decimal string or a range { "low", "high" }' },
    )
    .transform((raw, ctx): WrittenRanged => {
      let percent = false;
      const parse = (value: unknown, path: string[]): Decimal | undefined => {
        const parsed = parseDecimal(value, bounds);
        if ('error' in parsed) {
          ctx.addIssue({ code: 'custom', path, message: parsed.error });
          return undefined;
        }
        percent ||= parsed.percent;
        return parsed.value;
      };
      if (typeof raw !== 'object') {
        const parsed = parseDecimal(raw, bounds);
        if ('error' in parsed) {
          ctx.addIssue({ code: 'custom', path: [], message: parsed.error });
          return z.NEVER;
        }
        const { value, halfUnit } = parsed;
        return { low: value, base: value, high: value, written: { halfUnit, percent: parsed.percent } };
      }
      const low = parse(raw.low, ['low']);
      const high = parse(raw.high, ['high']);
      const base = raw.base === undefined ? low && high && low.plus(high).dividedBy(2) : parse(raw.base, ['base']);
      if (!low || !high || !base) return z.NEVER;
      if (low.greaterThan(high)) ctx.addIssue({ code: 'custom', path: ['high'], message: 'must be at least low' });
      else if (base.lessThan(low) || base.greaterThan(high))
        ctx.addIssue({ code: 'custom', path: ['base'], message: 'must lie between low and high' });
      // A range states its own uncertainty: its base is checked as exact.
      return { low, base, high, written: { percent } };
    })
    .openapi({
      description:
        `${meta.description}. A JSON number, a decimal string, or a range ` +
        `\`{ "low", "base", "high" }\`${range ? `; ${range}` : ''}.`,
      example: meta.example,
    });
}

const positive = { min: '0', minExclusive: true, max: LIMITS.money } satisfies DecimalBounds;
const rate = { min: '0', minExclusive: true, max: '1' } satisfies DecimalBounds;
const unit = { min: '0', max: '1' } satisfies DecimalBounds;
const recoveryShare = { min: '0', max: '10', percent: true } satisfies DecimalBounds;
const roasBounds = { min: '0', minExclusive: true, max: '1e9' } satisfies DecimalBounds;
/** The campaign's decimal fields' bounds, for the parses without zod (imported-campaign.ts, flat-campaign.ts). */
export const CAMPAIGN_BOUNDS = { positive, rate, unit, recoveryShare, roas: roasBounds } as const;

const FUNNEL_FIELDS = {
  cpm: rangedInput(positive, { description: 'Cost per 1,000 impressions', example: '9.50' }),
  ctr: rangedInput(rate, {
    description: 'Click-through rate, clicks ÷ impressions (0.011 is 1.1 %, as is "1.1%")',
    example: '0.011',
  }),
  cpc: rangedInput(positive, { description: 'Cost per click', example: '0.863636' }),
  cvr: rangedInput(rate, {
    description: 'Conversion rate, conversions ÷ clicks (0.03 is 3 %, as is "3%")',
    example: '0.03',
  }),
  cpa: rangedInput(positive, { description: 'Cost per conversion (acquisition)', example: '28.79' }),
  aov: rangedInput(positive, { description: 'Average order value: revenue per conversion', example: '72' }),
  roas: rangedInput(roasBounds, { description: 'Return on ad spend: revenue ÷ spend', example: '2.5' }),
};
const OPTIONAL_FUNNEL_FIELDS = Object.fromEntries(Object.entries(FUNNEL_FIELDS).map(([k, v]) => [k, v.optional()])) as {
  [K in FunnelKey]: z.ZodOptional<(typeof FUNNEL_FIELDS)[K]>;
};

const timestampField = (description: string, example: string) =>
  z
    .string()
    .max(64, 'must be an RFC 3339 time stamp, at most 64 characters')
    .openapi({
      description: `${description}. RFC 3339; without an offset it is read in the campaign's \`timeZone\`.`,
      example,
    });

export const BudgetInput = z
  .strictObject({
    amount: money('Budget amount per period (per hour for `hour`, in total for `lifetime`)', '1200'),
    period: z.enum(BUDGET_PERIODS).openapi({
      description: "The period the amount is for, in the campaign's time zone. `week` is the ISO week (Monday first).",
      example: 'day',
    }),
  })
  .openapi('BudgetInput');

export const SpendInput = z
  .strictObject({
    amount: money('What the campaign actually spent over the period', '8400'),
    start: z.string().openapi({
      description:
        "Start of the reporting period. RFC 3339; without an offset it is read in the campaign's `timeZone`.",
      example: '2024-02-26T00:00:00',
    }),
    end: z.string().openapi({
      description:
        'End of the reporting period (exclusive): `2024-03-04T00:00:00` ends a period whose last day is 3 March.',
      example: '2024-03-04T00:00:00',
    }),
  })
  .openapi('SpendInput', {
    description:
      'Actual spend over a reporting period, instead of a budget: its average daily ' +
      "rate, amount × 24 ÷ the period's hours, is planned like a `day` budget of that " +
      'rate (local days, DST-aware, the delivery profile). Pacing defaults to `week`.',
  });

export const FlightInput = z
  .strictObject({
    start: timestampField('When the campaign starts delivering', '2021-09-01T00:00:00').optional(),
    end: timestampField('When the campaign stops delivering (exclusive)', '2021-10-31T00:00:00').optional(),
  })
  .openapi('FlightInput', {
    description:
      'No spend is planned outside the flight. Periods cut by the flight are not ' +
      're-normalised. A `lifetime` budget needs both ends, at most 1,096 days apart.',
  });

export const DeliveryProfileInput = hourWeights('DeliveryProfileInput', {
  description:
    '`even`, or 24 hour-of-day weights (00:00 first), or 168 hour-of-week weights (Monday 00:00 ' +
    "first), in the campaign's local time, non-negative with a positive sum. On a 25-hour DST " +
    'day the repeated hour gets its weight twice; on a 23-hour day the skipped hour gets none.',
  weight: 'Relative delivery weight of one local hour',
});

export const RecoveryInput = z
  .strictObject({
    recapture: rangedInput(unit, {
      description:
        'Share ρ of the lost spend (up to the headroom) that budget ' +
        'pacing delivers after the outage (default 0: nothing made up)',
      example: '0.5',
    }).prefault(CAMPAIGN_DEFAULTS.recapture),
    overspendCap: decimalInput(recoveryShare, {
      description:
        'How far over plan the pacing may spend after the outage, as a fraction of the remaining ' +
        'planned spend (default 0.75, as Meta lets a day spend 75 % over its daily budget)',
      example: '0.75',
    }).prefault(CAMPAIGN_DEFAULTS.overspendCap),
    cpmPremium: rangedInput(recoveryShare, {
      description: 'Catch-up impressions cost cpm × (1 + cpmPremium) (default 0)',
      example: '0.1',
    }).prefault(CAMPAIGN_DEFAULTS.cpmPremium),
    pacingPeriod: z
      .enum(['day', 'week', 'month', 'flight'])
      .optional()
      .openapi({
        description:
          "The period in which pacing catches up. Default: `week` for day budgets, the budget's own period " +
          'for week and month budgets, `flight` for lifetime budgets. Hour budgets recapture nothing.',
        example: 'week',
      }),
    weekStartsOn: z
      .enum(['monday', 'sunday'])
      .default(CAMPAIGN_DEFAULTS.weekStartsOn)
      .openapi({
        description:
          'The first day of a week, for weekly pacing and `week` budgets (default `monday`, the ' +
          'ISO week). Meta averages daily budgets over a calendar week from Sunday to Saturday, ' +
          'so `sunday` matches its pacing. It changes nothing when neither the budget nor the ' +
          'pacing period is a week (so one setting can serve every campaign of an account).',
        example: 'sunday',
      }),
  })
  .openapi('RecoveryInput');

const PACING_PERIODS = ['day', 'week', 'month', 'flight'] as const;
const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => values.includes(value as T);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The campaign's fields that parsed, for the engine's shape rules when another field failed: zod stops
 * before the transform then, and the rules still run so that every problem is listed at once. A field
 * that failed keeps its raw value, so only values of the parsed type are passed on.
 */
function parsedShapeFields(c: Record<string, unknown>): CampaignShapeFields {
  const fields: CampaignShapeFields = {};
  if (typeof c.timeZone === 'string' && isTimeZone(c.timeZone)) fields.timeZone = c.timeZone;
  if (isRecord(c.budget) && isOneOf(BUDGET_PERIODS, c.budget.period)) fields.budget = { period: c.budget.period };
  if (c.spend !== undefined) fields.spend = c.spend;
  if (isRecord(c.flight)) {
    const { start, end } = c.flight;
    fields.flight = {
      ...(typeof start === 'string' ? { start } : {}),
      ...(typeof end === 'string' ? { end } : {}),
    };
  }
  // A profile that failed to parse is still not "even": an empty list of weights says so.
  if (Array.isArray(c.deliveryProfile)) fields.deliveryProfile = [];
  if (isRecord(c.recovery)) {
    const { recapture, pacingPeriod } = c.recovery;
    fields.recovery = {
      ...(isRecord(recapture) && D.isDecimal(recapture.high) ? { recapture: recapture as unknown as Ranged } : {}),
      ...(isOneOf(PACING_PERIODS, pacingPeriod) ? { pacingPeriod } : {}),
    };
  }
  return fields;
}

export const CampaignInput = z
  .strictObject({
    id: z.string().max(200).optional().openapi({ description: 'Your label, echoed back', example: 'fall-sale' }),
    currency: Currency.default(CAMPAIGN_DEFAULTS.currency).openapi({
      description: 'ISO 4217 currency of the money fields (default USD).',
      example: 'USD',
    }),
    timeZone: TimeZone.default(CAMPAIGN_DEFAULTS.timeZone).openapi({
      description: "The ad account's IANA zone: budgets reset at its local midnight (default UTC).",
      example: 'America/Los_Angeles',
    }),
    budget: BudgetInput.optional().openapi({
      description: 'The planned budget; exactly one of `budget` and `spend` is given.',
    }),
    spend: SpendInput.optional(),
    flight: FlightInput.optional(),
    deliveryProfile: DeliveryProfileInput.default(CAMPAIGN_DEFAULTS.deliveryProfile),
    ...OPTIONAL_FUNNEL_FIELDS,
    grossMargin: rangedInput(unit, {
      description: "Gross margin on the advertiser's revenue (0.4 is 40 %)",
      example: '0.4',
    }).optional(),
    incrementality: rangedInput(unit, {
      description: 'Share of attributed conversions the ads actually caused (default 1)',
      example: '1',
    }).prefault(CAMPAIGN_DEFAULTS.incrementality),
    recovery: RecoveryInput.prefault({}),
    ...CAMPAIGN_REALISM_FIELDS,
    conversionEvent: z
      .string()
      .min(1)
      .max(100)
      .default(CAMPAIGN_DEFAULTS.conversionEvent)
      .openapi({
        description:
          'What a conversion is (`purchase`, `lead`, `app_install`…; default ' +
          '`conversion`): totals add conversions only within one event.',
        example: 'purchase',
      }),
  })
  .superRefine((c, ctx) => addProblems(budgetOrSpendProblems(c), ctx), {
    when: (payload) => isRecord(payload.value),
  })
  // A field that fails (a ctr of 2, say) stops zod before the transform; the flight, profile and budget
  // rules are still checked then, so that every problem is listed at once.
  .superRefine((c, ctx) => addProblems(campaignShape(parsedShapeFields(c)).problems, ctx), {
    when: (payload) => payload.issues.length > 0 && isRecord(payload.value),
  })
  .transform((c, ctx): CampaignSpec => {
    const built = buildCampaignSpec({ ...c, failover: failoverTargets(c.failover) });
    if ('spec' in built) return built.spec;
    addProblems(built.problems, ctx);
    return z.NEVER;
  })
  .openapi('CampaignInput', {
    description:
      'One campaign: its budget and when it would have been spent, and its funnel. Any subset of cpm, ctr, cpc, ' +
      'cvr, cpa, aov, roas may be given; the identities cpc = cpm ÷ (1000 × ctr), cpa = cpc ÷ cvr, roas = ' +
      'aov ÷ cpa derive the rest, and inputs that contradict each other by more than 0.1 % are refused.',
  });

export const FxInput = z
  .strictObject({
    currency: Currency.openapi({ description: 'The reporting currency of `reportingTotal`', example: 'USD' }),
    rates: z
      .record(
        Currency,
        positiveMoney('Units of the reporting currency that one unit of this currency is worth', '1.0842'),
      )
      .openapi({
        description:
          'One rate per other currency of the request, supplied by you (the ' +
          'service fetches nothing): `{ "EUR": "1.0842" }` is 1 EUR = 1.0842 USD',
        example: { EUR: '1.0842' },
      }),
  })
  .superRefine((fx, ctx) => addProblems(fxSelfRateProblems(fx), ctx))
  .openapi('FxInput', {
    description:
      "Adds `reportingTotal`: every currency's money converted at these rates and " +
      'added, counts added. A currency of the request without a rate is a 422; so is a rate for the ' +
      'reporting currency itself (its rate is 1) and a code that is not ISO 4217.',
  });

export const ImpactOptions = z
  .strictObject({
    explain: z
      .boolean()
      .default(false)
      .openapi({ description: 'Add a derivation trace per campaign (default false).', example: true }),
    timeline: z.enum(['none', 'hour']).default('none').openapi({
      description: '`hour` adds one row per local hour of the campaign that overlaps a window (default `none`).',
      example: 'hour',
    }),
    rounding: Rounding.default('half-even'),
    ...UNCERTAINTY_OPTIONS,
    fx: FxInput.optional(),
  })
  .superRefine(refineUncertaintyOptions)
  .transform(withUncertaintyDefaults)
  .openapi('ImpactOptions');

export const ImpactRequest = z
  .strictObject({
    outage: OutageInput,
    campaigns: z
      .array(CampaignInput)
      .min(1, 'give at least one campaign')
      .max(
        IMPACT_LIMITS.campaigns,
        `give at most ${IMPACT_LIMITS.campaigns} campaigns per request; use POST /v1/impact/batch for more`,
      ),
    options: ImpactOptions.prefault({}),
  })
  .superRefine(refineFailovers)
  .superRefine(requireRates, { when: (payload) => typeof payload.value === 'object' && payload.value !== null })
  .openapi('ImpactRequest');

/** `options.fx` needs a rate for every currency of the request (the engine's rule); reached with raw values too. */
function requireRates(
  body: { campaigns?: unknown; options?: { fx?: { currency?: unknown; rates?: unknown } } },
  ctx: z.core.$RefinementCtx,
): void {
  const fx = body.options?.fx;
  if (!fx || !Array.isArray(body.campaigns) || !isRecord(fx.rates)) return;
  const currencies = body.campaigns.map((c: { currency?: unknown }) =>
    typeof c?.currency === 'string' ? c.currency : CAMPAIGN_DEFAULTS.currency,
  );
  const problems = fxRateProblems(currencies, { currency: String(fx.currency), rates: fx.rates });
  addProblems(under(['options', 'fx'], problems), ctx);
}
export type ImpactRequest = z.infer<typeof ImpactRequest>;

const MetricRange = z.object({ low: z.string(), base: z.string(), high: z.string() }).openapi('MetricRange', {
  description:
    'Exact minimum and maximum over every combination of the input ranges, and the value at the base inputs.',
  example: { low: '410.91', base: '426.65', high: '443.42' },
});

/**
 * One response field per metric of the registry (src/engine/metrics.ts), in its order: rounded as its kind
 * says, described by its entry, and nullable unless every funnel determines it.
 */
function metricField(metric: MetricEntry) {
  const field = metric.kind === 'money' ? MoneyOut : CountOut;
  if (metric.determinedBy.length === 0) return field(metric.description, metric.example);
  return field(`${metric.description}; null when the funnel does not determine it`, metric.example).nullable();
}
type MetricFields = { [K in Metric]: K extends AlwaysDetermined ? z.ZodString : z.ZodNullable<z.ZodString> };
const METRIC_FIELDS = Object.fromEntries(METRIC_REGISTRY.map((m) => [m.name, metricField(m)])) as MetricFields;

const Ranges = z
  .object({
    ...(Object.fromEntries(METRICS.map((k) => [k, MetricRange.nullable().optional()])) as Record<
      Metric,
      z.ZodOptional<z.ZodNullable<typeof MetricRange>>
    >),
    ...REALISM_RANGE_FIELDS,
  })
  .openapi('MetricRanges', {
    description: 'Present when an input is a range: each output metric as { low, base, high }.',
  });

const FunnelValue = z
  .object({ value: z.string().openapi({ example: '0.863636' }), source: z.enum(['input', 'derived']) })
  .nullable()
  .openapi('FunnelValue', {
    description:
      'A funnel parameter at its base value (6 decimal places), and ' +
      'whether it was given or derived; null when undetermined.',
  });

export const TimelineRow = z
  .object({
    start: z
      .string()
      .openapi({ description: 'Start of the local hour bucket, as a UTC instant', example: '2021-10-04T15:00:00Z' }),
    end: z.string().openapi({ example: '2021-10-04T16:00:00Z' }),
    plannedSpend: MoneyOut('Planned spend of the bucket inside the windows', '17.50'),
    lostSpend: MoneyOut('deliveryLoss × plannedSpend', '17.50'),
    lostImpressions: CountOut('The campaign total shared out by lost spend', '1004.79').nullable(),
    lostConversions: CountOut('The campaign total shared out by lost spend', '0.33').nullable(),
    lostRevenue: MoneyOut('The campaign total shared out by lost spend', '23.87').nullable(),
  })
  .openapi('TimelineRow', {
    description:
      'One local hour of the campaign that overlaps a window. Rows add ' +
      'up exactly to the campaign totals (largest-remainder rounding).',
  });

export const ImpactExplainStep = ExplainStep;

export const CampaignResult = z
  .object({
    id: z.string().optional().openapi({ example: 'fall-sale' }),
    currency: z.string().openapi({ example: 'USD' }),
    outageMinutes: DecimalString('Total minutes of the outage windows (2 decimal places)', '326.00'),
    plannedSpend: MoneyOut('Planned spend inside the windows', '271.67'),
    lostSpend: MoneyOut('U = Σ deliveryLoss × planned spend inside each window', '271.67'),
    ...METRIC_FIELDS,
    ...REALISM_RESULT_FIELDS,
    funnel: z
      .object(Object.fromEntries(FUNNEL_KEYS.map((k) => [k, FunnelValue])) as Record<FunnelKey, typeof FunnelValue>)
      .openapi('FunnelResult'),
    undetermined: z
      .array(
        z
          .object({
            field: z.string().openapi({ example: 'lostRevenue' }),
            determinedBy: z.array(z.array(z.string())).openapi({
              description: 'Alternative sets of inputs, any one of which would determine it',
              example: [['roas'], ['aov', 'cpa']],
            }),
          })
          .openapi('Undetermined'),
      )
      .openapi({ description: 'Each output or funnel parameter that the inputs do not determine.' }),
    warnings: z
      .array(z.string())
      .optional()
      .openapi({
        description:
          'Present when an input looks wrong without being invalid (a ctr of 0.92 is probably 0.92 % written ' +
          'without its sign), or when a failover recovers nothing in a window because its target is down too.',
        example: [
          'ctr: 0.92 is read as 92 %, unusually high; if the figure ' +
            'is a percent, write it with its sign ("0.92%" is 0.0092)',
        ],
      }),
    ranges: Ranges.optional(),
    simulation: MetricSimulations.optional(),
    sensitivity: Tornado.optional(),
    timeline: z.array(TimelineRow).optional(),
    explain: z.array(ImpactExplainStep).optional(),
  })
  .openapi('CampaignResult');

export const CurrencyTotals = z
  .object({
    currency: z.string().openapi({ example: 'USD' }),
    plannedSpend: MoneyOut('Σ plannedSpend of the campaigns in this currency', '271.67'),
    lostSpend: MoneyOut('Σ lostSpend', '271.67'),
    ...METRIC_FIELDS,
    ...REALISM_RESULT_FIELDS,
    lostConversionsByEvent: z.record(z.string(), z.string()).openapi({
      description:
        'Lost conversions per conversionEvent (expected counts, 2 ' +
        'decimal places): conversions are added only within one event',
      example: { purchase: '5.15' },
    }),
    undetermined: z.record(z.string(), z.array(z.union([z.string(), z.number()]))).openapi({
      description:
        'Per metric, the campaigns (by id, else by index) left out ' +
        'of its total because their funnel does not determine it',
      example: { lostRevenue: ['awareness', 2] },
    }),
    ranges: Ranges.optional(),
    simulation: MetricSimulations.optional(),
  })
  .openapi('CurrencyTotals', {
    description:
      'Sums over the campaigns of one currency, from unrounded values (no FX conversion). ' +
      'A metric is totalled over the campaigns that determine it, the others are named in ' +
      '`undetermined`, and it is null only when none does. lostConversions is null when ' +
      'the campaigns count different conversion events: see lostConversionsByEvent.',
  });

export const ImpactResponse = z
  .object({
    campaigns: z.array(CampaignResult),
    totals: z.array(CurrencyTotals),
    outage: OutageEcho.optional().openapi({ description: 'The catalogue outage, when `outage.ref` named one.' }),
    warnings: z.array(Warning).optional(),
    reportingTotal: CurrencyTotals.optional().openapi({
      description:
        "With `options.fx`: every currency's totals converted at the given rates and added (money), counts added.",
    }),
  })
  .openapi('ImpactResponse');
export type ImpactResponse = z.infer<typeof ImpactResponse>;
export type CampaignResult = z.infer<typeof CampaignResult>;
export type CurrencyTotalsResult = z.infer<typeof CurrencyTotals>;
