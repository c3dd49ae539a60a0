import { z } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import { D } from '../src/engine/decimal';
import { isIntlCurrency } from '../src/engine/intl-free';

/**
 * Shared building blocks of the contract: decimal inputs, currencies, time zones, options.
 * Every numeric input is parsed to a Decimal here, at the edge, and never passes through a float.
 */

const DECIMAL_STRING = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Longer strings are refused before decimal.js sees them (a 400-digit number is not a budget). */
const MAX_DECIMAL_STRING_LENGTH = 64;
/** Non-zero inputs smaller than 1e-12 are refused, so that no division can blow an output up past 1e30. */
const SMALLEST_EXPONENT = -12;

export interface DecimalBounds {
  /** Lower bound (inclusive unless `minExclusive`). */
  min?: string;
  minExclusive?: boolean;
  /** Upper bound (inclusive unless `maxExclusive`). */
  max?: string;
  maxExclusive?: boolean;
  integer?: boolean;
  /**
   * Whether a percent string (`"0.92%"` = 0.0092) is accepted. Fractions (bounds exactly [0, 1]) accept
   * one unless this says otherwise; money, counts and prices never do.
   */
  percent?: boolean;
}

/** A field that takes a share in [0, 1], which ad platforms also write as a percent. */
const acceptsPercent = (b: DecimalBounds) => b.percent ?? (b.min === '0' && b.max === '1');

/** Human wording of the bounds, used in error messages and in schema descriptions. */
export function describeBounds(b: DecimalBounds): string {
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`${b.minExclusive ? 'greater than' : 'at least'} ${b.min}`);
  if (b.max !== undefined) parts.push(`${b.maxExclusive ? 'less than' : 'at most'} ${b.max}`);
  if (b.integer) parts.push('a whole number');
  return parts.join(', ');
}

/**
 * A parsed numeric input. `halfUnit` is half a unit of the last digit written (`"7.80"` stands for
 * 7.80 ± 0.005, `"0.92%"` for 0.0092 ± 0.00005), in the value's own units: the funnel's consistency
 * check allows for the rounding a platform's report applied (DESIGN.md section 4).
 */
export interface ParsedDecimal {
  value: Decimal;
  halfUnit: Decimal;
  /** Written as a percent string. */
  percent: boolean;
}

/** Parses a JSON number or decimal string (or, for fractions, a percent string) to a Decimal, or says why it cannot. */
export function parseDecimal(raw: unknown, bounds: DecimalBounds = {}): ParsedDecimal | { error: string } {
  if (typeof raw !== 'string') return parseUncached(raw, bounds);
  // Rows of a batch or an export repeat the same strings (and every campaign parses its defaults, '1', '0',
  // '0.75'): the answer is a pure function of the text and the bounds, and a Decimal is immutable, so it is
  // kept, per bounds, for the next identical string. Bounded, so that a hostile body cannot grow it.
  let memo = parsedStrings.get(bounds);
  if (memo === undefined) {
    memo = new Map();
    parsedStrings.set(bounds, memo);
  }
  let parsed = memo.get(raw);
  if (parsed === undefined) {
    parsed = Object.freeze(parseUncached(raw, bounds));
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    if (raw.length <= MAX_DECIMAL_STRING_LENGTH) memo.set(raw, parsed);
  }
  return parsed;
}

/** Strings kept per bounds by parseDecimal: a 10,000-row body's repeated cells, a few hundred KB at most. */
const MEMO_ENTRIES = 512;
const parsedStrings = new WeakMap<DecimalBounds, Map<string, Readonly<ParsedDecimal | { error: string }>>>();

/** The bounds as Decimals, made once per bounds object rather than once per comparison. */
const boundDecimals = new WeakMap<DecimalBounds, { min?: Decimal; max?: Decimal }>();
function decimalsOf(bounds: DecimalBounds): { min?: Decimal; max?: Decimal } {
  let decimals = boundDecimals.get(bounds);
  if (decimals === undefined) {
    decimals = {
      ...(bounds.min === undefined ? {} : { min: new D(bounds.min) }),
      ...(bounds.max === undefined ? {} : { max: new D(bounds.max) }),
    };
    boundDecimals.set(bounds, decimals);
  }
  return decimals;
}

