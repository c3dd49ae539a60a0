import type Decimal from 'decimal.js';
import { D, min, ONE } from './decimal';
import { FUNNEL_KEYS, type FunnelKey, type FunnelPlan } from './funnel';
import type { RangeableKey } from './impact';

/**
 * The metric registry: every output metric of a campaign estimate, once, in response order. The engine
 * evaluates it (exactly, and in floats for the simulation), follows it for ranges, `undetermined` and the
 * explain trace; the presenters format by its `kind`; the response schema, the batch columns and the
 * simulation's metric list are built from it. A new metric is one entry here (docs/architecture.md).
 */

/** Money is rounded to the currency's minor units and converted by `options.fx`; a count keeps 2 places. */
export type MetricKind = 'money' | 'count';

/** What a formula reads besides the metrics before it: the lost spend U, the headroom H, and the inputs. */
export type MetricInput = 'lostSpend' | 'headroom' | RangeableKey;

/**
 * The values a formula reads, each determined (the formula is used only when all it reads are): the
 * inputs with their defaults applied (recapture 0, cpmPremium 0, incrementality 1), and earlier metrics.
 */
export type MetricValues<N extends string> = Readonly<Record<MetricInput | N, Decimal>> & Delivery<Decimal>;
/** The same in floats, for one draw of the Monte Carlo simulation. */
export type FloatValues<N extends string> = Readonly<Record<MetricInput | N, number>> & Delivery<number>;
/** The spend whose delivery is lost for good, kept once computed: several formulas start from it. */
interface Delivery<T> {
  unrecovered?: T;
}

export interface MetricFormula<N extends string> {
  /** As the explain trace writes it. */
  text: string;
  /** What it reads, in the explain trace's order. The first formula whose reads are all determined is used. */
  reads: readonly (MetricInput | NoInfer<N>)[];
  exact: (v: MetricValues<NoInfer<N>>) => Decimal;
  float: (v: FloatValues<NoInfer<N>>) => number;
}

export interface MetricDefinition<N extends string> {
  name: N;
  kind: MetricKind;
  /** The response schema's description of the field. */
  description: string;
  /** The response schema's example: the field in the answer to the operation's request example. */
  example: string;
  /** Alternative sets of inputs any one of which determines it (`undetermined`); empty when always determined. */
  determinedBy: string[][];
  formulas: readonly MetricFormula<N>[];
}

const THOUSAND = new D(1000);

/** lostSpend − recapturedSpend ÷ (1 + cpmPremium): catch-up impressions cost cpm × (1 + π), so fewer come back. */
function unrecovered(v: MetricValues<'recapturedSpend'>): Decimal {
  v.unrecovered ??= v.lostSpend.minus(v.recapturedSpend.dividedBy(ONE.plus(v.cpmPremium)));
  return v.unrecovered;
}
function unrecoveredFloat(v: FloatValues<'recapturedSpend'>): number {
  v.unrecovered ??= v.lostSpend - v.recapturedSpend / (1 + v.cpmPremium);
  return v.unrecovered;
}

/** Reads of the formulas that start from the unrecovered delivery, as the explain trace shows them. */
const DELIVERY = ['lostSpend', 'recapturedSpend', 'cpmPremium'] as const;
const DELIVERY_TEXT = '(lostSpend − recapturedSpend ÷ (1 + cpmPremium))';

/** Checks each formula's reads against the names of the metrics before it, and keeps the names' literal types. */
function defineMetrics<const N extends string>(defs: readonly MetricDefinition<N>[]): readonly MetricDefinition<N>[] {
  return defs;
}

