import type Decimal from 'decimal.js';
import { CornerValues } from './corners';
import { ONE, ZERO } from './decimal';
import { InputError } from './errors';
import { DETERMINED_BY, FUNNEL_KEYS, type FunnelKey, type FunnelPlan, type FunnelValues } from './funnel';
import {
  type CalendarPeriod,
  lifetimeCanSpend,
  plannedSharesBetween,
  plannedSpendBetween,
  type SpendCache,
  type SpendPlan,
} from './spend';
import { minutesOf } from './time';
import { affects, type FailoverResult, type FailoverTarget } from './failover';
import { type Unrecorded, unrecorded } from './measurement';
import type { HourBucket } from './buckets';
import { NO_RAMP, type RampLoss, rampLoss } from './ramp';
import {
  type AlwaysDetermined,
  type ChosenFormula,
  chooseFormulas,
  METRIC_BY_NAME,
  METRIC_REGISTRY,
  METRICS,
  type Metric,
  type MetricFormula,
  type MetricInput,
  type MetricValues,
} from './metrics';
import { sharesOverOne } from './spec/campaign';
import { LIFETIME_NEVER_SPENT, shareOverOneAtCorner } from './spec/campaign-messages';

/** An input that may be uncertain: a scalar has low = base = high. */
export interface Ranged {
  low: Decimal;
  base: Decimal;
  high: Decimal;
}

export const RANGEABLE_KEYS = [...FUNNEL_KEYS, 'grossMargin', 'incrementality', 'recapture', 'cpmPremium'] as const;
export type RangeableKey = (typeof RANGEABLE_KEYS)[number];
export type Params = Partial<Record<RangeableKey, Decimal>>;

export type PacingPeriod = CalendarPeriod | 'flight' | 'none';

export interface CampaignSpec {
  id?: string;
  currency: string;
  spend: SpendPlan;
  /** The funnel, grossMargin, incrementality, recapture and cpmPremium, each possibly a range. */
  inputs: Partial<Record<RangeableKey, Ranged>>;
  funnelPlan: FunnelPlan;
  /** Every parameter the plan determines, at the base values of the inputs. */
  baseFunnel: FunnelValues;
  overspendCap: Decimal;
  pacingPeriod: PacingPeriod;
  /** The ad platform the campaign runs on, matched against windows' platforms (DESIGN.md section 13). */
  platform?: string;
  failover?: FailoverTarget[];
  /** What one conversion is (`purchase`, `lead`…): totals add conversions only within one event. */
  conversionEvent?: string;
  /** Things about the inputs worth a second look, passed through to the answer. */
  warnings?: string[];
}

export interface Window {
  start: number;
  end: number;
  deliveryLoss: Decimal;
  /**
   * Outage realism (DESIGN.md section 13): the recovery ramp in ms, the pixel's measurement loss, the platforms taken
   * down.
   */
  recoveryMs?: number;
  measurementLoss?: Decimal;
  platforms?: readonly string[];
}

export { METRICS, type Metric } from './metrics';
/** Recapture is always determined; the funnel outputs are null where the funnel does not determine them. */
export type Metrics = Record<Metric, Decimal | null> & Record<AlwaysDetermined, Decimal>;

export interface TimelineRow {
  start: number;
  end: number;
  plannedSpend: Decimal;
  lostSpend: Decimal;
  lostImpressions: Decimal | null;
  lostConversions: Decimal | null;
  lostRevenue: Decimal | null;
}

/**
 * What the explain trace shows beyond the estimate's own figures, kept only when it is asked for (src/present/
 * explain.ts writes the steps): the spec the estimate came from and the two terms of the headroom.
 */
export interface ExplainBasis {
  spec: CampaignSpec;
  /** Planned spend from the end of the last window to the end of the pacing period. */
  plannedSpendAfterOutage: Decimal;
  /** What the last window's recovery ramp still loses in that time. */
  rampLostSpendAfterOutage: Decimal;
  /** netContributionChange before a failover moved spend (set by applyFailovers). */
  beforeFailover?: Decimal | null;
}

