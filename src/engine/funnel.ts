import type Decimal from 'decimal.js';
import { D } from './decimal';

/** The funnel parameters, in funnel order. */
export const FUNNEL_KEYS = ['cpm', 'ctr', 'cpc', 'cvr', 'cpa', 'aov', 'roas'] as const;
export type FunnelKey = (typeof FUNNEL_KEYS)[number];
export type FunnelValues = Partial<Record<FunnelKey, Decimal>>;

const THOUSAND = new D(1000);

/**
 * The three identities, each relating three parameters so that any two give the third:
 * cpc = cpm / (1000 × ctr), cpa = cpc / cvr, roas = aov / cpa.
 */
interface Identity {
  formula: string;
  keys: readonly [FunnelKey, FunnelKey, FunnelKey];
  /** How to get each key from the other two, as a formula and a function. */
  solve: Partial<Record<FunnelKey, { formula: string; from: (v: Record<FunnelKey, Decimal>) => Decimal }>>;
}

const IDENTITIES: readonly Identity[] = [
  {
    formula: 'cpc = cpm ÷ (1000 × ctr)',
    keys: ['cpc', 'cpm', 'ctr'],
    solve: {
      cpc: { formula: 'cpm ÷ (1000 × ctr)', from: (v) => v.cpm.dividedBy(THOUSAND.times(v.ctr)) },
      cpm: { formula: 'cpc × 1000 × ctr', from: (v) => v.cpc.times(THOUSAND).times(v.ctr) },
      ctr: { formula: 'cpm ÷ (1000 × cpc)', from: (v) => v.cpm.dividedBy(THOUSAND.times(v.cpc)) },
    },
  },
  {
    formula: 'cpa = cpc ÷ cvr',
    keys: ['cpa', 'cpc', 'cvr'],
    solve: {
      cpa: { formula: 'cpc ÷ cvr', from: (v) => v.cpc.dividedBy(v.cvr) },
      cpc: { formula: 'cpa × cvr', from: (v) => v.cpa.times(v.cvr) },
      cvr: { formula: 'cpc ÷ cpa', from: (v) => v.cpc.dividedBy(v.cpa) },
    },
  },
  {
    formula: 'roas = aov ÷ cpa',
    keys: ['roas', 'aov', 'cpa'],
    solve: {
      roas: { formula: 'aov ÷ cpa', from: (v) => v.aov.dividedBy(v.cpa) },
      aov: { formula: 'roas × cpa', from: (v) => v.roas.times(v.cpa) },
      cpa: { formula: 'aov ÷ roas', from: (v) => v.aov.dividedBy(v.roas) },
    },
  },
];

/** Which pairs of parameters determine each parameter directly (for `undetermined`). */
export const DETERMINED_BY: Record<FunnelKey, FunnelKey[][]> = {
  cpm: [['cpc', 'ctr']],
  ctr: [['cpm', 'cpc']],
  cpc: [
    ['cpm', 'ctr'],
    ['cpa', 'cvr'],
  ],
  cvr: [['cpc', 'cpa']],
  cpa: [
    ['cpc', 'cvr'],
    ['aov', 'roas'],
  ],
  aov: [['roas', 'cpa']],
  roas: [['aov', 'cpa']],
};

export interface Derivation {
  key: FunnelKey;
  formula: string;
  from: (v: Record<FunnelKey, Decimal>) => Decimal;
  inputs: FunnelKey[];
}

/**
 * How the funnel is solved for a given set of input parameters: the derivations in order, and for each
 * parameter the inputs it rests on. It depends only on which parameters were given, so one plan serves
 * every corner of the uncertainty ranges.
 */
export interface FunnelPlan {
  given: ReadonlySet<FunnelKey>;
  derivations: Derivation[];
  /** For each determined parameter, the input parameters it was derived from (itself when given). */
  provenance: Partial<Record<FunnelKey, ReadonlySet<FunnelKey>>>;
  undetermined: FunnelKey[];
  /** Identities with all three parameters determined that no derivation used: the ones to check. */
  checks: readonly Identity[];
}

const plans = new Map<string, FunnelPlan>();

