import fc from 'fast-check';
import { X } from '../exact';

// Decimal inputs, and the ways a request may write them.

/** A decimal string with up to `places` decimals in [min, max]. */
export const decimalIn = (min: number, max: number, places: number) =>
  fc
    .bigInt({ min: BigInt(Math.round(min * 10 ** places)), max: BigInt(Math.round(max * 10 ** places)) })
    .map((n) => new X(n.toString()).dividedBy(10 ** places).toString());

/** How a numeric input is written: DESIGN.md takes a JSON number or a decimal string, which may use an exponent. */
export type NumberStyle = 'string' | 'number' | 'exponent' | 'padded';
export const STYLES: readonly NumberStyle[] = ['string', 'number', 'exponent', 'padded'];

export function render(value: string, style: NumberStyle): string | number {
  switch (style) {
    case 'number': {
      const n = Number(value);
      // Only where the double is the decimal exactly as written: the service reads String(n).
      return new X(String(n)).equals(value) ? n : value;
    }
    case 'exponent':
      return new X(value).toExponential();
    case 'padded':
      return ` ${value} `;
    default:
      return value;
  }
}

export const weights = (n: number, positive: boolean) =>
  fc
    .array(fc.oneof(decimalIn(0, 9, 0), decimalIn(0, 5, 3)), { minLength: n, maxLength: n })
    .map((w) => (positive ? w.map((x) => (new X(x).isZero() ? '1' : x)) : w))
    .filter((w) => w.some((x) => !new X(x).isZero()));

/** An input at either end of its bounds (1e-12 is the smallest non-zero input), or in between. */
export const extreme = (min: string, max: string) =>
  fc.oneof(fc.constantFrom(min, max), decimalIn(1e-6, Math.min(Number(max), 1e6), 6));
