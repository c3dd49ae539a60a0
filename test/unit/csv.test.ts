import { describe, expect, it } from 'vitest';
import { CSV_LIMITS, CsvLimitError, CsvSyntaxError, parseCsv } from '../../src/csv/parse';
import { isPlainNumber, quoteCell, safeCell, writeCsv } from '../../src/csv/write';

describe('parseCsv (RFC 4180)', () => {
  it('reads a header and rows separated by CRLF', () => {
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads LF line ends, and a last line without a line end', () => {
    expect(parseCsv('a,b\n1,2\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside a quoted field', () => {
    const text = 'id,note\r\n"Smith, Jones","line one\r\nline two",x\r\n"say ""hi""",""\r\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'note'],
      ['Smith, Jones', 'line one\r\nline two', 'x'],
      ['say "hi"', ''],
    ]);
  });

  it('drops a UTF-8 byte-order mark so the first header is not "\\uFEFFid"', () => {
    expect(parseCsv('\uFEFFid,cpm\r\nα,9.50\r\n')).toEqual([
      ['id', 'cpm'],
      ['α', '9.50'],
    ]);
  });

  it('skips blank lines, but keeps a line of empty fields', () => {
    expect(parseCsv('a,b\r\n\r\n1,2\n\n,\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['', ''],
    ]);
  });

  it('keeps a trailing empty field', () => {
    expect(parseCsv('a,\r\n')).toEqual([['a', '']]);
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('refuses a quoted field that is never closed, naming the line it starts on', () => {
    expect(() => parseCsv('a,b\r\n1,"open\r\nstill open')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\r\n1,"open\r\nstill open');
    } catch (err) {
      expect((err as CsvSyntaxError).line).toBe(2);
      expect((err as CsvSyntaxError).message).toMatch(/never closed/);
    }
  });

  it('refuses a stray quote inside an unquoted field', () => {
    expect(() => parseCsv('a,b\r\n1,2"3\r\n')).toThrow(/double quote inside an unquoted field/);
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('a\r\n"x"y\r\n')).toThrow(/after a closing double quote/);
  });
});

describe('safeCell (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['\ncmd', "'\ncmd"],
    ['\0cmd', "'\0cmd"],
  ])('prefixes %j with an apostrophe', (input, expected) => {
    expect(safeCell(input)).toBe(expected);
  });

  it.each(['-12.41', '-4.89', '-0.5', '-.5', '0', '271.67', '2.5e9', '-1E-7', '1200'])(
    'never alters the number %s',
    (n) => {
      expect(safeCell(n)).toBe(n);
    },
  );

  it('leaves ordinary text alone', () => {
    expect(safeCell('fall-sale')).toBe('fall-sale');
    expect(safeCell('America/New_York')).toBe('America/New_York');
    expect(safeCell('')).toBe('');
  });

  it.each([
    // blanks before the trigger: space, NBSP, ideographic space, BOM
    [' =1+1', "' =1+1"],
    ['\u00a0=1+1', "'\u00a0=1+1"],
    ['\u3000\u3000+1', "'\u3000\u3000+1"],
    ['\ufeff@x', "'\ufeff@x"],
    // full-width triggers
    ['\uff1d1+1', "'\uff1d1+1"],
    ['\uff0b1', "'\uff0b1"],
    ['\uff0d1', "'\uff0d1"],
    ['\uff20x', "'\uff20x"],
  ])('prefixes %j, whose first non-blank character is a trigger', (input, expected) => {
    expect(safeCell(input)).toBe(expected);
  });

  it.each([
    // the case: a semicolon spreadsheet would make `=1+1` a cell of its own
    ['x;=1+1;y', "x;'=1+1;y"],
    ['a, -b', "a,' -b"],
    ['a\t@b', "a\t'@b"],
    ['a;\u3000\uff1db', "a;'\u3000\uff1db"],
    ['=a;=b,+c', "'=a;'=b,'+c"],
    // a tab after a comma is both a trigger of that part and a separator of its own
    ['a,\t=1', "a,'\t'=1"],
  ])('prefixes each part of %j that a spreadsheet could split off and read as a formula', (input, expected) => {
    expect(safeCell(input)).toBe(expected);
  });

  it('leaves separators that no trigger follows alone', () => {
    expect(safeCell('Smith, Jones; Brown')).toBe('Smith, Jones; Brown');
    expect(safeCell('1,5')).toBe('1,5');
  });
});

