import type Decimal from 'decimal.js';
import type { CampaignEstimate, Ranged } from '../engine/impact';
import type { RealismTotals } from '../engine/realism';
import type { Formatter } from '../engine/rounding';

/** The outage-realism fields of an answer, each present only when the request used the option behind it. */
export interface RealismFields {
  recoveryPlannedSpend?: string;
  recoveryLostSpend?: string;
  unrecordedConversions?: string | null;
  unrecordedRevenue?: string | null;
  failoverSpend?: string;
  failoverConversions?: string;
  failoverRevenue?: string;
  failoverGrossProfit?: string;
}

/**
 * The outage-realism fields of a campaign or a currency's totals (DESIGN.md section 13), formatted like
 * the other outputs and written into the answer being built, after its metrics; each is written only when
 * the request used the option behind it.
 */
export function writeRealism(out: RealismFields, r: RealismTotals, f: Formatter): void {
  const { recovery, unrecorded, failover } = r;
  if (recovery) {
    out.recoveryPlannedSpend = f.money(recovery.plannedSpend);
    out.recoveryLostSpend = f.money(recovery.lostSpend);
  }
  if (unrecorded) {
    out.unrecordedConversions = unrecorded.unrecordedConversions && f.count(unrecorded.unrecordedConversions);
    out.unrecordedRevenue = unrecorded.unrecordedRevenue && f.money(unrecorded.unrecordedRevenue);
  }
  if (failover) {
    out.failoverSpend = f.money(failover.spend);
    out.failoverConversions = f.count(failover.conversions);
    out.failoverRevenue = f.money(failover.revenue);
    out.failoverGrossProfit = f.money(failover.grossProfit);
  }
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
  const r: RealismTotals = {};
  if (e.recovery) r.recovery = e.recovery;
  if (e.unrecorded) r.unrecorded = e.unrecorded;
  if (e.failover) r.failover = e.failover;
  return r;
}
