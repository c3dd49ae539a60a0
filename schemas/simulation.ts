import { z } from '@hono/zod-openapi';
import { METRICS, type Metric, type RANGEABLE_KEYS } from '../src/engine/impact';
import {
  DISTRIBUTIONS,
  SIMULATION_DEFAULTS,
  SIMULATION_LIMITS,
  type SimulationOptions,
} from '../src/engine/simulation';
import { DEFAULT_SENSITIVITY_METRIC } from '../src/engine/sensitivity';
import { DecimalString } from './common';
import { groupThousands } from '../src/engine/intl-free';

/** Options, results and query parameters of the uncertainty analysis (DESIGN.md section 14, docs/uncertainty.md). */

const int = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});

const DRAWS_TEXT = `a whole number from 1 to ${groupThousands(SIMULATION_LIMITS.draws)}`;
const SEED_TEXT = `a whole number from ${SIMULATION_LIMITS.seedMin} to ${SIMULATION_LIMITS.seedMax}`;

export const Draws = z
  .number(int(DRAWS_TEXT))
  .int(`must be ${DRAWS_TEXT}`)
  .min(1, `must be ${DRAWS_TEXT}`)
  .max(SIMULATION_LIMITS.draws, `must be ${DRAWS_TEXT}`)
  .openapi({
    description: `Number of Monte Carlo draws, 1 to ${SIMULATION_LIMITS.draws} (default ${SIMULATION_DEFAULTS.draws}).`,
    example: 10000,
  });

export const Seed = z
  .number(int(SEED_TEXT))
  .int(`must be ${SEED_TEXT}`)
  .min(SIMULATION_LIMITS.seedMin, `must be ${SEED_TEXT}`)
  .max(SIMULATION_LIMITS.seedMax, `must be ${SEED_TEXT}`)
  .openapi({
    description:
      `Seed of the xoroshiro128+ generator (pure-rand), a 32-bit integer (default ${SIMULATION_DEFAULTS.seed}). ` +
      'The same seed gives the same figures bit for bit.',
    example: 1,
  });

export const DistributionInput = z.enum(DISTRIBUTIONS).openapi('Distribution', {
  description:
    'How each ranged input is drawn between its low and high: `uniform`; `triangular` (the default) with its ' +
    'base as the mode; `pert`, a beta on [low, high] with mean (low + 4 base + high) ÷ 6.',
  example: 'triangular',
});

export const SimulationOptionsInput = z
  .strictObject({
    draws: Draws.default(SIMULATION_DEFAULTS.draws),
    seed: Seed.default(SIMULATION_DEFAULTS.seed),
    distribution: DistributionInput.default(SIMULATION_DEFAULTS.distribution),
  })
  .openapi('SimulationOptions', {
    description:
      'Monte Carlo percentiles of every output metric: each input given as a range is drawn independently ' +
      '(campaigns independent too), and each metric gets `simulation: { mean, p5, p50, p95 }`, per campaign and in ' +
      "the totals. Quantiles interpolate linearly between order statistics (numpy's default). The draws are charged " +
      'to the request cost model (2.5 draws × campaigns a unit; docs/limits.md): 413 beyond the limit.',
    example: { draws: 10000, seed: 1, distribution: 'triangular' },
  });

export const SensitivityMetric = z.enum(METRICS).openapi({
  description:
    `The output metric the tornado ranks the inputs by (default \`${DEFAULT_SENSITIVITY_METRIC}\`); only with ` +
    '`sensitivity: true`.',
  example: 'lostRevenue',
});

/** The uncertainty fields of ImpactOptions, spread into it. */
export const UNCERTAINTY_OPTIONS = {
  simulation: SimulationOptionsInput.optional(),
  sensitivity: z
    .boolean()
    .default(false)
    .openapi({
      description:
        'Add a tornado per campaign: each ranged input at its low and at its high, every other input at base ' +
        '(default false).',
      example: true,
    }),
  // Not a zod .default(): the field applies only with `sensitivity: true`, and refineUncertaintyOptions must
  // tell a metric given alone (refused) from none. withUncertaintyDefaults applies it after that check.
  sensitivityMetric: SensitivityMetric.optional().openapi({ default: DEFAULT_SENSITIVITY_METRIC }),
};

