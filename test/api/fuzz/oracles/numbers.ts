import type Decimal from 'decimal.js';
import { expect } from 'vitest';
import { X } from '../exact';

// Decimal output strings, and how far separately rounded values may disagree.

// ---------------------------------------------------------------------------------------------------------
// Decimal strings and rounding
// ---------------------------------------------------------------------------------------------------------

export const DECIMAL_OUT = /^-?\d+(\.\d+)?$/;

export function placesOf(text: string): number {
  return text.split('.')[1]?.length ?? 0;
}

/** A decimal output string with exactly `places` decimals. */
export function expectDecimal(text: string | null | undefined, places: number, label: string): void {
  expect(text, label).toMatch(DECIMAL_OUT);
  expect(placesOf(text as string), `${label} = ${text}`).toBe(places);
}

/**
 * |a − b| ≤ units in the last place (10^−places). Values rounded separately can disagree with the
 * exact arithmetic between them by a unit or so; the comment at each use says why that many. Beyond
 * 1e32 the service's 35 significant digits no longer reach the last place, so a few units of the 35th
 * digit are allowed on top.
 */
export function expectWithinUnits(
  a: string | Decimal,
  b: string | Decimal,
  places: number,
  units: number,
  label: string,
): void {
  const diff = new X(a).minus(b).abs();
  const allowed = new X(10).pow(-places).times(units).plus(new X(b).abs().times('1e-33'));
  expect(diff.lessThanOrEqualTo(allowed), `${label}: ${a.toString()} vs ${b.toString()}`).toBe(true);
}

export const MONEY_PLACES: Record<string, number> = { USD: 2, EUR: 2, JPY: 0, KWD: 3 };
