import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, addWeeks, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import type Decimal from 'decimal.js';
import { type HourBucket, hourBuckets } from './buckets';
import { D, ONE, ZERO } from './decimal';
import { TimelineLimitError, WorkLimitError } from './errors';
import { type HourWeights, profileWeight, weightedMilliseconds } from './profile';
import { DAY_MS, HOUR_MS, startOfLocal, toLocal } from './time';

/** The periods a budget can be given for (the contract's enum is built from this list). */
export const BUDGET_PERIODS = ['hour', 'day', 'week', 'month', 'lifetime'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];
export type CalendarPeriod = 'day' | 'week' | 'month';

/** Hour-of-day (24) or hour-of-week (168, Monday 00:00 first) weights in the campaign's zone. */
export type DeliveryProfile = HourWeights;

export interface Flight {
  start?: number;
  end?: number;
}

/** When a campaign would have spent its money. */
export interface SpendPlan {
  zone: string;
  period: BudgetPeriod;
  amount: Decimal;
  profile: DeliveryProfile;
  flight: Flight;
  /** The first day of a `week` (DESIGN.md section 13): ISO weeks start on Monday, Meta's on Sunday. Default monday. */
  weekStartsOn?: WeekStart;
}

export type WeekStart = 'monday' | 'sunday';

/** The share of a budget's amount planned inside one bucket (within some span). */
export interface BucketShare {
  bucket: HourBucket;
  share: Decimal;
}

export interface PlannedShares {
  buckets: BucketShare[];
  total: Decimal;
}

const HOUR = new D(HOUR_MS);

/**
 * Work that campaigns share: hour buckets per zone and span, each period's weight, and the shares of a
 * budget per span, computed once per distinct zone, profile and period. Every entry is a pure function
 * of its key. One cache serves the campaigns and rows of ONE request (see sharedSpendCache): held across
 * requests, it made a request's admission and memory depend on what earlier requests had left in it.
 */
export class SpendCache {
  /** What the cache holds, counted in buckets (a single value counts 1), so that it can be bounded. */
  size = 0;
  /** Work the current request may still do, in hour buckets walked (cached work is free). */
  private workLeft = Number.POSITIVE_INFINITY;
  /** Timeline rows the current request may still produce. */
  private rowsLeft = Number.POSITIVE_INFINITY;

  /** Starts a request's budgets. The engine is synchronous, so one request has the cache at a time. */
  startRequest(workLimit: number, timelineRowLimit = TIMELINE_ROW_LIMIT): this {
    this.workLeft = workLimit;
    this.rowsLeft = timelineRowLimit;
    return this;
  }

  /** Takes timeline rows from the request's allowance before they are built, or refuses the request. */
  allowTimelineRows(rows: number): void {
    this.rowsLeft -= rows;
    if (this.rowsLeft < 0) throw new TimelineLimitError(TIMELINE_ROW_LIMIT);
  }

  /** Takes `units` from the request's budget before doing that work, or refuses the request. */
  allow(units: number): void {
    this.workLeft -= units;
    if (this.workLeft < 0) {
      throw new WorkLimitError(
        'The request needs more work than one request may do (hour buckets to walk, range corners to ' +
          'evaluate): send fewer campaigns, shorter windows or flights, or fewer ranged inputs per request.',
      );
    }
  }
  readonly buckets = new Map<string, HourBucket[]>();
  /**
   * Per period: 1 ÷ Σ (weight × ms covered), the factor that turns a bucket's weighted milliseconds into its share.
   */
  readonly periodScales = new Map<string, Decimal>();
  readonly periodBounds = new Map<string, { start: number; end: number }>();
  readonly spanShares = new Map<string, PlannedShares>();
  /**
   * Periods of equal weighted length (the days of a daily budget) share one scale Decimal, and each scale its
   * full-hour shares per weight: equal shares are then one Decimal, which the timeline's rows are grouped by.
   */
  readonly scalesByTotal = new Map<string, Decimal>();
  readonly fullHourShares = new Map<Decimal, Map<Decimal | 'even', Decimal>>();

  /** The calendar period containing an instant, memoised by zone, period kind and local day. */
  periodOf(
    zone: string,
    period: CalendarPeriod,
    instant: number,
    weekStartsOn: WeekStart = 'monday',
  ): { start: number; end: number } {
    const kind = period === 'week' && weekStartsOn === 'sunday' ? 'week-sunday' : period;
    const key = `${zone}|${kind}|${Math.floor(toLocal(zone, instant) / DAY_MS)}`;
    let bounds = this.periodBounds.get(key);
    if (!bounds) {
      bounds = periodsSeen.get(key);
      if (!bounds) {
        bounds = calendarPeriodAt(zone, period, instant, weekStartsOn);
        if (periodsSeen.size >= PERIODS_SEEN_LIMIT) periodsSeen.clear();
        periodsSeen.set(key, bounds);
      }
      this.periodBounds.set(key, bounds);
      this.size += 1;
    }
    return bounds;
  }