function parseUncached(raw: unknown, bounds: DecimalBounds): ParsedDecimal | { error: string } {
  let value: Decimal;
  let written: string;
  let percent = false;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { error: 'must be a finite number' };
    value = new D(raw === 0 ? 0 : String(raw));
    written = String(raw);
  } else if (typeof raw === 'string') {
    let text = raw.trim();
    if (text === '') return { error: 'must not be empty; leave the field out if it is not given' };
    if (text.length > MAX_DECIMAL_STRING_LENGTH)
      return { error: `must be at most ${MAX_DECIMAL_STRING_LENGTH} characters long` };
    if (text.endsWith('%')) {
      if (!acceptsPercent(bounds))
        return { error: `is not a fraction, so it cannot be a percent; write the number itself, not "${text}"` };
      percent = true;
      text = text.slice(0, -1).trimEnd();
    }
    if (!DECIMAL_STRING.test(text))
      return { error: `must be a decimal number such as "9.50" or "2.5e9", not "${raw.trim()}"` };
    if (significantDigits(text) > MAX_SIGNIFICANT_DIGITS)
      return { error: `must have at most ${MAX_SIGNIFICANT_DIGITS} significant digits` };
    value = new D(text);
    if (!value.isFinite()) return { error: 'must be a finite number' };
    if (percent) value = value.dividedBy(100);
    if (value.isZero()) value = new D(0);
    written = text;
  } else {
    return { error: 'must be a number or a decimal string' };
  }
  return checkBounds(value, written, percent, bounds);
}

/**
 * A Decimal the caller already holds (the import's ratios of totals), answered exactly as parseDecimal answers
 * the string `value.toString()`, without reading its digits back: the string of a finite Decimal is a decimal
 * string whose Decimal is `value` itself. Anything unusual is handed to parseDecimal with that string.
 */
export function parseDecimalValue(value: Decimal, bounds: DecimalBounds): ParsedDecimal | { error: string } {
  const text = value.toString();
  const usual =
    value.isFinite() && text.length <= MAX_DECIMAL_STRING_LENGTH && significantDigits(text) <= MAX_SIGNIFICANT_DIGITS;
  if (!usual) return parseDecimal(text, bounds);
  return checkBounds(value.isZero() ? new D(0) : value, text, false, bounds);
}

/** The bounds and size checks of a parsed value, and its half unit from the text it was written as. */
function checkBounds(
  value: Decimal,
  written: string,
  percent: boolean,
  bounds: DecimalBounds,
): ParsedDecimal | { error: string } {
  // Worded only when it is needed: most values are in bounds.
  const outOfBounds = () => ({ error: `must be ${describeBounds(bounds)}` });
  const { min, max } = decimalsOf(bounds);
  if (min !== undefined) {
    const cmp = value.comparedTo(min);
    if (cmp < 0 || (bounds.minExclusive && cmp === 0)) return outOfBounds();
  }
  if (max !== undefined) {
    const cmp = value.comparedTo(max);
    if (cmp > 0 || (bounds.maxExclusive && cmp === 0)) return outOfBounds();
  }
  if (bounds.integer && !value.isInteger()) return outOfBounds();
  // A value like 1e-999999 passes "greater than 0" but divides into a number a million digits long. A finite
  // non-zero Decimal's `e` is the exponent of its first digit, so |value| < 1e-12 exactly when e < -12.
  if (!value.isZero() && value.e < SMALLEST_EXPONENT) return { error: 'must be 0 or at least 1e-12 in size' };
  return { value, halfUnit: halfUnitOf(written, percent), percent };
}

/** No user needs more, and it keeps 35-digit arithmetic far from the output's rounding ties (DESIGN.md section 2). */
export const MAX_SIGNIFICANT_DIGITS = 25;

/** Digits from the first non-zero one to the last one written: `"0.00920"` has 3, `"1200"` 4. */
function significantDigits(text: string): number {
  // One pass over a string DECIMAL_STRING accepted: sign and point skipped, leading zeros not counted.
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x65 || c === 0x45) break;
    if (c < 0x30 || c > 0x39 || (digits === 0 && c === 0x30)) continue;
    digits++;
  }
  return digits;
}

/** Half units by exponent (and percent), shared: inputs are written with a few dozen distinct last digits. */
const halfUnits = new Map<string, Decimal>();

/** Half a unit of the last digit written: `"7.80"` → 0.005, `"72"` → 0.5, `"2.5e9"` → 0.5e8; ÷ 100 for a percent. */
function halfUnitOf(text: string, percent: boolean): Decimal {
  // `text` passed DECIMAL_STRING: at most one point, before the exponent if any (a sign changes no count).
  let end = text.indexOf('e');
  if (end < 0) end = text.indexOf('E');
  const exponent = end < 0 ? 0 : Number(text.slice(end + 1));
  if (end < 0) end = text.length;
  const point = text.indexOf('.');
  const decimals = point < 0 ? 0 : end - point - 1;
  const power = -decimals - 1 + exponent;
  const key = `${power}${percent ? '%' : ''}`;
  let half = halfUnits.get(key);
  if (half === undefined) {
    // One constructor, no power: 5 × 10^k written as `5e<k>` is the same exact value, at a fraction of the cost.
    half = new D(`5e${power}`);
    if (percent) half = half.dividedBy(100);
    if (halfUnits.size < MEMO_ENTRIES) halfUnits.set(key, half);
  }
  return half;
}

