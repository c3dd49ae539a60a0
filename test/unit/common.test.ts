import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { Currency, type DecimalBounds, decimalInput, isTimeZone, parseDecimal, TimeZone } from '../../schemas/common';
import { allocateLargestRemainder } from '../../src/engine/allocate';
import { D, sum } from '../../src/engine/decimal';
import { currencyDigits, formatFixed, formatter } from '../../src/engine/rounding';
import { fieldErrors } from '../../src/http/validation';
import { jsonPointer } from '../../src/http/problem';

// Every expectation is worked out by hand in the comment next to it, never copied from the code's output.

/** The value as a plain string, or the error message. */
function parsed(raw: unknown, bounds: DecimalBounds = {}): string {
  const r = parseDecimal(raw, bounds);
  return 'error' in r ? `error: ${r.error}` : r.value.toFixed();
}

const SHARES: DecimalBounds = { min: '0', minExclusive: true, max: '1e13' };

describe('decimal input: a finite JSON number or a decimal string', () => {
  it.each([
    [1200, '1200'],
    ['1200', '1200'],
    ['0.0125', '0.0125'],
    ['-4.89', '-4.89'],
    // 2.5 × 10^9 = 2,500,000,000
    ['2.5e9', '2500000000'],
    ['2.5E9', '2500000000'],
    ['+3', '3'],
    ['.5', '0.5'],
    ['5.', '5'],
    // a JSON number goes through its shortest round-trip text, never through its binary value:
    // 0.1 is read as exactly 1/10, not 0.1000000000000000055511151231257827…
    [0.1, '0.1'],
    [-4.89, '-4.89'],
    // 1e21 is printed by JavaScript as "1e+21": still 1 followed by 21 zeros
    [1e21, '1000000000000000000000'],
  ])('reads %j as %s', (raw, expected) => {
    expect(parsed(raw)).toBe(expected);
  });

  it('reads a string with surrounding whitespace as the number inside it', () => {
    expect(parsed(' 12 ')).toBe('12');
    expect(parsed('\t9.50\n')).toBe('9.5'); // 9.50 = 9.5
  });

  it('refuses an empty or blank string, so "not given" is never read as 0', () => {
    expect(parsed('')).toBe('error: must not be empty; leave the field out if it is not given');
    expect(parsed('   ')).toBe('error: must not be empty; leave the field out if it is not given');
  });

  it.each([
    'NaN',
    'Infinity',
    '-Infinity',
    'inf',
    '1,000',
    '1 000',
    '0x10',
    '1e',
    'e5',
    '--1',
    '1.2.3',
    '١٢',
    '9.50 USD',
  ])('refuses the string %j', (raw) => {
    expect(parsed(raw)).toBe(`error: must be a decimal number such as "9.50" or "2.5e9", not "${raw}"`);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses the number %s', (raw) => {
    expect(parsed(raw)).toBe('error: must be a finite number');
  });

  it.each([true, false, null, undefined, {}, [], ['1'], { value: '1' }])(
    'refuses %j, which is neither a number nor a string',
    (raw) => {
      expect(parsed(raw)).toBe('error: must be a number or a decimal string');
    },
  );

  it('refuses "1e400" by its bounds: decimal.js holds it exactly, and 10^400 > 10^13', () => {
    expect(parsed('1e400', SHARES)).toBe('error: must be greater than 0, at most 1e13');
    expect(parsed('-1e400', SHARES)).toBe('error: must be greater than 0, at most 1e13');
  });

  it('refuses an exponent beyond what decimal.js can hold as not finite', () => {
    expect(parsed('1e9999999999999999999')).toBe('error: must be a finite number');
  });

  it('refuses a 400-digit string before parsing it', () => {
    expect(parsed('9'.repeat(400))).toBe('error: must be at most 64 characters long');
    expect(parsed(`0.${'1'.repeat(398)}`)).toBe('error: must be at most 64 characters long');
  });

  it('reads "-0" and -0 as plain 0', () => {
    const fromString = parseDecimal('-0');
    const fromNumber = parseDecimal(-0);
    expect('value' in fromString && fromString.value.isNegative()).toBe(false);
    expect('value' in fromNumber && fromNumber.value.isNegative()).toBe(false);
    expect(parsed('-0')).toBe('0');
    expect(parsed('-0.000')).toBe('0');
  });

  describe('bounds', () => {
    const inclusive: DecimalBounds = { min: '0', max: '1' };
    const exclusive: DecimalBounds = { min: '0', minExclusive: true, max: '1', maxExclusive: true };

    it('includes both ends of an inclusive range', () => {
      expect(parsed('0', inclusive)).toBe('0');
      expect(parsed('1', inclusive)).toBe('1');
      // 1 + 1e-24 has 25 significant digits, the most an input may carry; -1e-28 has one
      expect(parsed('1.000000000000000000000001', inclusive)).toBe('error: must be at least 0, at most 1');
      expect(parsed('-0.0000000000000000000000000001', inclusive)).toBe('error: must be at least 0, at most 1');
    });

    it('refuses non-zero values smaller than 1e-12, which would divide into numbers millions of digits long', () => {
      expect(parsed('1e-999999', exclusive)).toBe('error: must be 0 or at least 1e-12 in size');
      expect(parsed('0.0000000000009', exclusive)).toBe('error: must be 0 or at least 1e-12 in size');
      expect(parsed('0.000000000001', exclusive)).toBe('0.000000000001');
      expect(parsed('0', inclusive)).toBe('0');
    });

    it('excludes both ends of an exclusive range', () => {
      expect(parsed('0', exclusive)).toBe('error: must be greater than 0, less than 1');
      expect(parsed('1', exclusive)).toBe('error: must be greater than 0, less than 1');
      expect(parsed('-0', exclusive)).toBe('error: must be greater than 0, less than 1');
      expect(parsed('0.5', exclusive)).toBe('0.5');
    });

    it('compares exactly, with no float rounding at the edge', () => {
      // 10^13 is allowed; 10^13 + 1 = 10,000,000,000,001 is not, though a float would have to be careful
      expect(parsed('10000000000000', SHARES)).toBe('10000000000000');
      expect(parsed('10000000000001', SHARES)).toBe('error: must be greater than 0, at most 1e13');
      expect(parsed('9999999999999.999999', SHARES)).toBe('9999999999999.999999');
    });

    it('refuses a fraction where a whole number is required', () => {
      expect(parsed('2.5', { min: '0', integer: true })).toBe('error: must be at least 0, a whole number');
      // 2.5e1 = 25, a whole number written with an exponent
      expect(parsed('2.5e1', { min: '0', integer: true })).toBe('25');
    });
  });

  describe('as a zod schema', () => {
    const schema = z.strictObject({ shares: decimalInput(SHARES, { description: 'Shares', example: '1' }) });
    const errorsOf = (body: unknown) => {
      const r = schema.safeParse(body);
      return r.success ? [] : fieldErrors(r.error);
    };

    it('gives a Decimal, not a float', () => {
      const r = schema.safeParse({ shares: '2366277848.0000000001' });
      expect(r.success && r.data.shares.toFixed()).toBe('2366277848.0000000001');
    });

    it('says a missing value is required', () => {
      expect(errorsOf({})).toEqual([{ pointer: '/shares', detail: 'is required' }]);
    });

    it('says a JSON number too large to be finite (1e400 parses to Infinity) is not finite, not that it is not a number', () => {
      expect(errorsOf({ shares: Number.POSITIVE_INFINITY })).toEqual([
        { pointer: '/shares', detail: 'must be a finite number' },
      ]);
    });

    it.each([true, null, {}, []])('says %j is neither a number nor a decimal string', (raw) => {
      expect(errorsOf({ shares: raw })).toEqual([
        { pointer: '/shares', detail: 'must be a number or a decimal string' },
      ]);
    });

    it('names the bounds in the message', () => {
      expect(errorsOf({ shares: '0' })).toEqual([
        { pointer: '/shares', detail: 'must be greater than 0, at most 1e13' },
      ]);
    });

    it('names an unknown field by its own pointer', () => {
      expect(errorsOf({ shares: '1', sharez: '1' })).toEqual([
        { pointer: '/sharez', detail: 'is not a field of this object; check its spelling' },
      ]);
    });
  });
});

