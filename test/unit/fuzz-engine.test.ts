import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DecimalBounds, isTimeZone, parseDecimal } from '../../schemas/common';
import { CsvSyntaxError, parseCsv } from '../../src/csv/parse';
import { safeCell, writeCsv } from '../../src/csv/write';
import { allocateLargestRemainder } from '../../src/engine/allocate';
import { D } from '../../src/engine/decimal';
import { formatFixed, roundTo } from '../../src/engine/rounding';
import { formatInstant, timestampToInstant } from '../../src/engine/time';
import { jsonDepth } from '../../src/http/guards';

/**
 * Fuzzing of the pieces every request passes through, in Node where a case costs microseconds: the decimal
 * parser, the JSON depth guard, CSV reading and writing, timestamps and largest-remainder allocation.
 * test/api/fuzz/ fuzzes the endpoints themselves in workerd.
 *
 * Fixed seed and case counts for CI; `FUZZ_SEED=42 FUZZ_RUNS=20000 npx vitest run test/unit/fuzz-engine.test.ts`
 * for a longer run (FUZZ_RUNS replaces every property's own count).
 */
const SEED = Number(process.env.FUZZ_SEED) || 20261123;
const RUNS = Number(process.env.FUZZ_RUNS) || 0;
const settings = (numRuns: number) => ({ seed: SEED, numRuns: RUNS || numRuns });
const Wide = Decimal.clone({ precision: 100 });

describe('parseDecimal', () => {
  const bounds: fc.Arbitrary<DecimalBounds> = fc.record(
    {
      min: fc.constantFrom('0', '-100', '1'),
      minExclusive: fc.boolean(),
      max: fc.constantFrom('1', '1e9', '1e15'),
      maxExclusive: fc.boolean(),
      integer: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  const decimalText = fc.oneof(
    fc
      .tuple(
        fc.constantFrom('', '+', '-'),
        fc.stringMatching(/^\d{0,20}$/),
        fc.constantFrom('', '.'),
        fc.stringMatching(/^\d{0,20}$/),
        fc.constantFrom('', 'e', 'E', 'e-', 'e+'),
        fc.stringMatching(/^\d{0,19}$/),
      )
      .map((parts) => parts.join('')),
    fc.constantFrom(
      '1e400',
      '1e-999999',
      '1e-9000000000000000',
      '1e9000000000000000',
      '9'.repeat(60),
      '9'.repeat(400),
      '-0',
      '0e-999999',
      'NaN',
      'Infinity',
      ' 12 ',
      '\u00001',
      '１２',
    ),
    fc.string({ maxLength: 70 }),
  );
  const raw = fc.oneof(decimalText, fc.double(), fc.integer(), fc.anything());

  it('never throws, and every value it accepts is finite, within the bounds, and as written', () => {
    fc.assert(
      fc.property(raw, bounds, (input, b) => {
        const parsed = parseDecimal(input, b);
        if ('error' in parsed) {
          expect(parsed.error).not.toBe('');
          return;
        }
        const v = parsed.value;
        expect(v.isFinite()).toBe(true);
        expect(Object.is(v.toNumber(), -0)).toBe(false);
        if (b.min !== undefined)
          expect(b.minExclusive ? v.greaterThan(b.min) : v.greaterThanOrEqualTo(b.min)).toBe(true);
        if (b.max !== undefined) expect(b.maxExclusive ? v.lessThan(b.max) : v.lessThanOrEqualTo(b.max)).toBe(true);
        if (b.integer) expect(v.isInteger()).toBe(true);
        // Never so small that a division by it would run to thousands of digits.
        if (!v.isZero()) expect(v.abs().greaterThanOrEqualTo('1e-12')).toBe(true);
        if (typeof input === 'string') expect(v.equals(new Decimal(input.trim()))).toBe(true);
        if (typeof input === 'number') expect(v.equals(new Decimal(String(input)))).toBe(true);
      }),
      settings(5000),
    );
  });
});

describe('jsonDepth', () => {
  const depthOf = (v: unknown): number =>
    Array.isArray(v)
      ? 1 + Math.max(0, ...v.map(depthOf))
      : v !== null && typeof v === 'object'
        ? 1 + Math.max(0, ...Object.values(v).map(depthOf))
        : 0;

  it('counts the nesting of any JSON text exactly, brackets and escaped quotes inside strings included', () => {
    const tricky = fc.constantFrom('[', ']', '{', '}', '"', '\\', '\\"', '"]', '\\\\"[');
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.array(tricky, { maxLength: 3 }), (value, strings) => {
        const wrapped = strings.length ? [value, ...strings] : value;
        expect(jsonDepth(JSON.stringify(wrapped))).toBe(depthOf(wrapped));
      }),
      settings(3000),
    );
  });

  it('counts 100,000 levels without recursion', () => {
    expect(jsonDepth('['.repeat(100_000) + ']'.repeat(100_000))).toBe(100_000);
  });
});