/**
 * A numeric input: a finite JSON number or a decimal string, parsed to a Decimal within `bounds`.
 * The OpenAPI type is `number | string` so that clients can send exact decimals as strings.
 */
export function decimalInput(bounds: DecimalBounds, meta: { description: string; example: string }) {
  const range = describeBounds(bounds);
  return z
    .union(
      [
        z.number(),
        z.string().max(MAX_DECIMAL_STRING_LENGTH, `must be at most ${MAX_DECIMAL_STRING_LENGTH} characters long`),
      ],
      {
        // zod's number refuses Infinity (JSON's 1e400) and NaN; say so rather than "not a number".
        error: (issue) =>
          issue.input === undefined
            ? 'is required'
            : typeof issue.input === 'number'
              ? 'must be a finite number'
              : 'must be a number or a decimal string',
      },
    )
    .transform((raw, ctx): Decimal => {
      const parsed = parseDecimal(raw, bounds);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed.value;
    })
    .openapi({
      description: `${meta.description}. A JSON number or a decimal string${range ? `, ${range}` : ''}.`,
      example: meta.example,
    });
}

/** Bounds shared across endpoints (DESIGN.md section 2). */
export const LIMITS = {
  money: '1e15',
  shares: '1e13',
  price: '1e9',
} as const;

/** The bounds of money inputs (`money`). */
export const MONEY_BOUNDS = { min: '0', max: LIMITS.money } satisfies DecimalBounds;
export const money = (description: string, example: string) => decimalInput(MONEY_BOUNDS, { description, example });
export const positiveMoney = (description: string, example: string) =>
  decimalInput({ min: '0', minExclusive: true, max: LIMITS.money }, { description, example });
export const fraction = (description: string, example: string) =>
  decimalInput({ min: '0', max: '1' }, { description, example });

/** Whether Currency accepts the code. */
export const isCurrency = (code: string) => code.length <= 3 && isIntlCurrency(code);

/** The bounds of hour weights (`hourWeights`). */
export const WEIGHT_BOUNDS = { min: '0', max: '1e6' } satisfies DecimalBounds;

/**
 * Hour weights: `"even"`, or 24 (hour of day, 00:00 first) or 168 (hour of week, Monday 00:00 first)
 * non-negative weights with a positive sum. Each weight is checked by a refinement rather than a
 * transform, so that zod reports a bad weight inside the union as the array's own issue and the
 * pointer names the weight (`/deliveryProfile/7`), not the union.
 */
export function hourWeights(name: string, meta: { description: string; weight: string }) {
  // The refinement's parse, reused by the transform that runs right after it on the same weight (parsing is a pure
  // function of the raw value, checked to be the same): each weight is parsed once, not twice.
  let last: { raw: unknown; parsed: ReturnType<typeof parseDecimal> } | undefined;
  const parseWeight = (raw: unknown) => {
    if (last === undefined || !Object.is(last.raw, raw)) last = { raw, parsed: parseDecimal(raw, WEIGHT_BOUNDS) };
    return last.parsed;
  };
  const weight = z
    .unknown()
    .superRefine((raw, ctx) => {
      const parsed = parseWeight(raw);
      if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
    })
    .transform((raw): Decimal => {
      const parsed = parseWeight(raw);
      return 'value' in parsed ? parsed.value : z.NEVER;
    })
    .openapi({
      type: ['number', 'string'],
      description: `${meta.weight}. A JSON number or a decimal string, ${describeBounds(WEIGHT_BOUNDS)}.`,
      example: '1',
    });
  return z
    .union([
      z.literal('even', { error: 'must be "even" or an array of 24 or 168 weights' }),
      // The bound is checked before any weight is parsed: 130,000 weights cost one comparison.
      z
        .array(weight)
        .max(168, 'must have 24 weights (hour of day) or 168 (hour of week, Monday 00:00 first), not more')
        .superRefine((weights, ctx) => {
          // A weight that failed its own check is already reported, and is not a Decimal to add up.
          const allParsed = weights.every((w) => D.isDecimal(w));
          if (weights.length !== 24 && weights.length !== 168) {
            ctx.addIssue({
              code: 'custom',
              message:
                `must have 24 weights (hour of day) or 168 (hour of ` +
                `week, Monday 00:00 first), not ${weights.length}`,
            });
          } else if (allParsed && weights.every((w) => w.isZero())) {
            ctx.addIssue({ code: 'custom', message: 'must have a positive sum: at least one weight above 0' });
          }
        }),
    ])
    .openapi(name, { description: meta.description, example: 'even' });
}

