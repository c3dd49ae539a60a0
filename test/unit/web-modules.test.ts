import { describe, expect, it } from 'vitest';
import { writeCsv as serverWriteCsv } from '../../src/csv/write';

// The web calculator's modules that need no DOM, run in Node: the CSV writer (same bytes as the API's),
// the permalink codec, and how figures are grouped. The page as a whole is tested in Chromium
// (test/browser/calculator.mjs).

interface CsvModule {
  writeCsv(header: readonly string[], rows: readonly (readonly (string | null | undefined)[])[]): string;
  safeCell(value: string): string;
}
interface PermalinkModule {
  encodeState(panel: string, body: unknown): Promise<string>;
  decodeState(fragment: string): Promise<{ panel: string; body: unknown } | { error: string } | null>;
}
interface FormatModule {
  groupDigits(value: string): string;
  withUnit(value: string | null | undefined, unit: { money?: string; unit?: string }): string;
  localTime(instant: string, timeZone: string): string;
}

/** Imports a browser module of public/app/ (plain JavaScript, so typed here by what the test uses). */
const pageModule = <T>(name: string): Promise<T> =>
  import(/* @vite-ignore */ new URL(`../../public/app/${name}`, import.meta.url).href);

describe('public/app/csv.js: the page’s CSV download', () => {
  it('writes the same bytes as the API’s CSV writer, formula-looking text defused, numbers kept', async () => {
    const { writeCsv } = await pageModule<CsvModule>('csv.js');
    const header = ['id', 'value', 'note'];
    const rows = [
      ['=HYPERLINK("http://x")', '-12.41', '+1 more'],
      ['@SUM(A1)', '1e5', '-'],
      ['\tTab', '0.50', 'a,b'],
      ['\rCR', '271.67', 'line\nbreak'],
      ['say "hi"', '', ' padded '],
      [null, undefined, '-1.5e-3'],
      ['\0nul', '.5', '--5'],
      // DESIGN.md section 9: blanks before a trigger, full-width triggers, and triggers after , ; or tab
      ['\u00a0=1', '\uff1dSUM(A1)', 'x;=1+1;y'],
      ['a, @b', '1…1x', '\u3000+2'],
    ];
    const page = writeCsv(header, rows);
    expect(page).toBe(serverWriteCsv(header, rows));
    // By hand, the first row: the formula gets a ' and quotes (it holds "), -12.41 is a number, "+1 more" is
    // text, so quoted, with a ' before its +.
    expect(page.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"")",-12.41,"'+1 more"`);
    // "x;=1+1;y": a semicolon-locale spreadsheet splits it into x | =1+1 | y, so the middle part gets a '.
    expect(page.split('\r\n')[8]).toBe(`"'\u00a0=1","'\uff1dSUM(A1)","x;'=1+1;y"`);
    expect(page.endsWith('\r\n')).toBe(true);
  });
});

describe('public/app/permalink.js: the whole input in the URL fragment', () => {
  const body = {
    outage: { timeZone: 'America/New_York', windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00' }] },
    campaigns: [
      { id: 'zürich ✓ "quoted"', budget: { amount: '1200', period: 'day' }, ctr: { low: '0.009', high: '0.013' } },
    ],
  };

  it('round-trips a body through a compressed, URL-safe fragment', async () => {
    const { encodeState, decodeState } = await pageModule<PermalinkModule>('permalink.js');
    const fragment = await encodeState('impact', body);
    expect(fragment).toMatch(/^impact\/z\.[A-Za-z0-9_-]+$/);
    expect(await decodeState(`#${fragment}`)).toEqual({ panel: 'impact', body });
  });

  it('reads a plain percent-encoded JSON link written by hand', async () => {
    const { decodeState } = await pageModule<PermalinkModule>('permalink.js');
    expect(await decodeState(`#market-cap/j.${encodeURIComponent('{"currency":"EUR"}')}`)).toEqual({
      panel: 'market-cap',
      body: { currency: 'EUR' },
    });
  });

  it('says so when a link is damaged or is not a calculation, and opens the example for an empty fragment', async () => {
    const { encodeState, decodeState } = await pageModule<PermalinkModule>('permalink.js');
    const fragment = await encodeState('impact', body);
    expect(await decodeState(fragment.slice(0, -8))).toHaveProperty('error');
    expect(await decodeState('#impact/z.!!!')).toHaveProperty('error');
    expect(await decodeState('#impact/j.%7Bnot json')).toHaveProperty('error');
    expect(await decodeState('#top')).toHaveProperty('error');
    expect(await decodeState('')).toBeNull();
    expect(await decodeState('#')).toBeNull();
  });
});

describe('public/app/format.js: figures with their units', () => {
  it('groups the integer part of a decimal string without changing a digit', async () => {
    const { groupDigits } = await pageModule<FormatModule>('format.js');
    expect(groupDigits('15598.09')).toBe('15,598.09');
    expect(groupDigits('-46677924678.48')).toBe('-46,677,924,678.48');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('1000')).toBe('1,000');
    // 17 significant digits: a float would print 1234567890123456.8 here.
    expect(groupDigits('1234567890123456.78')).toBe('1,234,567,890,123,456.78');
    expect(groupDigits('0.000001')).toBe('0.000001');
  });

  it('puts the currency before money and the unit after other figures', async () => {
    const { withUnit } = await pageModule<FormatModule>('format.js');
    expect(withUnit('271.67', { money: 'USD' })).toBe('USD 271.67');
    expect(withUnit('15598.09', { unit: 'impressions' })).toBe('15,598.09 impressions');
    expect(withUnit('-4.8920', { unit: '%' })).toBe('-4.8920 %');
    expect(withUnit(null, { money: 'USD' })).toBe('not determined');
  });

  it('shows an instant as wall-clock time in a zone, with the zone’s abbreviation', async () => {
    const { localTime } = await pageModule<FormatModule>('format.js');
    // 15:39 UTC on 4 October 2021 is 11:39 in New York (EDT, UTC−4) and 15:39 + 5:30 = 21:09 in Kolkata (UTC+5:30).
    expect(localTime('2021-10-04T15:39:00Z', 'America/New_York')).toBe('2021-10-04 11:39 EDT');
    expect(localTime('2021-10-04T15:39:00Z', 'UTC')).toBe('2021-10-04 15:39 UTC');
    expect(localTime('2021-10-04T15:39:00Z', 'Asia/Kolkata')).toMatch(/^2021-10-04 21:09 /);
  });
});