export interface CampaignEstimate {
  id?: string;
  currency: string;
  outageMinutes: Decimal;
  plannedSpend: Decimal;
  lostSpend: Decimal;
  headroom: Decimal;
  metrics: Metrics;
  /** Present when any input is a range: exact extremes over every corner of the input ranges. */
  ranges?: Record<Metric, Ranged | null>;
  funnel: Record<FunnelKey, { value: Decimal; source: 'input' | 'derived' } | null>;
  undetermined: { field: string; determinedBy: string[][] }[];
  timeline?: TimelineRow[];
  explain?: ExplainBasis;
  /** Outage realism (DESIGN.md section 13), each present only when the request uses it. */
  recovery?: { plannedSpend: Decimal; lostSpend: Decimal };
  unrecorded?: Unrecorded;
  failover?: FailoverResult;
  conversionEvent: string;
  warnings: string[];
  /** Lost spend per window, its ramp included (what a failover attributes N by). */
  lostByWindow: Map<Window, Decimal>;
}

/**
 * What the funnel and the recovery turn the lost spend U and the headroom H into, for one set of
 * parameters `p` and the funnel `f` they determine: each metric of the registry in order, by the first
 * of its formulas whose inputs are all determined, else null.
 */
export function evaluateMetrics(lostSpend: Decimal, headroom: Decimal, f: FunnelValues, p: Params): Metrics {
  const values = metricValues(lostSpend, headroom, f, p);
  const metrics = {} as Record<Metric, Decimal | null>;
  for (const metric of METRIC_REGISTRY) {
    const formula = firstDetermined(metric.formulas, values);
    const value = formula ? formula.exact(values as MetricValues<Metric>) : null;
    values[metric.name] = value;
    metrics[metric.name] = value;
  }
  return metrics as Metrics;
}

/** The first formula whose reads all have values (plain loops: this runs at every corner of the ranges). */
function firstDetermined(
  formulas: readonly MetricFormula<Metric>[],
  values: Readonly<Record<string, Decimal | null>>,
): MetricFormula<Metric> | undefined {
  outer: for (const formula of formulas) {
    for (const read of formula.reads) if (!values[read]) continue outer;
    return formula;
  }
  return undefined;
}

/** What the metric formulas read: U, H, the funnel and the other inputs with their defaults. */
export function metricValues(lostSpend: Decimal, headroom: Decimal, f: FunnelValues, p: Params) {
  const values: Record<MetricInput | Metric, Decimal | null> & { unrecovered?: Decimal } = {
    lostSpend,
    headroom,
    cpm: f.cpm ?? null,
    ctr: f.ctr ?? null,
    cpc: f.cpc ?? null,
    cvr: f.cvr ?? null,
    cpa: f.cpa ?? null,
    aov: f.aov ?? null,
    roas: f.roas ?? null,
    grossMargin: p.grossMargin ?? null,
    incrementality: p.incrementality ?? ONE,
    recapture: p.recapture ?? ZERO,
    cpmPremium: p.cpmPremium ?? ZERO,
  } as Record<MetricInput | Metric, Decimal | null>;
  return values;
}

/**
 * The inputs each metric rests on, following the formulas evaluateMetrics uses for this plan. A metric's
 * extremes lie at the corners of the ranges of these inputs only, so only those corners are visited.
 */
export function metricDependencies(plan: FunnelPlan, hasGrossMargin: boolean): Record<Metric, RangeableKey[] | null> {
  return dependenciesOf(chooseFormulas(plan, hasGrossMargin));
}

function dependenciesOf(chosen: Record<Metric, ChosenFormula | null>): Record<Metric, RangeableKey[] | null> {
  const deps = {} as Record<Metric, RangeableKey[] | null>;
  for (const metric of METRICS) deps[metric] = chosen[metric]?.restsOn ?? null;
  return deps;
}

export function baseParams(inputs: CampaignSpec['inputs']): Params {
  const p: Params = {};
  for (const key of RANGEABLE_KEYS) p[key] = inputs[key]?.base;
  return p;
}

/**
 * Exact low and high of each metric: the minimum and maximum over every corner of the ranges of the
 * inputs it rests on. The corners of all those inputs together are visited once; a metric does not
 * change along inputs it does not rest on, so its extremes over them are its extremes.
 */
