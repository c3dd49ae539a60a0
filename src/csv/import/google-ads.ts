import type Decimal from 'decimal.js';
import { readAmount } from './cells';
import { combineHour, hourlyCampaign, hourOf, type ImportedCampaign, type Mapping } from './campaign';
import { normalHeader, type Table } from './detect';
import type { HeaderProblem } from './meta';
import { isIntlCurrency } from '../../engine/intl-free';

/**
 * Google Ads' campaign report download: a title line (`Campaign report`) and a date-range line
 * (`March 1, 2025 - March 31, 2025`) above the header, `Total: …` rows at the end, `--` where a
 * value does not apply, grouped thousands and percent signs. Conversions are Google's own
 * conversions; rows split by `Hour of the day` are combined into one campaign with a 24-weight profile.
 */
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const US_DATE = /([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})/g;

/** The first `Month d, yyyy - Month d, yyyy` range in the lines above the header, as ISO dates. */
export function dateRangeOf(preamble: string[][]): { start: string; end: string } | undefined {
  for (const record of preamble) {
    const line = record.join(',');
    const dates = [...line.matchAll(US_DATE)].map(([, month, day, year]) => {
      const m = MONTHS.indexOf((month ?? '').toLowerCase());
      if (m < 0) return undefined;
      const iso = `${year}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const d = new Date(`${iso}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
    });
    const [start, end] = dates;
    if (dates.length === 2 && start && end) return { start, end };
  }
  return undefined;
}

export type GoogleRead = { campaigns: ImportedCampaign[]; mapping: Mapping } | { problems: HeaderProblem[] };

export function readGoogleAds(table: Table): GoogleRead {
  const names = table.header.map(normalHeader);
  const at = (name: string) => names.indexOf(name);
  const col = {
    name: at('campaign'),
    currency: at('currency code'),
    cost: at('cost'),
    impressions: at('impr.'),
    clicks: at('clicks'),
    conversions: at('conversions'),
    value: at('conv. value'),
    hour: at('hour of the day'),
  };
  const problems: HeaderProblem[] = [];
  for (const [key, column] of [
    ['currency', 'Currency code'],
    ['impressions', 'Impr.'],
  ] as const) {
    if (col[key] < 0) problems.push({ column, detail: 'is missing from the export' });
  }
  const period = dateRangeOf(table.preamble);
  if (!period)
    problems.push({
      column: '(date range)',
      detail:
        'the line above the header with the report\'s dates, such as "March 1, 2025 - March 31, 2025", is missing',
    });
  if (problems.length || !period) return { problems };

  const header = (i: number) => (table.header[i] ?? '').trim();
  const mapping: Mapping = {
    id: header(col.name),
    currency: header(col.currency),
    spend: `${header(col.cost)} over the report's date range`,
  };
  mapping.cpm = `1000 × ${header(col.cost)} ÷ ${header(col.impressions)}`;
  if (col.clicks >= 0) mapping.ctr = `${header(col.clicks)} ÷ ${header(col.impressions)}`;
  if (col.conversions >= 0 && col.clicks >= 0) mapping.cvr = `${header(col.conversions)} ÷ ${header(col.clicks)}`;
  if (col.value >= 0 && col.conversions >= 0) mapping.aov = `${header(col.value)} ÷ ${header(col.conversions)}`;
  if (col.hour >= 0) mapping.deliveryProfile = `${header(col.cost)} of each ${header(col.hour)} row`;

  const campaigns: ImportedCampaign[] = [];
  const byKey = new Map<string, ImportedCampaign>();
  table.rows.forEach((cells, i) => {
    // Google closes the report with `Total: …` rows, which are sums, not campaigns.
    if (cells.some((cell) => cell.trim().startsWith('Total:'))) return;
    const row = readRow(cells, col, period, table.firstRow + i);
    const hourText = col.hour >= 0 ? (cells[col.hour] ?? '').trim() : '';
    if (hourText === '') {
      campaigns.push(row);
      return;
    }
    const hour = hourOf(hourText);
    if (hour === undefined) {
      row.errors.push(`${header(col.hour)}: "${hourText}" is not an hour from 0 to 23`);
      campaigns.push(row);
      return;
    }
    const key = JSON.stringify([row.name, row.currency]);
    combineHour(hourlyCampaign(byKey, campaigns, key, row), row, hour);
  });
  return { campaigns, mapping };
}

type Columns = Record<
  'name' | 'currency' | 'cost' | 'impressions' | 'clicks' | 'conversions' | 'value' | 'hour',
  number
>;

function readRow(
  cells: string[],
  col: Columns,
  period: { start: string; end: string },
  line: number,
): ImportedCampaign {
  const errors: string[] = [];
  const amount = (i: number, column: string): Decimal | undefined => {
    if (i < 0) return undefined;
    const r = readAmount(cells[i], column);
    if (r.error) errors.push(r.error);
    return r.value;
  };
  const currency = (cells[col.currency] ?? '').trim();
  if (!isIntlCurrency(currency)) errors.push(`Currency code: "${currency}" is not an ISO 4217 code such as EUR or USD`);
  const conversions = amount(col.conversions, 'Conversions');
  return {
    name: (cells[col.name] ?? '').trim(),
    line,
    currency,
    period,
    spent: amount(col.cost, 'Cost'),
    impressions: amount(col.impressions, 'Impr.'),
    clicks: amount(col.clicks, 'Clicks'),
    conversions,
    conversionValue: amount(col.value, 'Conv. value'),
    ...(conversions === undefined ? {} : { conversionEvent: 'conversion' }),
    warnings: [],
    errors,
  };
}
