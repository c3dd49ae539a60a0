import { describe, expect, it } from 'vitest';
import { hourOf } from '../../src/csv/import/campaign';
import { readCell } from '../../src/csv/import/cells';
import { decodeExport } from '../../src/csv/import/decode';
import { detectSeparator, splitAtHeader } from '../../src/csv/import/detect';
import { dateRangeOf } from '../../src/csv/import/google-ads';
import { conversionEventOf, readMeta } from '../../src/csv/import/meta';

// The export readers of POST /v1/impact/import, piece by piece (docs/import.md). Expected values by hand.

const cell = (text: string) => {
  const c = readCell(text);
  return 'value' in c ? c.value.toFixed() : 'missing' in c ? 'missing' : 'error';
};

describe('cells as the platforms write them', () => {
  it.each([
    ['1,204', '1204'],
    ['"1,200.00"'.slice(1, -1), '1200'],
    ['7.23%', '0.0723'],
    ['--', 'missing'],
    ['-', 'missing'],
    ['', 'missing'],
    // a decimal comma is not guessed at
    ['1.204,50', 'error'],
    ['12,34', 'error'],
  ])('%j is %s', (text, expected) => expect(cell(text)).toBe(expected));
});

describe('hours, dates, events', () => {
  it("reads Meta's and Google's hour cells", () => {
    expect(hourOf('00:00:00 - 00:59:59')).toBe(0);
    expect(hourOf('23:00:00 - 23:59:59')).toBe(23);
    expect(hourOf('7')).toBe(7);
    expect(hourOf('24')).toBeUndefined();
  });

  it("reads Google's US-style date range line", () => {
    expect(dateRangeOf([['Campaign report'], ['March 1, 2024 - March 10, 2024']])).toEqual({
      start: '2024-03-01',
      end: '2024-03-10',
    });
    // 30 February does not exist
    expect(dateRangeOf([['February 1, 2024 - February 30, 2024']])).toBeUndefined();
  });

  it('counts only conversion events as conversions', () => {
    expect(conversionEventOf('actions:offsite_conversion.fb_pixel_purchase')).toBe('purchase');
    expect(conversionEventOf('actions:lead')).toBe('lead');
    expect(conversionEventOf('actions:mobile_app_install')).toBe('app_install');
    expect(conversionEventOf('actions:link_click')).toBeUndefined();
    expect(conversionEventOf('reach')).toBeUndefined();
  });
});

describe('decoding and detection', () => {
  it('reads UTF-16BE with its byte-order mark', () => {
    // "A,B" in UTF-16BE: FE FF 00 41 00 2C 00 42
    expect(decodeExport(new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x00, 0x2c, 0x00, 0x42]))).toEqual({
      text: 'A,B',
      encoding: 'utf-16be',
    });
  });

  it('strips a UTF-8 byte-order mark and refuses bytes that are not UTF-8', () => {
    expect(decodeExport(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ text: 'A', encoding: 'utf-8' });
    expect('error' in decodeExport(new Uint8Array([0x41, 0xff, 0x41]))).toBe(true);
  });

  it('detects tab, semicolon and comma, ignoring separators inside quotes', () => {
    expect(detectSeparator('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectSeparator('a;b;"c,d,e"\n1;2;3\n')).toBe(';');
    expect(detectSeparator('a,b\n')).toBe(',');
  });
});

describe('Meta revenue', () => {
  it('takes revenue from Purchase ROAS when there is no conversion value column', () => {
    const split = splitAtHeader([
      [
        'Reporting starts',
        'Reporting ends',
        'Campaign name',
        'Amount spent (USD)',
        'Impressions',
        'Link clicks',
        'Results',
        'Result indicator',
        'Purchase ROAS (return on ad spend)',
      ],
      [
        '2024-03-01',
        '2024-03-01',
        'A',
        '100.00',
        '10000',
        '200',
        '10',
        'actions:offsite_conversion.fb_pixel_purchase',
        '3.5',
      ],
    ]);
    if ('seen' in split) throw new Error('not recognised');
    const read = readMeta(split.table);
    if ('problems' in read) throw new Error('problems');
    // revenue = ROAS × spent = 3.5 × 100 = 350
    expect(read.campaigns[0]?.conversionValue?.toFixed()).toBe('350');
    expect(read.campaigns[0]?.conversionEvent).toBe('purchase');
  });
});
