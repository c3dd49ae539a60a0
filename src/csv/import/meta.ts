import type Decimal from 'decimal.js';
import { readAmount } from './cells';
import { combineHour, hourlyCampaign, hourOf, type ImportedCampaign, isoDate, type Mapping } from './campaign';
import { normalHeader, type Table } from './detect';
import { isIntlCurrency } from '../../engine/intl-free';

/**
 * Meta Ads Manager's CSV export (English headers as exported; older exports in title case). The
 * currency is in the amount column's header: `Amount spent (EUR)`. One campaign per row, except that
 * rows split by `Time of day (ad account time zone)` are combined into one campaign per name and period.
 */
const NAME_COLUMNS = ['campaign name', 'ad set name', 'ad name'];
const HOUR_COLUMN = 'time of day (ad account time zone)';
const ROAS_COLUMNS = ['purchase roas (return on ad spend)', 'website purchase roas (return on ad spend)'];
const VALUE_COLUMNS = ['purchases conversion value', 'website purchases conversion value'];

/**
 * Result indicators that are conversion events, and the event each names. Meta writes them as action
 * types (`actions:offsite_conversion.fb_pixel_purchase`, `actions:lead`, `actions:mobile_app_install`);
 * link clicks, reach, impressions, views and engagement are not conversions.
 */
const CONVERSION_EVENTS: [RegExp, string][] = [
  [/purchase/, 'purchase'],
  [/lead/, 'lead'],
  [/complete_registration|registration/, 'registration'],
  [/app_install|install/, 'app_install'],
  [/subscribe/, 'subscription'],
  [/start_trial/, 'trial'],
  [/add_to_cart/, 'add_to_cart'],
  [/submit_application/, 'application'],
];

export function conversionEventOf(indicator: string): string | undefined {
  // An export has a few distinct indicators over many rows: each is matched once (bounded in entries, and in
  // length: a long cell is matched each time, not kept).
  if (events.has(indicator)) return events.get(indicator);
  const text = indicator.trim().toLowerCase();
  const event = CONVERSION_EVENTS.find(([pattern]) => pattern.test(text))?.[1];
  if (events.size >= 1_000) events.clear();
  if (indicator.length <= 128) events.set(indicator, event);
  return event;
}
const events = new Map<string, string | undefined>();

export interface HeaderProblem {
  column: string;
  detail: string;
}

export type MetaRead = { campaigns: ImportedCampaign[]; mapping: Mapping } | { problems: HeaderProblem[] };

