import { randomBeta } from 'd3-random';
import type Decimal from 'decimal.js';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { D, sum } from './decimal';
import type { FunnelKey } from './funnel';
import { quantilesOf } from './quantiles';
import {
  type CampaignEstimate,
  type CampaignSpec,
  METRICS,
  type Metric,
  RANGEABLE_KEYS,
  type RangeableKey,
} from './impact';
import { chooseFormulas, type FloatValues, type MetricFormula } from './metrics';

/**
 * Monte Carlo percentiles of the output metrics (DESIGN.md section 14). Float64 is used here and only
 * here: the figures are estimates by nature. Everything that does not depend on the ranged inputs (the
 * lost spend U and min(U, headroom), computed exactly by the decimal engine) is taken once per campaign;
 * each draw evaluates the closed-form metric formulas of DESIGN.md section 4 in float64.
 */

export type Distribution = 'uniform' | 'triangular' | 'pert';
export const DISTRIBUTIONS = ['uniform', 'triangular', 'pert'] as const satisfies readonly Distribution[];

export interface SimulationOptions {
  draws: number;
  seed: number;
  distribution: Distribution;
}

export const SIMULATION_DEFAULTS: SimulationOptions = { draws: 10_000, seed: 1, distribution: 'triangular' };

export const SIMULATION_LIMITS = {
  draws: 100_000,
  /** pure-rand's xoroshiro128plus takes a 32-bit seed: a larger one would silently alias a smaller one. */
  seedMin: -2_147_483_648,
  seedMax: 2_147_483_647,
} as const;

/**
 * What a simulation costs, in metric evaluations: one per draw and campaign. The request cost model
 * (src/engine/cost.ts, simulationCostTerms) charges it with the rest of the request.
 */
export function simulationCost(draws: number, campaigns: number): number {
  return draws * campaigns;
}

/** The quantiles reported, as fractions. */
const QUANTILES = { p5: 0.05, p50: 0.5, p95: 0.95 } as const;

export interface SimulationSummary {
  mean: Decimal;
  p5: Decimal;
  p50: Decimal;
  p95: Decimal;
}
/** Per metric; null where the funnel does not determine the metric. */
export type MetricSimulations = Record<Metric, SimulationSummary | null>;

export interface CampaignSimulation {
  metrics: MetricSimulations;
  /** False when no input of the campaign is a range: every figure is then the point estimate. */
  anyRanged: boolean;
}

/**
 * The rangeable inputs of one draw as a Float64Array indexed in RANGEABLE_KEYS order (NaN where not
 * given): fixed indexes keep the per-draw loop free of keyed property lookups.
 */
type FloatParams = Float64Array;
const INDEX = Object.fromEntries(RANGEABLE_KEYS.map((k, i) => [k, i])) as Record<RangeableKey, number>;
const { cpm: CPM, ctr: CTR, cpc: CPC, cvr: CVR, cpa: CPA, aov: AOV, roas: ROAS } = INDEX;
const at = (v: FloatParams, i: number) => v[i] as number;

/** The funnel identities of funnel.ts in float64, keyed by `<key> = <formula>` of a Derivation. */
const FLOAT_DERIVATIONS: Record<string, (v: FloatParams) => number> = {
  'cpc = cpm ÷ (1000 × ctr)': (v) => at(v, CPM) / (1000 * at(v, CTR)),
  'cpm = cpc × 1000 × ctr': (v) => at(v, CPC) * 1000 * at(v, CTR),
  'ctr = cpm ÷ (1000 × cpc)': (v) => at(v, CPM) / (1000 * at(v, CPC)),
  'cpa = cpc ÷ cvr': (v) => at(v, CPC) / at(v, CVR),
  'cpc = cpa × cvr': (v) => at(v, CPA) * at(v, CVR),
  'cvr = cpc ÷ cpa': (v) => at(v, CPC) / at(v, CPA),
  'roas = aov ÷ cpa': (v) => at(v, AOV) / at(v, CPA),
  'aov = roas × cpa': (v) => at(v, ROAS) * at(v, CPA),
  'cpa = aov ÷ roas': (v) => at(v, AOV) / at(v, ROAS),
};

/** The float64 form of a funnel derivation; every derivation funnel.ts can plan has one (a unit test checks). */
export function floatDerivation(key: FunnelKey, formula: string): (v: FloatParams) => number {
  const rule = FLOAT_DERIVATIONS[`${key} = ${formula}`];
  if (!rule) throw new Error(`no float64 form of the derivation ${key} = ${formula}`);
  return rule;
}