/** The options with sensitivityMetric's default, once refineUncertaintyOptions has checked what was given. */
export function withUncertaintyDefaults<T extends { sensitivityMetric?: Metric }>(
  options: T,
): T & { sensitivityMetric: Metric } {
  return { ...options, sensitivityMetric: options.sensitivityMetric ?? DEFAULT_SENSITIVITY_METRIC };
}

/** `sensitivityMetric` alone would be silently ignored: refuse it without `sensitivity: true`. */
export function refineUncertaintyOptions(
  o: { sensitivity?: boolean; sensitivityMetric?: string },
  ctx: z.core.$RefinementCtx,
): void {
  if (o.sensitivityMetric !== undefined && o.sensitivity !== true) {
    ctx.addIssue({ code: 'custom', path: ['sensitivityMetric'], message: 'applies only with "sensitivity": true' });
  }
}

const MetricSimulation = z
  .object({
    mean: z.string(),
    p5: z.string(),
    p50: z.string(),
    p95: z.string(),
  })
  .openapi('MetricSimulation', {
    description:
      'Monte Carlo estimates of a metric under options.simulation, rounded like the metric: the mean and the ' +
      '5th, 50th and 95th percentiles. Equal to the metric when none of the inputs it rests on is a range.',
    example: { mean: '121.45', p5: '80.47', p50: '119.65', p95: '168.79' },
  });

export const MetricSimulations = z
  .object(
    Object.fromEntries(METRICS.map((m) => [m, MetricSimulation.nullable().optional()])) as Record<
      (typeof METRICS)[number],
      z.ZodOptional<z.ZodNullable<typeof MetricSimulation>>
    >,
  )
  .openapi('MetricSimulations', {
    description:
      'Present with options.simulation: each output metric as { mean, p5, p50, p95 }; null where the funnel does ' +
      'not determine it.',
  });

const TornadoBar = z
  .object({
    input: z.string().openapi({
      description: 'The ranged input, as its field path (`recovery.recapture` for recapture).',
      example: 'cvr',
    }),
    inputLow: z.string().openapi({ description: 'The input at its low, as given', example: '0.02' }),
    inputHigh: z.string().openapi({ description: 'The input at its high, as given', example: '0.04' }),
    atLow: DecimalString(
      'The metric with this input at its low and every other input at base, rounded like the metric',
      '81.05',
    ),
    atHigh: DecimalString('The metric with this input at its high and every other input at base', '162.11'),
    swing: DecimalString('|atHigh − atLow|, from the unrounded values', '81.05'),
  })
  .openapi('TornadoBar');

export const Tornado = z
  .object({
    metric: z.enum(METRICS).openapi({ example: 'lostRevenue' }),
    base: DecimalString('The metric at the base inputs', '121.58'),
    bars: z.array(TornadoBar).openapi({
      description:
        'One per ranged input (low < high), largest swing first; equal swings in the order cpm, ctr, cpc, cvr, ' +
        'cpa, aov, roas, grossMargin, incrementality, recapture, cpmPremium.',
    }),
  })
  .nullable()
  .openapi('Tornado', {
    description:
      'Present with options.sensitivity: what each ranged input alone moves the metric by, in exact decimals. ' +
      'Null when the funnel does not determine the metric.',
  });

export const Warning = z
  .object({
    pointer: z
      .string()
      .openapi({ description: 'RFC 6901 JSON Pointer to the field the warning is about', example: '/campaigns/0' }),
    detail: z
      .string()
      .openapi({ example: 'has no input given as a range, so its simulation percentiles equal the point estimate' }),
  })
  .openapi('Warning', { description: 'Something the answer is right about but that may not be what was meant.' });

/** The request field path of a rangeable input (recapture and cpmPremium live under `recovery`). */
export const inputField = (key: (typeof RANGEABLE_KEYS)[number]) =>
  key === 'recapture' || key === 'cpmPremium' ? `recovery.${key}` : key;