export const Currency = z
  .string()
  .max(3, 'must be an ISO 4217 currency code such as "USD", "JPY" or "KWD"')
  .refine((code) => isIntlCurrency(code), {
    message: 'must be an ISO 4217 currency code such as "USD", "JPY" or "KWD"',
  })
  .openapi({ description: 'ISO 4217 currency code (upper case). Money outputs use its minor units.', example: 'USD' });

const knownTimeZones = new Map<string, boolean>();
const MAX_TIME_ZONE_LENGTH = 64;

/**
 * True for any IANA time-zone name the runtime knows, including `UTC` and `Etc/GMT+5`. Memoised: Intl is slow to ask.
 */
export function isTimeZone(name: string): boolean {
  // Newer V8 (workerd) also takes offsets such as "+05:00"; they are not IANA names, so refuse them everywhere.
  if (!/^[A-Za-z]/.test(name)) return false;
  // No IANA name is longer than about 30 characters; longer texts are refused unasked, so the memo below keeps short
  // keys only (a body of long distinct texts cannot grow it).
  if (name.length > MAX_TIME_ZONE_LENGTH) return false;
  // Zone names match case-insensitively (ECMA-402), so casings share one entry and one Intl object is made.
  const key = name.toLowerCase();
  let known = knownTimeZones.get(key);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      known = name.trim() !== '';
    } catch {
      known = false;
    }
    if (knownTimeZones.size < 10_000) knownTimeZones.set(key, known);
  }
  return known;
}

const TIME_ZONE_MESSAGE = 'must be an IANA time-zone name such as "America/New_York" or "UTC"';
export const TimeZone = z
  .string()
  // One problem for a long name, not two: the length check stops the parse before isTimeZone says the same.
  .max(MAX_TIME_ZONE_LENGTH, { message: TIME_ZONE_MESSAGE, abort: true })
  .refine(isTimeZone, { message: TIME_ZONE_MESSAGE })
  .openapi({ description: 'IANA time-zone name', example: 'America/New_York' });

export const Rounding = z.enum(['half-even', 'half-up']).openapi('Rounding', {
  description: 'How outputs are rounded: half-even (default) or half-up.',
  example: 'half-even',
});

/**
 * `options` of an endpoint without a timeline: a derivation trace and the rounding mode. Endpoints with
 * more options extend it (`ExplainOptions.extend({ … })`), so the shared ones read the same everywhere.
 */
export const ExplainOptions = z
  .strictObject({
    explain: z.boolean().default(false).openapi({ description: 'Add a derivation trace (default false).' }),
    rounding: Rounding.default('half-even'),
  })
  .openapi('ExplainOptions', { description: 'Output options: a derivation trace and the rounding mode.' });

/** A decimal string on the way out. */
export const DecimalString = (description: string, example: string) =>
  z.string().openapi({ description, example, pattern: '^-?\\d+(\\.\\d+)?$' });

/** Output strings by kind, each saying in its description how it is rounded (DESIGN.md section 2). */
export const MoneyOut = (description: string, example: string) =>
  DecimalString(`${description} (money, in the currency's minor units)`, example);
export const FineMoneyOut = (description: string, example: string) =>
  DecimalString(`${description} (money, with 2 more decimal places than the currency has)`, example);
export const PercentOut = (description: string, example: string) =>
  DecimalString(`${description} (percent, 4 decimal places)`, example);
export const CountOut = (description: string, example: string) =>
  DecimalString(`${description} (expected count, 2 decimal places)`, example);

export const ExplainStep = z
  .object({
    metric: z.string().openapi({ example: 'marketCapChange' }),
    formula: z.string().openapi({ example: 'sharesOutstanding × priceChange' }),
    inputs: z
      .record(z.string(), z.string())
      .openapi({ example: { sharesOutstanding: '2781759516', priceChange: '-16.78' } }),
    value: z.string().openapi({ example: '-46677924678.48' }),
  })
  .openapi('ExplainStep', {
    description: 'One step of the derivation trace: the formula, its unrounded inputs, and the rounded value.',
  });

/** Clear wording for zod's generic messages, so each 422 entry reads as advice. */
z.config({
  customError: (issue) => {
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined)
      return 'is required';
    if (issue.code === 'invalid_type')
      return (
        `must be ` +
        `${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`
      );
    if (issue.code === 'invalid_value' && issue.values)
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    if (issue.code === 'too_big' && issue.origin === 'array') return `must have at most ${issue.maximum} items`;
    if (issue.code === 'too_small' && issue.origin === 'array')
      return `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
    if (issue.code === 'too_big' && issue.origin === 'string')
      return `must be at most ${issue.maximum} characters long`;
    return undefined;
  },
});
