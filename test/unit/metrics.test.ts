import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import openapi from '../../openapi.json';
import { RESULT_COLUMNS } from '../../schemas/batch';
import { IMPORT_RESULT_COLUMNS } from '../../schemas/import';
import { MetricSimulations } from '../../schemas/simulation';
import { FUNNEL_KEYS, type FunnelKey, type FunnelValues, planFunnel } from '../../src/engine/funnel';
import { evaluateMetrics, metricDependencies, type Params, type RangeableKey } from '../../src/engine/impact';
import {
  chooseFormulas,
  type FloatValues,
  METRIC_BY_NAME,
  METRIC_REGISTRY,
  METRICS,
  type Metric,
  type MetricInput,
} from '../../src/engine/metrics';
import { formatter } from '../../src/engine/rounding';
import { presentRanges } from '../../src/present/impact';

/**
 * The metric registry (src/engine/metrics.ts) is the one place a metric is defined: these tests check that
 * its formulas give DESIGN.md section 4's numbers by every branch, that the inputs it says a metric rests on
 * are those of the section's branches for every funnel plan, and that the contract and the presenters
 * follow it.
 */

type OpenApiField = { type?: string | string[]; description?: string };
const d = (v: Decimal.Value) => new Decimal(v);
const values = (m: Record<string, Decimal | null>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v?.toString() ?? null]));

const RECOVERY: Params = {
  recapture: d('0.5'),
  cpmPremium: d('0.25'),
  incrementality: d('0.8'),
  grossMargin: d('0.5'),
};

describe('the registry evaluates DESIGN.md section 4 by each branch', () => {
  // U = 100 lost, H = 300 headroom: R = 0.5 × min(100, 300) = 50, N = 100 − 50 = 50, and the delivery that
  // never comes back is 100 − 50 ÷ (1 + 0.25) = 60.
  it('cpm → ctr → cvr → aov: the funnel from impressions down', () => {
    const f: FunnelValues = { cpm: d(10), ctr: d('0.02'), cvr: d('0.05'), aov: d(40) };
    // impressions 1000 × 60 ÷ 10 = 6000; clicks 6000 × 0.02 = 120; conversions 120 × 0.05 × 0.8 = 4.8;
    // revenue 4.8 × 40 = 192; gross profit 192 × 0.5 = 96; net contribution 50 − 96 = −46.
    expect(values(evaluateMetrics(d(100), d(300), f, RECOVERY))).toEqual({
      recapturedSpend: '50',
      netLostSpend: '50',
      lostImpressions: '6000',
      lostClicks: '120',
      lostConversions: '4.8',
      lostRevenue: '192',
      lostGrossProfit: '96',
      netContributionChange: '-46',
    });
  });

  it('cpc, cpa and roas: each metric straight from the unrecovered delivery', () => {
    const f: FunnelValues = { cpc: d('0.5'), cpa: d('12.5'), roas: d('3.2') };
    // clicks 60 ÷ 0.5 = 120; conversions 60 ÷ 12.5 × 0.8 = 3.84; revenue 60 × 3.2 × 0.8 = 153.6;
    // gross profit 153.6 × 0.5 = 76.8; net contribution 50 − 76.8 = −26.8; no cpm, so no impressions.
    expect(values(evaluateMetrics(d(100), d(300), f, RECOVERY))).toEqual({
      recapturedSpend: '50',
      netLostSpend: '50',
      lostImpressions: null,
      lostClicks: '120',
      lostConversions: '3.84',
      lostRevenue: '153.6',
      lostGrossProfit: '76.8',
      netContributionChange: '-26.8',
    });
  });

  it('applies the defaults of recapture 0, cpmPremium 0 and incrementality 1, and needs grossMargin for profit', () => {
    // R = 0 × 40 = 0, N = 40; impressions 1000 × 40 ÷ 8 = 5000; conversions 40 ÷ 16 = 2.5; revenue 2.5 × 30 = 75.
    const m = evaluateMetrics(d(40), d(0), { cpm: d(8), cpa: d(16), aov: d(30) }, {});
    expect(values(m)).toEqual({
      recapturedSpend: '0',
      netLostSpend: '40',
      lostImpressions: '5000',
      lostClicks: null,
      lostConversions: '2.5',
      lostRevenue: '75',
      lostGrossProfit: null,
      netContributionChange: null,
    });
  });

  it("gives the same numbers in floats (the simulation's formulas) as exactly", () => {
    const f: FunnelValues = { cpm: d(10), ctr: d('0.02'), cvr: d('0.05'), aov: d(40) };
    const exact = evaluateMetrics(d(100), d(300), f, RECOVERY);
    const chosen = chooseFormulas(planFunnel(new Set(['cpm', 'ctr', 'cvr', 'aov'])), true);
    const floats: Record<string, number | undefined> = { lostSpend: 100, headroom: 300 };
    for (const [k, v] of Object.entries({ ...f, ...RECOVERY })) floats[k] = v.toNumber();
    for (const metric of METRICS) {
      const value = chosen[metric]?.formula.float(floats as unknown as FloatValues<Metric>);
      floats[metric] = value;
      expect(value, metric).toBeCloseTo((exact[metric] as Decimal).toNumber(), 9);
    }
  });
});

/**
 * DESIGN.md section 4's branches, written out as the engine had them before the registry: the ranged inputs
 * each metric rests on for a plan, or null where the plan does not determine it. An independent oracle.
 */
