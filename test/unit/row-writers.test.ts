import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESULT_COLUMNS } from '../../schemas/batch';
import { CsvCells, csvCell, csvLine, isPlainNumber, quoteCell, safeCell } from '../../src/csv/write';
import { formatFixed, formatter } from '../../src/engine/rounding';
import { jsonObjectWriter } from '../../src/present/json-text';
import { outputCells, presentResultColumns, resultCells } from '../../src/present/result-columns';
import { one } from './support/impact';

// The writers of the row answers (batch, import, impact.csv) write cells straight from an estimate; these
// hold them to the slower, obvious forms they replace, whose answers the API tests check.

/** Text that exercises the formula guard: triggers, blanks, separators, quotes, and plain numbers. */
const cellText = fc.oneof(
  fc.string({
    unit: fc.constantFrom('=', '+', '-', '@', ' ', '\u00a0', ',', ';', '\t', '"', 'a', '1', '.', 'e', '＝'),
  }),
  fc.string({ unit: 'grapheme' }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);

describe('csvCell', () => {
  it('writes a number as it is, quotes text, guards a formula and doubles quotes', () => {
    expect(csvCell('-12.41')).toBe('-12.41');
    expect(csvCell('fall-sale')).toBe('"fall-sale"');
    // "=1+1" starts with a trigger: a ' goes before it, then the cell is quoted.
    expect(csvCell('=1+1')).toBe('"\'=1+1"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('is quoteCell(safeCell(cell)) for any text', () => {
    fc.assert(
      fc.property(cellText, (text) => csvCell(text) === quoteCell(safeCell(text))),
      { numRuns: 3000 },
    );
  });

  it('csvLine joins the cells so written with commas', () => {
    expect(csvLine(['a', null, '1.5', '=x'])).toBe('"a",,1.5,"\'=x"');
    expect(csvLine([])).toBe('');
  });
});

describe('CsvCells', () => {
  it('writes each text as csvCell does, the second time from what it kept', () => {
    const cells = new CsvCells(2);
    // "=x" is guarded and quoted: "'=x"; "a" is quoted; 7 is a number; null and '' are empty.
    expect(['=x', 'a', '=x', '7', 'b', 'a', null, ''].map((t) => cells.cell(t))).toEqual([
      '"\'=x"',
      '"a"',
      '"\'=x"',
      '7',
      '"b"',
      '"a"',
      '',
      '',
    ]);
    const many = new CsvCells(3);
    fc.assert(
      fc.property(cellText, (text) => many.cell(text) === csvCell(text)),
      { numRuns: 2000 },
    );
  });
});

describe('jsonObjectWriter', () => {
  it('writes the text JSON.stringify writes for the object of those keys', () => {
    // {"a":"x\"y","b":null}: the quote inside the value escaped, null written bare.
    expect(jsonObjectWriter(['a', 'b'])(['x"y', null])).toBe('{"a":"x\\"y","b":null}');
    expect(jsonObjectWriter([])([])).toBe('{}');
    const keys = ['id', 'lostRevenue', 'error'];
    const write = jsonObjectWriter(keys);
    fc.assert(
      fc.property(fc.tuple(cellText, fc.option(cellText), fc.option(cellText)), (cells) => {
        const object = Object.fromEntries(keys.map((k, i) => [k, cells[i]]));
        return write(cells) === JSON.stringify(object);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatted decimals are plain numbers', () => {
  it('so the row writers put them in a CSV line unquoted, as csvCell would', () => {
    const value = fc
      .tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: -45, max: 20 }))
      .map(([digits, exp]) => new Decimal(`${digits}e${exp}`));
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 8 }), fc.constantFrom('half-even', 'half-up'), (v, places, mode) => {
        const text = formatFixed(v, places, mode);
        return isPlainNumber(text) && csvCell(text) === text;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('resultCells', () => {
  /**
   * $2,400 a day over 24 hours is $100 an hour; the outage 10:00–13:00 UTC takes 3 hours: plannedSpend =
   * lostSpend = 300.00, and with no recapture recapturedSpend 0.00, netLostSpend 300.00. cpm 9..10 has the
   * base 9.5: lostImpressions = 1000 × 300 / 9.5 = 31578.947… → 31578.95, low 1000 × 300 / 10 = 30000.00,
   * high 1000 × 300 / 9 = 33333.33; lostClicks = impressions × 0.01: 315.79, low 300.00, high 333.33.
   * No cvr: conversions and everything after them are null, their ranges too.
   */
  const estimate = one({
    outage: { timeZone: 'UTC', windows: [{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T13:00:00Z' }] },
    campaigns: [
      {
        currency: 'USD',
        timeZone: 'UTC',
        budget: { amount: '2400', period: 'day' },
        cpm: { low: '9', high: '10' },
        ctr: '0.01',
      },
    ],
  });
  const f = formatter('USD', 'half-even');

  it('gives the spends, the metrics, then each metric low and high, in RESULT_COLUMNS order', () => {
    const [nulls4, nulls8] = [Array(4).fill(null), Array(8).fill(null)];
    expect(resultCells(estimate, f)).toEqual([
      ...['300.00', '300.00', '0.00', '300.00', '31578.95', '315.79', ...nulls4],
      ...['0.00', '0.00', '300.00', '300.00', '30000.00', '33333.33', '300.00', '333.33', ...nulls8],
    ]);
    expect(outputCells(estimate, f)).toEqual(['300.00', '300.00', '0.00', '300.00', '31578.95', '315.79', ...nulls4]);
    const named = presentResultColumns(estimate, f);
    expect(Object.keys(named)).toEqual([...RESULT_COLUMNS]);
    expect([named.lostImpressionsLow, named.lostClicksHigh, named.lostRevenue]).toEqual(['30000.00', '333.33', null]);
  });
});
