import { CSV_LIMITS, parseCsv } from '../parse';

export type Separator = ',' | ';' | '\t';
export type ExportSource = 'meta' | 'google-ads';

/**
 * The separator of an export: whichever of tab, `;` and `,` splits its first lines most often outside
 * quotes. Google Ads' "Excel CSV" uses tabs; European spreadsheets re-save with `;`.
 */
export function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 20; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
    else if (!quoted && ch === '\n') lines++;
  }
  const order: Separator[] = ['\t', ';', ','];
  return order.reduce((best, s) => (counts[s] > counts[best] ? s : best), ',');
}

/** A header name as compared: trimmed, lower case, inner blanks collapsed (older Meta exports use title case). */
export const normalHeader = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The header names each source cannot do without, as the platform writes them (for the 422 that lists them). */
export const EXPECTED_HEADERS: Record<ExportSource, string[]> = {
  meta: [
    'Reporting starts',
    'Reporting ends',
    'Campaign name | Ad set name | Ad name',
    'Amount spent (<currency>)',
    'Impressions',
    'Link clicks',
    'Results',
    'Result indicator',
  ],
  'google-ads': ['Campaign', 'Currency code', 'Cost', 'Impr.', 'Clicks', 'Conversions', 'Conv. value'],
};

const isMetaHeader = (names: string[]) => names.some((n) => /^amount spent \(/.test(n));
const isGoogleHeader = (names: string[]) =>
  names.includes('campaign') && names.includes('cost') && (names.includes('impr.') || names.includes('currency code'));

export interface Table {
  /** Lines above the header (Google's title and date range), as records. */
  preamble: string[][];
  header: string[];
  rows: string[][];
  /** 1-based record number of the first data row in the file (for messages). */
  firstRow: number;
}

/** The records of an export split at its header: the first record that a source recognises. */
export function splitAtHeader(records: string[][]): { table: Table; source: ExportSource } | { seen: string[] } {
  const limit = Math.min(records.length, 10);
  for (let i = 0; i < limit; i++) {
    const names = (records[i] ?? []).map(normalHeader);
    const source: ExportSource | undefined = isMetaHeader(names)
      ? 'meta'
      : isGoogleHeader(names)
        ? 'google-ads'
        : undefined;
    if (source)
      return {
        source,
        table: { preamble: records.slice(0, i), header: records[i] ?? [], rows: records.slice(i + 1), firstRow: i + 2 },
      };
  }
  // What the caller saw: the widest of the first lines, which is most likely the header.
  const widest = records.slice(0, limit).reduce<string[]>((best, r) => (r.length > best.length ? r : best), []);
  return { seen: widest };
}

/**
 * Lines an export may hold beyond its data rows (Google's title and date-range lines above the header,
 * `Total:` lines below it): the reader's own limit then counts data rows alone.
 */
const FRAME_LINES = 16;

export function readRecords(text: string): string[][] {
  const limits = { ...CSV_LIMITS, rows: CSV_LIMITS.rows + FRAME_LINES };
  return parseCsv(text, limits, { separator: detectSeparator(text) });
}
