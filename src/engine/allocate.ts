import Decimal from 'decimal.js';
import { D, sum } from './decimal';
import { type RoundingMode, roundTo } from './rounding';

/**
 * Rounds each of `values` to `places` decimals so that the rounded parts add up exactly to the rounded
 * total (largest-remainder method). Every part is first rounded down; the units still missing from the
 * rounded total go, one each, to the parts with the largest remainders (earlier parts win ties, so the
 * answer is deterministic).
 */
export function allocateLargestRemainder(values: readonly Decimal[], places: number, mode: RoundingMode): Decimal[] {
  // Rounding down is not symmetric in sign; mirror a negative series so that it splits like its positive twin.
  if (values.some((v) => v.lessThan(0)) && values.every((v) => v.lessThanOrEqualTo(0))) {
    return allocateLargestRemainder(values.map((v) => v.negated()), places, mode).map((v) => (v.isZero() ? new D(0) : v.negated()));
  }
  const unit = new D(1).dividedBy(new D(10).pow(places));
  let exactTotal = new D(0);
  const floors: Decimal[] = [];
  const remainders: { index: number; remainder: Decimal }[] = [];
  values.forEach((value, index) => {
    exactTotal = exactTotal.plus(value);
    const floor = value.toDecimalPlaces(places, Decimal.ROUND_FLOOR);
    floors.push(floor);
    remainders.push({ index, remainder: value.minus(floor) });
  });
  const roundedTotal = roundTo(exactTotal, places, mode);
  let missingUnits = roundedTotal.minus(sum(floors)).dividedBy(unit).toNumber();
  remainders.sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of remainders) {
    if (missingUnits <= 0) break;
    floors[index] = (floors[index] as Decimal).plus(unit);
    missingUnits -= 1;
  }
  return floors.map((f) => (f.isZero() ? new D(0) : f));
}
