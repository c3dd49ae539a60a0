import { quantileSorted } from 'd3-array';
import type Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import methodology from '../../docs/methodology.md?raw';
import { ImpactRequest, ImpactResponse } from '../../schemas/impact';
import { app } from '../../src/app';
import { D } from '../../src/engine/decimal';
import { evaluateFunnel, FUNNEL_KEYS, type FunnelKey, planFunnel } from '../../src/engine/funnel';
import { estimateCampaign, METRICS, RANGEABLE_KEYS } from '../../src/engine/impact';
import { quantilesOf } from '../../src/engine/quantiles';
import { tornado } from '../../src/engine/sensitivity';
import {
  type Distribution,
  floatDerivation,
  floatIndex,
  type SimulationSummary,
  simulateImpact,
  simulationCost,
} from '../../src/engine/simulation';
import { sharedSpendCache } from '../../src/engine/spend';

/**
 * The Monte Carlo against distributions whose quantiles are known in closed form, and the tornado
 * against swings worked by hand.
 *
 * Every example plans an even daily budget of 1200 and loses the 2 hours 15:00–17:00 UTC of Monday
 * 4 Oct 2021: U = 1200 × 2/24 = 100. With cpm 10, ctr 0.01 and cvr 0.05 that is
 * impressions = 1000 × 100 / 10 = 10,000, clicks = 100, conversions = 5, so lostRevenue = 5 × aov:
 * linear in aov, and its quantiles are 5 × aov's quantiles.
 */
