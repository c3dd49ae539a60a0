import type Decimal from 'decimal.js';
import { forEachHourBucket, type HourBucket } from './buckets';
import { D, ZERO } from './decimal';

/**
 * Relative weights of the local hours: `even`, 24 hour-of-day weights (00:00 first) or 168 hour-of-week
 * weights (Monday 00:00 first). A campaign's delivery profile and the platform's traffic profile.
 */
export type HourWeights = 'even' | readonly Decimal[];

const ONE = new D(1);

/** The slot of a weighted profile that a local clock hour takes: hour of day, or hour of week. */
export function profileSlot(weights: readonly Decimal[], bucket: HourBucket): number {
  return weights.length === 168 ? bucket.weekday * 24 + bucket.hourOfDay : bucket.hourOfDay;
}

/** The weight of a local clock hour. */
export function profileWeight(profile: HourWeights, bucket: HourBucket): Decimal {
  return profile === 'even' ? ONE : (profile[profileSlot(profile, bucket)] as Decimal);
}

/**
 * Σ over the local hours of `zone` that [from, to) covers of weight × milliseconds covered: how much
 * weighted time the span holds. Milliseconds per slot are whole numbers, exact in a double, so the walk
 * over the hours needs no Decimal; the weights are applied once per slot at the end.
 */
export function weightedMilliseconds(profile: HourWeights, zone: string, from: number, to: number): Decimal {
  if (profile === 'even') return new D(to - from);
  const coveredMs = new Array<number>(profile.length).fill(0);
  forEachHourBucket(zone, from, to, (bucket) => {
    const slot = profileSlot(profile, bucket);
    coveredMs[slot] = (coveredMs[slot] ?? 0) + Math.min(bucket.end, to) - Math.max(bucket.start, from);
  });
  let weighted = ZERO;
  profile.forEach((w, slot) => {
    if (coveredMs[slot]) weighted = weighted.plus(w.times(coveredMs[slot] as number));
  });
  return weighted;
}
