import { CsvLimitError, CsvSyntaxError } from '../parse';
import type { ImportedCampaign, Mapping } from './campaign';
import { decodeExport } from './decode';
import { EXPECTED_HEADERS, type ExportSource, readRecords, splitAtHeader } from './detect';
import { readGoogleAds } from './google-ads';
import { type HeaderProblem, readMeta } from './meta';

/**
 * Why an export cannot be read at all, as the route's problem: 400 unreadable, 413 too long, 422 not an export it
 * knows.
 */
export type ExportProblem =
  | { status: 400; detail: string }
  | { status: 413; detail: string }
  | { status: 422; detail: string; problems: HeaderProblem[] };

export type ExportRead =
  | { source: ExportSource; campaigns: ImportedCampaign[]; mapping: Mapping }
  | { problem: ExportProblem };

/** Bytes of an export to the campaigns it describes, or the reason it cannot be read. */
export function readExport(bytes: Uint8Array, wanted: ExportSource | 'auto', maxRows: number): ExportRead {
  const decoded = decodeExport(bytes);
  if ('error' in decoded) return { problem: { status: 400, detail: `The export cannot be read: ${decoded.error}.` } };
  let records: string[][];
  try {
    records = readRecords(decoded.text);
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      return { problem: { status: 400, detail: `The export cannot be read as CSV: ${err.message}.` } };
    if (err instanceof CsvLimitError)
      return { problem: { status: 413, detail: `The export is too large: ${err.message}.` } };
    throw err;
  }
  const split = splitAtHeader(records);
  if ('seen' in split) {
    const seen = split.seen.map((h) => h.trim()).filter((h) => h !== '');
    return {
      problem: {
        status: 422,
        detail: `The file is not an export this service knows. Headers seen: ${seen.join(', ') || '(none)'}.`,
        problems: [
          { column: '(header)', detail: `headers seen: ${seen.slice(0, 64).join(', ') || '(none)'}` },
          { column: '(meta)', detail: `Meta Ads Manager exports have: ${EXPECTED_HEADERS.meta.join(', ')}` },
          {
            column: '(google-ads)',
            detail: `Google Ads campaign reports have: ${EXPECTED_HEADERS['google-ads'].join(', ')}`,
          },
        ],
      },
    };
  }
  const { table, source } = split;
  if (wanted !== 'auto' && wanted !== source) {
    return {
      problem: {
        status: 422,
        detail: `The export looks like ${source}, not ${wanted}.`,
        problems: [
          {
            column: '(source)',
            detail: `the headers are those of a ${source} export; leave source=auto or set source=${source}`,
          },
        ],
      },
    };
  }
  const dataRows = table.rows.filter((r) => !r.every((cell) => cell.trim() === '')).length;
  if (dataRows > maxRows)
    return {
      problem: {
        status: 413,
        detail: `The export has ${dataRows} data rows; the limit is ${maxRows}. Split it into several files.`,
      },
    };
  const read = source === 'meta' ? readMeta(table) : readGoogleAds(table);
  if ('problems' in read)
    return {
      problem: {
        status: 422,
        detail: `The ${source} export is missing what the estimate needs.`,
        problems: read.problems,
      },
    };
  return { source, ...read };
}