const OUTAGE = { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T17:00:00Z' }] };
const FUNNEL = { budget: { amount: '1200', period: 'day' }, cpm: '10', ctr: '0.01', cvr: '0.05' };

function run(campaigns: object[], options: { draws: number; seed: number; distribution: Distribution }) {
  const body = ImpactRequest.parse({ outage: OUTAGE, campaigns });
  const cache = sharedSpendCache();
  const items = body.campaigns.map((spec) => ({
    spec,
    estimate: estimateCampaign(spec, body.outage.windows, cache, { timeline: false, explain: false }),
  }));
  return { items, sim: simulateImpact(items, options) };
}

const revenueOf = (sim: ReturnType<typeof simulateImpact>, i = 0) =>
  sim.campaigns[i]?.metrics.lostRevenue as SimulationSummary;
const num = (d: Decimal) => d.toNumber();

/**
 * Tolerance of a simulated p-quantile: the sample quantile of n draws has standard error
 * √(p (1 − p) / n) ÷ f(x_p), f the density at the true quantile (its asymptotic normality; e.g.
 * Serfling, Approximation Theorems of Mathematical Statistics, 2.3.3). Five standard errors: a
 * deviation that large happens with probability below 10⁻⁶, and the seed is fixed besides.
 */
const quantileTolerance = (p: number, n: number, density: number) => (5 * Math.sqrt((p * (1 - p)) / n)) / density;
/** Of a mean: five standard errors σ/√n. */
const meanTolerance = (sd: number, n: number) => (5 * sd) / Math.sqrt(n);

describe('simulated percentiles against closed forms', () => {
  const n = 10_000;

  it('uniform aov on [60, 80]: lostRevenue = 5 × aov is uniform on [300, 400], its p-quantile 300 + 100 p', () => {
    const { sim } = run([{ ...FUNNEL, aov: { low: '60', high: '80' } }], {
      draws: n,
      seed: 1,
      distribution: 'uniform',
    });
    const r = revenueOf(sim);
    // Density of U(300, 400) is 1/100 everywhere; σ = 100/√12.
    expect(Math.abs(num(r.p5) - 305)).toBeLessThan(quantileTolerance(0.05, n, 1 / 100)); // 0.109 × 5 = 1.09
    expect(Math.abs(num(r.p50) - 350)).toBeLessThan(quantileTolerance(0.5, n, 1 / 100)); // 2.5
    expect(Math.abs(num(r.p95) - 395)).toBeLessThan(quantileTolerance(0.95, n, 1 / 100));
    expect(Math.abs(num(r.mean) - 350)).toBeLessThan(meanTolerance(100 / Math.sqrt(12), n)); // 1.44
  });

  it('triangular aov (60, mode 65, 80): lostRevenue is triangular (300, 325, 400)', () => {
    const { sim } = run([{ ...FUNNEL, aov: { low: '60', base: '65', high: '80' } }], {
      draws: n,
      seed: 1,
      distribution: 'triangular',
    });
    const r = revenueOf(sim);
    // a = 300, c = 325, b = 400; F(c) = (c − a)/(b − a) = 0.25.
    // p < 0.25: x = a + √(p (b − a)(c − a)), density 2 (x − a)/((b − a)(c − a)):
    //   p5 = 300 + √(0.05 × 100 × 25) = 300 + √125 = 311.1803
    // p ≥ 0.25: x = b − √((1 − p)(b − a)(b − c)), density 2 (b − x)/((b − a)(b − c)):
    //   p50 = 400 − √(0.5 × 7500) = 400 − √3750 = 338.7628;  p95 = 400 − √375 = 380.6351
    const p5 = 300 + Math.sqrt(125);
    const p50 = 400 - Math.sqrt(3750);
    const p95 = 400 - Math.sqrt(375);
    expect(Math.abs(num(r.p5) - p5)).toBeLessThan(quantileTolerance(0.05, n, (2 * (p5 - 300)) / (100 * 25)));
    expect(Math.abs(num(r.p50) - p50)).toBeLessThan(quantileTolerance(0.5, n, (2 * (400 - p50)) / (100 * 75)));
    expect(Math.abs(num(r.p95) - p95)).toBeLessThan(quantileTolerance(0.95, n, (2 * (400 - p95)) / (100 * 75)));
    // Mean (a + b + c)/3 = 341.667; variance (a² + b² + c² − ab − ac − bc)/18,
    // with a = 0, c = 25, b = 100 (shifted): (10000 + 625 − 2500)/18 = 451.39, σ = 21.25.
    expect(Math.abs(num(r.mean) - 1025 / 3)).toBeLessThan(meanTolerance(Math.sqrt(8125 / 18), n));
  });

  it('PERT aov (60, mode 65, 80): mean (low + 4 mode + high)/6 = 66.667, so lostRevenue ≈ 333.33', () => {
    const { sim } = run([{ ...FUNNEL, aov: { low: '60', base: '65', high: '80' } }], {
      draws: n,
      seed: 1,
      distribution: 'pert',
    });
    // PERT variance (μ − a)(b − μ)/7 = (6.667 × 13.333)/7 = 12.70 for aov;
    // × 5² for revenue: σ = 5 × 3.564 = 17.82.
    const mu = (60 + 4 * 65 + 80) / 6;
    const sd = 5 * Math.sqrt(((mu - 60) * (80 - mu)) / 7);
    expect(Math.abs(num(revenueOf(sim).mean) - 5 * mu)).toBeLessThan(meanTolerance(sd, n));
  });

  it('two independent uniform campaigns: their total is triangular on [600, 800], not uniform', () => {
    const c = { ...FUNNEL, aov: { low: '60', high: '80' } };
    const { sim } = run([c, c], { draws: n, seed: 3, distribution: 'uniform' });
    const total = sim.totals.get('USD')?.lostRevenue as SimulationSummary;
    // The sum of two independent U(300, 400) is triangular (600, 700, 800): p5 = 600 + √(0.05 × 200 × 100)
    // = 631.62, density there 2 × 31.62/(200 × 100). Had both campaigns drawn the same stream, the sum
    // would be 2 × U(300, 400), whose p5 is 610: 21.6 away, far outside the tolerance of 1.72.
    const p5 = 600 + Math.sqrt(1000);
    expect(Math.abs(num(total.p5) - p5)).toBeLessThan(quantileTolerance(0.05, n, (2 * (p5 - 600)) / 20000));
    expect(Math.abs(num(total.p50) - 700)).toBeLessThan(quantileTolerance(0.5, n, 1 / 100));
    // The campaigns' own draws differ: the second is not the first again.
    expect(revenueOf(sim, 0).p50.equals(revenueOf(sim, 1).p50)).toBe(false);
  });

  it('a metric resting on no ranged input is its exact point estimate', () => {
    const { items, sim } = run([{ ...FUNNEL, aov: { low: '60', high: '80' }, recovery: { recapture: '0.5' } }], {
      draws: 100,
      seed: 1,
      distribution: 'triangular',
    });
    const recaptured = sim.campaigns[0]?.metrics.recapturedSpend as SimulationSummary;
    // R = 0.5 × min(U, H) = 50 exactly (H = 0.75 × the rest of the week's plan, far above U = 100).
    // U = 1200 × 2/24 carries decimal.js's last-digit error (49.99…9); 20 places are far past any rounding.
    expect(recaptured.p5.toDecimalPlaces(20).toString()).toBe('50');
    expect(recaptured.mean.equals(items[0]?.estimate.metrics.recapturedSpend as Decimal)).toBe(true);
  });
});

describe('determinism and bounds', () => {
  const analyst = {
    ...FUNNEL,
    cvr: { low: '0.03', high: '0.07' },
    aov: { low: '60', base: '65', high: '80' },
    grossMargin: '0.4',
    recovery: { recapture: { low: '0.2', high: '0.6' } },
  };

  it('the same seed gives the same figures bit for bit; another seed other figures', () => {
    const options = { draws: 5000, seed: 42, distribution: 'pert' } as const;
    const text = (sim: ReturnType<typeof simulateImpact>) => JSON.stringify([sim.campaigns, [...sim.totals]]);
    const a = run([analyst, analyst], options).sim;
    const b = run([analyst, analyst], options).sim;
    expect(text(a)).toBe(text(b));
    expect(text(run([analyst, analyst], { ...options, seed: 43 }).sim)).not.toBe(text(a));
  });

  for (const distribution of ['uniform', 'triangular', 'pert'] as const) {
    it(`${distribution}: p5 ≤ p50 ≤ p95 inside the exact corner range of every metric`, () => {
      const { items, sim } = run([analyst], { draws: 2000, seed: 9, distribution });
      const ranges = items[0]?.estimate.ranges;
      for (const metric of METRICS) {
        const s = sim.campaigns[0]?.metrics[metric] as SimulationSummary;
        const r = ranges?.[metric];
        if (!r) throw new Error(`${metric} has no range`);
        expect(
          s.p5.greaterThanOrEqualTo(r.low) &&
            s.p5.lessThanOrEqualTo(s.p50) &&
            s.p50.lessThanOrEqualTo(s.p95) &&
            s.p95.lessThanOrEqualTo(r.high),
        ).toBe(true);
      }
    });
  }

  it('costs one evaluation per draw and campaign', () => {
    expect(simulationCost(10_000, 3)).toBe(30_000);
  });
});

describe('quantiles by selection', () => {
  it('equal d3-array quantileSorted of the sorted values (type 7) bit for bit', () => {
    const values = fc.array(
      fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -3, max: 3 })),
      { minLength: 1, maxLength: 400 },
    );
    const fraction = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(values, fc.array(fraction, { minLength: 1, maxLength: 5 }), (xs, ps) => {
        const sorted = Float64Array.from(xs).sort();
        const expected = ps.map((p) => quantileSorted(sorted as unknown as number[], p));
        expect(quantilesOf(Float64Array.from(xs), ps)).toEqual(expected);
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('equal d3-array when several fractions share an order statistic (few values, many fractions)', () => {
    const values = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 12 });
    const fraction = fc.constantFrom(0, 0.05, 0.06, 0.5, 0.51, 0.94, 0.95, 1);
    const fractions = fc.array(fraction, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(values, fractions, (xs, ps) => {
        const sorted = Float64Array.from(xs).sort();
        const expected = ps.map((p) => quantileSorted(sorted as unknown as number[], p));
        expect(quantilesOf(Float64Array.from(xs), ps)).toEqual(expected);
      }),
      { seed: 18, numRuns: 500 },
    );
  });

  it('type 7 on a small case by hand: 1..10 at 0.05 is 1 + 0.45 = 1.45, at 0.95 is 9 + 0.55 = 9.55', () => {
    // h = (10 − 1) p: 0.45 and 8.55; x(0) = 1, x(1) = 2; x(8) = 9, x(9) = 10.
    const [p5, p50, p95] = quantilesOf(Float64Array.from([7, 3, 10, 1, 9, 2, 8, 4, 6, 5]), [0.05, 0.5, 0.95]);
    expect(p5).toBeCloseTo(1.45, 12);
    expect(p50).toBe(5.5);
    expect(p95).toBeCloseTo(9.55, 12);
  });
});

