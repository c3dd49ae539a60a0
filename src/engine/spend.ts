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

export interface BucketSpend {
  bucket: HourBucket;
  spend: Decimal;
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

export function profileKey(profile: DeliveryProfile): string {
  return profile === 'even' ? 'even' : profile.map((w) => w.toString()).join(',');
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
 * Planned spend per millisecond inside a bucket (spend is uniform within a bucket):
 * amount × w(bucket) ÷ (Σ_{i ∈ period} w(i) × 1 h), or amount ÷ 1 h for hourly budgets.
 */
function spendRate(plan: SpendPlan, cache: SpendCache, bucket: HourBucket): Decimal {
  if (plan.period === 'hour') return plan.amount.dividedBy(HOUR);
  const { start, end } =
    plan.period === 'lifetime'
      ? { start: plan.flight.start as number, end: plan.flight.end as number }
      : cache.periodOf(plan.zone, plan.period, bucket);
  const total = weightBetween(plan, cache, start, end);
  if (total.isZero()) return ZERO; // all of the period's weight sits in hours it does not have
  return plan.amount.times(profileWeight(plan.profile, bucket)).dividedBy(total.times(HOUR));
}

/** The lifetime budget's total weight over its flight; zero means the budget could never be spent. */
export function lifetimeWeight(plan: SpendPlan, cache: SpendCache): Decimal {
  return weightBetween(plan, cache, plan.flight.start as number, plan.flight.end as number);
}

/** Planned spend in [from, to), clipped to the flight, per local hour bucket. */
export function plannedSpendBetween(plan: SpendPlan, cache: SpendCache, from: number, to: number): BucketSpend[] {
  const start = Math.max(from, plan.flight.start ?? from);
  const end = Math.min(to, plan.flight.end ?? to);
  if (end <= start) return [];
  return cache.bucketsOf(plan.zone, start, end).map((bucket) => {
    const overlap = Math.min(bucket.end, end) - Math.max(bucket.start, start);
    return { bucket, spend: spendRate(plan, cache, bucket).times(overlap) };
  });
}