/** `<metric>P5`, `<metric>P50`, `<metric>P95`: batch columns named like `<metric>Low` and `<metric>High`. */
export const SIMULATED_SUFFIXES = { p5: 'P5', p50: 'P50', p95: 'P95' } as const;
export type SimulatedColumn = `${(typeof METRICS)[number]}${'P5' | 'P50' | 'P95'}`;
export const simulatedColumns = (metric: (typeof METRICS)[number]) =>
  ({ p5: `${metric}P5`, p50: `${metric}P50`, p95: `${metric}P95` }) as {
    p5: SimulatedColumn;
    p50: SimulatedColumn;
    p95: SimulatedColumn;
  };
export const SIMULATED_COLUMNS: readonly SimulatedColumn[] = METRICS.flatMap((m) => Object.values(simulatedColumns(m)));

/** A whole number in a query string, within bounds; its problem names the parameter. */
const queryInteger = (text: string, min: number, max: number, fallback: number, description: string) =>
  z
    .string()
    .transform((raw, ctx) => {
      const value = /^[+-]?\d{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
      if (Number.isInteger(value) && value >= min && value <= max) return value;
      ctx.addIssue({ code: 'custom', message: `must be ${text}` });
      return z.NEVER;
    })
    .optional()
    .openapi({ description, type: 'string', default: String(fallback) });

/**
 * The simulation settings as query parameters of the batch and formula endpoints. They carry no
 * `example`: the operations' example requests are built from parameter examples, and stay plain. Their
 * defaults are not zod .default()s: each applies only with simulate or stat, and refineSimulationQuery must
 * tell a setting given alone (refused) from none; simulationQueryOptions applies them after that check.
 */
export const SIMULATION_QUERY = {
  draws: queryInteger(
    DRAWS_TEXT,
    1,
    SIMULATION_LIMITS.draws,
    SIMULATION_DEFAULTS.draws,
    `Monte Carlo draws, 1 to ${SIMULATION_LIMITS.draws} (default ${SIMULATION_DEFAULTS.draws}); only with ` +
      `simulate or stat.`,
  ),
  seed: queryInteger(
    SEED_TEXT,
    SIMULATION_LIMITS.seedMin,
    SIMULATION_LIMITS.seedMax,
    SIMULATION_DEFAULTS.seed,
    `Seed of the generator, a 32-bit integer (default ${SIMULATION_DEFAULTS.seed}); only with simulate or stat.`,
  ),
  distribution: z.enum(DISTRIBUTIONS).optional().openapi({
    description: 'uniform, triangular (the default, base as mode) or pert; only with simulate or stat.',
    default: SIMULATION_DEFAULTS.distribution,
  }),
};

/** The simulation settings of a query, each given one or its default (after refineSimulationQuery's check). */
export function simulationQueryOptions(query: Partial<SimulationOptions>): SimulationOptions {
  return {
    draws: query.draws ?? SIMULATION_DEFAULTS.draws,
    seed: query.seed ?? SIMULATION_DEFAULTS.seed,
    distribution: query.distribution ?? SIMULATION_DEFAULTS.distribution,
  };
}

export const SimulateParam = z
  .enum(METRICS)
  .optional()
  .openapi({
    description:
      'Simulate this metric (options.simulation of POST /v1/impact, one campaign per row): adds the columns ' +
      '`<metric>P5`, `<metric>P50` and `<metric>P95` after the result columns. With `draws`, `seed`, ' +
      '`distribution`.',
  });

export const StatParam = z
  .enum(['mean', 'p5', 'p50', 'p95'])
  .optional()
  .openapi({
    description:
      'Answer a Monte Carlo estimate of `metric` (which must be an output metric) instead of its value: its mean ' +
      'or 5th, 50th or 95th percentile, with `draws`, `seed`, `distribution`.',
  });

/** Settings given without the parameter that asks for a simulation would be silently ignored: refuse them. */
export function refineSimulationQuery(by: 'simulate' | 'stat') {
  return (
    q: { simulate?: unknown; stat?: unknown; draws?: unknown; seed?: unknown; distribution?: unknown },
    ctx: z.core.$RefinementCtx,
  ) => {
    if (q[by] !== undefined) return;
    for (const key of ['draws', 'seed', 'distribution'] as const) {
      if (q[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `applies only with ${by}` });
    }
  };
}