describe('float64 funnel derivations', () => {
  it('exist for every derivation of every set of given parameters and agree with the decimal ones', () => {
    const values: Record<FunnelKey, Decimal> = {
      cpm: new D('9.5'),
      ctr: new D('0.011'),
      cpc: new D('0.9'),
      cvr: new D('0.03'),
      cpa: new D('30'),
      aov: new D('72'),
      roas: new D('2.4'),
    };
    for (let mask = 0; mask < 1 << FUNNEL_KEYS.length; mask++) {
      const given = new Set(FUNNEL_KEYS.filter((_, i) => mask & (1 << i)));
      const plan = planFunnel(given);
      const exact = evaluateFunnel(plan, Object.fromEntries([...given].map((k) => [k, values[k]])));
      const floats = new Float64Array(RANGEABLE_KEYS.length).fill(Number.NaN);
      for (const k of given) floats[floatIndex(k)] = values[k].toNumber();
      for (const d of plan.derivations) {
        floats[floatIndex(d.key)] = floatDerivation(d.key, d.formula)(floats);
        expect(Math.abs((floats[floatIndex(d.key)] as number) / (exact[d.key] as Decimal).toNumber() - 1)).toBeLessThan(
          1e-12,
        );
      }
    }
  });
});

describe('tornado', () => {
  /**
   * cpm 10, ctr 0.01: lostRevenue = (U − R) × 1000/10 × 0.01 × cvr × aov = 100 (1 − ρ) × cvr × aov
   * (R = ρ × min(U, H) = 100 ρ, H being far above U). Base cvr 0.05, aov 70, ρ 0.4: 100 × 0.6 × 0.05 × 70 = 210.
   *   cvr 0.04 → 168, 0.06 → 252: swing 84
   *   aov 60 → 180, 80 → 240: swing 60
   *   ρ 0.2 → 100 × 0.8 × 3.5 = 280, ρ 0.6 → 140: swing 140
   * So recapture first, then cvr, then aov.
   */
  const campaign = {
    ...FUNNEL,
    cvr: { low: '0.04', high: '0.06' },
    aov: { low: '60', high: '80' },
    grossMargin: '0.4',
    recovery: { recapture: { low: '0.2', high: '0.6' } },
  };

  function tornadoOf(metric: 'lostRevenue' | 'lostClicks') {
    const body = ImpactRequest.parse({ outage: OUTAGE, campaigns: [campaign] });
    const spec = body.campaigns[0];
    if (!spec) throw new Error('no campaign');
    const estimate = estimateCampaign(spec, body.outage.windows, sharedSpendCache(), {
      timeline: false,
      explain: false,
    });
    const t = tornado(spec, estimate, metric);
    // U = 1200 × 2/24 carries decimal.js's last-digit error (59.99…9); 20 places are far past any rounding.
    const text = (d: Decimal) => d.toDecimalPlaces(20).toString();
    return (
      t && { base: text(t.base), bars: t.bars.map((b) => [b.input, text(b.atLow), text(b.atHigh), text(b.swing)]) }
    );
  }

  it('lostRevenue: the swings worked by hand, largest first', () => {
    expect(tornadoOf('lostRevenue')).toEqual({
      base: '210',
      bars: [
        ['recapture', '280', '140', '140'],
        ['cvr', '168', '252', '84'],
        ['aov', '180', '240', '60'],
      ],
    });
  });

  it('lostClicks: 100 (1 − ρ) moves with recapture only; cvr and aov swing 0 and keep their order', () => {
    // ρ 0.2 → 80, 0.6 → 40, base 60.
    expect(tornadoOf('lostClicks')).toEqual({
      base: '60',
      bars: [
        ['recapture', '80', '40', '40'],
        ['cvr', '60', '60', '0'],
        ['aov', '60', '60', '0'],
      ],
    });
  });
});

