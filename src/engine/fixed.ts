import type Decimal from 'decimal.js';

/**
 * Decimal rounding for output, on the value's digits as text: the arithmetic of decimal.js's toDecimalPlaces
 * and toFixed, without a new Decimal for each step. A value is its digits `digits` (no sign, the first one
 * not 0) and the power of ten `e` of the first digit, as decimal.js keeps it: 31578.9 is ('315789', 4),
 * 0.0025 is ('25', -3); zero is ('', 0).
 */
interface Digits {
  digits: string;
  e: number;
}

const ZERO: Digits = { digits: '', e: 0 };

/**
 * The first `wanted` digits (all, when there are fewer) of a finite Decimal other than 0: decimal.js keeps them in
 * words of 7 digits, the first unpadded.
 */
function digitsOf(value: Decimal, wanted = Number.POSITIVE_INFINITY): Digits {
  const words = value.d;
  let digits = `${words[0]}`;
  // 1e7 + word has 8 digits: a 1, then the word's 7, zero-padded.
  for (let i = 1; i < words.length && digits.length < wanted; i++) digits += `${(words[i] as number) + 1e7}`.slice(1);
  return { digits, e: value.e };
}

/** The digits plus one unit in their last place: 0.0999 + 0.0001 = 0.1000 (the first digit moves up). */
function plusOneUnit(digits: string, e: number): Digits {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 0x39 /* 9 */) i--;
  if (i < 0) return { digits: `1${'0'.repeat(digits.length)}`, e: e + 1 };
  const bumped = String.fromCharCode(digits.charCodeAt(i) + 1);
  return { digits: digits.slice(0, i) + bumped + '0'.repeat(digits.length - 1 - i), e };
}

/**
 * The value rounded to `places` decimals, half-even or half-up (`halfUp`), as decimal.js rounds: the dropped
 * digits are compared with half a unit of the last kept place; a tie goes to the even digit (half-even) or
 * away from zero (half-up).
 */
function roundDigits(value: Digits, places: number, halfUp: boolean): Digits {
  const { digits, e } = value;
  const keep = e + places + 1;
  if (keep >= digits.length) return value;
  if (keep < 0) return ZERO;
  const first = digits.charCodeAt(keep) - 0x30;
  let up = first > 5;
  if (first === 5) {
    let rest = false;
    for (let i = keep + 1; i < digits.length && !rest; i++) rest = digits.charCodeAt(i) !== 0x30;
    const lastKept = keep > 0 ? digits.charCodeAt(keep - 1) - 0x30 : 0;
    up = rest || halfUp || lastKept % 2 === 1;
  }
  if (keep === 0) return up ? { digits: '1', e: -places } : ZERO;
  // The first digit is not 0, so what is kept is not zero.
  const kept = digits.slice(0, keep);
  return up ? plusOneUnit(kept, e) : { digits: kept, e };
}

/** Plain notation with exactly `places` decimals; zero is written without a sign. */
function writeFixed({ digits, e }: Digits, negative: boolean, places: number): string {
  if (digits === '') return places > 0 ? `0.${'0'.repeat(places)}` : '0';
  let whole: string;
  let fraction: string;
  if (e >= 0) {
    whole = digits.length > e ? digits.slice(0, e + 1) : digits + '0'.repeat(e + 1 - digits.length);
    fraction = digits.slice(e + 1);
  } else {
    whole = '0';
    fraction = '0'.repeat(-e - 1) + digits;
  }
  if (places === 0) return `${negative ? '-' : ''}${whole}`;
  fraction = fraction.length >= places ? fraction.slice(0, places) : fraction + '0'.repeat(places - fraction.length);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * `value` rounded first to `settlePlaces` decimals half-even, then to `places` decimals (half-even, or half-up
 * when `halfUp`), in plain notation and never "-0.00": what
 * `value.toDecimalPlaces(settlePlaces, ROUND_HALF_EVEN).toFixed(places, mode)` gives, zero's sign dropped.
 * Only for a finite value (the caller keeps decimal.js for the others).
 */
export function settledFixed(value: Decimal, settlePlaces: number, places: number, halfUp: boolean): string {
  if (value.isZero()) return writeFixed(ZERO, false, places);
  // Settling rounds further right than `places`, so it can change the result only by making a tie of the
  // digits after `places` (a 4 followed by 9s, a 5 followed by 0s); any other first digit after them rounds
  // the same either way, and the digits up to it are all that is needed.
  const keep = value.e + places + 1;
  const head = digitsOf(value, keep + 1);
  const next = keep >= 0 && keep < head.digits.length ? head.digits.charCodeAt(keep) : 0x30;
  if (next !== 0x34 && next !== 0x35) return writeFixed(roundDigits(head, places, halfUp), value.s < 0, places);
  const settled = roundDigits(digitsOf(value), settlePlaces, false);
  return writeFixed(roundDigits(settled, places, halfUp), value.s < 0, places);
}
