import type Decimal from 'decimal.js';
import type { FunnelPlan, FunnelValues } from './funnel';
import type { RangeableKey } from './impact';
import { type ChosenFormula, METRIC_REGISTRY, type Metric, type MetricInput, type MetricValues } from './metrics';

/**
 * The corners of a campaign's input ranges (impact.ts, metricRanges) share most of their arithmetic: a value
 * that rests on some of the varying inputs only is the same at every corner that agrees on those, so it is
 * computed at the first such corner and taken from there at the others. Four varying inputs make 16 corners, but
 * the recaptured spend (it rests on the recapture alone) is computed twice, the lost impressions four times.
 * Every value is the same formula of the same Decimals as it would be afresh, so the figures are identical.
 *
 * A corner is a number whose bit b says which end of the range of `varying[b]` it takes; a value's key is the
 * corner masked to the bits of the inputs it rests on.
 */
export class CornerValues {
  private readonly derivationMasks: number[];
  private readonly derived: (Decimal | undefined)[][];
  private readonly metricMasks: number[];
  private readonly metrics: (Decimal | undefined)[][];

  constructor(
    varying: readonly RangeableKey[],
    private readonly plan: FunnelPlan,
    private readonly chosen: Readonly<Record<Metric, ChosenFormula | null>>,
  ) {
    const maskOf = (keys: Iterable<string>) => {
      let mask = 0;
      for (const key of keys) {
        const bit = varying.indexOf(key as RangeableKey);
        if (bit >= 0) mask |= 1 << bit;
      }
      return mask;
    };
    const corners = 1 << varying.length;
    this.derivationMasks = plan.derivations.map((d) => maskOf(plan.provenance[d.key] ?? []));
    this.derived = plan.derivations.map(() => new Array(corners));
    this.metricMasks = METRIC_REGISTRY.map((m) => maskOf(chosen[m.name]?.restsOn ?? []));
    this.metrics = METRIC_REGISTRY.map(() => new Array(corners));
  }

  /** The funnel at a corner from its given parameters, as evaluateFunnel computes it. */
  funnel(given: FunnelValues, corner: number): FunnelValues {
    const values: FunnelValues = { ...given };
    this.plan.derivations.forEach((d, i) => {
      const known = this.derived[i] as (Decimal | undefined)[];
      const key = corner & (this.derivationMasks[i] as number);
      let value = known[key];
      if (value === undefined) {
        value = d.from(values as Record<string, Decimal>);
        known[key] = value;
      }
      values[d.key] = value;
    });
    return values;
  }

  /**
   * Every metric at a corner, as evaluateMetrics computes it, from what the formulas read there (`values`, which
   * receives the metrics too): each by the formula chosen for the plan, null where the plan determines none.
   */
  metricsAt(
    values: Record<MetricInput | Metric, Decimal | null> & { unrecovered?: Decimal },
    corner: number,
  ): Record<Metric, Decimal | null> {
    const out = {} as Record<Metric, Decimal | null>;
    METRIC_REGISTRY.forEach(({ name }, m) => {
      const formula = this.chosen[name]?.formula;
      let value: Decimal | null = null;
      if (formula) {
        const known = this.metrics[m] as (Decimal | undefined)[];
        const key = corner & (this.metricMasks[m] as number);
        value = known[key] ?? formula.exact(values as MetricValues<Metric>);
        known[key] = value;
      }
      values[name] = value;
      out[name] = value;
    });
    return out;
  }
}
