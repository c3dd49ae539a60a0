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
 * Work shared by the campaigns of one request (or one batch): hour buckets per zone and span, and the
 * profile weight of each budget period, computed once per distinct zone, profile and period.
 */
export class SpendCache {
  readonly buckets = new Map<string, HourBucket[]>();
  readonly periodWeights = new Map<string, Decimal>();
  readonly periodBounds = new Map<string, { start: number; end: number }>();
  readonly bucketShares = new Map<string, Decimal>();
  readonly spanShares = new Map<string, PlannedShares>();

  /** The calendar period containing a bucket, memoised by zone, period kind and local day. */
  periodOf(zone: string, period: CalendarPeriod, bucket: HourBucket): { start: number; end: number } {
    const key = `${zone}|${period}|${Math.floor(bucket.localStart / DAY_MS)}`;
    let bounds = this.periodBounds.get(key);
    if (!bounds) {
      bounds = calendarPeriodAt(zone, period, bucket.start);
      this.periodBounds.set(key, bounds);
    }
    return bounds;
  }

  bucketsOf(zone: string, from: number, to: number): HourBucket[] {
    const key = `${zone}|${from}|${to}`;
    let buckets = this.buckets.get(key);
    if (!buckets) {
      buckets = hourBuckets(zone, from, to);
      this.buckets.set(key, buckets);
    }
    return buckets;
  }
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
  return profileWeight(profile, bucket).times(covered).dividedBy(HOUR);
}

/** The local calendar period (day, ISO week, month) of a zone that contains an instant, as instants. */
export function calendarPeriodAt(zone: string, period: CalendarPeriod, instant: number): { start: number; end: number } {
  const local = toLocal(zone, instant);
  const day = Math.floor(local / DAY_MS);
  let startLocal: number;
  let endLocal: number;
  if (period === 'day') {
    startLocal = day * DAY_MS;
    endLocal = startLocal + DAY_MS;
  } else if (period === 'week') {
    const monday = day - ((((day + 3) % 7) + 7) % 7);
    startLocal = monday * DAY_MS;
    endLocal = startLocal + 7 * DAY_MS;
  } else {
    const date = new Date(local);
    startLocal = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    endLocal = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return { start: startOfLocal(zone, startLocal), end: startOfLocal(zone, endLocal) };
}

/** Σ of bucket weights over [from, to): the denominator that spreads a budget over its period. */
function weightBetween(plan: SpendPlan, cache: SpendCache, from: number, to: number): Decimal {
  const key = `${plan.zone}|${profileKey(plan.profile)}|${from}|${to}`;
  let weight = cache.periodWeights.get(key);
  if (!weight) {
    weight = ZERO;
    for (const bucket of cache.bucketsOf(plan.zone, from, to)) weight = weight.plus(coveredWeight(plan.profile, bucket, from, to));
    cache.periodWeights.set(key, weight);
  }
  return weight;
}

/**
 * The share of a budget's amount that one millisecond of a bucket carries (spend is uniform within a
 * bucket): w(bucket) ÷ (Σ_{i ∈ period} w(i) × 1 h). It does not depend on the amount, so campaigns that
 * share a zone, profile and period share it.
 */
function bucketShare(plan: SpendPlan, cache: SpendCache, bucket: HourBucket): Decimal {
  const flightKey = plan.period === 'lifetime' ? `${plan.flight.start}-${plan.flight.end}` : '';
  const key = `${plan.zone}|${profileKey(plan.profile)}|${plan.period}|${flightKey}|${bucket.start}`;
  let share = cache.bucketShares.get(key);
  if (!share) {
    const { start, end } =
      plan.period === 'lifetime' ? { start: plan.flight.start as number, end: plan.flight.end as number } : cache.periodOf(plan.zone, plan.period as CalendarPeriod, bucket);
    const total = weightBetween(plan, cache, start, end);
    // A period whose whole weight sits in hours it does not have plans nothing.
    share = total.isZero() ? ZERO : profileWeight(plan.profile, bucket).dividedBy(total.times(HOUR));
    cache.bucketShares.set(key, share);
  }
  return share;
}

/** The lifetime budget's total weight over its flight; zero means the budget could never be spent. */
export function lifetimeWeight(plan: SpendPlan, cache: SpendCache): Decimal {
  return weightBetween(plan, cache, plan.flight.start as number, plan.flight.end as number);
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
    const buckets = cache.bucketsOf(plan.zone, start, end).map((bucket) => {
      const overlap = Math.min(bucket.end, end) - Math.max(bucket.start, start);
      const perMs = plan.period === 'hour' ? ONE_PER_HOUR : bucketShare(plan, cache, bucket);
      const share = perMs.times(overlap);
      total = total.plus(share);
      return { bucket, share };
    });
    shares = { buckets, total };
    cache.spanShares.set(key, shares);
  }
  return shares;
}
const ONE_PER_HOUR = new D(1).dividedBy(HOUR);

/** Planned spend in [from, to), clipped to the flight. */
export function plannedSpendBetween(plan: SpendPlan, cache: SpendCache, from: number, to: number): Decimal {
  return plan.amount.times(plannedSharesBetween(plan, cache, from, to).total);
}