describe('isPlainNumber', () => {
  it.each(['0', '-0.5', '-.5', '1.', '2.5e9', '-1E-7', '1e+3'])('reads %s as a number', (n) => {
    expect(isPlainNumber(n)).toBe(true);
  });
  it.each(['', '-', '.', '+1', '1e', '1e+', '1..2', '1.2.3', '1x', ' 1', '1 ', '\uff11'])('reads %j as text', (t) => {
    expect(isPlainNumber(t)).toBe(false);
  });
});

describe('quoteCell and writeCsv', () => {
  it('quotes every text cell, doubling its quotes, and leaves numbers and empty cells bare', () => {
    expect(quoteCell('a,b')).toBe('"a,b"');
    expect(quoteCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCell('two\nlines')).toBe('"two\nlines"');
    expect(quoteCell('plain')).toBe('"plain"');
    expect(quoteCell(' x ')).toBe('" x "');
    expect(quoteCell('-12.41')).toBe('-12.41');
    expect(quoteCell('')).toBe('');
  });

  it('ends every line, the last included, with CRLF', () => {
    expect(writeCsv(['a', 'b'], [['1', '2']])).toBe('"a","b"\r\n1,2\r\n');
  });

  it('writes null and undefined as empty cells', () => {
    expect(writeCsv(['a', 'b', 'c'], [[null, undefined, 'x']])).toBe('"a","b","c"\r\n,,"x"\r\n');
  });

  it('prefixes a formula and then quotes it, and leaves negative numbers unquoted and unprefixed', () => {
    const csv = writeCsv(['id', 'netContributionChange'], [['=HYPERLINK("http://x","y")', '-12.41']]);
    // The part after the inner comma starts with a quote, not a trigger; the cell is wrapped in quotes, each " doubled.
    expect(csv).toBe('"id","netContributionChange"\r\n"\'=HYPERLINK(""http://x"",""y"")",-12.41\r\n');
  });

  it("writes the issue's semicolon case so that no part of it starts with a trigger", () => {
    expect(writeCsv(['id'], [['x;=1+1;y']])).toBe('"id"\r\n"x;\'=1+1;y"\r\n');
  });

  it('adds a UTF-8 byte-order mark only when asked', () => {
    expect(writeCsv(['a'], [], { bom: true })).toBe('\uFEFF"a"\r\n');
    expect(writeCsv(['a'], [])).toBe('"a"\r\n');
  });

  it('round-trips through parseCsv (the apostrophe is the only change)', () => {
    const cells = ['Smith, Jones', 'two\r\nlines', 'say "hi"', '-2+3', '-4.89'];
    const [, row] = parseCsv(writeCsv(['a', 'b', 'c', 'd', 'e'], [cells]));
    expect(row).toEqual(['Smith, Jones', 'two\r\nlines', 'say "hi"', "'-2+3", '-4.89']);
  });
});

describe('parseCsv stops at the first row, cell or column over its limit', () => {
  const limits = { rows: 3, cellChars: 8, columns: 4 };
  const limitError = (text: string) => {
    try {
      parseCsv(text, limits);
    } catch (err) {
      if (err instanceof CsvLimitError) return err;
    }
    throw new Error('expected a CsvLimitError');
  };

  it('takes exactly the limits', () => {
    // 3 data rows, a cell of 8 characters (quoted, with a doubled quote inside), 4 columns
    expect(parseCsv('a,b,c,d\n1,2,3,4\n"12345""7",,,\n5,6,7,8\n', limits)).toHaveLength(4);
  });

  it('refuses the fourth data row by its pointer (rows counted from 0 under the header)', () => {
    const err = limitError('h\n1\n2\n3\n4\n5\n');
    expect(err.pointer).toBe('/rows/3');
  });

  it('refuses a cell of 9 characters, quoted or not, naming its row and column', () => {
    expect(limitError('a,b\n1,123456789\n').pointer).toBe('/rows/0/1');
    expect(limitError('a,b\n"123456789",1\n').pointer).toBe('/rows/0/0');
    expect(limitError('123456789\n').pointer).toBe('/header/0');
  });

  it('refuses a fifth column', () => {
    expect(limitError('a,b,c,d\n1,2,3,4,5\n').pointer).toBe('/rows/0');
  });

  it('stops 2.6 million rows of ",\\n" at the row past the limit with the real limits', () => {
    const text = ',\n'.repeat(2_600_000);
    const err = (() => {
      try {
        parseCsv(text);
      } catch (e) {
        return e as CsvLimitError;
      }
    })();
    expect(err?.pointer).toBe(`/rows/${CSV_LIMITS.rows}`);
  });
});