describe('CSV', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom(
      '',
      '"',
      '""',
      ',',
      '\r\n',
      '\n',
      '\r',
      ' x ',
      '=1+1',
      '-12.41',
      '+1',
      '@A1',
      '\t',
      '\u0000',
      '\uFEFF',
    ),
  );

  it('reads back what it writes, with formula-looking text cells defused', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1, maxLength: 8 }).filter((h) => h.trim() !== '' && !h.startsWith('\uFEFF')),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }),
        fc.boolean(),
        (header, rows, bom) => {
          const width = header.length;
          const full = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const parsed = parseCsv(writeCsv(header, full, { bom }));
          // A row of one empty cell is an empty line, which RFC 4180 readers (and ours) skip.
          const expected = [header, ...full]
            .map((r) => r.map(safeCell))
            .filter((r) => !(r.length === 1 && r[0] === ''));
          expect(parsed).toEqual(expected);
        },
      ),
      settings(3000),
    );
  });

  it('reads any text or refuses it with a CsvSyntaxError, never another error', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .array(fc.constantFrom('"', ',', '\r', '\n', 'a', '""', '\uFEFF'), { maxLength: 40 })
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          for (const record of parseCsv(t)) expect(record.length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(CsvSyntaxError);
        }
      }),
      settings(5000),
    );
  });
});

describe('timestamps', () => {
  const ZONES = [
    'UTC',
    'America/New_York',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'America/Santiago',
    'Europe/London',
    'Pacific/Chatham',
  ];
  const instant = fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2200, 11, 30) });

  it('reads any text in any zone without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          instant.map((t) => new Date(t).toISOString().slice(0, 19)),
        ),
        fc.constantFrom(...ZONES),
        (text, zone) => {
          const r = timestampToInstant(text, zone);
          if ('instant' in r) expect(Number.isInteger(r.instant)).toBe(true);
          else expect(r.error).not.toBe('');
        },
      ),
      settings(3000),
    );
  });

  it('reads an absolute timestamp, with Z or any offset, as exactly its instant in every zone', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        fc.constantFrom(...ZONES),
        (t, offset, zone) => {
          const local = new Date(t + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const m = Math.abs(offset);
          const text = `${local}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          expect(timestampToInstant(text, zone)).toEqual({ instant: t });
          expect(timestampToInstant(formatInstant(t), zone)).toEqual({ instant: t });
        },
      ),
      settings(3000),
    );
  });

  it('knows an IANA name, and refuses offsets and junk', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.constantFrom('+05:00', '-0430', 'utc', 'Etc/GMT+5', 'America/New_York', '\u0000UTC', ' UTC'),
        ),
        (name) => {
          const known = isTimeZone(name);
          expect(typeof known).toBe('boolean');
          if (/^[+-]/.test(name)) expect(known).toBe(false);
        },
      ),
      settings(2000),
    );
  });
});

describe('largest-remainder allocation', () => {
  it('gives rows that add up exactly to the rounded total, each within a unit of its own value', () => {
    const value = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n) => new D(n.toString()).dividedBy(10 ** 9));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(0, 2, 3),
        fc.constantFrom('half-even' as const, 'half-up' as const),
        (values, places, mode) => {
          const rows = allocateLargestRemainder(values, places, mode);
          const total = values.reduce((s, v) => s.plus(v), new D(0));
          const sum = rows.reduce((s, v) => s.plus(v), new D(0));
          // Rows of mixed sign can carry the missing units in either direction; the sum is exact either way.
          expect(sum.toFixed(places)).toBe(roundTo(total, places, mode).toFixed(places));
          rows.forEach((r, i) =>
            expect(
              r
                .minus(values[i] as Decimal)
                .abs()
                .lessThanOrEqualTo(new D(10).pow(-places)),
              `row ${i}`,
            ).toBe(true),
          );
        },
      ),
      settings(3000),
    );
  });
});

describe('regressions found by fuzzing', () => {
  it('keeps the cents of an output of 1e28 (30 significant digits used to stop short of them)', () => {
    // lostGrossProfit of a campaign with a 1e15 hourly budget and a cpa of 1e-12: the 31st digit is a cent.
    expect(formatFixed(new D('10000012513050920725555555555.52'), 2, 'half-even')).toBe(
      '10000012513050920725555555555.52',
    );
    expect(roundTo(new D('-10000012513050920725555555555.525'), 2, 'half-up').toFixed(2)).toBe(
      '-10000012513050920725555555555.53',
    );
    // The tie rule for small values is unchanged: 0.024999…9 from a non-terminating division is 0.025.
    expect(formatFixed(new D('0.024999999999999999999999999999999999'), 2, 'half-even')).toBe('0.02');
    expect(formatFixed(new D('0.024999999999999999999999999999999999'), 2, 'half-up')).toBe('0.03');
  });

  it('allocates rows to a total computed on its own, exactly, even when 35 digits leave them billions of units apart', () => {
    // A timeline's lost revenue of 9e33: the rows' shares and the campaign total differ past the 35th digit.
    const rows = [
      new D('3066291520460911469999999999999999.8'),
      new D('3066291520460911469999999999999999.8'),
      new D('3066291520460911469999999999999999.8'),
    ];
    const total = new D('9198874561382734410000000000000000.1');
    const exactSum = (parts: Decimal[]) => parts.reduce((s, v) => s.plus(v), new Wide(0)).toFixed(2);
    expect(exactSum(allocateLargestRemainder(rows, 2, 'half-even', total))).toBe(
      '9198874561382734410000000000000000.10',
    );
    const far = new D('1.00000000000000000000000000001e40');
    expect(exactSum(allocateLargestRemainder([new D('1e40'), new D('1')], 2, 'half-even', far))).toBe(
      new Wide(far).toFixed(2),
    );
  });
});
