import Decimal from 'decimal.js';
import { D } from './decimal';

/** How outputs are rounded: half-even (banker's) by default, half-up on request. */
export type RoundingMode = 'half-even' | 'half-up';

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-up': Decimal.ROUND_HALF_UP,
};

/** Decimal places of each kind of output (DESIGN.md section 2, "Numbers"). */
export const PLACES = { count: 2, ratio: 6, percent: 4 } as const;

const currencyDigitsCache = new Map<string, number>();

/** Minor-unit digits of an ISO 4217 currency, as Intl knows them: USD 2, JPY 0, KWD 3. */
export function currencyDigits(currency: string): number {
  let digits = currencyDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    currencyDigitsCache.set(currency, digits);
  }
  return digits;
}

/** Rounds to `places` decimals with the chosen mode; never returns negative zero. */
export function roundTo(value: Decimal, places: number, mode: RoundingMode): Decimal {
  const rounded = value.toDecimalPlaces(places, MODES[mode]);
  return rounded.isZero() ? new D(0) : rounded;
}

/** The decimal string of a value rounded to `places` decimals: always plain notation, never "-0.00". */
export function formatFixed(value: Decimal, places: number, mode: RoundingMode): string {
  return roundTo(value, places, mode).toFixed(places);
}

/**
 * Formats outputs of one response: money in the currency's minor units, counts to 2 places,
 * ratios (fractions and funnel parameters) to 6, `...Percent` fields to 4.
 */
export function formatter(currency: string, mode: RoundingMode) {
  const moneyPlaces = currencyDigits(currency);
  return {
    moneyPlaces,
    mode,
    money: (v: Decimal) => formatFixed(v, moneyPlaces, mode),
    /** Rates per second or minute keep two more places than the currency has (DESIGN.md section 5). */
    fineMoney: (v: Decimal) => formatFixed(v, moneyPlaces + 2, mode),
    count: (v: Decimal) => formatFixed(v, PLACES.count, mode),
    ratio: (v: Decimal) => formatFixed(v, PLACES.ratio, mode),
    percent: (v: Decimal) => formatFixed(v, PLACES.percent, mode),
  };
}
export type Formatter = ReturnType<typeof formatter>;
