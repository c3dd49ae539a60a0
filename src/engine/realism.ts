import type Decimal from 'decimal.js';
import { sum } from './decimal';
import type { FailoverResult } from './failover';
import type { CampaignEstimate, Ranged } from './impact';

/**
 * Totals of the outage-realism outputs (DESIGN.md section 13) over the campaigns of one currency. Each
 * is present when a campaign of the group has it; a count that one campaign cannot determine is null.
 */
export interface RealismTotals {
  recovery?: { plannedSpend: Decimal; lostSpend: Decimal };
  unrecorded?: {
    unrecordedConversions: Decimal | null;
    unrecordedRevenue: Decimal | null;
    ranges?: Record<'unrecordedConversions' | 'unrecordedRevenue', Ranged | null>;
  };
  /** What diversification recovered: the failovers of the group's campaigns. */
  failover?: FailoverResult;
}

const sumOrNull = (values: (Decimal | null)[]) => (values.some((v) => v === null) ? null : sum(values as Decimal[]));

function rangeTotal(group: CampaignEstimate[], metric: 'unrecordedConversions' | 'unrecordedRevenue'): Ranged | null {
  const parts = group.map((e) => {
    const value = e.unrecorded?.[metric] ?? null;
    return e.unrecorded?.ranges ? e.unrecorded.ranges[metric] : value && { low: value, base: value, high: value };
  });
  if (parts.some((r) => !r)) return null;
  const ranges = parts as Ranged[];
  return {
    low: sum(ranges.map((r) => r.low)),
    base: sum(ranges.map((r) => r.base)),
    high: sum(ranges.map((r) => r.high)),
  };
}

export function realismTotals(group: CampaignEstimate[]): RealismTotals {
  const totals: RealismTotals = {};
  const ramped = group.filter((e) => e.recovery);
  if (ramped.length) {
    totals.recovery = {
      plannedSpend: sum(ramped.map((e) => e.recovery?.plannedSpend as Decimal)),
      lostSpend: sum(ramped.map((e) => e.recovery?.lostSpend as Decimal)),
    };
  }
  const measured = group.filter((e) => e.unrecorded);
  if (measured.length) {
    totals.unrecorded = {
      unrecordedConversions: sumOrNull(measured.map((e) => e.unrecorded?.unrecordedConversions ?? null)),
      unrecordedRevenue: sumOrNull(measured.map((e) => e.unrecorded?.unrecordedRevenue ?? null)),
    };
    // Range extremes add up, because each campaign's inputs vary independently.
    if (measured.some((e) => e.unrecorded?.ranges)) {
      totals.unrecorded.ranges = {
        unrecordedConversions: rangeTotal(measured, 'unrecordedConversions'),
        unrecordedRevenue: rangeTotal(measured, 'unrecordedRevenue'),
      };
    }
  }
  const failed = group.flatMap((e) => (e.failover ? [e.failover] : []));
  if (failed.length) {
    totals.failover = {
      spend: sum(failed.map((f) => f.spend)),
      conversions: sum(failed.map((f) => f.conversions)),
      revenue: sum(failed.map((f) => f.revenue)),
      grossProfit: sum(failed.map((f) => f.grossProfit)),
    };
  }
  return totals;
}
