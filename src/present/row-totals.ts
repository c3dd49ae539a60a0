import type { CurrencyTotalsResult } from '../../schemas/impact';
import type { CampaignEstimate } from '../engine/impact';
import type { RoundingMode } from '../engine/rounding';
import { type CampaignLabel, forTotals, reportingTotal, totalsByCurrency } from '../engine/totals';
import { presentTotals } from './impact';

/** The totals of a spreadsheet answer, presented: each currency's, and with fx the reporting total. */
export interface PresentedTotals {
  totals: CurrencyTotalsResult[];
  reporting: CurrencyTotalsResult | undefined;
}

/**
 * The totals tail the batch and the import share. Rows are added as they are estimated and let go: only what
 * totalsByCurrency reads of each estimate is kept (forTotals), and nothing at all when the answer shows no
 * totals (a CSV answer without totals=1).
 */
export class RowTotals {
  private readonly kept: CampaignEstimate[] = [];
  private readonly labels: CampaignLabel[] = [];

  constructor(private readonly wanted: boolean) {}

  /** A row's estimate, named in `undetermined` by `label` (the batch's row id or index, the import's position). */
  add(estimate: CampaignEstimate, label: CampaignLabel): void {
    if (!this.wanted) return;
    this.kept.push(forTotals(estimate));
    this.labels.push(label);
  }

  /** Per-currency totals, and the reporting total converted with `fx` when it is given and totals are wanted. */
  present(mode: RoundingMode, fx?: { currency: string; rates: CurrencyRates }): PresentedTotals {
    const currencyTotals = totalsByCurrency(this.kept, this.labels);
    this.kept.length = 0;
    const totals = currencyTotals.map((t) => presentTotals(t, mode));
    const reporting =
      fx && this.wanted ? presentTotals(reportingTotal(currencyTotals, fx.currency, fx.rates), mode) : undefined;
    return { totals, reporting };
  }
}
type CurrencyRates = Parameters<typeof reportingTotal>[2];

/** The TOTAL rows of a CSV answer with totals=1: one per currency, then the REPORTING TOTAL when there is one. */
export function totalRowsOf<R>(p: PresentedTotals, row: (t: CurrencyTotalsResult, reporting: boolean) => R): R[] {
  const rows = p.totals.map((t) => row(t, false));
  if (p.reporting) rows.push(row(p.reporting, true));
  return rows;
}

/**
 * The end of a JSON answer: the text JSON.stringify gives for `totals`, the fields of `between` (the import's
 * answer warnings) and `reportingTotal` (when there is one), in that order.
 */
export function totalsJson(p: PresentedTotals, between: object = {}): string {
  const middle = JSON.stringify(between).slice(1, -1);
  const reporting = p.reporting ? `,"reportingTotal":${JSON.stringify(p.reporting)}` : '';
  return `"totals":${JSON.stringify(p.totals)}${middle ? `,${middle}` : ''}${reporting}`;
}
