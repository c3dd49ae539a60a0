import type Decimal from 'decimal.js';
import { ONE, sum, ZERO } from './decimal';
import { type CampaignEstimate, METRICS, type Metric, type Metrics, type Ranged } from './impact';
import { type RealismTotals, realismTotals } from './realism';
import { METRIC_BY_NAME } from './metrics';

/** A campaign as totals name it: its `id`, else its position in the request. */
export type CampaignLabel = string | number;

export interface CurrencyTotals {
  currency: string;
  plannedSpend: Decimal;
  lostSpend: Decimal;
  /** Each metric over the campaigns that determine it; null only when none does. */
  metrics: Metrics;
  ranges?: Record<Metric, Ranged | null>;
  /** Per metric, the campaigns left out of its total because their funnel does not determine it. */
  undetermined: Partial<Record<Metric, CampaignLabel[]>>;
  /** Lost conversions added within each conversion event only: purchases and app installs do not add. */
  lostConversionsByEvent: Record<string, Decimal>;
  /** Outage-realism totals (DESIGN.md section 13); per currency only, never converted by `reportingTotal`. */
  realism: RealismTotals;
}

const NO_FUNNEL = {} as CampaignEstimate['funnel'];
const NO_WINDOWS: CampaignEstimate['lostByWindow'] = new Map();

/**
 * What totalsByCurrency reads of an estimate, and nothing else: a batch or an import keeps this for each
 * row until its totals are made, instead of the whole estimate (its funnel, its losses per window).
 */
export function forTotals(e: CampaignEstimate): CampaignEstimate {
  const kept: CampaignEstimate = {
    currency: e.currency,
    outageMinutes: e.outageMinutes,
    plannedSpend: e.plannedSpend,
    lostSpend: e.lostSpend,
    headroom: e.headroom,
    metrics: e.metrics,
    funnel: NO_FUNNEL,
    undetermined: [],
    conversionEvent: e.conversionEvent,
    warnings: [],
    lostByWindow: NO_WINDOWS,
  };
  if (e.id !== undefined) kept.id = e.id;
  if (e.ranges) kept.ranges = e.ranges;
  if (e.recovery) kept.recovery = e.recovery;
  if (e.unrecorded) kept.unrecorded = e.unrecorded;
  if (e.failover) kept.failover = e.failover;
  return kept;
}

/**
 * Per-currency totals from unrounded campaign values (no FX conversion), DESIGN.md section 10: a metric
 * is totalled over the campaigns that determine it, and the others are named in `undetermined`.
 * `lostConversions` is totalled only when every campaign counts the same event; `lostConversionsByEvent`
 * always splits it. Range extremes add up, because each campaign's inputs vary independently.
 */
export function totalsByCurrency(
  estimates: readonly CampaignEstimate[],
  labels?: readonly CampaignLabel[],
): CurrencyTotals[] {
  const byCurrency = new Map<string, { estimate: CampaignEstimate; label: CampaignLabel }[]>();
  estimates.forEach((estimate, i) => {
    const entry = { estimate, label: labels?.[i] ?? estimate.id ?? i };
    const group = byCurrency.get(estimate.currency);
    if (group) group.push(entry);
    else byCurrency.set(estimate.currency, [entry]);
  });
  return [...byCurrency.entries()].map(([currency, group]) => currencyTotals(currency, group));
}

