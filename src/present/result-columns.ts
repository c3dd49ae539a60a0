import { RESULT_COLUMNS, type ResultColumn } from '../../schemas/batch';
import type { CampaignEstimate } from '../engine/impact';
import { METRIC_REGISTRY } from '../engine/metrics';
import type { Formatter } from '../engine/rounding';

/** A formatted cell of a spreadsheet answer: a decimal string, or null where there is no value. */
export type Cell = string | null;

/**
 * A campaign's outputs as the spreadsheet endpoints give them: its spends, then each metric of the registry
 * (null where the funnel does not determine it), formatted by the metric's kind exactly as POST /v1/impact
 * formats them. The order is that of IMPORT_RESULT_COLUMNS and of the first result columns of a batch row.
 */
export function outputCells(e: CampaignEstimate, f: Formatter): Cell[] {
  const cells: Cell[] = [f.money(e.plannedSpend), f.money(e.lostSpend)];
  for (const { name, kind } of METRIC_REGISTRY) {
    const value = e.metrics[name];
    cells.push(value === null ? null : f[kind](value));
  }
  return cells;
}

/**
 * A campaign's result cells on the batch endpoints (batch, CSV, `/v1/impact/value`) in RESULT_COLUMNS order:
 * outputCells, then each metric's low and high, formatted as POST /v1/impact formats its `ranges` entry.
 * With a range input the low and high are that entry (null where it is null); without one they are the
 * metric itself, low = high = base, the same string.
 */
export function resultCells(e: CampaignEstimate, f: Formatter): Cell[] {
  const cells = outputCells(e, f);
  const ranges = e.ranges;
  METRIC_REGISTRY.forEach(({ name, kind }, i) => {
    if (!ranges) {
      const cell = cells[2 + i] ?? null;
      cells.push(cell, cell);
      return;
    }
    const range = ranges[name];
    cells.push(range ? f[kind](range.low) : null, range ? f[kind](range.high) : null);
  });
  return cells;
}

/** resultCells by column name (the one-value endpoint picks one). */
export function presentResultColumns(e: CampaignEstimate, f: Formatter): Record<ResultColumn, Cell> {
  const cells = resultCells(e, f);
  const out = {} as Record<ResultColumn, Cell>;
  RESULT_COLUMNS.forEach((column, i) => {
    out[column] = cells[i] ?? null;
  });
  return out;
}
