import type Decimal from 'decimal.js';
import { evaluateFunnel, type FunnelValues } from './funnel';
import {
  baseParams,
  type CampaignEstimate,
  type CampaignSpec,
  evaluateMetrics,
  type Metric,
  RANGEABLE_KEYS,
  type RangeableKey,
} from './impact';

/**
 * The metric the tornado ranks by when `sensitivityMetric` is not given. Not a zod default: the field
 * applies only with `sensitivity: true`, and a default would make it always present.
 */
export const DEFAULT_SENSITIVITY_METRIC: Metric = 'lostRevenue';

/** One bar of the tornado: the metric with one input at its low and at its high, every other input at base. */
export interface TornadoBar {
  input: RangeableKey;
  inputLow: Decimal;
  inputHigh: Decimal;
  atLow: Decimal;
  atHigh: Decimal;
  /** |atHigh − atLow|: how much of the metric's uncertainty this input alone accounts for. */
  swing: Decimal;
}

export interface Tornado {
  metric: Metric;
  base: Decimal;
  /** Sorted by swing, largest first; equal swings keep the order of RANGEABLE_KEYS. */
  bars: TornadoBar[];
}

/**
 * The tornado of DESIGN.md section 14 for one campaign, in exact decimals through the same funnel and
 * metric formulas as the point estimate. Null when the funnel does not determine the metric.
 */
export function tornado(spec: CampaignSpec, estimate: CampaignEstimate, metric: Metric): Tornado | null {
  const base = estimate.metrics[metric];
  if (base === null) return null;
  const metricAt = (key: RangeableKey, value: Decimal): Decimal => {
    const p = { ...baseParams(spec.inputs), [key]: value };
    const given: FunnelValues = {};
    for (const k of spec.funnelPlan.given) given[k] = p[k];
    const result = evaluateMetrics(estimate.lostSpend, estimate.headroom, evaluateFunnel(spec.funnelPlan, given), p)[
      metric
    ];
    if (result === null) throw new Error(`${metric} is determined at base but not with ${key} = ${value}`);
    return result;
  };
  const bars: TornadoBar[] = [];
  for (const key of RANGEABLE_KEYS) {
    const range = spec.inputs[key];
    if (!range || range.low.equals(range.high)) continue;
    const atLow = metricAt(key, range.low);
    const atHigh = metricAt(key, range.high);
    bars.push({
      input: key,
      inputLow: range.low,
      inputHigh: range.high,
      atLow,
      atHigh,
      swing: atHigh.minus(atLow).abs(),
    });
  }
  // Array.prototype.sort is stable, so equal swings stay in input order.
  bars.sort((a, b) => b.swing.comparedTo(a.swing));
  return { metric, base, bars };
}
