import type Decimal from 'decimal.js';
import type { CampaignResult } from '../../schemas/impact';
import { allocateLargestRemainder } from '../engine/allocate';
import {
  type CampaignEstimate,
  type ExplainStep,
  METRICS,
  type Metric,
  type Metrics,
  type Ranged,
} from '../engine/impact';
import type { CurrencyTotals } from '../engine/totals';
import { type Formatter, formatter, PLACES, type RoundingMode } from '../engine/rounding';
import { formatInstant } from '../engine/time';
import { campaignRealism, presentRealism, presentRealismRanges } from './realism';

/** Formats a metric by its kind: money in minor units, counts to 2 places. */
function metricFormat(f: Formatter, metric: Metric): (v: Decimal) => string {
  return metric === 'lostImpressions' || metric === 'lostClicks' || metric === 'lostConversions' ? f.count : f.money;
}

function presentMetrics(m: Metrics, f: Formatter) {
  const optional = (v: Decimal | null, format: (v: Decimal) => string) => (v === null ? null : format(v));
  return {
    recapturedSpend: f.money(m.recapturedSpend),
    netLostSpend: f.money(m.netLostSpend),
    lostImpressions: optional(m.lostImpressions, f.count),
    lostClicks: optional(m.lostClicks, f.count),
    lostConversions: optional(m.lostConversions, f.count),
    lostRevenue: optional(m.lostRevenue, f.money),
    lostGrossProfit: optional(m.lostGrossProfit, f.money),
    netContributionChange: optional(m.netContributionChange, f.money),
  };
}

export function presentRanges(ranges: Record<Metric, Ranged | null>, f: Formatter) {
  const out: Partial<Record<Metric, { low: string; base: string; high: string } | null>> = {};
  for (const metric of METRICS) {
    const r = ranges[metric];
    const fmt = metricFormat(f, metric);
    out[metric] = r && { low: fmt(r.low), base: fmt(r.base), high: fmt(r.high) };
  }
  return out;
}

/** Timeline rows rounded so that each column adds up exactly to the campaign's rounded total. */
function presentTimeline(
  e: CampaignEstimate,
  rows: NonNullable<CampaignEstimate['timeline']>,
  f: Formatter,
  mode: RoundingMode,
): NonNullable<CampaignResult['timeline']> {
  const column = (pick: (r: (typeof rows)[number]) => Decimal | null, places: number, total: Decimal | null) => {
    const values = rows.map(pick);
    if (total === null || values.some((v) => v === null)) return rows.map(() => null);
    return allocateLargestRemainder(values as Decimal[], places, mode, total).map((v) => v.toFixed(places));
  };
  // With recovery ramps the timeline also shows the ramp hours, whose planned spend is not inside the windows.
  const planned = column(
    (r) => r.plannedSpend,
    f.moneyPlaces,
    e.recovery ? e.plannedSpend.plus(e.recovery.plannedSpend) : e.plannedSpend,
  );
  const lost = column((r) => r.lostSpend, f.moneyPlaces, e.lostSpend);
  const impressions = column((r) => r.lostImpressions, PLACES.count, e.metrics.lostImpressions);
  const conversions = column((r) => r.lostConversions, PLACES.count, e.metrics.lostConversions);
  const revenue = column((r) => r.lostRevenue, f.moneyPlaces, e.metrics.lostRevenue);
  return rows.map((row, i) => ({
    start: formatInstant(row.start),
    end: formatInstant(row.end),
    plannedSpend: planned[i] as string,
    lostSpend: lost[i] as string,
    lostImpressions: impressions[i] ?? null,
    lostConversions: conversions[i] ?? null,
    lostRevenue: revenue[i] ?? null,
  }));
}

function presentExplain(steps: ExplainStep[], f: Formatter) {
  const format = { money: f.money, count: f.count, ratio: f.ratio, minutes: f.count };
  return steps.map((s) => ({
    metric: s.metric,
    formula: s.formula,
    inputs: Object.fromEntries(Object.entries(s.inputs).map(([k, v]) => [k, v.toString()])),
    value: format[s.kind](s.value),
  }));
}

/** A campaign's spend and metric outputs, formatted: the result columns of a batch row. */
export function presentOutputs(e: CampaignEstimate, f: Formatter) {
  return { plannedSpend: f.money(e.plannedSpend), lostSpend: f.money(e.lostSpend), ...presentMetrics(e.metrics, f) };
}

export function presentCampaign(e: CampaignEstimate, mode: RoundingMode): CampaignResult {
  const f = formatter(e.currency, mode);
  const result: CampaignResult = {
    ...(e.id === undefined ? {} : { id: e.id }),
    currency: e.currency,
    outageMinutes: f.count(e.outageMinutes),
    ...presentOutputs(e, f),
    ...presentRealism(campaignRealism(e), f),
    funnel: Object.fromEntries(
      Object.entries(e.funnel).map(([k, v]) => [k, v && { value: f.ratio(v.value), source: v.source }]),
    ) as CampaignResult['funnel'],
    undetermined: e.undetermined,
  };
  if (e.warnings.length) result.warnings = e.warnings;
  if (e.ranges || e.unrecorded?.ranges) {
    result.ranges = { ...(e.ranges ? presentRanges(e.ranges, f) : {}), ...presentRealismRanges(campaignRealism(e), f) };
  }
  if (e.timeline) result.timeline = presentTimeline(e, e.timeline, f, mode);
  if (e.explain) result.explain = presentExplain(e.explain, f);
  return result;
}

export function presentTotals(t: CurrencyTotals, mode: RoundingMode) {
  const f = formatter(t.currency, mode);
  return {
    currency: t.currency,
    plannedSpend: f.money(t.plannedSpend),
    lostSpend: f.money(t.lostSpend),
    ...presentMetrics(t.metrics, f),
    lostConversionsByEvent: Object.fromEntries(
      Object.entries(t.lostConversionsByEvent).map(([event, v]) => [event, f.count(v)]),
    ),
    undetermined: t.undetermined,
    ...presentRealism(t.realism, f),
    ...(t.ranges || t.realism.unrecorded?.ranges
      ? { ranges: { ...(t.ranges ? presentRanges(t.ranges, f) : {}), ...presentRealismRanges(t.realism, f) } }
      : {}),
  };
}
