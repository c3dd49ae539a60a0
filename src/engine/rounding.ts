import Decimal from 'decimal.js';
import { D } from './decimal';
import { settledFixed } from './fixed';

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

/**
 * Significant digits a value keeps before it is rounded for output. The engine computes with
 * D.precision digits, and a value reached through divisions that do not terminate (a day's budget
 * spread over 1,440 minutes, split across two days) carries an error in its last digit or two:
 * 0.025 arrives as 0.024999…9. Dropping those digits first lets an exact tie round as the tie it is,
 * half-even or half-up, instead of by the sign of the error. A value so large that those digits end
 * before `places` + 2 decimals (1e28 and up, for cents) keeps the decimals: its error lies further
 * right (35 digits of 1e28 reach 1e-6), and dropping them would round away its cents.
 */
const OUTPUT_DIGITS = D.precision - 5;
const settlePlaces = (value: Decimal, places: number) => Math.max(places + 2, OUTPUT_DIGITS - 1 - value.e);
const settle = (value: Decimal, places: number) =>
  value.toDecimalPlaces(settlePlaces(value, places), Decimal.ROUND_HALF_EVEN);

/** Rounds to `places` decimals with the chosen mode; never returns negative zero. */
export function roundTo(value: Decimal, places: number, mode: RoundingMode): Decimal {
  const rounded = settle(value, places).toDecimalPlaces(places, MODES[mode]);
  return rounded.isZero() ? new D(0) : rounded;
}

/** The decimal string of a value rounded to `places` decimals: always plain notation, never "-0.00". */
export function formatFixed(value: Decimal, places: number, mode: RoundingMode): string {
  // The same two roundings on the digits as text (fixed.ts), without two new Decimals: every output takes this.
  if (value.isFinite()) return settledFixed(value, settlePlaces(value, places), places, mode === 'half-up');
  const text = settle(value, places).toFixed(places, MODES[mode]);
  // A small negative value rounds to "-0.00": zero has no sign.
  return text.startsWith('-') && NEGATIVE_ZERO.test(text) ? text.slice(1) : text;
}
const NEGATIVE_ZERO = /^-0(\.0+)?$/;

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