  bucketsOf(zone: string, from: number, to: number): HourBucket[] {
    const key = `${zone}|${from}|${to}`;
    let buckets = this.buckets.get(key);
    if (!buckets) {
      this.allow(Math.ceil((to - from) / HOUR_MS) + 1);
      buckets = hourBuckets(zone, from, to);
      this.buckets.set(key, buckets);
      this.size += buckets.length;
    }
    return buckets;
  }
}

/**
 * Calendar periods by zone, kind and local day, kept across requests: a pure function of the key (as time.ts keeps
 * zones' offsets), about 2 µs of date-fns each, a week's remaining days in every daily budget's answer. Finding them
 * is charged no work, so a request's admission does not depend on what earlier requests left here. Bounded.
 */
const periodsSeen = new Map<string, { start: number; end: number }>();
const PERIODS_SEEN_LIMIT = 100_000;

/**
 * Hour buckets one request may walk: a backstop behind the cost model (cost.ts), which admits requests
 * before any work from their shape alone. The cache is the request's own, so the backstop's verdict too
 * depends on the request alone. Within a request, rows sharing zones, profiles and windows share walks.
 */
export const REQUEST_WORK_LIMIT = 1_600_000;
/** Timeline rows one response may carry (about 10 MB of JSON). */
export const TIMELINE_ROW_LIMIT = 50_000;

/** A fresh cache for one request, shared by its campaigns or rows, with the request's work backstop. */
export function sharedSpendCache(workLimit = REQUEST_WORK_LIMIT): SpendCache {
  return new SpendCache().startRequest(workLimit);
}

const profileKeys = new WeakMap<readonly Decimal[], string>();

/** A profile's identity for the caches, computed once per profile. */
export function profileKey(profile: DeliveryProfile): string {
  if (profile === 'even') return 'even';
  let key = profileKeys.get(profile);
  if (key === undefined) {
    key = profile.map((w) => w.toString()).join(',');
    profileKeys.set(profile, key);
  }
  return key;
}

/**
 * The local calendar period (day, ISO week, month) of a zone that contains an instant, as instants.
 * The calendar arithmetic is date-fns's, on the local wall-clock time held as a UTCDate, so that the
 * host's own time zone never enters it; the period's ends then become instants in the zone.
 */
export function calendarPeriodAt(
  zone: string,
  period: CalendarPeriod,
  instant: number,
  weekStartsOn: WeekStart = 'monday',
): { start: number; end: number } {
  const wall = new UTCDate(toLocal(zone, instant));
  const weekStart = () => startOfWeek(wall, { weekStartsOn: weekStartsOn === 'sunday' ? 0 : 1 });
  const [first, next] =
    period === 'day'
      ? [startOfDay(wall), addDays(startOfDay(wall), 1)]
      : period === 'week'
        ? [weekStart(), addWeeks(weekStart(), 1)]
        : [startOfMonth(wall), addMonths(startOfMonth(wall), 1)];
  const startLocal = first.getTime();
  const endLocal = next.getTime();
  return { start: startOfLocal(zone, startLocal), end: startOfLocal(zone, endLocal) };
}

/**
 * 1 ÷ Σ_{i ∈ [from, to)} w(i) × ms covered: the factor that turns a millisecond of a bucket into its
 * share of the period's budget. Memoised per zone, profile and period; zero for a weightless period.
 * An even profile's sum is the span's length; a weighted one walks the hours (so it is budgeted).
 */
function periodScale(plan: SpendPlan, cache: SpendCache, from: number, to: number): Decimal {
  const key = `${plan.zone}|${profileKey(plan.profile)}|${from}|${to}`;
  let scale = cache.periodScales.get(key);
  if (!scale) {
    if (plan.profile !== 'even') cache.allow(Math.ceil((to - from) / HOUR_MS) + 1);
    const total = weightedMilliseconds(plan.profile, plan.zone, from, to);
    const totalKey = total.toString();
    // A period whose whole weight sits in hours it does not have plans nothing.
    scale = cache.scalesByTotal.get(totalKey) ?? (total.isZero() ? ZERO : ONE.dividedBy(total));
    cache.scalesByTotal.set(totalKey, scale);
    cache.periodScales.set(key, scale);
    cache.size += 1;
  }
  return scale;
}