/** The index of each rangeable input in a FloatParams array. */
export const floatIndex = (key: RangeableKey) => INDEX[key];

/** A ranged input as floats; `mode` is its base value. */
interface FloatRange {
  low: number;
  mode: number;
  high: number;
}

/**
 * Draws of one input by inverse transform (uniform, triangular) or, for PERT, by d3-random's beta
 * (Marsaglia-Tsang gamma variates), every uniform variate taken from the input's own stream.
 */
export function sampler(distribution: Distribution, r: FloatRange, rng: JumpableRandomGenerator): () => number {
  const { low, mode, high } = r;
  const span = high - low;
  const clamp = (x: number) => (x < low ? low : Math.min(x, high));
  if (distribution === 'uniform') return () => clamp(low + uniformFloat64(rng) * span);
  if (distribution === 'triangular') {
    const split = (mode - low) / span;
    return () => {
      const u = uniformFloat64(rng);
      return clamp(
        u < split ? low + Math.sqrt(u * span * (mode - low)) : high - Math.sqrt((1 - u) * span * (high - mode)),
      );
    };
  }
  const beta = pertBeta(r, rng);
  return () => clamp(low + beta() * span);
}

/** PERT: d3-random's beta on [0, 1] for a range, its mean (low + 4 mode + high) / 6 once scaled to [low, high]. */
function pertBeta({ low, mode, high }: FloatRange, rng: JumpableRandomGenerator): () => number {
  const span = high - low;
  return randomBeta.source(() => uniformFloat64(rng))(1 + (4 * (mode - low)) / span, 1 + (4 * (high - mode)) / span);
}

/**
 * `draws` draws of one input, in stream order, as `sampler` gives them. PERT's loop calls d3's beta itself rather
 * than through a sampler's closure: V8 then inlines more of the variate's chain (about 5 % of a 10,000-draw pert
 * request, scripts/bench-ab.ts), and the numbers are the same operations on the same uniforms.
 */
function drawInput(distribution: Distribution, r: FloatRange, rng: JumpableRandomGenerator, draws: number) {
  const column = new Float64Array(draws);
  if (distribution !== 'pert') {
    const draw = sampler(distribution, r, rng);
    for (let i = 0; i < draws; i++) column[i] = draw();
    return column;
  }
  const { low, high } = r;
  const span = high - low;
  const beta = pertBeta(r, rng);
  for (let i = 0; i < draws; i++) {
    const x = low + beta() * span;
    column[i] = x < low ? low : Math.min(x, high);
  }
  return column;
}

/**
 * One random stream per campaign and rangeable input: stream 11c + k (campaign c, input k of
 * RANGEABLE_KEYS) is the seeded xoroshiro128+ jumped 11c + k times, 2^64 values apart. A campaign's
 * draws therefore do not change when another campaign or another input of it is added or removed.
 */
function* inputStreams(seed: number): Generator<JumpableRandomGenerator[]> {
  const running = xoroshiro128plus(seed);
  while (true) {
    yield RANGEABLE_KEYS.map(() => {
      const stream = running.clone();
      running.jump();
      return stream;
    });
  }
}

/** What one campaign's draws need: everything that does not depend on the ranged inputs, once. */
interface CampaignModel {
  lostSpend: number;
  headroom: number;
  base: FloatParams;
  /** Per metric of the registry, the formula the campaign's funnel plan uses; null where it is undetermined. */
  formulas: (MetricFormula<Metric> | null)[];
  derivations: { index: number; from: (v: FloatParams) => number }[];
  /** Each varying input and its draws, a column of `draws` values from the input's own stream. */
  varying: { key: RangeableKey; draw: (draws: number) => Float64Array }[];
  /** The metrics that are determined and rest on a varying input. */
  simulated: Metric[];
}

function varyingKeys(spec: CampaignSpec): RangeableKey[] {
  return RANGEABLE_KEYS.filter((k) => {
    const r = spec.inputs[k];
    return r !== undefined && !r.low.equals(r.high);
  });
}

