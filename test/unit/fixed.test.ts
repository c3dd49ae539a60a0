import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal';
import { formatFixed, type RoundingMode } from '../../src/engine/rounding';

// formatFixed rounds on the digits as text (src/engine/fixed.ts). These hold it to decimal.js's two roundings
// that it replaces, which every answer's numbers were written with before.

/** The former formatFixed: settle to max(places + 2, 29 − e) decimals half-even, then toFixed in the mode. */
function reference(value: Decimal, places: number, mode: RoundingMode): string {
  const settled = value.toDecimalPlaces(Math.max(places + 2, 30 - 1 - value.e), Decimal.ROUND_HALF_EVEN);
  const text = settled.toFixed(places, mode === 'half-up' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_HALF_EVEN);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

const digit = fc.constantFrom(...'0123456789');
const digits = (min: number, max: number) => fc.string({ unit: digit, minLength: min, maxLength: max });
/**
 * Decimals of up to 60 significant digits at exponents from 1e-40 to 1e30, many of them ties or near-ties
 * at the places a rounding looks at: a run of 5 followed by 0s, or of 4 followed by 9s.
 */
const value = fc
  .tuple(
    fc.boolean(),
    digits(1, 12),
    fc.constantFrom('', '5', '50000000000', '49999999999', '4999999999999999999999', '5000000000000000000000'),
    digits(0, 25),
    fc.integer({ min: -40, max: 30 }),
  )
  .map(([negative, head, middle, tail, exp]) => new D(`${negative ? '-' : ''}${head}${middle}${tail}e${exp}`));
const mode = fc.constantFrom<RoundingMode>('half-even', 'half-up');

describe('formatFixed', () => {
  it('rounds ties half-even or half-up, carries, pads, and never writes -0', () => {
    // 2.345 is a tie at 2 places: half-even keeps the even 4, half-up goes to 5.
    expect(formatFixed(new D('2.345'), 2, 'half-even')).toBe('2.34');
    expect(formatFixed(new D('2.345'), 2, 'half-up')).toBe('2.35');
    // 9.995: a tie after an odd 9 goes up under half-even and carries into the units.
    expect(formatFixed(new D('9.995'), 2, 'half-even')).toBe('10.00');
    // 0.006 has no digit at the second place: it rounds up to one hundredth.
    expect(formatFixed(new D('0.006'), 2, 'half-even')).toBe('0.01');
    // -0.004 rounds to zero, which has no sign.
    expect(formatFixed(new D('-0.004'), 2, 'half-up')).toBe('0.00');
    expect(formatFixed(new D('-0'), 2, 'half-even')).toBe('0.00');
    // JPY has no minor unit: 1234.5 → 1234 (even), 1235.5 → 1236 (even), 1234.5 half-up → 1235.
    expect(formatFixed(new D('1234.5'), 0, 'half-even')).toBe('1234');
    expect(formatFixed(new D('1235.5'), 0, 'half-even')).toBe('1236');
    expect(formatFixed(new D('1234.5'), 0, 'half-up')).toBe('1235');
    expect(formatFixed(new D('123'), 2, 'half-even')).toBe('123.00');
    expect(formatFixed(new D('-12.4149'), 2, 'half-up')).toBe('-12.41');
    // 5e-7 at 6 places is a tie after 0: half-even stays at 0, half-up goes to one millionth.
    expect(formatFixed(new D('5e-7'), 6, 'half-even')).toBe('0.000000');
    expect(formatFixed(new D('5e-7'), 6, 'half-up')).toBe('0.000001');
    // 1/40 − 1e-36 = 0.02499…9 (34 nines), as a division that should give 0.025 can arrive: settled at
    // 29 + 2 = 31 decimals it is 0.025, the tie it should be: half-even 0.02, half-up 0.03.
    const nearTie = new D(1).dividedBy(40).minus(new D('1e-36'));
    expect(formatFixed(nearTie, 2, 'half-even')).toBe('0.02');
    expect(formatFixed(nearTie, 2, 'half-up')).toBe('0.03');
  });

  it('writes what decimal.js wrote for any value, places and mode', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 8 }), mode, (v, places, m) => {
        expect(formatFixed(v, places, m)).toBe(reference(v, places, m));
      }),
      { numRuns: 20_000 },
    );
  });

  it("writes what decimal.js wrote for results of the engine's arithmetic (35 digits)", () => {
    const operand = fc.integer({ min: 1, max: 10_000_000 }).map((n) => new D(n).dividedBy(997));
    fc.assert(
      fc.property(operand, operand, fc.integer({ min: 0, max: 6 }), mode, (a, b, places, m) => {
        for (const v of [a.times(b), a.dividedBy(b), a.minus(b), a.times(1000).dividedBy(b)])
          expect(formatFixed(v, places, m)).toBe(reference(v, places, m));
      }),
      { numRuns: 5_000 },
    );
  });
});