describe('output formatter', () => {
  it('takes the minor units of each currency from Intl', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('BHD')).toBe(3);
  });

  it('rounds an exact tie half-even by default and half-up on request', () => {
    // 0.125 lies exactly between 0.12 and 0.13: half-even keeps the even last digit 2, half-up goes up
    expect(formatter('USD', 'half-even').money(new D('0.125'))).toBe('0.12');
    expect(formatter('USD', 'half-up').money(new D('0.125'))).toBe('0.13');
    // 0.135 lies between 0.13 and 0.14: the even neighbour is 0.14, so both modes agree
    expect(formatter('USD', 'half-even').money(new D('0.135'))).toBe('0.14');
    expect(formatter('USD', 'half-up').money(new D('0.135'))).toBe('0.14');
    // ¥2.5 lies between ¥2 and ¥3: half-even gives the even 2, half-up 3
    expect(formatter('JPY', 'half-even').money(new D('2.5'))).toBe('2');
    expect(formatter('JPY', 'half-up').money(new D('2.5'))).toBe('3');
    // ¥3.5: the even neighbour is 4
    expect(formatter('JPY', 'half-even').money(new D('3.5'))).toBe('4');
    // KD 1.0005 lies between 1.000 and 1.001: half-even keeps 1.000, half-up gives 1.001
    expect(formatter('KWD', 'half-even').money(new D('1.0005'))).toBe('1.000');
    expect(formatter('KWD', 'half-up').money(new D('1.0005'))).toBe('1.001');
  });

  it('rounds a negative tie away from zero in half-up (-0.125 → -0.13) and to even in half-even (-0.12)', () => {
    expect(formatter('USD', 'half-up').money(new D('-0.125'))).toBe('-0.13');
    expect(formatter('USD', 'half-even').money(new D('-0.125'))).toBe('-0.12');
  });

  it('only rounds ties by the mode: 0.12500000001 is above the tie and goes up in both', () => {
    expect(formatter('USD', 'half-even').money(new D('0.12500000001'))).toBe('0.13');
  });

  it('writes percents with 4 decimals, ratios with 6, counts with 2, and fine money with 2 more than the currency', () => {
    const f = formatter('USD', 'half-even');
    // -16.78 ÷ 343.01 × 100 = -4.891985656…, to 4 places -4.8920
    expect(f.percent(new D('-16.78').dividedBy('343.01').times(100))).toBe('-4.8920');
    expect(f.percent(new D('5'))).toBe('5.0000');
    // 1 ÷ 3 = 0.333333|33…, 2 ÷ 3 = 0.666666|66… → 0.666667
    expect(f.ratio(new D(1).dividedBy(3))).toBe('0.333333');
    expect(f.ratio(new D(2).dividedBy(3))).toBe('0.666667');
    // 1,234.5 impressions → 1234.50
    expect(f.count(new D('1234.5'))).toBe('1234.50');
    // 29,080,000,000 ÷ 2,184 ÷ 3,600 = 3,698.6162…/s; USD fine money has 4 places: 3698.6162
    expect(f.fineMoney(new D('29080000000').dividedBy(2184).dividedBy(3600))).toBe('3698.6162');
    expect(formatter('JPY', 'half-even').fineMoney(new D('1.255'))).toBe('1.26');
  });

  it('never writes "-0.00": a negative value that rounds to zero is plain zero', () => {
    const f = formatter('USD', 'half-even');
    expect(f.money(new D('-0.001'))).toBe('0.00');
    // -0.005 is a tie between -0.01 and 0.00; half-even picks 0.00, written without a sign
    expect(f.money(new D('-0.005'))).toBe('0.00');
    expect(formatter('USD', 'half-up').money(new D('-0.004'))).toBe('0.00');
    expect(formatter('JPY', 'half-even').money(new D('-0.4'))).toBe('0');
    expect(f.percent(new D('-0.00001'))).toBe('0.0000');
    expect(f.money(new D('-0'))).toBe('0.00');
  });

  it('writes large and tiny values in plain notation, never with an exponent', () => {
    expect(formatFixed(new D('1e20'), 2, 'half-even')).toBe('100000000000000000000.00');
    expect(formatFixed(new D('1e-20'), 2, 'half-even')).toBe('0.00');
  });
});