function metricRanges(
  spec: CampaignSpec,
  lostSpend: Decimal,
  headroom: Decimal,
  base: Metrics,
  cache: SpendCache,
): Record<Metric, Ranged | null> {
  const chosen = chooseFormulas(spec.funnelPlan, spec.inputs.grossMargin !== undefined);
  const deps = dependenciesOf(chosen);
  const varying = RANGEABLE_KEYS.filter((k) => {
    const r = spec.inputs[k];
    return r && !r.low.equals(r.high) && METRICS.some((m) => deps[m]?.includes(k));
  });
  const ranges = {} as Record<Metric, Ranged | null>;
  for (const metric of METRICS) {
    const value = base[metric];
    ranges[metric] = value && deps[metric] ? { low: value, base: value, high: value } : null;
  }
  const p = baseParams(spec.inputs);
  const corners = 1 << varying.length;
  // A corner costs about as much as walking a few hour buckets.
  cache.allow(corners * 4);
  const atCorners = new CornerValues(varying, spec.funnelPlan, chosen);
  for (let corner = 0; corner < corners; corner++) {
    varying.forEach((key, bit) => {
      const r = spec.inputs[key] as Ranged;
      p[key] = corner & (1 << bit) ? r.high : r.low;
    });
    const given: FunnelValues = {};
    for (const key of spec.funnelPlan.given) given[key] = p[key];
    const funnel = atCorners.funnel(given, corner);
    refuseSharesOverOne(spec.funnelPlan, funnel, p);
    const values = atCorners.metricsAt(metricValues(lostSpend, headroom, funnel, p), corner);
    for (const metric of METRICS) {
      const range = ranges[metric];
      const value = values[metric];
      if (!range || !value) continue;
      if (value.lessThan(range.low)) range.low = value;
      if (value.greaterThan(range.high)) range.high = value;
    }
  }
  return ranges;
}

/**
 * ctr and cvr are shares (no more clicks than impressions): one derived from other inputs must stay at
 * most 1 at every corner of their ranges, not only at the base values that the spec builder checks.
 */
function refuseSharesOverOne(plan: FunnelPlan, funnel: FunnelValues, p: Params): void {
  const [over] = sharesOverOne(plan, funnel);
  if (!over) return;
  const corner = over.involved.map((k) => `${k} ${p[k]?.toString()}`).join(', ');
  const message = shareOverOneAtCorner(over.key, over.value, corner);
  throw new InputError(over.involved.map((k) => ({ path: [k], message })));
}

/**
 * A window bucket's planned and lost spend from its share of the amount. Buckets that share a share (the full hours of
 * one period of an even budget) share one result: the same product, computed once, and the same Decimal, by which
 * timelineRows recognises rows whose shares of the totals are equal too.
 */
function windowBucketSpend(amount: Decimal, deliveryLoss: Decimal) {
  const byShare = new Map<Decimal, { spend: Decimal; lost: Decimal }>();
  return (share: Decimal) => {
    let found = byShare.get(share);
    if (!found) {
      const spend = amount.times(share);
      found = { spend, lost: spend.times(deliveryLoss) };
      byShare.set(share, found);
    }
    return found;
  };
}

/** Adds a piece of spend to its hour's timeline row. */
function addToRow(rows: Map<number, TimelineRow>, bucket: HourBucket, spend: Decimal, lost: Decimal): void {
  const row = rows.get(bucket.start);
  if (row) {
    row.plannedSpend = row.plannedSpend.plus(spend);
    row.lostSpend = row.lostSpend.plus(lost);
  } else {
    rows.set(bucket.start, {
      start: bucket.start,
      end: bucket.end,
      plannedSpend: spend,
      lostSpend: lost,
      lostImpressions: null,
      lostConversions: null,
      lostRevenue: null,
    });
  }
}

/** What a window's ramp loses before `end` (the end of the pacing period): usually the whole ramp, already computed. */
function rampLossBefore(
  spec: CampaignSpec,
  cache: SpendCache,
  w: Window,
  end: number,
  whole: RampLoss | undefined,
): Decimal {
  if (whole && w.end + (w.recoveryMs ?? 0) <= end) return whole.lost;
  return rampLoss(spec.spend, cache, w, w.end, end).lost;
}

