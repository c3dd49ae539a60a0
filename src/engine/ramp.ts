import type Decimal from 'decimal.js';
import { forEachHourBucket, type HourBucket } from './buckets';
import { D, ONE, ZERO } from './decimal';
import { type PlannedShares, plannedSharesBetween, type SpendCache, type SpendPlan } from './spend';
import { HOUR_MS } from './time';

/**
 * Recovery ramps (DESIGN.md section 13). After a forced mass log-out audiences come back gradually:
 * over [end, end + ramp) the loss falls linearly from the window's deliveryLoss to 0. Spend is uniform
 * inside an hour bucket, so over the piece [a, b) of a bucket the lost spend is a trapezoid:
 *
 *   ∫_a^b planned/(b − a) × L × (1 − (t − end)/ramp) dt
 *     = planned × L × (2·ramp − (a − end) − (b − end)) ÷ (2·ramp)
 *
 * which is exact in decimals because every instant is a whole millisecond.
 */

/** Bounds of the realism fields of a window. A ramp of a week is far longer than any recorded recovery. */
export const OUTAGE_REALISM_LIMITS = { recoveryMinutes: 10_080, platforms: 20, platformLength: 40 } as const;

export interface RampWindow {
  end: number;
  deliveryLoss: Decimal;
  /** The ramp's length in milliseconds; absent or 0 for none. */
  recoveryMs?: number;
}

/** One bucket's piece of a ramp: the planned spend in it and the part of that the ramp lost. */
export interface RampPiece {
  bucket: HourBucket;
  planned: Decimal;
  lost: Decimal;
}

export interface RampLoss {
  planned: Decimal;
  lost: Decimal;
  pieces: RampPiece[];
}

/** What a window without a ramp (or without loss) loses after its end: one shared value, recognised by identity. */
export const NO_RAMP: RampLoss = { planned: ZERO, lost: ZERO, pieces: [] };

/** True when a window's ramp ends after the next window starts (the ramp would run into it). */
export function rampIntoNextWindow(window: { end: number; recoveryMs?: number }, next: { start: number }): boolean {
  return window.end + (window.recoveryMs ?? 0) > next.start;
}

/**
 * The work a window's ramp adds, in hour buckets walked: the one place it is counted, for a cost model
 * that prices a request from its shape. Today the walk itself is charged where it happens
 * (SpendCache.bucketsOf, through plannedSharesBetween), so this is what that charge comes to.
 */
export function rampBucketCount(window: { recoveryMs?: number }): number {
  const ms = window.recoveryMs ?? 0;
  return ms > 0 ? Math.ceil(ms / HOUR_MS) + 1 : 0;
}

/**
 * Σ over the ramp's pieces of share × (2·ramp − a − b): the lost share of the budget's amount, times
 * 2·ramp ÷ deliveryLoss. It does not depend on the amount or the loss, so campaigns that share a plan
 * shape and a ramp (keyed by the span's cached shares and the ramp) compute it once.
 */
const weightedShares = new WeakMap<PlannedShares, Map<string, WeightedShare>>();

/**
 * The weighted share of a span and ramp, with 2·ramp as a Decimal and as m × 10^k (m without trailing zeros), all
 * computed once. Dividing by m and shifting by 10^-k gives the same correctly rounded quotient as dividing by 2·ramp
 * (the same digits, k places over); m (at most 12 × the minutes of a whole-minute ramp) is one decimal.js word,
 * and a division by one word is about three times as fast.
 */
interface WeightedShare {
  weighted: Decimal;
  twiceRamp: Decimal;
  divisor: Decimal;
  shift: Decimal | null;
}

function twiceRampParts(twiceRamp: number): Pick<WeightedShare, 'divisor' | 'shift'> {
  let m = twiceRamp;
  let k = 0;
  while (m % 10 === 0) {
    m /= 10;
    k++;
  }
  return { divisor: new D(m), shift: k === 0 ? null : new D(10).pow(-k) };
}