describe('largest-remainder allocation', () => {
  const allocate = (values: string[], places: number, mode: 'half-even' | 'half-up' = 'half-even') =>
    allocateLargestRemainder(
      values.map((v) => new D(v)),
      places,
      mode,
    ).map((v) => v.toFixed(places));

  it('splits 1.00 in three thirds as 0.34, 0.33, 0.33: the first of equal remainders gets the cent', () => {
    // each third is 0.333…; floors 0.33 × 3 = 0.99; 1.00 − 0.99 = 1 cent missing; all remainders tie, the first wins
    const third = new D(1).dividedBy(3);
    expect(allocateLargestRemainder([third, third, third], 2, 'half-even').map((v) => v.toFixed(2))).toEqual([
      '0.34',
      '0.33',
      '0.33',
    ]);
  });

  it('gives the missing units to the largest remainders, not to the first rows', () => {
    // 0.301 + 0.302 + 0.397 = 1.000; floors 0.30 + 0.30 + 0.39 = 0.99; remainders 0.001, 0.002, 0.007;
    // the one missing cent goes to the largest remainder (0.397 → 0.40)
    expect(allocate(['0.301', '0.302', '0.397'], 2)).toEqual(['0.30', '0.30', '0.40']);
    // 1.005 + 2.006 + 3.009 = 6.020; floors 1.00 + 2.00 + 3.00 = 6.00; 2 cents missing;
    // remainders 0.005, 0.006, 0.009 → rows 2 and 1 (largest first) get them
    expect(allocate(['1.005', '2.006', '3.009'], 2)).toEqual(['1.00', '2.01', '3.01']);
  });

  it('adds up exactly to the total rounded with the chosen mode', () => {
    // 0.005 × 3 = 0.015: half-even rounds the total to 0.02 (2 is even), half-up also to 0.02
    expect(allocate(['0.005', '0.005', '0.005'], 2)).toEqual(['0.01', '0.01', '0.00']);
    // 0.0125 × 2 = 0.025: half-even rounds to 0.02, half-up to 0.03
    expect(allocate(['0.0125', '0.0125'], 2, 'half-even')).toEqual(['0.01', '0.01']);
    expect(allocate(['0.0125', '0.0125'], 2, 'half-up')).toEqual(['0.02', '0.01']);
    // ¥2.5 alone: half-even 2, half-up 3
    expect(allocate(['2.5'], 0, 'half-even')).toEqual(['2']);
    expect(allocate(['2.5'], 0, 'half-up')).toEqual(['3']);
  });

  it('keeps 24 hourly rows of a $1,000 day summing to $1,000.00', () => {
    // 1000 ÷ 24 = 41.666…: floors 41.66 × 24 = 999.84; 16 cents missing, all remainders equal,
    // so the first 16 rows get 41.67 and the last 8 keep 41.66: 16 × 41.67 + 8 × 41.66 = 666.72 + 333.28 = 1000.00
    const hour = new D(1000).dividedBy(24);
    const rows = allocateLargestRemainder(
      Array.from({ length: 24 }, () => hour),
      2,
      'half-even',
    );
    expect(rows.map((r) => r.toFixed(2))).toEqual([...Array(16).fill('41.67'), ...Array(8).fill('41.66')]);
    expect(sum(rows).toFixed(2)).toBe('1000.00');
  });

  it('is deterministic: the same input always gives the same rows', () => {
    const values = ['0.111', '0.222', '0.333', '0.334'];
    expect(allocate(values, 2)).toEqual(allocate(values, 2));
  });

  it('mirrors a negative series: -1.00 in three thirds is -0.34, -0.33, -0.33', () => {
    // negating every row of the positive split keeps the sum (-1.00) and the tie-break (first row)
    const third = new D(-1).dividedBy(3);
    expect(allocateLargestRemainder([third, third, third], 2, 'half-even').map((v) => v.toFixed(2))).toEqual([
      '-0.34',
      '-0.33',
      '-0.33',
    ]);
  });

  it('handles no rows and all-zero rows', () => {
    expect(allocate([], 2)).toEqual([]);
    expect(allocate(['0', '0'], 2)).toEqual(['0.00', '0.00']);
  });
});

