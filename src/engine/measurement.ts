import type Decimal from 'decimal.js';
import { evaluateFunnel, FUNNEL_KEYS, type FunnelKey, type FunnelPlan, type FunnelValues } from './funnel';
import type { Ranged } from './impact';

/**
 * Measurement loss (DESIGN.md section 13): while the platform was down its pixel and SDK did not fire,
 * so conversions that did happen were not recorded. That is a reporting gap, not a loss: it distorts
 * reported ROAS and the platform's optimisation, but the shop kept the sale.
 *
 *   unrecordedConversions = Σ windows m × planned spend in the window ÷ cpa
 *   unrecordedRevenue     = unrecordedConversions × aov  (= Σ m × planned spend × roas)
 *
 * Planned spend, not delivered spend: the conversions a pixel reports in an hour come at the campaign's
 * usual rate per unit of spend, most of them from clicks made before the outage. No incrementality: the
 * pixel records attributed conversions, caused by the ads or not, and that record is what went missing.
 */

export interface Unrecorded {
  /** Σ m × planned spend in the window: the spend whose conversions went unrecorded. */
  unmeasuredSpend: Decimal;
  unrecordedConversions: Decimal | null;
  unrecordedRevenue: Decimal | null;
  /** Exact extremes over the corners of the ranges of the inputs cpa and roas rest on. */
  ranges?: { unrecordedConversions: Ranged | null; unrecordedRevenue: Ranged | null };
}

function evaluate(unmeasuredSpend: Decimal, f: FunnelValues) {
  return {
    unrecordedConversions: f.cpa ? unmeasuredSpend.dividedBy(f.cpa) : null,
    unrecordedRevenue: f.roas ? unmeasuredSpend.times(f.roas) : null,
  };
}

/** The unrecorded conversions and revenue of `unmeasuredSpend`, at the base funnel and over its ranges. */
export function unrecorded(
  unmeasuredSpend: Decimal,
  plan: FunnelPlan,
  base: FunnelValues,
  inputs: Partial<Record<FunnelKey, Ranged>>,
  allow: (units: number) => void,
): Unrecorded {
  const { unrecordedConversions, unrecordedRevenue } = evaluate(unmeasuredSpend, base);
  const result: Unrecorded = { unmeasuredSpend, unrecordedConversions, unrecordedRevenue };
  const varying = FUNNEL_KEYS.filter((k) => {
    const r = inputs[k];
    return r && !r.low.equals(r.high) && (plan.provenance.cpa?.has(k) || plan.provenance.roas?.has(k));
  });
  if (varying.length === 0) return result;
  const ranges = {
    unrecordedConversions: result.unrecordedConversions && {
      low: result.unrecordedConversions,
      base: result.unrecordedConversions,
      high: result.unrecordedConversions,
    },
    unrecordedRevenue: result.unrecordedRevenue && {
      low: result.unrecordedRevenue,
      base: result.unrecordedRevenue,
      high: result.unrecordedRevenue,
    },
  };
  const corners = 1 << varying.length;
  // A corner costs about as much as walking a few hour buckets (as in the campaign's own ranges).
  allow(corners * 4);
  for (let corner = 0; corner < corners; corner++) {
    const given: FunnelValues = {};
    for (const key of plan.given) given[key] = inputs[key]?.base;
    varying.forEach((key, bit) => {
      const r = inputs[key] as Ranged;
      given[key] = corner & (1 << bit) ? r.high : r.low;
    });
    const values = evaluate(unmeasuredSpend, evaluateFunnel(plan, given));
    for (const metric of ['unrecordedConversions', 'unrecordedRevenue'] as const) {
      const range = ranges[metric];
      const value = values[metric];
      if (!range || !value) continue;
      if (value.lessThan(range.low)) range.low = value;
      if (value.greaterThan(range.high)) range.high = value;
    }
  }
  result.ranges = ranges;
  return result;
}