function branchDependencies(given: ReadonlySet<FunnelKey>, hasGrossMargin: boolean) {
  const plan = planFunnel(given);
  const prov = (k: FunnelKey): RangeableKey[] | null => (plan.provenance[k] ? [...(plan.provenance[k] ?? [])] : null);
  const recovery: RangeableKey[] = ['recapture', 'cpmPremium'];
  const join = (...parts: (RangeableKey[] | null)[]) =>
    parts.some((p) => p === null) ? null : [...new Set(parts.flat() as RangeableKey[])];
  const impressions = join(prov('cpm'), recovery);
  const clicks = impressions && plan.provenance.ctr ? join(impressions, prov('ctr')) : join(prov('cpc'), recovery);
  const conversions =
    clicks && plan.provenance.cvr
      ? join(clicks, prov('cvr'), ['incrementality'])
      : join(prov('cpa'), recovery, ['incrementality']);
  const revenue =
    conversions && plan.provenance.aov
      ? join(conversions, prov('aov'))
      : join(prov('roas'), recovery, ['incrementality']);
  const grossProfit = hasGrossMargin ? join(revenue, ['grossMargin']) : null;
  return {
    recapturedSpend: ['recapture'],
    netLostSpend: ['recapture'],
    lostImpressions: impressions,
    lostClicks: clicks,
    lostConversions: conversions,
    lostRevenue: revenue,
    lostGrossProfit: grossProfit,
    netContributionChange: grossProfit,
  };
}

/** Every subset of the funnel parameters: the 128 sets a campaign can give. */
const GIVEN_SETS = Array.from(
  { length: 1 << FUNNEL_KEYS.length },
  (_, bits) => new Set(FUNNEL_KEYS.filter((_, i) => bits & (1 << i))),
);
const sorted = (keys: readonly string[] | null) => (keys ? [...keys].sort() : null);

describe('what a metric rests on, for every funnel plan', () => {
  it('matches the branches of DESIGN.md section 4 for all 128 given sets, with and without grossMargin', () => {
    for (const given of GIVEN_SETS) {
      for (const margin of [false, true]) {
        const registry = metricDependencies(planFunnel(given), margin);
        const oracle = branchDependencies(given, margin);
        for (const metric of METRICS) {
          expect(sorted(registry[metric]), `${[...given].join(',')} margin ${margin}: ${metric}`).toEqual(
            sorted(oracle[metric as keyof typeof oracle]),
          );
        }
      }
    }
  });

  it('determines a metric exactly when one of the input sets `undetermined` names is determined', () => {
    for (const given of GIVEN_SETS) {
      for (const margin of [false, true]) {
        const plan = planFunnel(given);
        const has = (k: string) => (k === 'grossMargin' ? margin : plan.provenance[k as FunnelKey] !== undefined);
        const chosen = chooseFormulas(plan, margin);
        for (const { name, determinedBy } of METRIC_REGISTRY) {
          const expected = determinedBy.length === 0 || determinedBy.some((set) => set.every(has));
          expect(chosen[name] !== null, `${[...given].join(',')} margin ${margin}: ${name}`).toBe(expected);
        }
      }
    }
  });
});

describe('the registry itself', () => {
  const INPUTS: readonly MetricInput[] = [
    'lostSpend',
    'headroom',
    ...FUNNEL_KEYS,
    'grossMargin',
    'incrementality',
    'recapture',
    'cpmPremium',
  ];

  it('has formulas that read only the inputs and the metrics before them (its order is the evaluation order)', () => {
    METRIC_REGISTRY.forEach((metric, i) => {
      const earlier = new Set<string>([...INPUTS, ...METRICS.slice(0, i)]);
      for (const formula of metric.formulas)
        for (const read of formula.reads) expect(earlier.has(read), `${metric.name} reads ${read}`).toBe(true);
    });
  });

  it('names each metric once, and METRICS lists them in its order', () => {
    expect(new Set(METRICS).size).toBe(METRIC_REGISTRY.length);
    expect(METRICS).toEqual(METRIC_REGISTRY.map((m) => m.name));
    for (const metric of METRICS) expect(METRIC_BY_NAME[metric].name).toBe(metric);
  });
});

describe('the contract and the presenters follow the registry', () => {
  it('gives each metric a response field, nullable unless always determined, described by its kind', () => {
    const components = openapi.components.schemas as unknown as Record<
      string,
      { properties: Record<string, OpenApiField> }
    >;
    for (const { name, kind, description, determinedBy } of METRIC_REGISTRY) {
      for (const schema of ['CampaignResult', 'CurrencyTotals']) {
        const field = components[schema]?.properties[name];
        expect(field?.type, `${schema}.${name}`).toEqual(determinedBy.length ? ['string', 'null'] : 'string');
        expect(field?.description, name).toContain(description);
        expect(field?.description, name).toContain(kind === 'money' ? '(money' : '(expected count');
      }
      expect(Object.keys(MetricSimulations.shape)).toContain(name);
    }
  });

  it('makes a batch column and its Low and High range columns of each metric, and an import column', () => {
    for (const metric of METRICS) {
      expect(RESULT_COLUMNS).toEqual(expect.arrayContaining([metric, `${metric}Low`, `${metric}High`]));
      expect(IMPORT_RESULT_COLUMNS).toContain(metric);
    }
  });

  it('rounds money to the currency and counts to 2 places', () => {
    // In JPY (no minor unit) 1234.5678 is 1235 as money and 1234.57 as a count; in KWD (3 places) 1234.568.
    const r = { low: d('1234.5678'), base: d('1234.5678'), high: d('1234.5678') };
    const ranges = Object.fromEntries(METRICS.map((m) => [m, r])) as Record<Metric, typeof r>;
    for (const [currency, money] of [
      ['JPY', '1235'],
      ['KWD', '1234.568'],
    ] as const) {
      const out = presentRanges(ranges, formatter(currency, 'half-even'));
      for (const { name, kind } of METRIC_REGISTRY)
        expect(out[name]?.low, name).toBe(kind === 'money' ? money : '1234.57');
    }
  });
});