/** The plan for a set of given parameters; there are only 128 such sets, so each is planned once. */
export function planFunnel(given: ReadonlySet<FunnelKey>): FunnelPlan {
  const key = FUNNEL_KEYS.filter((k) => given.has(k)).join(',');
  let plan = plans.get(key);
  if (!plan) {
    plan = buildPlan(new Set(given));
    plans.set(key, plan);
  }
  return plan;
}

function buildPlan(given: ReadonlySet<FunnelKey>): FunnelPlan {
  const provenance: Partial<Record<FunnelKey, Set<FunnelKey>>> = {};
  for (const key of given) provenance[key] = new Set([key]);
  const derivations: Derivation[] = [];
  const used = new Set<Identity>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const identity of IDENTITIES) {
      const unknown = identity.keys.filter((k) => !provenance[k]);
      if (unknown.length !== 1) continue;
      const key = unknown[0] as FunnelKey;
      const inputs = identity.keys.filter((k) => k !== key);
      const rule = identity.solve[key];
      if (!rule) continue;
      derivations.push({ key, formula: rule.formula, from: rule.from, inputs });
      used.add(identity);
      provenance[key] = new Set(inputs.flatMap((k) => [...(provenance[k] ?? [])]));
      progress = true;
    }
  }
  const checks = IDENTITIES.filter((identity) => !used.has(identity) && identity.keys.every((k) => provenance[k]));
  return { given, derivations, provenance, undetermined: FUNNEL_KEYS.filter((k) => !provenance[k]), checks };
}

/** Every parameter the plan determines, from values of the given ones. */
export function evaluateFunnel(plan: FunnelPlan, given: FunnelValues): FunnelValues {
  const values: FunnelValues = { ...given };
  for (const d of plan.derivations) values[d.key] = d.from(values as Record<FunnelKey, Decimal>);
  return values;
}

/** The least relative tolerance before two routes to the same parameter count as a contradiction. */
export const FUNNEL_TOLERANCE = new D('0.001');

export interface Contradiction {
  identity: string;
  /** Every input parameter involved in the contradiction. */
  involved: FunnelKey[];
  /** The parameter that was checked, its value, and the value the others imply. */
  key: FunnelKey;
  value: Decimal;
  implied: Decimal;
  /** The relative tolerance the check allowed. */
  tolerance: Decimal;
}

/**
 * The relative tolerance of a check over `involved` inputs: the relative uncertainties their written
 * precision stands for, added (every identity is a product or quotient, and relative uncertainties
 * of a product or quotient add, to first order), and never less than FUNNEL_TOLERANCE.
 */
export function toleranceOf(involved: Iterable<FunnelKey>, values: FunnelValues, halfUnits: FunnelValues): Decimal {
  let relative = new D(0);
  for (const key of involved) {
    const value = values[key];
    const halfUnit = halfUnits[key];
    if (value && halfUnit && !value.isZero()) relative = relative.plus(halfUnit.dividedBy(value.abs()));
  }
  return relative.greaterThan(FUNNEL_TOLERANCE) ? relative : FUNNEL_TOLERANCE;
}

/**
 * Identities whose three parameters are all determined and disagree by more than the inputs' written
 * precision allows (at least 0.1 %). `halfUnits` holds, for each given parameter written as a decimal,
 * half a unit of its last written digit (7.80 → 0.005); a parameter without one is taken as exact.
 */
export function findContradictions(
  plan: FunnelPlan,
  values: FunnelValues,
  halfUnits: FunnelValues = {},
): Contradiction[] {
  const contradictions: Contradiction[] = [];
  for (const identity of plan.checks) {
    const [key] = identity.keys;
    const rule = identity.solve[key];
    const value = values[key];
    if (!rule || !value) continue;
    const implied = rule.from(values as Record<FunnelKey, Decimal>);
    const involved = new Set<FunnelKey>();
    for (const k of identity.keys) for (const input of plan.provenance[k] ?? []) involved.add(input);
    const tolerance = toleranceOf(involved, values, halfUnits);
    if (value.minus(implied).abs().greaterThan(implied.abs().times(tolerance))) {
      contradictions.push({
        identity: identity.formula,
        involved: FUNNEL_KEYS.filter((k) => involved.has(k)),
        key,
        value,
        implied,
        tolerance,
      });
    }
  }
  return contradictions;
}
