import Decimal from 'decimal.js';

/**
 * The one Decimal constructor the service computes with: 35 significant digits (DESIGN.md asks for at
 * least 34; decimal.js works in 7-digit words, so 35 costs no more than 34), half-even wherever
 * decimal.js must round. Nothing is rounded to output precision before the output.
 * A clone, so that no other code's global Decimal settings can change our arithmetic.
 */
export const D = Decimal.clone({
  precision: 35,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});
export type D = Decimal;

export const ZERO = new D(0);
export const ONE = new D(1);

export function sum(values: readonly Decimal[]): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}
