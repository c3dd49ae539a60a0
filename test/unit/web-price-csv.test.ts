import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The event study's price CSV as the page reads it (public/app/price-csv.js) and the synthetic sample the
// page opens with (public/app/panels/event-study-sample.js), which must stay the example in examples/.

interface PricePoint {
  date: string;
  close: string;
}
type Parsed = { prices: PricePoint[]; benchmark: PricePoint[] } | { error: string };
interface PriceCsvModule {
  parsePriceCsv(text: string): Parsed;
  toPriceCsv(prices: unknown, benchmark: unknown): string | null;
}
interface SampleModule {
  SAMPLE_PRICE_CSV: string;
  SAMPLE_REQUEST: Record<string, unknown>;
}

const pageModule = <T>(name: string): Promise<T> =>
  import(/* @vite-ignore */ new URL(`../../public/app/${name}`, import.meta.url).href);

describe('public/app/price-csv.js', () => {
  it('reads date, close and benchmarkClose in any order and case, with a BOM, CRLF, quotes and blank lines', async () => {
    const { parsePriceCsv } = await pageModule<PriceCsvModule>('price-csv.js');
    const text =
      '\uFEFFBenchmarkClose,Date,volume,Close\r\n"5000.00",2030-01-02,7,"250.00"\r\n\r\n5058.31,2030-01-03,9,251.54\r\n';
    expect(parsePriceCsv(text)).toEqual({
      prices: [
        { date: '2030-01-02', close: '250.00' },
        { date: '2030-01-03', close: '251.54' },
      ],
      benchmark: [
        { date: '2030-01-02', close: '5000.00' },
        { date: '2030-01-03', close: '5058.31' },
      ],
    });
  });

  it('takes the header’s delimiter: semicolons or tabs', async () => {
    const { parsePriceCsv } = await pageModule<PriceCsvModule>('price-csv.js');
    const expected = { prices: [{ date: '2030-01-02', close: '1' }], benchmark: [{ date: '2030-01-02', close: '2' }] };
    expect(parsePriceCsv('date;close;benchmarkClose\n2030-01-02;1;2')).toEqual(expected);
    expect(parsePriceCsv('date\tclose\tbenchmarkClose\n2030-01-02\t1\t2')).toEqual(expected);
  });

  it('passes values on as typed, for the API to judge (no number parsing here)', async () => {
    const { parsePriceCsv } = await pageModule<PriceCsvModule>('price-csv.js');
    expect(parsePriceCsv('date,close,benchmarkClose\n04/10/2021,"1,234.5",')).toEqual({
      prices: [{ date: '04/10/2021', close: '1,234.5' }],
      benchmark: [{ date: '04/10/2021', close: '' }],
    });
  });

  it('refuses a file without the header, a missing column, or a short row, naming the line', async () => {
    const { parsePriceCsv } = await pageModule<PriceCsvModule>('price-csv.js');
    expect(parsePriceCsv('')).toEqual({ error: expect.stringContaining('date,close,benchmarkClose') });
    expect(parsePriceCsv('2030-01-02,1,2\n2030-01-03,1,2')).toEqual({
      error: 'Line 1 must name the columns date, close, benchmarkClose; missing: date, close, benchmarkClose.',
    });
    expect(parsePriceCsv('date,close\n2030-01-02,1')).toEqual({
      error: 'Line 1 must name the columns date, close, benchmarkClose; missing: benchmarkClose.',
    });
    expect(parsePriceCsv('date,close,benchmarkClose\n2030-01-02,1,2\n\n2030-01-03,1')).toEqual({
      error: 'Line 4 has 2 cells; the header names 3.',
    });
  });

  it('writes two series back as CSV, and gives null when they do not pair up row by row', async () => {
    const { parsePriceCsv, toPriceCsv } = await pageModule<PriceCsvModule>('price-csv.js');
    const prices = [{ date: '2030-01-02', close: '250.00' }];
    const benchmark = [{ date: '2030-01-02', close: '5000.00' }];
    const text = toPriceCsv(prices, benchmark);
    expect(text).toBe('date,close,benchmarkClose\n2030-01-02,250.00,5000.00');
    expect(parsePriceCsv(text as string)).toEqual({ prices, benchmark });
    expect(toPriceCsv(prices, [])).toBeNull();
    expect(toPriceCsv(prices, [{ date: '2030-01-03', close: '1' }])).toBeNull();
    expect(toPriceCsv([{ date: '2030-01-02', close: '1,5' }], benchmark)).toBeNull();
    expect(toPriceCsv(undefined, benchmark)).toBeNull();
  });
});

describe('public/app/panels/event-study-sample.js', () => {
  it('is examples/event-study-synthetic.json, row for row', async () => {
    const { SAMPLE_PRICE_CSV, SAMPLE_REQUEST } = await pageModule<SampleModule>('panels/event-study-sample.js');
    const { parsePriceCsv } = await pageModule<PriceCsvModule>('price-csv.js');
    const example = JSON.parse(readFileSync('examples/event-study-synthetic.json', 'utf8')) as Record<string, unknown>;
    const { prices, benchmark, ...rest } = example;
    expect(parsePriceCsv(SAMPLE_PRICE_CSV)).toEqual({ prices, benchmark });
    expect(SAMPLE_REQUEST).toEqual(rest);
  });
});

describe('public/app/panels/import-sample.js', () => {
  it('is examples/meta-ads-manager-2024-03.constructed-sample.csv, byte for byte', async () => {
    const { SAMPLE_EXPORT_CSV } = await pageModule<{ SAMPLE_EXPORT_CSV: string }>('panels/import-sample.js');
    expect(SAMPLE_EXPORT_CSV).toBe(readFileSync('examples/meta-ads-manager-2024-03.constructed-sample.csv', 'utf8'));
  });
});
