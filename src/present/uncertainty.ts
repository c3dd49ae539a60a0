import type Decimal from 'decimal.js';
import { inputField } from '../../schemas/simulation';
import { type CampaignEstimate, type CampaignSpec, METRICS, type Metric } from '../engine/impact';
import { formatter, type RoundingMode } from '../engine/rounding';
import { metricFormat } from './impact';
import { type Tornado, tornado } from '../engine/sensitivity';
import {
  type MetricSimulations,
  type SimulationOptions,
  type SimulationSummary,
  simulateImpact,
} from '../engine/simulation';

/**
 * The uncertainty analysis of POST /v1/impact (DESIGN.md section 14): Monte Carlo percentiles and the
 * tornado, presented like the metrics they are about. The batch and formula endpoints use the same pieces.
 */

/** The uncertainty options as the contract gives them, defaults applied (schemas/simulation.ts). */
export interface UncertaintyRequest {
  simulation?: SimulationOptions;
  sensitivity: boolean;
  sensitivityMetric: Metric;
}

function presentSummary(s: SimulationSummary, format: (v: Decimal) => string) {
  return { mean: format(s.mean), p5: format(s.p5), p50: format(s.p50), p95: format(s.p95) };
}

export function presentSimulations(sims: MetricSimulations, currency: string, mode: RoundingMode) {
  const f = formatter(currency, mode);
  const out: Partial<Record<Metric, ReturnType<typeof presentSummary> | null>> = {};
  for (const metric of METRICS) {
    const s = sims[metric];
    out[metric] = s && presentSummary(s, metricFormat(f, metric));
  }
  return out;
}

function presentTornado(t: Tornado | null, currency: string, mode: RoundingMode) {
  if (!t) return null;
  const format = metricFormat(formatter(currency, mode), t.metric);
  return {
    metric: t.metric,
    base: format(t.base),
    bars: t.bars.map((b) => ({
      input: inputField(b.input),
      inputLow: b.inputLow.toString(),
      inputHigh: b.inputHigh.toString(),
      atLow: format(b.atLow),
      atHigh: format(b.atHigh),
      swing: format(b.swing),
    })),
  };
}

interface Warning {
  pointer: string;
  detail: string;
}

/**
 * The per-campaign and per-currency additions of the uncertainty options, and their warnings. A
 * campaign without any ranged input is no error: its percentiles are its point estimate, said once.
 */
export function analyseUncertainty(
  items: readonly { spec: CampaignSpec; estimate: CampaignEstimate }[],
  request: UncertaintyRequest | undefined,
  mode: RoundingMode,
) {
  const campaigns = items.map(
    () =>
      ({}) as { simulation?: ReturnType<typeof presentSimulations>; sensitivity?: ReturnType<typeof presentTornado> },
  );
  const totals = new Map<string, ReturnType<typeof presentSimulations>>();
  const warnings: Warning[] = [];
  const unranged = items.flatMap(({ estimate }, i) => (estimate.ranges ? [] : [i]));
  const warnUnranged = (option: string, consequence: string) => {
    for (const i of unranged)
      warnings.push({
        pointer: `/campaigns/${i}`,
        detail: `has no input given as a range (low < high), so ${option} ${consequence}`,
      });
  };
  if (request?.simulation) {
    const sim = simulateImpact(items, request.simulation);
    sim.campaigns.forEach((c, i) => {
      (campaigns[i] as (typeof campaigns)[number]).simulation = presentSimulations(
        c.metrics,
        items[i]?.estimate.currency ?? 'USD',
        mode,
      );
    });
    for (const [currency, metrics] of sim.totals) totals.set(currency, presentSimulations(metrics, currency, mode));
    warnUnranged('options.simulation', 'gives its point estimate as mean, p5, p50 and p95');
  }
  if (request?.sensitivity) {
    const metric = request.sensitivityMetric;
    items.forEach(({ spec, estimate }, i) => {
      (campaigns[i] as (typeof campaigns)[number]).sensitivity = presentTornado(
        tornado(spec, estimate, metric),
        estimate.currency,
        mode,
      );
    });
    warnUnranged('options.sensitivity', 'has no bars in its tornado');
  }
  return { campaigns, totals, warnings };
}
