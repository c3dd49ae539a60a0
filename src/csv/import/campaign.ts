import type Decimal from 'decimal.js';
import { sum, ZERO } from '../../engine/decimal';

/**
 * One campaign (or ad set, or ad) as read from an export, before it becomes a campaign of POST /v1/impact:
 * its totals over the reporting period, never the export's rounded ratio columns (DESIGN.md section 10).
 */
export interface ImportedCampaign {
  name: string;
  /** 1-based record number in the file of its (first) row, for messages. */
  line: number;
  currency?: string;
  /** Inclusive local dates of the reporting period, `YYYY-MM-DD`. */
  period?: { start: string; end: string };
  spent?: Decimal;
  impressions?: Decimal;
  clicks?: Decimal;
  /** Conversions of `conversionEvent`; undefined when the export's results are not conversions. */
  conversions?: Decimal;
  conversionValue?: Decimal;
  conversionEvent?: string;
  /** Spend per local hour of day, 00:00 first, when the export is split by hour. */
  hourSpend?: Decimal[];
  warnings: string[];
  errors: string[];
}

/** Which export column fed which input, for the answer's `mapping`. */
export type Mapping = Record<string, string>;

/**
 * The one campaign that the hourly rows sharing `key` add up to: made (empty of figures, in export order)
 * by the first of them.
 */
export function hourlyCampaign(
  byKey: Map<string, ImportedCampaign>,
  campaigns: ImportedCampaign[],
  key: string,
  row: ImportedCampaign,
): ImportedCampaign {
  const existing = byKey.get(key);
  if (existing) return existing;
  const combined: ImportedCampaign = {
    ...row,
    spent: undefined,
    impressions: undefined,
    clicks: undefined,
    conversions: undefined,
    conversionValue: undefined,
    warnings: [],
    errors: [],
  };
  byKey.set(key, combined);
  campaigns.push(combined);
  return combined;
}

/** Adds hourly rows of the same campaign into one, and its hour's spend into a 24-weight profile. */
export function combineHour(into: ImportedCampaign, row: ImportedCampaign, hour: number): void {
  const add = (a: Decimal | undefined, b: Decimal | undefined) =>
    a === undefined && b === undefined ? undefined : (a ?? ZERO).plus(b ?? ZERO);
  into.spent = add(into.spent, row.spent);
  into.impressions = add(into.impressions, row.impressions);
  into.clicks = add(into.clicks, row.clicks);
  into.conversions = add(into.conversions, row.conversions);
  into.conversionValue = add(into.conversionValue, row.conversionValue);
  into.hourSpend ??= Array.from({ length: 24 }, () => ZERO);
  into.hourSpend[hour] = (into.hourSpend[hour] ?? ZERO).plus(row.spent ?? ZERO);
  into.errors.push(...row.errors);
  for (const w of row.warnings) if (!into.warnings.includes(w)) into.warnings.push(w);
}

/** `00:00:00 - 00:59:59` (Meta) or `0`…`23` (Google's Hour of the day): the hour, or undefined. */
export function hourOf(text: string): number | undefined {
  const m = /^\s*(\d{1,2})(?::00(?::00)?\s*-\s*\d{1,2}:59(?::59)?)?\s*$/.exec(text);
  const hour = m ? Number(m[1]) : Number.NaN;
  return Number.isInteger(hour) && hour >= 0 && hour < 24 ? hour : undefined;
}

/** Inputs carry at most 25 significant digits (DESIGN.md section 2); a ratio of totals is cut there. */
const input = (v: Decimal) => v.toSignificantDigits(25);

/**
 * The fields of the POST /v1/impact campaign that an imported one stands for, its decimals as Decimals cut
 * to 25 significant digits (each exactly the Decimal of the string the campaign JSON carries).
 */
export interface ImportedFields {
  id: string;
  currency?: string;
  conversionEvent?: string;
  spend?: { amount: Decimal; start: string; end: string };
  cpm?: Decimal;
  ctr?: Decimal;
  cvr?: Decimal;
  aov?: Decimal;
  deliveryProfile?: Decimal[];
}