/** The end of the pacing period that contains the outage's last moment; null when nothing can be recaptured. */
function pacingEnd(spec: CampaignSpec, cache: SpendCache, lastEnd: number): number | null {
  const { pacingPeriod, spend } = spec;
  if (pacingPeriod === 'none') return null;
  if (pacingPeriod === 'flight') return spend.flight.end ?? null;
  // DESIGN.md: the pacing period that contains the end of the last window. Periods are half-open, so a
  // window that ends exactly at midnight leaves the whole next period to catch up in.
  return cache.periodOf(spend.zone, pacingPeriod, lastEnd, spend.weekStartsOn).end;
}

/**
 * What one campaign lost in the outage windows (DESIGN.md section 4). All values unrounded. An InputError
 * it throws has paths relative to the campaign's spec (`['deliveryProfile']`).
 */
export function estimateCampaign(
  spec: CampaignSpec,
  allWindows: readonly Window[],
  cache: SpendCache,
  options: { timeline: boolean; explain: boolean },
): CampaignEstimate {
  // The request's own list when every window affects the campaign: what is memoised per list (minutesOf) is reused.
  const windows = allWindows.every((w) => affects(w, spec.platform))
    ? allWindows
    : allWindows.filter((w) => affects(w, spec.platform));
  if (spec.spend.period === 'lifetime' && !lifetimeCanSpend(spec.spend, cache)) {
    throw new InputError([{ path: ['deliveryProfile'], message: LIFETIME_NEVER_SPENT }]);
  }

  let plannedSpend = ZERO;
  let lostSpend = ZERO;
  let unmeasuredSpend = ZERO;
  const recovery = { plannedSpend: ZERO, lostSpend: ZERO };
  const lostByWindow = new Map<Window, Decimal>();
  const ramps = new Map<Window, RampLoss>();
  const rows = new Map<number, TimelineRow>();
  for (const w of windows) {
    const shares = plannedSharesBetween(spec.spend, cache, w.start, w.end);
    const windowSpend = spec.spend.amount.times(shares.total);
    const ramp = rampLoss(spec.spend, cache, w, w.end, Number.POSITIVE_INFINITY, options.timeline);
    ramps.set(w, ramp);
    plannedSpend = plannedSpend.plus(windowSpend);
    const windowLost = windowSpend.times(w.deliveryLoss);
    if (ramp === NO_RAMP) {
      // Adding the zero of no ramp would only copy the values (every result of D is already at its precision).
      lostSpend = lostSpend.plus(windowLost);
      lostByWindow.set(w, windowLost);
    } else {
      const windowTotal = windowLost.plus(ramp.lost);
      // The first window's total is the sum so far (0 + a is a, exactly): no second addition of the ramp.
      lostSpend = lostSpend === ZERO ? windowTotal : lostSpend.plus(windowLost).plus(ramp.lost);
      lostByWindow.set(w, windowTotal);
      recovery.plannedSpend = recovery.plannedSpend.plus(ramp.planned);
      recovery.lostSpend = recovery.lostSpend.plus(ramp.lost);
    }
    if (w.measurementLoss) unmeasuredSpend = unmeasuredSpend.plus(windowSpend.times(w.measurementLoss));
    if (!options.timeline) continue;
    // The window's buckets lose deliveryLoss of their spend; the ramp's pieces bring their own loss.
    const ofShare = windowBucketSpend(spec.spend.amount, w.deliveryLoss);
    for (const { bucket, share } of shares.buckets) {
      const { spend, lost } = ofShare(share);
      addToRow(rows, bucket, spend, lost);
    }
    for (const p of ramp.pieces) addToRow(rows, p.bucket, p.planned, p.lost);
  }

  // A campaign of a platform no window took down lost nothing, so it has nothing to catch up.
  const last = windows.reduce<Window | undefined>((a, w) => (a && a.end >= w.end ? a : w), undefined);
  const lastEnd = last?.end ?? Number.NEGATIVE_INFINITY;
  const end = last ? pacingEnd(spec, cache, lastEnd) : null;
  const afterOutage = end === null || end <= lastEnd;
  const remainingPlanned = afterOutage ? ZERO : plannedSpendBetween(spec.spend, cache, lastEnd, end);
  // Spend the recovery ramp still loses cannot be delivered on top of the plan: it is not headroom.
  const rampStillLost = afterOutage || !last ? ZERO : rampLossBefore(spec, cache, last, end, ramps.get(last));
  const headroom = spec.overspendCap.times(remainingPlanned.minus(rampStillLost));

  const baseFunnel = spec.baseFunnel;
  const metrics = evaluateMetrics(lostSpend, headroom, baseFunnel, baseParams(spec.inputs));
  const anyRange = RANGEABLE_KEYS.some((k) => {
    const r = spec.inputs[k];
    return r && !(r.low.equals(r.base) && r.base.equals(r.high));
  });

  const funnel = {} as CampaignEstimate['funnel'];
  for (const key of FUNNEL_KEYS) {
    const value = baseFunnel[key];
    funnel[key] = value ? { value, source: spec.funnelPlan.given.has(key) ? 'input' : 'derived' } : null;
  }

  const estimate: CampaignEstimate = {
    id: spec.id,
    currency: spec.currency,
    outageMinutes: minutesOf(windows),
    plannedSpend,
    lostSpend,
    headroom,
    metrics,
    funnel,
    undetermined: undeterminedFields(spec, metrics),
    conversionEvent: spec.conversionEvent ?? 'conversion',
    warnings: [...(spec.warnings ?? [])],
    lostByWindow,
    // Every optional part is a key from the start, so that every estimate has one shape (property reads stay fast).
    ranges: undefined,
    timeline: undefined,
    explain: undefined,
    recovery: undefined,
    unrecorded: undefined,
    failover: undefined,
  };
  if (windows.some((w) => w.recoveryMs !== undefined)) estimate.recovery = recovery;
  if (windows.some((w) => w.measurementLoss !== undefined)) {
    const allow = (units: number) => cache.allow(units);
    estimate.unrecorded = unrecorded(unmeasuredSpend, spec.funnelPlan, baseFunnel, spec.inputs, allow);
  }
  if (anyRange) estimate.ranges = metricRanges(spec, lostSpend, headroom, metrics, cache);
  if (options.timeline) {
    cache.allowTimelineRows(rows.size);
    estimate.timeline = timelineRows([...rows.values()], lostSpend, metrics);
  }
  if (options.explain) {
    estimate.explain = { spec, plannedSpendAfterOutage: remainingPlanned, rampLostSpendAfterOutage: rampStillLost };
  }
  return estimate;
}

