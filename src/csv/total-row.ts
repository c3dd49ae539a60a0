import { METRICS, type Metric } from '../engine/impact';
import type { presentTotals } from '../present/impact';

type Totals = ReturnType<typeof presentTotals>;

/** A totals row's name: `TOTAL EUR`, or `REPORTING TOTAL USD` for the sum that options.fx converts. */
export const totalLabel = (currency: string, reporting = false) => `${reporting ? 'REPORTING ' : ''}TOTAL ${currency}`;

/**
 * The cells one currency's totals fill in a spreadsheet answer (the batch's and the import's `totals=1`
 * rows): the currency, the spends, each metric, and in `warnings` the rows each metric leaves out.
 * `rowsWord` goes before the row labels: the batch names rows by id ('') and the import by position ('rows ').
 */
export function totalCells(t: Totals, rowsWord: '' | 'rows ') {
  const cells = { currency: t.currency, plannedSpend: t.plannedSpend, lostSpend: t.lostSpend } as Record<
    'currency' | 'plannedSpend' | 'lostSpend' | Metric,
    string | null
  >;
  for (const metric of METRICS) cells[metric] = t[metric];
  const leftOut = Object.entries(t.undetermined).map(
    ([metric, labels]) => `${metric} leaves out ${rowsWord}${labels.join(', ')}`,
  );
  return { ...cells, warnings: leftOut.join('; ') };
}
