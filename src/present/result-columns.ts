import { type RangeColumn, type ResultColumn, rangeColumns } from '../../schemas/batch';
import type { CampaignEstimate } from '../engine/impact';
import { METRIC_REGISTRY } from '../engine/metrics';
import type { Formatter } from '../engine/rounding';

/**
 * A campaign's result columns on the spreadsheet endpoints (batch, CSV, `/v1/impact/value`): its spends,
 * then each metric of the registry and its low and high, formatted by the metric's kind exactly as POST
 * /v1/impact formats the metric and its `ranges` entry. With a range input the low and high are that entry
 * (null where it is null); without one they are the metric itself, low = high = base.
 */
export function presentResultColumns(e: CampaignEstimate, f: Formatter): Record<ResultColumn, string | null> {
  const out = { plannedSpend: f.money(e.plannedSpend), lostSpend: f.money(e.lostSpend) } as Record<
    ResultColumn,
    string | null
  >;
  for (const { name, kind } of METRIC_REGISTRY) {
    const format = f[kind];
    const value = e.metrics[name];
    const cell = value === null ? null : format(value);
    out[name] = cell;
    const { low, high }: { low: RangeColumn; high: RangeColumn } = rangeColumns(name);
    const range = e.ranges?.[name];
    out[low] = e.ranges ? (range ? format(range.low) : null) : cell;
    out[high] = e.ranges ? (range ? format(range.high) : null) : cell;
  }
  return out;
}