/**
 * Turns buckets into their share of a budget's amount. Within a bucket spend is uniform, so a bucket's
 * share per ms is w(bucket) ÷ (Σ_{i ∈ period} w(i) × 1 h); it does not depend on the amount, so
 * campaigns that share a zone, profile and period share it. Consecutive buckets usually share their
 * period, so its scale is looked up once per period, not once per bucket.
 */
function bucketShares(plan: SpendPlan, cache: SpendCache) {
  let period: { start: number; end: number; scale: Decimal } | undefined;
  return (bucket: HourBucket, overlap: number): Decimal => {
    if (plan.period === 'hour') return ONE_PER_HOUR.times(overlap);
    if (!period || bucket.start < period.start || bucket.start >= period.end) {
      const { start, end } =
        plan.period === 'lifetime'
          ? { start: plan.flight.start as number, end: plan.flight.end as number }
          : cache.periodOf(plan.zone, plan.period, bucket.start, plan.weekStartsOn);
      period = { start, end, scale: periodScale(plan, cache, start, end) };
    }
    if (overlap !== HOUR_MS) {
      if (plan.profile === 'even') return period.scale.times(overlap);
      return profileWeight(plan.profile, bucket).times(period.scale).times(overlap);
    }
    return fullHourShare(cache, period.scale, plan.profile === 'even' ? 'even' : profileWeight(plan.profile, bucket));
  };
}

/** A full hour's share at a period's scale and an hour's weight, computed once per scale and weight. */
function fullHourShare(cache: SpendCache, scale: Decimal, weight: Decimal | 'even'): Decimal {
  let byWeight = cache.fullHourShares.get(scale);
  if (!byWeight) {
    byWeight = new Map();
    cache.fullHourShares.set(scale, byWeight);
  }
  let share = byWeight.get(weight);
  if (!share) {
    share = weight === 'even' ? scale.times(HOUR_MS) : weight.times(scale).times(HOUR_MS);
    byWeight.set(weight, share);
    cache.size += 1;
  }
  return share;
}

/** False when a lifetime budget's profile puts no weight on any hour of its flight: it could never be spent. */
export function lifetimeCanSpend(plan: SpendPlan, cache: SpendCache): boolean {
  return !periodScale(plan, cache, plan.flight.start as number, plan.flight.end as number).isZero();
}

const planShapeKeys = new WeakMap<SpendPlan, string>();

/** Everything that decides how a budget is spread, except its amount; built once per plan (plans are not changed). */
function planShapeKey(plan: SpendPlan): string {
  let key = planShapeKeys.get(plan);
  if (key === undefined) {
    key =
      `${plan.zone}|${profileKey(plan.profile)}|${plan.period}|${plan.flight.start ?? ''}-` +
      `${plan.flight.end ?? ''}|${plan.weekStartsOn ?? 'monday'}`;
    planShapeKeys.set(plan, key);
  }
  return key;
}

/**
 * The share of the budget's amount planned in [from, to), clipped to the flight, per local hour bucket
 * and in total. It does not depend on the amount, so it is computed once per plan shape and span and
 * serves every campaign (and batch row) that shares them.
 */
export function plannedSharesBetween(plan: SpendPlan, cache: SpendCache, from: number, to: number): PlannedShares {
  const start = Math.max(from, plan.flight.start ?? from);
  const end = Math.min(to, plan.flight.end ?? to);
  if (end <= start) return { buckets: [], total: ZERO };
  const key = `${planShapeKey(plan)}|${start}|${end}`;
  let shares = cache.spanShares.get(key);
  if (!shares) {
    let total = ZERO;
    const shareOf = bucketShares(plan, cache);
    const buckets = cache.bucketsOf(plan.zone, start, end).map((bucket) => {
      const share = shareOf(bucket, Math.min(bucket.end, end) - Math.max(bucket.start, start));
      total = total.plus(share);
      return { bucket, share };
    });
    shares = { buckets, total };
    cache.spanShares.set(key, shares);
    cache.size += buckets.length;
  }
  return shares;
}
const ONE_PER_HOUR = new D(1).dividedBy(HOUR);

/** Planned spend in [from, to), clipped to the flight. */
export function plannedSpendBetween(plan: SpendPlan, cache: SpendCache, from: number, to: number): Decimal {
  return plan.amount.times(plannedSharesBetween(plan, cache, from, to).total);
}
