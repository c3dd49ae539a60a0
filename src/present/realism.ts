import type Decimal from 'decimal.js';
import type { CampaignEstimate, Ranged } from '../engine/impact';
import type { RealismTotals } from '../engine/realism';
import type { Formatter } from '../engine/rounding';

/**
 * The outage-realism fields of a campaign or a currency's totals (DESIGN.md section 13), formatted like
 * the other outputs; each appears only when the request used the option behind it.
 */
export function presentRealism(r: RealismTotals, f: Formatter) {
  // Object literals, not keys added one by one: a response object keeps a fixed shape, which keeps it fast.
  const { recovery, unrecorded, failover } = r;
  return {
    ...(recovery && {
      recoveryPlannedSpend: f.money(recovery.plannedSpend),
      recoveryLostSpend: f.money(recovery.lostSpend),
    }),
    ...(unrecorded && {
      unrecordedConversions: unrecorded.unrecordedConversions && f.count(unrecorded.unrecordedConversions),
      unrecordedRevenue: unrecorded.unrecordedRevenue && f.money(unrecorded.unrecordedRevenue),
    }),
    ...(failover && {
      failoverSpend: f.money(failover.spend),
      failoverConversions: f.count(failover.conversions),
      failoverRevenue: f.money(failover.revenue),
      failoverGrossProfit: f.money(failover.grossProfit),
    }),
  };
}

/** The ranges of the unrecorded conversions and revenue, when the funnel has ranges. */
export function presentRealismRanges(r: RealismTotals, f: Formatter) {
  const ranges = r.unrecorded?.ranges;
  if (!ranges) return {};
  const range = (v: Ranged | null, format: (d: Decimal) => string) =>
    v && { low: format(v.low), base: format(v.base), high: format(v.high) };
  return {
    unrecordedConversions: range(ranges.unrecordedConversions, f.count),
    unrecordedRevenue: range(ranges.unrecordedRevenue, f.money),
  };
}

/** A campaign's realism outputs in the shape of the totals'. */
export function campaignRealism(e: CampaignEstimate): RealismTotals {
  return {
    ...(e.recovery ? { recovery: e.recovery } : {}),
    ...(e.unrecorded ? { unrecorded: e.unrecorded } : {}),
    ...(e.failover ? { failover: e.failover } : {}),
  };
}
