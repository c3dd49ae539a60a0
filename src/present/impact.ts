import type Decimal from 'decimal.js';
import type { CampaignResult, CurrencyTotalsResult } from '../../schemas/impact';
import { allocateLargestRemainder } from '../engine/allocate';
import { FUNNEL_KEYS, type FunnelKey } from '../engine/funnel';
import type { CampaignEstimate, Metric, Metrics, Ranged } from '../engine/impact';
import { METRIC_BY_NAME, METRIC_REGISTRY } from '../engine/metrics';
import type { CurrencyTotals } from '../engine/totals';
import { type Formatter, formatter, PLACES, type RoundingMode } from '../engine/rounding';
import { formatInstant } from '../engine/time';
import { explainCampaign, presentExplain } from './explain';
import { campaignRealism, presentRealismRanges, writeRealism } from './realism';

/** A metric's formatter, by its kind in the registry: money in the currency's minor units, counts to 2 places. */
export function metricFormat(f: Formatter, metric: Metric): (v: Decimal) => string {
  return f[METRIC_BY_NAME[metric].kind];
}

/** Each metric formatted by its kind, written into `out` in registry order (no intermediate object). */
function writeMetrics(out: Record<string, unknown>, m: Metrics, f: Formatter): void {
  for (const { name, kind } of METRIC_REGISTRY) {
    const value = m[name];
    out[name] = value === null ? null : f[kind](value);
  }
}

export function presentRanges(ranges: Record<Metric, Ranged | null>, f: Formatter) {
  const out: Partial<Record<Metric, { low: string; base: string; high: string } | null>> = {};
  for (const { name, kind } of METRIC_REGISTRY) {
    const r = ranges[name];
    const format = f[kind];
    out[name] = r && { low: format(r.low), base: format(r.base), high: format(r.high) };
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
    // Equal parts come back as one Decimal (allocate.ts), so each is written once.
    const written = new Map<Decimal, string>();
    return allocateLargestRemainder(values as Decimal[], places, mode, total).map((v) => {
      let text = written.get(v);
      if (text === undefined) {
        text = v.toFixed(places);
        written.set(v, text);
      }
      return text;
    });
  };
  // With recovery ramps the timeline also shows the ramp hours, whose planned spend is not inside the windows.
  const planned = column(
    (r) => r.plannedSpend,
    f.moneyPlaces,
    e.recovery ? e.plannedSpend.plus(e.recovery.plannedSpend) : e.plannedSpend,
  );
  const lost = column((r) => r.lostSpend, f.moneyPlaces, e.lostSpend);
  const places = (metric: Metric) => (METRIC_BY_NAME[metric].kind === 'money' ? f.moneyPlaces : PLACES.count);
  const impressions = column((r) => r.lostImpressions, places('lostImpressions'), e.metrics.lostImpressions);
  const conversions = column((r) => r.lostConversions, places('lostConversions'), e.metrics.lostConversions);
  const revenue = column((r) => r.lostRevenue, places('lostRevenue'), e.metrics.lostRevenue);
  // Consecutive hours: a row's start is the end before it, already written.
  const ends = rows.map((row) => formatInstant(row.end));
  return rows.map((row, i) => ({
    start: i > 0 && rows[i - 1]?.end === row.start ? (ends[i - 1] as string) : formatInstant(row.start),
    end: ends[i] as string,
    plannedSpend: planned[i] as string,
    lostSpend: lost[i] as string,
    lostImpressions: impressions[i] ?? null,
    lostConversions: conversions[i] ?? null,
    lostRevenue: revenue[i] ?? null,
  }));
}

/**
 * A campaign's answer. Fields are written into one object in response order, the metrics by a single
 * loop over the registry: no intermediate objects or spreads on this path, which every campaign takes.
 */
export function presentCampaign(e: CampaignEstimate, mode: RoundingMode): CampaignResult {
  const f = formatter(e.currency, mode);
  const result: Record<string, unknown> = e.id === undefined ? {} : { id: e.id };
  result.currency = e.currency;
  result.outageMinutes = f.count(e.outageMinutes);
  result.plannedSpend = f.money(e.plannedSpend);
  result.lostSpend = f.money(e.lostSpend);
  writeMetrics(result, e.metrics, f);
  const realism = campaignRealism(e);
  writeRealism(result, realism, f);
  result.funnel = presentFunnel(e.funnel, f);
  result.undetermined = e.undetermined;
  if (e.warnings.length) result.warnings = e.warnings;
  if (e.ranges || e.unrecorded?.ranges) {
    result.ranges = { ...(e.ranges ? presentRanges(e.ranges, f) : {}), ...presentRealismRanges(realism, f) };
  }
  if (e.timeline) result.timeline = presentTimeline(e, e.timeline, f, mode);
  if (e.explain) result.explain = presentExplain(explainCampaign(e), f);
  return result as CampaignResult;
}

function presentFunnel(funnel: CampaignEstimate['funnel'], f: Formatter): CampaignResult['funnel'] {
  const out = {} as Record<FunnelKey, { value: string; source: 'input' | 'derived' } | null>;
  for (const key of FUNNEL_KEYS) {
    const v = funnel[key];
    out[key] = v && { value: f.ratio(v.value), source: v.source };
  }
  return out;
}

/** A currency's totals, written like a campaign's answer: one object, the metrics by one registry loop. */
export function presentTotals(t: CurrencyTotals, mode: RoundingMode): CurrencyTotalsResult {
  const f = formatter(t.currency, mode);
  const out: Record<string, unknown> = { currency: t.currency };
  out.plannedSpend = f.money(t.plannedSpend);
  out.lostSpend = f.money(t.lostSpend);
  writeMetrics(out, t.metrics, f);
  const byEvent: Record<string, string> = {};
  for (const event in t.lostConversionsByEvent) byEvent[event] = f.count(t.lostConversionsByEvent[event] as Decimal);
  out.lostConversionsByEvent = byEvent;
  out.undetermined = t.undetermined;
  writeRealism(out, t.realism, f);
  if (t.ranges || t.realism.unrecorded?.ranges) {
    out.ranges = { ...(t.ranges ? presentRanges(t.ranges, f) : {}), ...presentRealismRanges(t.realism, f) };
  }
  return out as CurrencyTotalsResult;
}
