import type Decimal from 'decimal.js';
import type { CampaignEstimate, Ranged } from '../engine/impact';
import type { RealismTotals } from '../engine/realism';
import type { Formatter } from '../engine/rounding';

/**
 * The outage-realism fields of a campaign or a currency's totals (DESIGN.md section 13), formatted like
 * the other outputs; each appears only when the request used the option behind it.
 */
export function presentRealism(r: RealismTotals, f: Formatter) {
  const out: Record<string, string | null> = {};
  if (r.recovery) {
    out.recoveryPlannedSpend = f.money(r.recovery.plannedSpend);
    out.recoveryLostSpend = f.money(r.recovery.lostSpend);
  }
  if (r.unrecorded) {
    out.unrecordedConversions = r.unrecorded.unrecordedConversions && f.count(r.unrecorded.unrecordedConversions);
    out.unrecordedRevenue = r.unrecorded.unrecordedRevenue && f.money(r.unrecorded.unrecordedRevenue);
  }
  if (r.failover) {
    out.failoverSpend = f.money(r.failover.spend);
    out.failoverConversions = f.count(r.failover.conversions);
    out.failoverRevenue = f.money(r.failover.revenue);
    out.failoverGrossProfit = f.money(r.failover.grossProfit);
  }
  return out;
}

/** The ranges of the unrecorded conversions and revenue, when the funnel has ranges. */
export function presentRealismRanges(r: RealismTotals, f: Formatter) {
  const ranges = r.unrecorded?.ranges;
  if (!ranges) return {};
  const range = (v: Ranged | null, format: (d: Decimal) => string) => v && { low: format(v.low), base: format(v.base), high: format(v.high) };
  return { unrecordedConversions: range(ranges.unrecordedConversions, f.count), unrecordedRevenue: range(ranges.unrecordedRevenue, f.money) };
}

/** A campaign's realism outputs in the shape of the totals'. */
export function campaignRealism(e: CampaignEstimate): RealismTotals {
  return { ...(e.recovery ? { recovery: e.recovery } : {}), ...(e.unrecorded ? { unrecorded: e.unrecorded } : {}), ...(e.failover ? { failover: e.failover } : {}) };
}
