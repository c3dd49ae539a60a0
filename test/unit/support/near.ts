import Decimal from 'decimal.js';
import { expect } from 'vitest';

// 60-digit decimals for the hand arithmetic of the engine tests, and the tolerance they compare with.

export const X = Decimal.clone({ precision: 60 });
export const x = (v: Decimal.Value) => new X(v);

/** The engine computes with at least 34 significant digits (DESIGN.md): equal to the exact value within 1e-30 relative. */
export function expectNear(actual: Decimal | null | undefined, expected: Decimal.Value): void {
  if (actual === null || actual === undefined) throw new Error(`expected ${expected}, got ${actual}`);
  const want = x(expected);
  const tolerance = X.max(1, want.abs()).times('1e-30');
  expect(
    x(actual).minus(want).abs().lessThanOrEqualTo(tolerance),
    `${actual.toString()} should be ${want.toString()}`,
  ).toBe(true);
}