export function readMeta(table: Table): MetaRead {
  const names = table.header.map(normalHeader);
  const at = (name: string) => names.indexOf(name);
  const firstOf = (candidates: string[]) => candidates.map(at).find((i) => i >= 0);
  const spentIndex = names.findIndex((n) => n.startsWith('amount spent ('));
  const spentHeader = (table.header[spentIndex] ?? '').trim();
  const currency = /\(([^)]*)\)\s*$/.exec(spentHeader)?.[1]?.trim() ?? '';
  const problems: HeaderProblem[] = [];
  if (!isIntlCurrency(currency)) {
    problems.push({
      column: spentHeader,
      detail: `the currency "${currency}" in the header is not an ISO 4217 code such as EUR or USD`,
    });
  }
  const nameIndex = firstOf(NAME_COLUMNS);
  if (nameIndex === undefined)
    problems.push({
      column: 'Campaign name',
      detail: 'is missing: the export needs Campaign name, Ad set name or Ad name',
    });
  for (const required of ['reporting starts', 'reporting ends', 'impressions']) {
    if (at(required) < 0) problems.push({ column: required, detail: 'is missing from the export' });
  }
  if (problems.length || nameIndex === undefined) return { problems };

  const col = {
    name: nameIndex,
    start: at('reporting starts'),
    end: at('reporting ends'),
    spent: spentIndex,
    impressions: at('impressions'),
    clicks: at('link clicks'),
    results: at('results'),
    indicator: at('result indicator'),
    roas: firstOf(ROAS_COLUMNS) ?? -1,
    value: firstOf(VALUE_COLUMNS) ?? -1,
    hour: at(HOUR_COLUMN),
  };
  const header = (i: number) => (table.header[i] ?? '').trim();
  const mapping: Mapping = {
    id: header(col.name),
    currency: spentHeader,
    spend: `${spentHeader} over ${header(col.start)} … ${header(col.end)}`,
  };
  mapping.cpm = `1000 × ${spentHeader} ÷ ${header(col.impressions)}`;
  if (col.clicks >= 0) mapping.ctr = `${header(col.clicks)} ÷ ${header(col.impressions)}`;
  if (col.results >= 0 && col.clicks >= 0)
    mapping.cvr =
      `${header(col.results)} ÷ ${header(col.clicks)}, when ` +
      `${header(col.indicator) || 'Result indicator'} names a conversion event`;
  if (col.value >= 0) mapping.aov = `${header(col.value)} ÷ ${header(col.results)}`;
  else if (col.roas >= 0) mapping.aov = `${header(col.roas)} × ${spentHeader} ÷ ${header(col.results)}`;
  if (col.hour >= 0) mapping.deliveryProfile = `${header(col.spent)} of each ${header(col.hour)} row`;

  const campaigns: ImportedCampaign[] = [];
  const byKey = new Map<string, ImportedCampaign>();
  table.rows.forEach((cells, i) => {
    const row = readRow(cells, col, currency, table.firstRow + i);
    const hourText = col.hour >= 0 ? (cells[col.hour] ?? '') : '';
    if (col.hour < 0 || hourText.trim() === '') {
      campaigns.push(row);
      return;
    }
    const hour = hourOf(hourText);
    if (hour === undefined) {
      row.errors.push(`${header(col.hour)}: "${hourText.trim()}" is not an hour such as 00:00:00 - 00:59:59`);
      campaigns.push(row);
      return;
    }
    const key = JSON.stringify([row.name, row.period?.start, row.period?.end]);
    combineHour(hourlyCampaign(byKey, campaigns, key, row), row, hour);
  });
  return { campaigns, mapping };
}

type Columns = Record<
  'name' | 'start' | 'end' | 'spent' | 'impressions' | 'clicks' | 'results' | 'indicator' | 'roas' | 'value' | 'hour',
  number
>;

function readRow(cells: string[], col: Columns, currency: string, line: number): ImportedCampaign {
  const errors: string[] = [];
  const warnings: string[] = [];
  const amount = (i: number, column: string): Decimal | undefined => {
    if (i < 0) return undefined;
    const r = readAmount(cells[i], column);
    if (r.error) errors.push(r.error);
    return r.value;
  };
  const start = isoDate(cells[col.start]);
  const end = isoDate(cells[col.end]);
  if (!start) errors.push(`Reporting starts: "${(cells[col.start] ?? '').trim()}" is not a date such as 2024-03-01`);
  if (!end) errors.push(`Reporting ends: "${(cells[col.end] ?? '').trim()}" is not a date such as 2024-03-31`);
  const spent = amount(col.spent, 'Amount spent');
  const c: ImportedCampaign = {
    name: (cells[col.name] ?? '').trim(),
    line,
    currency,
    period: start && end ? { start, end } : undefined,
    spent,
    impressions: amount(col.impressions, 'Impressions'),
    clicks: amount(col.clicks, 'Link clicks'),
    warnings,
    errors,
  };
  const indicator = col.indicator >= 0 ? (cells[col.indicator] ?? '').trim() : '';
  const results = amount(col.results, 'Results');
  const event = conversionEventOf(indicator);
  if (results !== undefined && event) {
    c.conversions = results;
    c.conversionEvent = event;
    // Revenue is a purchase's value: it is taken only when the results are purchases.
    const value = amount(col.value, 'Purchases conversion value');
    const roas = amount(col.roas, 'Purchase ROAS');
    if (event === 'purchase') c.conversionValue = value ?? (roas && spent ? roas.times(spent) : undefined);
  } else if (results !== undefined) {
    warnings.push(
      `the results (${indicator || 'no result indicator'}) are not ` +
        `conversions, so conversions and revenue are not determined`,
    );
  }
  return c;
}