/**
 * Hour rows of the timeline. Planned and lost spend are the buckets' own; the funnel outputs are the
 * campaign's totals shared out in proportion to each hour's lost spend (recapture happens after the
 * outage, so it is attributed to the outage hours in that proportion).
 */
function timelineRows(rows: TimelineRow[], lostSpend: Decimal, metrics: Metrics): TimelineRow[] {
  rows.sort((a, b) => a.start - b.start);
  const share = (row: TimelineRow, total: Decimal | null) =>
    total === null ? null : lostSpend.isZero() ? ZERO : total.times(row.lostSpend).dividedBy(lostSpend);
  // Rows with the same lost spend (one Decimal: see windowBucketSpend) get the same shares, computed once.
  const byLost = new Map<Decimal, Pick<TimelineRow, 'lostImpressions' | 'lostConversions' | 'lostRevenue'>>();
  for (const row of rows) {
    let shares = byLost.get(row.lostSpend);
    if (!shares) {
      shares = {
        lostImpressions: share(row, metrics.lostImpressions),
        lostConversions: share(row, metrics.lostConversions),
        lostRevenue: share(row, metrics.lostRevenue),
      };
      byLost.set(row.lostSpend, shares);
    }
    // The rows are this estimate's own, built above: filled in place rather than copied.
    row.lostImpressions = shares.lostImpressions;
    row.lostConversions = shares.lostConversions;
    row.lostRevenue = shares.lostRevenue;
  }
  return rows;
}

function undeterminedFields(spec: CampaignSpec, metrics: Metrics): CampaignEstimate['undetermined'] {
  const out: CampaignEstimate['undetermined'] = [];
  for (const key of spec.funnelPlan.undetermined)
    out.push({ field: `funnel.${key}`, determinedBy: DETERMINED_BY[key] });
  for (const metric of METRICS)
    if (metrics[metric] === null) out.push({ field: metric, determinedBy: METRIC_BY_NAME[metric].determinedBy });
  return out;
}
