import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, addWeeks, startOfDay, startOfISOWeek, startOfMonth } from 'date-fns';
import type Decimal from 'decimal.js';
import { type HourBucket, hourBuckets } from './buckets';
import { D, ZERO } from './decimal';
import { DAY_MS, HOUR_MS, startOfLocal, toLocal } from './time';

export type BudgetPeriod = 'hour' | 'day' | 'week' | 'month' | 'lifetime';
export type CalendarPeriod = 'day' | 'week' | 'month';

/** Hour-of-day (24) or hour-of-week (168, Monday 00:00 first) weights in the campaign's zone. */
export type DeliveryProfile = 'even' | readonly Decimal[];

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
}

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
 * of its key, so one cache may serve every request of an isolate (see sharedSpendCache).
 */
export class SpendCache {
  /** What the cache holds, counted in buckets (a single value counts 1), so that it can be bounded. */
  size = 0;
  readonly buckets = new Map<string, HourBucket[]>();
  /** Per period: 1 ÷ (Σ weights × 1 h), the factor that turns a bucket's weight into its share per ms. */
  readonly periodScales = new Map<string, Decimal>();
  readonly periodBounds = new Map<string, { start: number; end: number }>();
  readonly spanShares = new Map<string, PlannedShares>();

  /** The calendar period containing an instant, memoised by zone, period kind and local day. */
  periodOf(zone: string, period: CalendarPeriod, instant: number): { start: number; end: number } {
    const key = `${zone}|${period}|${Math.floor(toLocal(zone, instant) / DAY_MS)}`;
    let bounds = this.periodBounds.get(key);
    if (!bounds) {
      bounds = calendarPeriodAt(zone, period, instant);
      this.periodBounds.set(key, bounds);
      this.size += 1;
    }
    return bounds;
  }

  bucketsOf(zone: string, from: number, to: number): HourBucket[] {
    const key = `${zone}|${from}|${to}`;
    let buckets = this.buckets.get(key);
    if (!buckets) {
      buckets = hourBuckets(zone, from, to);
      this.buckets.set(key, buckets);
      this.size += buckets.length;
    }
    return buckets;
  }
}

/** About 40 MB of buckets at most, well inside a Worker isolate's 128 MB. */
const SHARED_CACHE_LIMIT = 250_000;
let sharedCache = new SpendCache();

/** The isolate's cache, reused across requests; dropped wholesale and started afresh past its bound. */
export function sharedSpendCache(): SpendCache {
  if (sharedCache.size > SHARED_CACHE_LIMIT) sharedCache = new SpendCache();
  return sharedCache;
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

/** The profile's weight for a local clock hour. */
export function profileWeight(profile: DeliveryProfile, bucket: HourBucket): Decimal {
  if (profile === 'even') return ONE_WEIGHT;
  const index = profile.length === 168 ? bucket.weekday * 24 + bucket.hourOfDay : bucket.hourOfDay;
  return profile[index] as Decimal;
}
const ONE_WEIGHT = new D(1);

/** A bucket's weight: the profile weight of its hour × the share of a full hour that it covers in [from, to). */
function coveredWeight(profile: DeliveryProfile, bucket: HourBucket, from: number, to: number): Decimal {
  const covered = Math.min(bucket.end, to) - Math.max(bucket.start, from);
  if (covered <= 0) return ZERO;
  const weight = profileWeight(profile, bucket);
  return covered === HOUR_MS ? weight : weight.times(covered).dividedBy(HOUR);
}

/**
 * The local calendar period (day, ISO week, month) of a zone that contains an instant, as instants.
 * The calendar arithmetic is date-fns's, on the local wall-clock time held as a UTCDate, so that the
 * host's own time zone never enters it; the period's ends then become instants in the zone.
 */
export function calendarPeriodAt(zone: string, period: CalendarPeriod, instant: number): { start: number; end: number } {
  const wall = new UTCDate(toLocal(zone, instant));
  const [first, next] =
    period === 'day'
      ? [startOfDay(wall), addDays(startOfDay(wall), 1)]
      : period === 'week'
        ? [startOfISOWeek(wall), addWeeks(startOfISOWeek(wall), 1)]
        : [startOfMonth(wall), addMonths(startOfMonth(wall), 1)];
  const startLocal = first.getTime();
  const endLocal = next.getTime();
  return { start: startOfLocal(zone, startLocal), end: startOfLocal(zone, endLocal) };
}

/** Σ of bucket weights over [from, to): the denominator that spreads a budget over its period. */
function weightBetween(plan: SpendPlan, cache: SpendCache, from: number, to: number): Decimal {
  let weight = ZERO;
  for (const bucket of cache.bucketsOf(plan.zone, from, to)) weight = weight.plus(coveredWeight(plan.profile, bucket, from, to));
  return weight;
}

/** 1 ÷ (Σ_{i ∈ [from, to)} w(i) × 1 h), memoised per zone, profile and period; zero for a weightless period. */
function periodScale(plan: SpendPlan, cache: SpendCache, from: number, to: number): Decimal {
  const key = `${plan.zone}|${profileKey(plan.profile)}|${from}|${to}`;
  let scale = cache.periodScales.get(key);
  if (!scale) {
    const total = weightBetween(plan, cache, from, to);
    // A period whose whole weight sits in hours it does not have plans nothing.
    scale = total.isZero() ? ZERO : ONE_WEIGHT.dividedBy(total.times(HOUR));
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
  let period: { start: number; end: number; scale: Decimal; fullHour?: Decimal } | undefined;
  return (bucket: HourBucket, overlap: number): Decimal => {
    if (plan.period === 'hour') return ONE_PER_HOUR.times(overlap);
    if (!period || bucket.start < period.start || bucket.start >= period.end) {
      const { start, end } =
        plan.period === 'lifetime' ? { start: plan.flight.start as number, end: plan.flight.end as number } : cache.periodOf(plan.zone, plan.period, bucket.start);
      period = { start, end, scale: periodScale(plan, cache, start, end) };
    }
    if (plan.profile !== 'even') return profileWeight(plan.profile, bucket).times(period.scale).times(overlap);
    if (overlap !== HOUR_MS) return period.scale.times(overlap);
    period.fullHour ??= period.scale.times(HOUR_MS);
    return period.fullHour;
  };
}

/** False when a lifetime budget's profile puts no weight on any hour of its flight: it could never be spent. */
export function lifetimeCanSpend(plan: SpendPlan, cache: SpendCache): boolean {
  return !periodScale(plan, cache, plan.flight.start as number, plan.flight.end as number).isZero();
}

/** Everything that decides how a budget is spread, except its amount. */
function planShapeKey(plan: SpendPlan): string {
  return `${plan.zone}|${profileKey(plan.profile)}|${plan.period}|${plan.flight.start ?? ''}-${plan.flight.end ?? ''}`;
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
