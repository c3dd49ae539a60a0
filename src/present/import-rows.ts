import type Decimal from 'decimal.js';
import { IMPORT_COLUMNS, type ImportRow } from '../../schemas/import';
import type { ImportedCampaign } from '../csv/import/campaign';
import { type CampaignEstimate, METRICS } from '../engine/impact';
import { formatter, type RoundingMode } from '../engine/rounding';
import { presentOutputs, type presentTotals } from './impact';

/** The answer rows of POST /v1/impact/import: one per campaign of the export, and the totals' rows. */

/** What estimating one campaign of the export gave. */
export interface ImportRowOutcome {
  campaign: ImportedCampaign;
  estimate?: CampaignEstimate;
  /** The average daily spend the campaign was planned with. */
  dailyRate?: Decimal;
  errors: string[];
  warnings: string[];
}

export function presentImportRow(outcome: ImportRowOutcome, mode: RoundingMode): ImportRow {
  const { campaign, estimate } = outcome;
  const currency = campaign.currency ?? '';
  const row = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, null])) as Record<string, string | null>;
  row.name = campaign.name;
  row.currency = currency;
  row.conversionEvent = campaign.conversionEvent ?? null;
  row.profileSource = campaign.hourSpend ? 'hourly rows' : 'even';
  if (estimate) {
    const f = formatter(estimate.currency, mode);
    row.spendPerDay = outcome.dailyRate ? f.money(outcome.dailyRate) : null;
    for (const key of ['cpm', 'ctr', 'cvr', 'aov'] as const) {
      const v = estimate.funnel[key];
      row[key] = v ? f.ratio(v.value) : null;
    }
    Object.assign(row, presentOutputs(estimate, f));
  }
  row.warnings = outcome.warnings.join('; ');
  row.error = outcome.errors.length ? outcome.errors.join('; ') : null;
  return row as ImportRow;
}

/** A currency's totals as an answer row named `TOTAL <currency>`. */
export function importTotalRow(t: ReturnType<typeof presentTotals>): ImportRow {
  const row = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, null])) as Record<string, string | null>;
  row.name = `TOTAL ${t.currency}`;
  row.currency = t.currency;
  row.profileSource = 'even';
  row.plannedSpend = t.plannedSpend;
  row.lostSpend = t.lostSpend;
  for (const metric of METRICS) row[metric] = t[metric];
  row.warnings = Object.entries(t.undetermined)
    .map(([metric, labels]) => `${metric} leaves out rows ${labels.join(', ')}`)
    .join('; ');
  return row as ImportRow;
}
