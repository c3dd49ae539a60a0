import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CornerValues } from '../../src/engine/corners';
import { evaluateFunnel, FUNNEL_KEYS, type FunnelKey, type FunnelValues, planFunnel } from '../../src/engine/funnel';
import { evaluateMetrics, type Params, type RangeableKey } from '../../src/engine/impact';
import { chooseFormulas, type Metric, type MetricInput } from '../../src/engine/metrics';

/**
 * CornerValues (src/engine/corners.ts) reuses a value at the corners that agree on every input it rests on.
 * The oracle is the engine without reuse: evaluateFunnel and evaluateMetrics afresh at each corner. The two must
 * give the same Decimals, digit for digit, for every funnel plan a campaign can give (all 128 sets of funnel
 * parameters), with and without a gross margin, every given parameter and the recapture varying.
 */
const d = (v: Decimal.Value) => new Decimal(v);
const GIVEN_SETS = Array.from(
  { length: 1 << FUNNEL_KEYS.length },
  (_, bits) => new Set(FUNNEL_KEYS.filter((_, i) => bits & (1 << i))),
);
/** A consistent funnel at base: cpm 9.5, ctr 0.011, cvr 0.03, aov 72 and what they imply. */
const BASE: Record<FunnelKey, Decimal> = {
  cpm: d('9.5'),
  ctr: d('0.011'),
  cpc: d('9.5').dividedBy(11),
  cvr: d('0.03'),
  cpa: d('9.5').dividedBy(11).dividedBy('0.03'),
  aov: d('72'),
  roas: d('72').dividedBy(d('9.5').dividedBy(11).dividedBy('0.03')),
};
/** Each range ±10 % (×0.9 and ×1.1) around its base: the given funnel parameters and the recapture vary. */
const low = (x: Decimal) => x.times('0.9');
const high = (x: Decimal) => x.times('1.1');
const RECOVERY: Params = { recapture: d('0.5'), cpmPremium: d('0.25'), incrementality: d('0.8') };

const corners = (given: ReadonlySet<FunnelKey>, margin: boolean) => {
  const plan = planFunnel(given);
  const base: Params = { ...RECOVERY, ...(margin ? { grossMargin: d('0.4') } : {}) };
  for (const key of given) base[key] = BASE[key];
  const varying: RangeableKey[] = [...given, 'recapture'];
  return { plan, base, varying };
};

describe('CornerValues gives what evaluateFunnel and evaluateMetrics give afresh at every corner', () => {
  it('for all 128 funnel plans, with and without grossMargin (lostSpend 100, headroom 80)', () => {
    const [lostSpend, headroom] = [d(100), d(80)];
    let checked = 0;
    for (const given of GIVEN_SETS) {
      for (const margin of [false, true]) {
        const { plan, base, varying } = corners(given, margin);
        const chosen = chooseFormulas(plan, margin);
        const memo = new CornerValues(varying, plan, chosen);
        for (let corner = 0; corner < 1 << varying.length; corner++) {
          const p: Params = { ...base };
          varying.forEach((key, bit) => {
            const x = base[key] as Decimal;
            p[key] = corner & (1 << bit) ? high(x) : low(x);
          });
          const givenValues: FunnelValues = {};
          for (const key of plan.given) givenValues[key] = p[key];
          const fresh = evaluateFunnel(plan, givenValues);
          const funnel = memo.funnel(givenValues, corner);
          expect(funnel).toEqual(fresh);
          const values = {
            lostSpend,
            headroom,
            ...Object.fromEntries(FUNNEL_KEYS.map((k) => [k, funnel[k] ?? null])),
            grossMargin: p.grossMargin ?? null,
            incrementality: p.incrementality ?? d(1),
            recapture: p.recapture ?? d(0),
            cpmPremium: p.cpmPremium ?? d(0),
          } as Record<MetricInput | Metric, Decimal | null>;
          const metrics = memo.metricsAt(values, corner);
          const expected = evaluateMetrics(lostSpend, headroom, fresh, p);
          for (const [metric, value] of Object.entries(expected))
            expect(metrics[metric as Metric]?.toString(), `${[...given]} ${margin} ${corner} ${metric}`).toBe(
              value?.toString(),
            );
          checked++;
        }
      }
    }
    // 128 plans × 2: a plan of g given parameters varies g + 1 inputs: Σ C(7,g) 2^(g+1) = 2 × 3^7 = 4,374
    // corners, with and without the margin: 8,748 in all.
    expect(checked).toBe(8_748);
  }, 60_000);
});