describe('docs/methodology.md', () => {
  it('shows the real answer to its uncertainty example', async () => {
    const section =
      methodology.split('\n## Uncertainty: percentiles and what matters most\n')[1]?.split('\n## ')[0] ?? '';
    const example = /-d '([\s\S]*?)'\n((?:# .*\n)+)/.exec(section);
    if (!example) throw new Error("no curl example with its answer in docs/methodology.md's Uncertainty section");
    const [, request, shown] = example as unknown as [string, string, string];
    const res = await app.request('/v1/impact', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request,
    });
    expect(res.status).toBe(200);
    const c = ImpactResponse.parse(await res.json()).campaigns[0];
    const range = c?.ranges?.lostRevenue;
    const sim = c?.simulation?.lostRevenue;
    const bars = c?.sensitivity?.bars
      .map((b) => `${b.input} ${b.swing}`)
      .join(', ')
      .replace(' ', ' swing ');
    const answer = [
      `# lostRevenue ${c?.lostRevenue}; corners ${range?.low} to ${range?.high}; ` +
        `simulation p5 ${sim?.p5}, p50 ${sim?.p50}, p95 ${sim?.p95};`,
      `# tornado: ${bars}`,
      '',
    ].join('\n');
    expect(shown).toBe(answer);
  });
});
