import Decimal from 'decimal.js';
import { D } from './decimal';
import { type RoundingMode, roundTo } from './rounding';

/**
 * Sums of parts are exact in this precision: a part carries D.precision significant digits and, rounded
 * to its places, at most about 80 digits in all (a count of 1e46 to 2 places is 49).
 */
const Exact = D.clone({ precision: 200 });

/**
 * Rounds each of `values` to `places` decimals so that the rounded parts add up exactly to `total`
 * rounded (largest-remainder method); `total` defaults to the sum of the values. Every part is first
 * rounded down; the units still missing go, one each, to the parts with the largest remainders (earlier
 * parts win ties, so the answer is deterministic). When `total` is a value computed on its own (a
 * campaign's lost revenue, beside the shares of it in the timeline), the two can differ in their last
 * digits; surplus units then come off the parts with the smallest remainders.
 */
export function allocateLargestRemainder(
  values: readonly Decimal[],
  places: number,
  mode: RoundingMode,
  total?: Decimal,
): Decimal[] {
  if (values.length === 0) return [];
  // Rounding down is not symmetric in sign; mirror a negative series so that it splits like its positive twin.
  if (values.some((v) => v.lessThan(0)) && values.every((v) => v.lessThanOrEqualTo(0))) {
    return allocateLargestRemainder(
      values.map((v) => v.negated()),
      places,
      mode,
      total?.negated(),
    ).map((v) => (v.isZero() ? new D(0) : v.negated()));
  }
  const unit = new Exact(10).pow(-places);
  // Timeline columns repeat their values (every full hour of an even budget's day): each distinct Decimal is split
  // into its floor and remainder once, and the units added to it once, by identity.
  const parts = splitEach(values, places);
  const floors = values.map((v) => (parts.get(v) as Part).floor);
  const order = values
    .map((v, index) => ({ index, remainder: (parts.get(v) as Part).remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? 0 : b.remainder.comparedTo(a.remainder)) || a.index - b.index)
    .map((r) => r.index);
  const target = roundTo(total ?? values.reduce((s, v) => s.plus(v), new Exact(0)), places, mode);
  const missingUnits = new Exact(target).minus(sumOfFloors(parts)).dividedBy(unit);
  // Usually fewer units are missing than there are parts. A separately computed total of 1e40 can be
  // billions of units off its parts' sum (35 digits do not reach the cents there): those go to every
  // part alike, in one step, and only the rest one by one.
  const each = missingUnits.dividedToIntegerBy(order.length);
  let rest = missingUnits.minus(each.times(order.length)).toNumber();
  if (!each.isZero()) {
    const share = each.times(unit);
    for (let i = 0; i < floors.length; i++) floors[i] = (floors[i] as Decimal).plus(share);
  }
  const plusUnit = memoised((f: Decimal) => f.plus(unit));
  const minusUnit = memoised((f: Decimal) => f.minus(unit));
  for (let k = 0; rest > 0; k++, rest--) floors[order[k] as number] = plusUnit(floors[order[k] as number] as Decimal);
  for (let k = order.length - 1; rest < 0; k--, rest++)
    floors[order[k] as number] = minusUnit(floors[order[k] as number] as Decimal);
  const output = memoised((f: Decimal) => (f.isZero() ? new D(0) : new D(f)));
  return floors.map((f) => output(f as Decimal));
}

/** A value rounded down to the places, what that left over, and how many of the values it is. */
interface Part {
  floor: Decimal;
  remainder: Decimal;
  count: number;
}

function splitEach(values: readonly Decimal[], places: number): Map<Decimal, Part> {
  const parts = new Map<Decimal, Part>();
  for (const v of values) {
    const part = parts.get(v);
    if (part) part.count++;
    else {
      const exact = new Exact(v);
      const floor = exact.toDecimalPlaces(places, Decimal.ROUND_FLOOR);
      parts.set(v, { floor, remainder: exact.minus(floor), count: 1 });
    }
  }
  return parts;
}

/** Σ floors, each distinct one times its count: exact at Exact's precision, as the sum one by one was. */
function sumOfFloors(parts: Map<Decimal, Part>): Decimal {
  let sum = new Exact(0);
  for (const { floor, count } of parts.values()) sum = sum.plus(count === 1 ? floor : floor.times(count));
  return sum;
}

/** f, computed once per distinct Decimal it is given. */
function memoised(f: (x: Decimal) => Decimal): (x: Decimal) => Decimal {
  const seen = new Map<Decimal, Decimal>();
  return (x) => {
    let y = seen.get(x);
    if (!y) {
      y = f(x);
      seen.set(x, y);
    }
    return y;
  };
}
