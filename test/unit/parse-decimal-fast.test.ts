import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DecimalBounds, MONEY_BOUNDS, parseDecimal, parseDecimalValue, WEIGHT_BOUNDS } from '../../schemas/common';
import { D } from '../../src/engine/decimal';

/**
 * parseDecimal keeps its answers per bounds for repeated strings, and parseDecimalValue answers for a Decimal
 * already held as parseDecimal answers its string. Both must give exactly the answer of a first reading.
 */

const FRACTION: DecimalBounds = { min: '0', max: '1' };
const POSITIVE: DecimalBounds = { min: '0', minExclusive: true, max: '1e15' };
const ALL_BOUNDS = [MONEY_BOUNDS, WEIGHT_BOUNDS, FRACTION, POSITIVE];

/** Decimal strings around every rule: bounds, 1e-12, 25 significant digits, 64 characters, exponents, signs. */
const decimalText = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '1',
    '1e-12',
    '9.99e-13',
    '1e15',
    '1.000000000000001e15',
    '0.000000000001',
    '1234567890123456789012345',
    '12345678901234567890123456',
    '0.1234567890123456789012345',
    `0.${'0'.repeat(62)}1`,
    '7.80',
    '2.5e9',
    '1e1000',
    '-5',
    '100%',
    '0.92%',
  ),
  fc
    .tuple(fc.integer({ min: -1_000_000, max: 1_000_000_000 }), fc.integer({ min: -30, max: 30 }))
    .map(([m, e]) => `${m}e${e}`),
  fc.double({ min: -1e16, max: 1e16, noNaN: true }).map((x) => String(x)),
);

describe('parseDecimal, memoised', () => {
  it('answers a repeated string exactly as its first reading', () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom(...ALL_BOUNDS), (text, bounds) => {
        const first = parseDecimal(text, bounds);
        // A fresh bounds object of the same values has no memo yet: its answer is a first reading.
        const fresh = parseDecimal(text, { ...bounds });
        expect(parseDecimal(text, bounds)).toEqual(first);
        expect(fresh).toEqual(first);
      }),
      { numRuns: 2_000, seed: 5 },
    );
  });

  it('keeps the 1e-12 rule exact at the boundary', () => {
    // 1e-12 is the smallest size allowed; 9.99…e-13 is under it, whatever its digits.
    expect(parseDecimal('1e-12', FRACTION)).toMatchObject({ value: new D('1e-12') });
    expect(parseDecimal('0.0000000000009999999999999', FRACTION)).toEqual({
      error: 'must be 0 or at least 1e-12 in size',
    });
  });
});

describe('parseDecimalValue', () => {
  it("answers a Decimal as parseDecimal answers the Decimal's string", () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom(...ALL_BOUNDS), (text, bounds) => {
        const value = new D(text.replace(/%$/, ''));
        expect(parseDecimalValue(value, bounds)).toEqual(parseDecimal(value.toString(), { ...bounds }));
      }),
      { numRuns: 2_000, seed: 6 },
    );
  });

  it('takes the half unit from the digits the string would have', () => {
    // 7.8 is written "7.8": half a unit of its last digit is 0.05; 1200 → "1200", 0.5.
    expect(parseDecimalValue(new D('7.80'), MONEY_BOUNDS)).toMatchObject({ halfUnit: new D('0.05') });
    expect(parseDecimalValue(new D('1200'), MONEY_BOUNDS)).toMatchObject({ halfUnit: new D('0.5') });
  });
});