describe('currency and time-zone checks', () => {
  it.each(['USD', 'JPY', 'KWD', 'EUR', 'CHF'])('accepts the ISO 4217 code %s', (code) => {
    expect(Currency.safeParse(code).success).toBe(true);
  });

  it.each(['XXZ', 'usd', 'US', 'USDX', '', ' USD'])('refuses %j', (code) => {
    const r = Currency.safeParse(code);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('must be an ISO 4217 currency code such as "USD", "JPY" or "KWD"');
  });

  it.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Etc/GMT+5'])(
    'accepts the IANA zone %s',
    (zone) => {
      expect(isTimeZone(zone)).toBe(true);
      expect(TimeZone.safeParse(zone).success).toBe(true);
    },
  );

  // "+05:00" is an offset, not an IANA name; newer V8 (workerd) accepts it in Intl, Node 20 does not,
  // so it is refused explicitly to answer the same on every runtime.
  it.each(['Mars/Base', 'America/New_Yrok', '', ' ', 'UTC ', '+05:00', '-04:00'])('refuses %j', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
    const r = TimeZone.safeParse(zone);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('must be an IANA time-zone name such as "America/New_York" or "UTC"');
  });
});

describe('jsonPointer (RFC 6901)', () => {
  it('joins tokens with "/" and numbers as indexes', () => {
    expect(jsonPointer(['shareClasses', 0, 'sharez'])).toBe('/shareClasses/0/sharez');
    expect(jsonPointer([])).toBe('');
  });

  it('escapes "~" as "~0" and "/" as "~1", "~" first so "~1" in a key stays distinct', () => {
    expect(jsonPointer(['a/b'])).toBe('/a~1b');
    expect(jsonPointer(['m~n'])).toBe('/m~0n');
    // the key "~1" is "~" then "1": "~" → "~0", giving "~01" (not "~1", which would mean "/")
    expect(jsonPointer(['~1'])).toBe('/~01');
    expect(jsonPointer(['a~/b', 2])).toBe('/a~0~1b/2');
    expect(jsonPointer([''])).toBe('/');
  });
});
