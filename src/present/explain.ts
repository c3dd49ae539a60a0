import type Decimal from 'decimal.js';
import type { FailoverResult } from '../engine/failover';
import type { FunnelValues } from '../engine/funnel';
import { baseParams, type CampaignEstimate, type ExplainBasis, metricValues } from '../engine/impact';
import { chooseFormulas, METRIC_REGISTRY } from '../engine/metrics';
import type { Formatter } from '../engine/rounding';

/**
 * The explain trace of POST /v1/impact (`options.explain`): one step per figure of a campaign's answer, in
 * the order they are worked out, each with its formula in words, the values it read and its value. The
 * engine keeps what the steps need (the estimate and its ExplainBasis) only when the trace is asked for;
 * the metric steps' text and reads are the registry's (src/engine/metrics.ts).
 */

export interface ExplainStep {
  metric: string;
  formula: string;
  inputs: Record<string, Decimal>;
  value: Decimal;
  kind: 'money' | 'count' | 'ratio' | 'minutes';
}

/** A campaign's steps, unformatted; none when the estimate was made without `explain`. */
export function explainCampaign(e: CampaignEstimate): ExplainStep[] {
  const basis = e.explain;
  if (!basis) return [];
  const f = basis.spec.baseFunnel;
  const steps: ExplainStep[] = [...spendSteps(e, basis), ...recoverySteps(e), headroomStep(e, basis)];
  const metrics = metricSteps(e, basis, f);
  // The recovery's metrics come before the funnel's derivations, the funnel's metrics after them.
  steps.push(...metrics.filter((s) => !s.usesFunnel).map((s) => s.step));
  steps.push(...derivationSteps(basis, f));
  steps.push(...metrics.filter((s) => s.usesFunnel).map((s) => s.step));
  steps.push(...measurementSteps(e));
  if (e.failover)
    steps.push(...failoverSteps(e.failover, basis.beforeFailover ?? null, e.metrics.netContributionChange));
  return steps;
}

/** The steps formatted as the answer gives them: inputs unrounded, each value by its kind. */
export function presentExplain(steps: readonly ExplainStep[], f: Formatter) {
  const format = { money: f.money, count: f.count, ratio: f.ratio, minutes: f.count };
  return steps.map((s) => ({
    metric: s.metric,
    formula: s.formula,
    inputs: Object.fromEntries(Object.entries(s.inputs).map(([k, v]) => [k, v.toString()])),
    value: format[s.kind](s.value),
  }));
}

function spendSteps(e: CampaignEstimate, basis: ExplainBasis): ExplainStep[] {
  return [
    {
      metric: 'outageMinutes',
      formula: 'Σ windows (end − start) in minutes',
      inputs: {},
      value: e.outageMinutes,
      kind: 'minutes',
    },
    {
      metric: 'plannedSpend',
      formula:
        'Σ over the local hour buckets in the windows of budget ' +
        '× w(hour) ÷ Σ_period w × covered share of the hour',
      inputs: { budget: basis.spec.spend.amount },
      value: e.plannedSpend,
      kind: 'money',
    },
    {
      metric: 'lostSpend',
      formula: 'Σ windows deliveryLoss × planned spend in the window',
      inputs: { plannedSpend: e.plannedSpend },
      value: e.lostSpend,
      kind: 'money',
    },
  ];
}

/** The headroom: with recovery ramps, less what the last ramp still loses before the pacing period ends. */
function headroomStep(e: CampaignEstimate, basis: ExplainBasis): ExplainStep {
  const { spec, plannedSpendAfterOutage, rampLostSpendAfterOutage } = basis;
  if (!e.recovery) {
    return {
      metric: 'headroom',
      formula:
        `overspendCap × planned spend from the end of the last window ` +
        `to the end of the pacing period (${spec.pacingPeriod})`,
      inputs: { overspendCap: spec.overspendCap, plannedSpendAfterOutage },
      value: e.headroom,
      kind: 'money',
    };
  }
  return {
    metric: 'headroom',
    formula:
      `overspendCap × (planned spend from the end of the last window to the end of the pacing ` +
      `period (${spec.pacingPeriod}) − what its recovery ramp still loses in that time)`,
    inputs: { overspendCap: spec.overspendCap, plannedSpendAfterOutage, rampLostSpendAfterOutage },
    value: e.headroom,
    kind: 'money',
  };
}

/** The funnel parameters the plan derives from the given ones (`cpa = cpm ÷ (1000 × ctr × cvr)`…). */
function derivationSteps(basis: ExplainBasis, f: FunnelValues): ExplainStep[] {
  return basis.spec.funnelPlan.derivations.map((d) => ({
    metric: d.key,
    formula: `${d.key} = ${d.formula}`,
    inputs: Object.fromEntries(d.inputs.map((k) => [k, f[k] as Decimal])),
    value: f[d.key] as Decimal,
    kind: 'ratio',
  }));
}