function weightedShare(shares: PlannedShares, w: RampWindow, ramp: number, start: number, end: number): WeightedShare {
  let byRamp = weightedShares.get(shares);
  if (!byRamp) {
    byRamp = new Map();
    weightedShares.set(shares, byRamp);
  }
  const key = `${w.end}|${ramp}`;
  let found = byRamp.get(key);
  if (!found) {
    let weighted = ZERO;
    for (const { bucket, share } of shares.buckets) {
      const [a, b] = pieceOffsets(bucket, w.end, start, end);
      weighted = weighted.plus(share.times(2 * ramp - a - b));
    }
    found = { weighted, twiceRamp: new D(2 * ramp), ...twiceRampParts(2 * ramp) };
    byRamp.set(key, found);
  }
  return found;
}

/** Where a bucket's piece of [start, end) begins and ends, in ms after the window's end. */
const pieceOffsets = (bucket: HourBucket, windowEnd: number, start: number, end: number) =>
  [Math.max(bucket.start, start) - windowEnd, Math.min(bucket.end, end) - windowEnd] as const;

/**
 * Planned and lost spend of a window's recovery ramp inside [from, to) (default: the whole ramp),
 * clipped to the flight; with `pieces`, bucket by bucket too (for the timeline). Unrounded.
 */
export function rampLoss(
  plan: SpendPlan,
  cache: SpendCache,
  w: RampWindow,
  from = w.end,
  to = Number.POSITIVE_INFINITY,
  pieces = false,
): RampLoss {
  const ramp = w.recoveryMs ?? 0;
  if (ramp <= 0 || w.deliveryLoss.isZero()) return NO_RAMP;
  const start = Math.max(w.end, from, plan.flight.start ?? from);
  const end = Math.min(w.end + ramp, to, plan.flight.end ?? to);
  if (end <= start) return NO_RAMP;
  const shares = plannedSharesBetween(plan, cache, start, end);
  const { weighted, twiceRamp, divisor, shift } = weightedShare(shares, w, ramp, start, end);
  const lostAtFullLoss = plan.amount.times(weighted);
  // × 1 (a total outage) would only copy the product, which is already at D's precision; ÷ 2·ramp as m × 10^k.
  const quotient = (w.deliveryLoss.eq(ONE) ? lostAtFullLoss : lostAtFullLoss.times(w.deliveryLoss)).dividedBy(divisor);
  const loss = {
    planned: plan.amount.times(shares.total),
    lost: shift ? quotient.times(shift) : quotient,
    pieces: [] as RampPiece[],
  };
  if (!pieces) return loss;
  loss.pieces = shares.buckets.map(({ bucket, share }) => {
    const [a, b] = pieceOffsets(bucket, w.end, start, end);
    const spend = plan.amount.times(share);
    // The mean of the linear loss over [a, b) is its value at the midpoint: a trapezoid.
    return {
      bucket,
      planned: spend,
      lost: spend
        .times(w.deliveryLoss)
        .times(2 * ramp - a - b)
        .dividedBy(twiceRamp),
    };
  });
  return loss;
}

/**
 * The revenue of a window's recovery ramp weighted by how much of it is still lost, Σ over the ramp's
 * pieces [a, b) of revenue(a, b) × (1 − (midpoint − end) ÷ ramp), for a revenue rate that is uniform
 * within each local hour of `zone` (or everywhere, when `even`): the platform-loss form of rampLoss,
 * to be multiplied by deliveryLoss and the affected share.
 */
export function rampWeightedRevenue(
  w: RampWindow,
  revenueIn: (from: number, to: number) => Decimal,
  zone: string,
  even: boolean,
): Decimal {
  const ramp = w.recoveryMs ?? 0;
  if (ramp <= 0) return ZERO;
  // A uniform rate over the whole ramp: the mean of the linear loss is exactly ½.
  if (even) return revenueIn(w.end, w.end + ramp).dividedBy(2);
  const twiceRamp = new D(2 * ramp);
  let total = ZERO;
  forEachHourBucket(zone, w.end, w.end + ramp, (bucket) => {
    const a = Math.max(bucket.start, w.end);
    const b = Math.min(bucket.end, w.end + ramp);
    total = total.plus(
      revenueIn(a, b)
        .times(new D(2 * ramp - (a - w.end) - (b - w.end)))
        .dividedBy(twiceRamp),
    );
  });
  return total;
}