function campaignModel(
  spec: CampaignSpec,
  estimate: CampaignEstimate,
  options: SimulationOptions,
  streams: JumpableRandomGenerator[],
): CampaignModel {
  const base = Float64Array.from(RANGEABLE_KEYS, (key) => spec.inputs[key]?.base.toNumber() ?? Number.NaN);
  const keys = varyingKeys(spec);
  const varying = keys.map((key) => {
    const r = spec.inputs[key];
    if (!r) throw new Error(`${key} is not an input`);
    const range = { low: r.low.toNumber(), mode: r.base.toNumber(), high: r.high.toNumber() };
    const rng = streams[RANGEABLE_KEYS.indexOf(key)] as JumpableRandomGenerator;
    return { key, draw: (draws: number) => drawInput(options.distribution, range, rng, draws) };
  });
  const chosen = chooseFormulas(spec.funnelPlan, spec.inputs.grossMargin !== undefined);
  const simulated = METRICS.filter(
    (m) => estimate.metrics[m] !== null && chosen[m]?.restsOn.some((k) => keys.includes(k)),
  );
  return {
    lostSpend: estimate.lostSpend.toNumber(),
    headroom: estimate.headroom.toNumber(),
    base,
    formulas: METRICS.map((m) => chosen[m]?.formula ?? null),
    derivations: spec.funnelPlan.derivations.map((d) => ({
      index: INDEX[d.key],
      from: floatDerivation(d.key, d.formula),
    })),
    varying,
    simulated,
  };
}

/**
 * What the metric formulas read in one draw, by name: U and H, the draw's inputs (in the FloatParams array)
 * and the metrics computed so far (one slot per metric of the registry). Named reads go through getters on
 * the prototype, so the formulas' property reads stay monomorphic and nothing is copied per draw.
 */
class DrawValues {
  unrecovered: number | undefined = undefined;
  constructor(
    readonly lostSpend: number,
    readonly headroom: number,
    readonly inputs: FloatParams,
    readonly metrics: Float64Array,
  ) {}
}
RANGEABLE_KEYS.forEach((key, i) => {
  Object.defineProperty(DrawValues.prototype, key, {
    get(this: DrawValues) {
      return this.inputs[i];
    },
  });
});
METRICS.forEach((metric, m) => {
  Object.defineProperty(DrawValues.prototype, metric, {
    get(this: DrawValues) {
      return this.metrics[m];
    },
  });
});

/**
 * DESIGN.md section 4's metrics for draw i, into out (one column per metric, METRICS order), by the
 * registry's float formulas along the decimal engine's choice of formula; NaN where undetermined.
 */
function evaluateDraw(model: CampaignModel, values: DrawValues, out: Float64Array[], i: number): void {
  values.unrecovered = undefined;
  for (let m = 0; m < model.formulas.length; m++) {
    const formula = model.formulas[m];
    const value = formula ? formula.float(values as unknown as FloatValues<Metric>) : Number.NaN;
    values.metrics[m] = value;
    (out[m] as Float64Array)[i] = value;
  }
}

/**
 * Every draw of a campaign's metrics, in draw order, one column per metric of METRICS. Each input's
 * draws are taken first, column by column: each input has its own stream, so the order is immaterial.
 */
function drawCampaign(model: CampaignModel, draws: number): Float64Array[] {
  const inputs = model.varying.map(({ key, draw }) => ({ index: INDEX[key], column: draw(draws) }));
  const out = METRICS.map(() => new Float64Array(draws));
  const v = Float64Array.from(model.base);
  const values = new DrawValues(model.lostSpend, model.headroom, v, new Float64Array(METRICS.length));
  for (let i = 0; i < draws; i++) {
    for (const input of inputs) v[input.index] = input.column[i] as number;
    for (const derivation of model.derivations) v[derivation.index] = derivation.from(v);
    evaluateDraw(model, values, out, i);
  }
  return out;
}

/** Mean (summed in draw order, so the same draws give the same bits) and type-7 quantiles; reorders `values`. */
export function summarise(values: Float64Array, offset: Decimal = new D(0)): SimulationSummary {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  const [p5, p50, p95] = quantilesOf(values, [QUANTILES.p5, QUANTILES.p50, QUANTILES.p95]) as [number, number, number];
  const exact = (x: number) => new D(x).plus(offset);
  return { mean: exact(total / values.length), p5: exact(p5), p50: exact(p50), p95: exact(p95) };
}

const shifted = (s: SimulationSummary, by: Decimal): SimulationSummary => ({
  mean: s.mean.plus(by),
  p5: s.p5.plus(by),
  p50: s.p50.plus(by),
  p95: s.p95.plus(by),
});
const pointEstimate = (value: Decimal): SimulationSummary => ({ mean: value, p5: value, p50: value, p95: value });

export interface ImpactSimulation {
  campaigns: CampaignSimulation[];
  /** Per currency, in the order of first appearance (as totalsByCurrency). */
  totals: Map<string, MetricSimulations>;
}