/** A step per determined metric: the registry's formula text, and the values it read at the base inputs. */
function metricSteps(e: CampaignEstimate, basis: ExplainBasis, f: FunnelValues) {
  const { spec } = basis;
  const chosen = chooseFormulas(spec.funnelPlan, spec.inputs.grossMargin !== undefined);
  // The metrics as estimated: a failover changes netContributionChange afterwards, and has steps of its own.
  const metrics =
    basis.beforeFailover === undefined ? e.metrics : { ...e.metrics, netContributionChange: basis.beforeFailover };
  const values = metricValues(e.lostSpend, e.headroom, f, baseParams(spec.inputs));
  Object.assign(values, metrics);
  return METRIC_REGISTRY.flatMap(({ name, kind }) => {
    const choice = chosen[name];
    const value = metrics[name];
    if (!choice || !value) return [];
    const inputs = Object.fromEntries(choice.formula.reads.map((k) => [k, values[k] as Decimal]));
    const step: ExplainStep = { metric: name, formula: choice.formula.text, inputs, value, kind };
    return [{ step, usesFunnel: choice.usesFunnel }];
  });
}

/** The recovery ramp's part of the lost spend, when the outage has ramps. */
function recoverySteps(e: CampaignEstimate): ExplainStep[] {
  if (!e.recovery) return [];
  return [
    {
      metric: 'recoveryPlannedSpend',
      formula: 'Σ windows planned spend in [end, end + recoveryMinutes)',
      inputs: {},
      value: e.recovery.plannedSpend,
      kind: 'money',
    },
    {
      metric: 'recoveryLostSpend',
      formula:
        'Σ windows Σ bucket pieces [a, b) of the ramp: planned × deliveryLoss ' +
        '× (1 − ((a + b) ÷ 2 − end) ÷ ramp); part of lostSpend',
      inputs: { recoveryPlannedSpend: e.recovery.plannedSpend },
      value: e.recovery.lostSpend,
      kind: 'money',
    },
  ];
}

/** The pixel's reporting gap, when the outage has measurement loss. */
function measurementSteps(e: CampaignEstimate): ExplainStep[] {
  const u = e.unrecorded;
  if (!u) return [];
  const { unmeasuredSpend, unrecordedConversions, unrecordedRevenue } = u;
  const steps: ExplainStep[] = [
    {
      metric: 'unmeasuredSpend',
      formula: 'Σ windows measurementLoss × planned spend in the window',
      inputs: {},
      value: unmeasuredSpend,
      kind: 'money',
    },
  ];
  const cpa = e.funnel.cpa?.value;
  const roas = e.funnel.roas?.value;
  if (unrecordedConversions && cpa) {
    const formula = 'unmeasuredSpend ÷ cpa (not lost: sold but not recorded)';
    const inputs = { unmeasuredSpend, cpa };
    steps.push({ metric: 'unrecordedConversions', formula, inputs, value: unrecordedConversions, kind: 'count' });
  }
  if (unrecordedRevenue && roas) {
    const formula = 'unmeasuredSpend × roas (= unrecordedConversions × aov)';
    const inputs = { unmeasuredSpend, roas };
    steps.push({ metric: 'unrecordedRevenue', formula, inputs, value: unrecordedRevenue, kind: 'money' });
  }
  return steps;
}

/** What the failover bought, and the net contribution change it leaves (applyFailovers). */
function failoverSteps(r: FailoverResult, before: Decimal | null, after: Decimal | null): ExplainStep[] {
  const steps: ExplainStep[] = [
    {
      metric: 'failoverSpend',
      formula: 'Σ targets share × Σ windows where the target is up: netLostSpend × lostSpend(window) ÷ lostSpend',
      inputs: {},
      value: r.spend,
      kind: 'money',
    },
    {
      metric: 'failoverConversions',
      formula: 'Σ targets failoverSpend ÷ cpa(target) × incrementality(target)',
      inputs: { failoverSpend: r.spend },
      value: r.conversions,
      kind: 'count',
    },
    {
      metric: 'failoverRevenue',
      formula: 'Σ targets failoverSpend × roas(target) × incrementality(target)',
      inputs: { failoverSpend: r.spend },
      value: r.revenue,
      kind: 'money',
    },
    {
      metric: 'failoverGrossProfit',
      formula: 'Σ targets failoverRevenue × grossMargin(target)',
      inputs: { failoverRevenue: r.revenue },
      value: r.grossProfit,
      kind: 'money',
    },
  ];
  if (before && after) {
    steps.push({
      metric: 'netContributionChange',
      formula: 'netLostSpend − lostGrossProfit + failoverGrossProfit − failoverSpend',
      inputs: { beforeFailover: before, failoverGrossProfit: r.grossProfit, failoverSpend: r.spend },
      value: after,
      kind: 'money',
    });
  }
  return steps;
}
