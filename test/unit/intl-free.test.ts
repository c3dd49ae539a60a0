import { describe, expect, it } from 'vitest';
import { OUTAGES } from '../../src/catalogue/outages';
import { REVENUE_BY_PLATFORM } from '../../src/catalogue/refs';
import { compareCodeUnits, groupThousands, isIntlCurrency } from '../../src/engine/intl-free';

// src/engine/intl-free.ts keeps ICU out of a cold start; each helper must answer what the Intl call it replaced
// answered, or a schema description, a currency check or a catalogue order would change.

describe('groupThousands', () => {
  it('puts a comma before every third digit from the right', () => {
    // 10000 = 10 thousands → "10,000"; 1,000,000 has two groups of three after the 1; 999 has no fourth digit.
    expect(groupThousands(10_000)).toBe('10,000');
    expect(groupThousands(1_000_000)).toBe('1,000,000');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(1000)).toBe('1,000');
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(123_456_789)).toBe('123,456,789');
  });

  it("writes what toLocaleString('en') writes, for whole numbers up to the largest safe one", () => {
    const samples = [1, 12, 123, 1234, 12_345, 100_000, 2_500_000, 99_999_999, Number.MAX_SAFE_INTEGER];
    for (const n of samples) expect(groupThousands(n)).toBe(n.toLocaleString('en'));
  });

  it('refuses what it cannot write as Intl would (fractions, negatives, unsafe integers)', () => {
    for (const n of [1.5, -1, Number.MAX_SAFE_INTEGER + 1, Number.NaN])
      expect(() => groupThousands(n)).toThrow(RangeError);
  });
});

describe('isIntlCurrency', () => {
  it("knows the ISO 4217 codes Intl lists, and nothing else (not 'XYZ', not lower case)", () => {
    expect(isIntlCurrency('USD')).toBe(true);
    expect(isIntlCurrency('EUR')).toBe(true);
    expect(isIntlCurrency('XYZ')).toBe(false);
    expect(isIntlCurrency('usd')).toBe(false);
    expect(isIntlCurrency('')).toBe(false);
  });
});

describe('compareCodeUnits', () => {
  it('orders ISO dates and period names as localeCompare does', () => {
    // '-' (U+002D) sorts before the digits and the digits before 'Q' in both orders.
    const values = ['2021-10-04', '2021-Q3', '2021-10-04T15:39:00Z', '2021-01-31', '2020-Q4', 'FY2021', '2021'];
    const byCodeUnits = [...values].sort(compareCodeUnits);
    expect(byCodeUnits).toEqual([
      '2020-Q4',
      '2021',
      '2021-01-31',
      '2021-10-04',
      '2021-10-04T15:39:00Z',
      '2021-Q3',
      'FY2021',
    ]);
    expect(byCodeUnits).toEqual([...values].sort((a, b) => a.localeCompare(b)));
    expect(compareCodeUnits('a', 'a')).toBe(0);
  });

  it("orders the catalogue's outages and revenue periods as localeCompare ordered them", () => {
    const starts = OUTAGES.map((o) => o.windows[0]?.start ?? '');
    expect([...starts].sort(compareCodeUnits)).toEqual([...starts].sort((a, b) => a.localeCompare(b)));
    for (const entries of Object.values(REVENUE_BY_PLATFORM)) {
      const keys = entries.flatMap((e) => [e.publishedBy, e.period]);
      expect([...keys].sort(compareCodeUnits)).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    }
  });
});
