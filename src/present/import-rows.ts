import type Decimal from 'decimal.js';
import type { CurrencyTotalsResult } from '../../schemas/impact';
import { IMPORT_COLUMNS, IMPORT_RESULT_COLUMNS } from '../../schemas/import';
import type { ImportedCampaign } from '../csv/import/campaign';
import { totalCells, totalLabel } from '../csv/total-row';
import type { InputError } from '../engine/errors';
import type { CampaignEstimate } from '../engine/impact';
import { type Formatter, formatter, type RoundingMode } from '../engine/rounding';
import { jsonObjectWriter } from './json-text';
import { type Cell, outputCells } from './result-columns';

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

const NO_OUTPUTS: Cell[] = IMPORT_RESULT_COLUMNS.map(() => null);
const FUNNEL_CELLS = ['cpm', 'ctr', 'cvr', 'aov'] as const;

/**
 * One campaign's answer cells in IMPORT_COLUMNS order: the inputs it was mapped to, its results, warnings
 * and error. `f` formats the estimate's currency (the caller keeps one a currency).
 */
export function importCells(outcome: RowOutcome, f: (currency: string) => Formatter): Cell[] {
  const { campaign, estimate } = outcome;
  const cells: Cell[] = [campaign.name, campaign.currency ?? ''];
  if (estimate) {
    const format = f(estimate.currency);
    cells.push(outcome.dailyRate ? format.money(outcome.dailyRate) : null);
    for (const key of FUNNEL_CELLS) {
      const v = estimate.funnel[key];
      cells.push(v ? format.ratio(v.value) : null);
    }
  } else cells.push(null, null, null, null, null);
  cells.push(campaign.conversionEvent ?? null, campaign.hourSpend ? 'hourly rows' : 'even');
  cells.push(...(estimate ? outputCells(estimate, f(estimate.currency)) : NO_OUTPUTS));
  cells.push(outcome.warnings.join('; '), outcome.errors.length ? outcome.errors.join('; ') : null);
  return cells;
}

/** Where the warnings are among an answer row's cells. */
export const WARNINGS_CELL = IMPORT_COLUMNS.indexOf('warnings');

/** An answer row's JSON text from its cells: JSON.stringify's text for the ImportRow object. */
export const importRowJson = jsonObjectWriter(IMPORT_COLUMNS);

/** Formatters by currency for one answer, made once a currency. */
export function formatters(mode: RoundingMode): (currency: string) => Formatter {
  const made = new Map<string, Formatter>();
  return (currency) => {
    let f = made.get(currency);
    if (!f) {
      f = formatter(currency, mode);
      made.set(currency, f);
    }
    return f;
  };
}

/** A currency's totals as an answer row named `TOTAL <currency>` (or REPORTING TOTAL), its cells in column order. */
export function totalCellsRow(t: CurrencyTotalsResult, reporting: boolean): Cell[] {
  const cells: Partial<Record<string, Cell>> = {
    ...totalCells(t, 'rows '),
    name: totalLabel(t.currency, reporting),
    profileSource: 'even',
  };
  return IMPORT_COLUMNS.map((column) => cells[column] ?? null);
}