function currencyTotals(
  currency: string,
  group: { estimate: CampaignEstimate; label: CampaignLabel }[],
): CurrencyTotals {
  const metrics = {} as Record<Metric, Decimal | null>;
  const undetermined: CurrencyTotals['undetermined'] = {};
  for (const metric of METRICS) {
    // One pass, adding in campaign order from zero exactly as sum() does (a batch has up to 10,000 campaigns).
    let total: Decimal | null = null;
    const left: CampaignLabel[] = [];
    for (const { estimate, label } of group) {
      const value = estimate.metrics[metric];
      if (value) total = (total ?? ZERO).plus(value);
      else left.push(label);
    }
    metrics[metric] = total;
    if (left.length) undetermined[metric] = left;
  }
  const lostConversionsByEvent: Record<string, Decimal> = {};
  for (const { estimate } of group) {
    const value = estimate.metrics.lostConversions;
    if (value)
      lostConversionsByEvent[estimate.conversionEvent] = (
        lostConversionsByEvent[estimate.conversionEvent] ?? ZERO
      ).plus(value);
  }
  // Conversions of different events are not one quantity: their sum stays in lostConversionsByEvent.
  if (Object.keys(lostConversionsByEvent).length > 1) metrics.lostConversions = null;
  const es = group.map(({ estimate }) => estimate);
  const totals: CurrencyTotals = {
    currency,
    plannedSpend: sum(es.map((e) => e.plannedSpend)),
    lostSpend: sum(es.map((e) => e.lostSpend)),
    metrics: metrics as Metrics,
    undetermined,
    lostConversionsByEvent,
    realism: realismTotals(es),
  };
  if (es.some((e) => e.ranges)) totals.ranges = rangeTotals(es, metrics);
  return totals;
}

function rangeTotals(es: CampaignEstimate[], metrics: Record<Metric, Decimal | null>): Record<Metric, Ranged | null> {
  const ranges = {} as Record<Metric, Ranged | null>;
  for (const metric of METRICS) {
    const parts = es.flatMap((e) => {
      const value = e.metrics[metric];
      if (!value) return [];
      return [e.ranges?.[metric] ?? { low: value, base: value, high: value }];
    });
    ranges[metric] =
      metrics[metric] === null || parts.length === 0
        ? null
        : {
            low: sum(parts.map((r) => r.low)),
            base: sum(parts.map((r) => r.base)),
            high: sum(parts.map((r) => r.high)),
          };
  }
  return ranges;
}

/** Metrics every campaign determines (no inputs needed): their total over no campaign is 0, never null. */
const ALWAYS_DETERMINED = new Set<Metric>(METRICS.filter((m) => METRIC_BY_NAME[m].determinedBy.length === 0));

/**
 * Every currency's totals in one reporting currency, at rates the caller supplies (one unit of the key's
 * currency is `rates[key]` units of `currency`; the reporting currency itself is 1). Money is converted
 * and added, counts are added; undetermined campaigns stay listed. The caller checks that every rate is there.
 */
export function reportingTotal(
  totals: readonly CurrencyTotals[],
  currency: string,
  rates: Readonly<Record<string, Decimal>>,
): CurrencyTotals {
  const rate = (t: CurrencyTotals) => (t.currency === currency ? ONE : (rates[t.currency] as Decimal));
  const metrics = {} as Record<Metric, Decimal | null>;
  const undetermined: CurrencyTotals['undetermined'] = {};
  for (const metric of METRICS) {
    const parts = totals.flatMap((t) => {
      const v = t.metrics[metric];
      // Money is converted at the caller's rate; counts are added as they are.
      return v ? [METRIC_BY_NAME[metric].kind === 'money' ? v.times(rate(t)) : v] : [];
    });
    // Recapture is always determined: with no campaign at all its total is 0, never null.
    metrics[metric] = parts.length || ALWAYS_DETERMINED.has(metric) ? sum(parts) : null;
    const left = totals.flatMap((t) => t.undetermined[metric] ?? []);
    if (left.length) undetermined[metric] = left;
  }
  const lostConversionsByEvent: Record<string, Decimal> = {};
  for (const t of totals) {
    for (const [event, v] of Object.entries(t.lostConversionsByEvent))
      lostConversionsByEvent[event] = (lostConversionsByEvent[event] ?? ZERO).plus(v);
  }
  if (Object.keys(lostConversionsByEvent).length > 1) metrics.lostConversions = null;
  return {
    currency,
    plannedSpend: sum(totals.map((t) => t.plannedSpend.times(rate(t)))),
    lostSpend: sum(totals.map((t) => t.lostSpend.times(rate(t)))),
    metrics: metrics as Metrics,
    undetermined,
    lostConversionsByEvent,
    // The realism figures stay in each currency's own totals: they are not converted.
    realism: {},
  };
}