export const METRIC_REGISTRY = defineMetrics([
  {
    name: 'recapturedSpend',
    kind: 'money',
    description: 'R = recapture × min(lostSpend, headroom)',
    example: '135.83',
    determinedBy: [],
    formulas: [
      {
        text: 'recapture × min(lostSpend, headroom)',
        reads: ['recapture', 'lostSpend', 'headroom'],
        exact: (v) => v.recapture.times(min(v.lostSpend, v.headroom)),
        float: (v) => v.recapture * Math.min(v.lostSpend, v.headroom),
      },
    ],
  },
  {
    name: 'netLostSpend',
    kind: 'money',
    description: "N = lostSpend − recapturedSpend: billed spend that never came back (the platform's loss)",
    example: '135.83',
    determinedBy: [],
    formulas: [
      {
        text: 'lostSpend − recapturedSpend',
        reads: ['lostSpend', 'recapturedSpend'],
        exact: (v) => v.lostSpend.minus(v.recapturedSpend),
        float: (v) => v.lostSpend - v.recapturedSpend,
      },
    ],
  },
  {
    name: 'lostImpressions',
    kind: 'count',
    description: '1000 × lostSpend ÷ cpm − 1000 × recapturedSpend ÷ (cpm × (1 + cpmPremium))',
    example: '15598.09',
    determinedBy: [['cpm']],
    formulas: [
      {
        text: `1000 × ${DELIVERY_TEXT} ÷ cpm`,
        reads: [...DELIVERY, 'cpm'],
        exact: (v) => THOUSAND.times(unrecovered(v)).dividedBy(v.cpm),
        float: (v) => (1000 * unrecoveredFloat(v)) / v.cpm,
      },
    ],
  },
  {
    name: 'lostClicks',
    kind: 'count',
    description: 'lostImpressions × ctr',
    example: '171.58',
    determinedBy: [['cpc'], ['cpm', 'ctr']],
    formulas: [
      {
        text: 'lostImpressions × ctr',
        reads: ['lostImpressions', 'ctr'],
        exact: (v) => v.lostImpressions.times(v.ctr),
        float: (v) => v.lostImpressions * v.ctr,
      },
      {
        text: `${DELIVERY_TEXT} ÷ cpc`,
        reads: [...DELIVERY, 'cpc'],
        exact: (v) => unrecovered(v).dividedBy(v.cpc),
        float: (v) => unrecoveredFloat(v) / v.cpc,
      },
    ],
  },
  {
    name: 'lostConversions',
    kind: 'count',
    description: 'lostClicks × cvr × incrementality',
    example: '5.15',
    determinedBy: [['cpa'], ['cpc', 'cvr']],
    formulas: [
      {
        text: 'lostClicks × cvr × incrementality',
        reads: ['lostClicks', 'cvr', 'incrementality'],
        exact: (v) => v.lostClicks.times(v.cvr).times(v.incrementality),
        float: (v) => v.lostClicks * v.cvr * v.incrementality,
      },
      {
        text: `${DELIVERY_TEXT} ÷ cpa × incrementality`,
        reads: [...DELIVERY, 'cpa', 'incrementality'],
        exact: (v) => unrecovered(v).dividedBy(v.cpa).times(v.incrementality),
        float: (v) => (unrecoveredFloat(v) / v.cpa) * v.incrementality,
      },
    ],
  },
  {
    name: 'lostRevenue',
    kind: 'money',
    description: 'lostConversions × aov',
    example: '370.61',
    determinedBy: [['roas'], ['aov', 'cpa']],
    formulas: [
      {
        text: 'lostConversions × aov',
        reads: ['lostConversions', 'aov'],
        exact: (v) => v.lostConversions.times(v.aov),
        float: (v) => v.lostConversions * v.aov,
      },
      {
        text: `${DELIVERY_TEXT} × roas × incrementality`,
        reads: [...DELIVERY, 'roas', 'incrementality'],
        exact: (v) => unrecovered(v).times(v.roas).times(v.incrementality),
        float: (v) => unrecoveredFloat(v) * v.roas * v.incrementality,
      },
    ],
  },
  {
    name: 'lostGrossProfit',
    kind: 'money',
    description: 'lostRevenue × grossMargin',
    example: '148.24',
    determinedBy: [['grossMargin', 'roas']],
    formulas: [
      {
        text: 'lostRevenue × grossMargin',
        reads: ['lostRevenue', 'grossMargin'],
        exact: (v) => v.lostRevenue.times(v.grossMargin),
        float: (v) => v.lostRevenue * v.grossMargin,
      },
    ],
  },
  {
    name: 'netContributionChange',
    kind: 'money',
    description:
      'netLostSpend − lostGrossProfit: the unbilled spend comes back, ' +
      'the profit does not; negative means the advertiser is worse off',
    example: '-12.41',
    determinedBy: [['grossMargin', 'roas']],
    formulas: [
      {
        text: 'netLostSpend − lostGrossProfit',
        reads: ['netLostSpend', 'lostGrossProfit'],
        exact: (v) => v.netLostSpend.minus(v.lostGrossProfit),
        float: (v) => v.netLostSpend - v.lostGrossProfit,
      },
    ],
  },
]);

export type Metric = (typeof METRIC_REGISTRY)[number]['name'];
export type MetricEntry = MetricDefinition<Metric>;
/** The metric names in response order (= evaluation order: a formula reads only the metrics before it). */
export const METRICS: readonly Metric[] = METRIC_REGISTRY.map((m) => m.name);
/** The registry entry of each metric. */
export const METRIC_BY_NAME = Object.fromEntries(METRIC_REGISTRY.map((m) => [m.name, m])) as Record<
  Metric,
  MetricEntry
>;
/** Metrics every estimate determines (no funnel needed): `recapturedSpend`, `netLostSpend`. */
export type AlwaysDetermined = 'recapturedSpend' | 'netLostSpend';

/** The formula of one metric chosen for a funnel plan, and the inputs it rests on (through earlier metrics too). */
export interface ChosenFormula {
  formula: MetricFormula<Metric>;
  restsOn: RangeableKey[];
  /** True when it rests on a funnel parameter (directly or through an earlier metric). */
  usesFunnel: boolean;
}

const isFunnelKey = (k: string): k is FunnelKey => (FUNNEL_KEYS as readonly string[]).includes(k);

/**
 * For each metric, the formula a plan uses, or null when the plan does not determine the metric: the first
 * formula whose reads are all determined. Funnel parameters are determined by the plan, grossMargin when
 * given, the other inputs always (they have defaults), and a metric when its own formula was chosen.
 */
export function chooseFormulas(plan: FunnelPlan, hasGrossMargin: boolean): Record<Metric, ChosenFormula | null> {
  const chosen = {} as Record<Metric, ChosenFormula | null>;
  const restsOn = (term: string): RangeableKey[] | null => {
    if (term === 'lostSpend' || term === 'headroom') return [];
    if (isFunnelKey(term)) {
      const provenance = plan.provenance[term];
      return provenance ? [...provenance] : null;
    }
    if (term === 'grossMargin') return hasGrossMargin ? ['grossMargin'] : null;
    if (term === 'incrementality' || term === 'recapture' || term === 'cpmPremium') return [term];
    return chosen[term as Metric]?.restsOn ?? null;
  };
  const usesFunnel = (term: string) => isFunnelKey(term) || (chosen[term as Metric]?.usesFunnel ?? false);
  for (const metric of METRIC_REGISTRY) {
    chosen[metric.name] = null;
    for (const formula of metric.formulas) {
      const parts = formula.reads.map(restsOn);
      if (parts.some((p) => p === null)) continue;
      const keys = [...new Set((parts as RangeableKey[][]).flat())];
      chosen[metric.name] = { formula, restsOn: keys, usesFunnel: formula.reads.some(usesFunnel) };
      break;
    }
  }
  return chosen;
}
