import type Decimal from 'decimal.js';
import { IMPORT_COLUMNS, type ImportRow } from '../../schemas/import';
import type { ImportedCampaign } from '../csv/import/campaign';
import { totalCells, totalLabel } from '../csv/total-row';
import type { InputError } from '../engine/errors';
import type { CampaignEstimate } from '../engine/impact';
import { formatter, type RoundingMode } from '../engine/rounding';
import { presentOutputs, type presentTotals } from './impact';

/** What became of one imported campaign: its estimate, or the errors that stopped it, and its warnings. */
export interface RowOutcome {
  campaign: ImportedCampaign;
  estimate?: CampaignEstimate;
  /** The average daily spend the campaign was planned with. */
  dailyRate?: Decimal;
  errors: string[];
  warnings: string[];
}

/** An estimated campaign's outcome: the export's warnings first, then the engine's. */
export function estimatedOutcome(
  campaign: ImportedCampaign,
  estimate: CampaignEstimate,
  dailyRate: Decimal,
  warnings: readonly string[],
): RowOutcome {
  return { campaign, estimate, dailyRate, errors: [], warnings: [...warnings, ...estimate.warnings] };
}

/** A campaign the engine refused: each issue as `path/to/field: message`, as the row's error cell says it. */
export function refusedOutcome(campaign: ImportedCampaign, err: InputError, warnings: string[]): RowOutcome {
  return { campaign, errors: err.issues.map((i) => `${i.path.join('/')}: ${i.message}`), warnings };
}

/** One campaign's answer row: the inputs it was mapped to, its results, warnings and error. */
export function presentRow(outcome: RowOutcome, mode: RoundingMode): ImportRow {
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

/** A currency's totals as an answer row named `TOTAL <currency>` (or REPORTING TOTAL). */
export function totalRow(t: ReturnType<typeof presentTotals>, reporting = false): ImportRow {
  const blank = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, null]));
  const row = { ...blank, ...totalCells(t, 'rows '), name: totalLabel(t.currency, reporting), profileSource: 'even' };
  return row as ImportRow;
}