/**
 * The campaign an imported one stands for: its actual spend over the period, and the funnel from its
 * totals: cpm = 1000 × spent ÷ impressions, ctr = clicks ÷ impressions, cvr = conversions ÷ clicks,
 * aov = conversion value ÷ conversions.
 */
export function importedFields(c: ImportedCampaign): { fields: ImportedFields; errors: string[]; warnings: string[] } {
  const errors = [...c.errors];
  const warnings = [...c.warnings];
  const fields: ImportedFields = { id: c.name };
  if (c.currency) fields.currency = c.currency;
  if (c.conversionEvent) fields.conversionEvent = c.conversionEvent;
  if (!c.period) errors.push('the reporting period is missing');
  else if (c.period.end < c.period.start)
    errors.push(`the reporting period ends (${c.period.end}) before it starts (${c.period.start})`);
  if (c.spent === undefined) errors.push('the amount spent is missing');
  if (errors.length || !c.period || c.spent === undefined) return { fields, errors, warnings };
  fields.spend = {
    amount: input(c.spent),
    start: `${c.period.start}T00:00:00`,
    end: `${nextDay(c.period.end)}T00:00:00`,
  };
  const { impressions, clicks, conversions, conversionValue, spent } = c;
  if (impressions?.isZero() && spent.greaterThan(0)) {
    errors.push(
      `Impressions is 0 while ${spent.toString()} was spent, so the cost per impression cannot be worked out`,
    );
  } else if (impressions?.greaterThan(0) && spent.greaterThan(0)) {
    fields.cpm = input(spent.times(1000).dividedBy(impressions));
  }
  if (impressions?.greaterThan(0) && clicks !== undefined) fields.ctr = input(clicks.dividedBy(impressions));
  if (clicks?.greaterThan(0) && conversions?.greaterThan(0)) fields.cvr = input(conversions.dividedBy(clicks));
  if (conversions?.greaterThan(0) && conversionValue?.greaterThan(0))
    fields.aov = input(conversionValue.dividedBy(conversions));
  if (c.hourSpend) {
    const total = sum(c.hourSpend);
    if (total.greaterThan(0)) fields.deliveryProfile = c.hourSpend.map((w) => input(w));
    else warnings.push('the hourly rows spent nothing, so delivery is taken as even over the day');
  }
  return { fields, errors, warnings };
}

/** The campaign of POST /v1/impact, as JSON, that the imported fields stand for in the account's `zone`. */
export function campaignJson(f: ImportedFields, zone: string): Record<string, unknown> {
  const json: Record<string, unknown> = { id: f.id, timeZone: zone };
  if (f.currency) json.currency = f.currency;
  if (f.conversionEvent) json.conversionEvent = f.conversionEvent;
  if (f.spend) json.spend = { ...f.spend, amount: f.spend.amount.toString() };
  for (const key of ['cpm', 'ctr', 'cvr', 'aov'] as const) {
    const value = f[key];
    if (value) json[key] = value.toString();
  }
  if (f.deliveryProfile) json.deliveryProfile = f.deliveryProfile.map((w) => w.toString());
  return json;
}

/**
 * A pure function of a string, answered once per distinct string: an export's rows repeat their reporting
 * dates. Bounded in entries and in the length of what it keeps (a date is about 10 characters), so that neither
 * a file of many distinct strings nor one of long strings can grow it.
 */
function memoised<T>(read: (text: string) => T): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    if (answers.has(text)) return answers.get(text) as T;
    const answer = read(text);
    if (answers.size >= 1_000) answers.clear();
    if (text.length <= 64) answers.set(text, answer);
    return answer;
  };
}

const nextDay = memoised((date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
});

/** A `YYYY-MM-DD` date that exists, or undefined. */
export function isoDate(text: string | undefined): string | undefined {
  return existingDate(text ?? '');
}

const existingDate = memoised((text: string): string | undefined => {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) return undefined;
  const d = new Date(`${t}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === t ? t : undefined;
});