/** A currency's running totals: the draw-by-draw sum of its simulated campaigns, and the exact sum of the others. */
interface CurrencyAccumulator {
  draws: Partial<Record<Metric, Float64Array>>;
  /** The summary of the first simulated campaign and how many there are: one alone needs no second sort. */
  first: Partial<Record<Metric, { summary: SimulationSummary; count: number }>>;
  exact: Record<Metric, Decimal[]>;
  undetermined: Set<Metric>;
  /** False when the currency has one campaign: its totals are that campaign's figures, nothing is summed. */
  summed: boolean;
}

/**
 * Simulates every campaign, inputs and campaigns independent, and the per-currency totals as the
 * draw-by-draw sum of their campaigns. A metric that rests on no varying input is its exact point
 * estimate, in the campaign and as part of its total. Currencies are done one after another, so that
 * only one currency's sums are held at a time.
 */
export function simulateImpact(
  items: readonly { spec: CampaignSpec; estimate: CampaignEstimate }[],
  options: SimulationOptions,
): ImpactSimulation {
  const streams = inputStreams(options.seed);
  const campaignStreams = items.map(() => streams.next().value as JumpableRandomGenerator[]);
  const byCurrency = new Map<string, number[]>();
  items.forEach(({ estimate }, i) => {
    const group = byCurrency.get(estimate.currency);
    if (group) group.push(i);
    else byCurrency.set(estimate.currency, [i]);
  });
  const campaigns: CampaignSimulation[] = new Array(items.length);
  const totals = new Map<string, MetricSimulations>();
  for (const [currency, indexes] of byCurrency) {
    // A currency of one campaign takes that campaign's summaries: its draws need no running sum.
    const acc: CurrencyAccumulator = {
      draws: {},
      first: {},
      exact: emptyLists(),
      undetermined: new Set(),
      summed: indexes.length > 1,
    };
    for (const i of indexes) {
      const { spec, estimate } = items[i] as (typeof items)[number];
      campaigns[i] = simulateCampaign(
        campaignModel(spec, estimate, options, campaignStreams[i] as JumpableRandomGenerator[]),
        estimate,
        options.draws,
        acc,
      );
    }
    totals.set(currency, currencySummary(acc));
  }
  return { campaigns, totals };
}

const emptyLists = () => Object.fromEntries(METRICS.map((m) => [m, []])) as unknown as Record<Metric, Decimal[]>;

function simulateCampaign(
  model: CampaignModel,
  estimate: CampaignEstimate,
  draws: number,
  acc: CurrencyAccumulator,
): CampaignSimulation {
  const columns = drawCampaign(model, draws);
  const metrics = {} as MetricSimulations;
  for (const metric of METRICS) {
    const value = estimate.metrics[metric];
    const simulated = model.simulated.includes(metric);
    const column = columns[METRICS.indexOf(metric)] as Float64Array;
    if (value === null) acc.undetermined.add(metric);
    else if (!simulated) acc.exact[metric].push(value);
    // Into the totals in draw order, before summarise reorders the column.
    else if (acc.summed) addInto(acc, metric, column);
    metrics[metric] = value === null ? null : simulated ? summarise(column) : pointEstimate(value);
    const summary = metrics[metric];
    if (simulated && summary) {
      const first = acc.first[metric];
      if (first) first.count++;
      else acc.first[metric] = { summary, count: 1 };
    }
  }
  return { metrics, anyRanged: model.varying.length > 0 };
}

function currencySummary(acc: CurrencyAccumulator): MetricSimulations {
  const metrics = {} as MetricSimulations;
  for (const metric of METRICS) {
    const draws = acc.draws[metric];
    const first = acc.first[metric];
    const exact = sum(acc.exact[metric]);
    if (acc.undetermined.has(metric)) metrics[metric] = null;
    else if (!first) metrics[metric] = pointEstimate(exact);
    // Adding a constant keeps the draws' order, so one simulated campaign's quantiles carry over.
    else if (first.count === 1) metrics[metric] = shifted(first.summary, exact);
    else metrics[metric] = summarise(draws as Float64Array, exact);
  }
  return metrics;
}

/** Adds a campaign's draws to its currency's totals, draw by draw. */
function addInto(acc: CurrencyAccumulator, metric: Metric, values: Float64Array): void {
  const target = acc.draws[metric];
  if (!target) {
    // A copy: the campaign's own column is sorted next.
    acc.draws[metric] = values.slice();
    return;
  }
  for (let i = 0; i < values.length; i++) target[i] = (target[i] as number) + (values[i] as number);
}
