import type Decimal from 'decimal.js';
import fc from 'fast-check';
import { X } from '../exact';
import { decimalIn, extreme, type NumberStyle, render, STYLES, weights } from './numbers';
import { edgeOutageModel, type OutageModel, outageJson, outageModel, type Span } from './outage';
import { absolute, DAY, FIRST_INSTANT, HOUR, LAST_INSTANT, zone } from './time';

// Campaigns and POST /v1/impact bodies, generated from the contract (DESIGN.md section 4).

export const FUNNEL_KEYS = ['cpm', 'ctr', 'cpc', 'cvr', 'cpa', 'aov', 'roas'] as const;
export type FunnelKey = (typeof FUNNEL_KEYS)[number];
export type Value = string | { low: string; high: string; base?: string };

/**
 * A consistent funnel: cpm, ctr, cvr and aov, and the cpc, cpa and roas they imply to 12 significant
 * digits, far inside the 0.1 % consistency check.
 */
export const funnelBase = fc
  .record({
    cpm: decimalIn(0.5, 50, 2),
    ctr: decimalIn(0.001, 0.2, 4),
    cvr: decimalIn(0.001, 0.2, 4),
    aov: decimalIn(1, 1000, 2),
  })
  .map((f) => {
    const cpc = new X(f.cpm).dividedBy(new X(1000).times(f.ctr));
    const cpa = cpc.dividedBy(f.cvr);
    const roas = new X(f.aov).dividedBy(cpa);
    const sig = (v: Decimal) => v.toSignificantDigits(12).toString();
    return { ...f, cpc: sig(cpc), cpa: sig(cpa), roas: sig(roas) } as Record<FunnelKey, string>;
  });

export type Period = 'hour' | 'day' | 'week' | 'month' | 'lifetime';

/** Everything a campaign says, before it is written as JSON or as a flat row. */
export interface CampaignModel {
  id?: string;
  currency?: string;
  timeZone?: string;
  amount: string;
  period: Period;
  flight?: { start?: number; end?: number };
  profile?: 'even' | string[];
  values: Partial<Record<FunnelKey | 'grossMargin' | 'incrementality', Value>>;
  recovery?: {
    recapture?: Value;
    overspendCap?: string;
    cpmPremium?: Value;
    pacingPeriod?: 'day' | 'week' | 'month' | 'flight';
  };
  styles: NumberStyle[];
}

/**
 * A campaign valid for the outage `o`: any budget period and profile, a flight where the budget or the
 * pacing needs one, a consistent funnel subset, ranges, recovery. `flat` keeps to what a CSV row can say
 * (no pacingPeriod, ranges as low..high).
 */
export function campaignModel(o: OutageModel, flat: boolean, maxAmount = 1e6): fc.Arbitrary<CampaignModel> {
  const first = (o.spans[0] as Span).start;
  return fc
    .record({
      id: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), { nil: undefined }),
      currency: fc.option(fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'), { nil: undefined }),
      timeZone: fc.option(zone, { nil: undefined }),
      amount: fc.oneof(decimalIn(0, maxAmount, 2), decimalIn(0, maxAmount, 0)),
      period: fc.constantFrom<Period>('hour', 'day', 'week', 'month', 'lifetime'),
      flightKind: fc.constantFrom('none', 'both', 'start', 'end'),
      flightBefore: fc.integer({ min: -2 * 24, max: 20 * 24 }),
      flightHours: fc.integer({ min: 1, max: 60 * 24 }),
      profileKind: fc.constantFrom('none', 'even', '24', '168'),
      w24: weights(24, false),
      w168: weights(168, false),
      p24: weights(24, true),
      p168: weights(168, true),
      funnel: funnelBase,
      given: fc.subarray([...FUNNEL_KEYS]),
      // Ranges of ±20 % at most around a ctr and cvr of at most 0.2: a ctr or cvr derived through up to three
      // ranged inputs stays at most 0.2 × 1.5³ < 1 at every corner (more would be a 422, rightly).
      rangedFunnel: fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.boolean()), {
        minLength: 7,
        maxLength: 7,
      }),
      grossMargin: fc.option(decimalIn(0, 1, 2), { nil: undefined }),
      incrementality: fc.option(decimalIn(0, 1, 2), { nil: undefined }),
      rangeExtras: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      recovery: fc.option(
        fc.record({
          recapture: fc.option(decimalIn(0, 1, 3), { nil: undefined }),
          overspendCap: fc.option(decimalIn(0, 10, 2), { nil: undefined }),
          cpmPremium: fc.option(decimalIn(0, 2, 2), { nil: undefined }),
          pacingPeriod: fc.option(fc.constantFrom('day', 'week', 'month', 'flight'), { nil: undefined }),
        }),
        { nil: undefined },
      ),
      styles: fc.array(fc.constantFrom(...STYLES), { minLength: 16, maxLength: 16 }),
    })
    .map((r): CampaignModel => {
      const hourly = r.period === 'hour';
      const pacingPeriod = hourly || flat ? undefined : r.recovery?.pacingPeriod;
      const needsFlight = r.period === 'lifetime' || pacingPeriod === 'flight';
      // Flights stay inside the years timestamps may name (1970-2200), whatever the outage.
      const start = Math.min(Math.max(first - r.flightBefore * HOUR, FIRST_INSTANT), LAST_INSTANT - 2 * DAY);
      const flightKind = needsFlight ? 'both' : r.flightKind;
      const flight =
        flightKind === 'none'
          ? undefined
          : {
              ...(flightKind !== 'end' ? { start } : {}),
              ...(flightKind !== 'start' ? { end: Math.min(start + r.flightHours * HOUR, LAST_INSTANT - DAY) } : {}),
            };
      // A lifetime budget whose flight hours carry no weight is a 422, so its weights are all positive.
      const profile = hourly
        ? r.profileKind === 'even'
          ? 'even'
          : undefined
        : {
            none: undefined,
            even: 'even' as const,
            '24': r.period === 'lifetime' ? r.p24 : r.w24,
            '168': r.period === 'lifetime' ? r.p168 : r.w168,
          }[r.profileKind];
      const values: CampaignModel['values'] = {};
      r.given.forEach((key, i) => {
        const [down, up, lopsided] = r.rangedFunnel[i] ?? [0, 0, false];
        const ranged = down + up > 26; // about a third of the given inputs are ranges
        const max = key === 'ctr' || key === 'cvr' ? '1' : '1e9';
        values[key] = ranged
          ? rangeOf(r.funnel[key], down, lopsided && !flat ? up : down, lopsided && !flat, max)
          : r.funnel[key];
      });
      if (r.grossMargin !== undefined)
        values.grossMargin = r.rangeExtras[0] ? rangeOf(r.grossMargin, 20, 20, false, '1') : r.grossMargin;
      if (r.incrementality !== undefined)
        values.incrementality = r.rangeExtras[1] ? rangeOf(r.incrementality, 20, 20, false, '1') : r.incrementality;
      let recovery: CampaignModel['recovery'];
      if (r.recovery) {
        const { recapture, overspendCap, cpmPremium } = r.recovery;
        recovery = {
          // An hourly budget cannot be spent later: its recapture must be 0.
          ...(recapture === undefined
            ? {}
            : { recapture: hourly ? '0' : r.rangeExtras[2] ? rangeOf(recapture, 30, 30, false, '1') : recapture }),
          ...(overspendCap === undefined ? {} : { overspendCap }),
          ...(cpmPremium === undefined
            ? {}
            : { cpmPremium: r.rangeExtras[3] ? rangeOf(cpmPremium, 30, 30, false, '10') : cpmPremium }),
          ...(pacingPeriod ? { pacingPeriod } : {}),
        };
      }
      return {
        id: r.id,
        currency: r.currency,
        timeZone: r.timeZone,
        amount: r.amount,
        period: r.period,
        flight,
        profile,
        values,
        recovery,
        styles: r.styles,
      };
    });
}

/** value × (1 − down %) .. value × (1 + up %), clipped to max; with `base` when lopsided. */
export function rangeOf(value: string, down: number, up: number, lopsided: boolean, max: string): Value {
  const v = new X(value);
  // Percentages as exact decimals: a float factor such as 1 - 43 / 100 = 0.5700000000000001 would give
  // the bounds more than the 25 significant digits an input may carry (DESIGN.md section 2).
  const high = v.times(new X(100 + up).dividedBy(100));
  // A symmetric range clipped at max would move its midpoint off the value: keep the value instead.
  if (high.greaterThan(max) && !lopsided) return value;
  return {
    low: v.times(new X(100 - down).dividedBy(100)).toString(),
    high: X.min(high, max).toString(),
    ...(lopsided ? { base: value } : {}),
  };
}

export function campaignJson(c: CampaignModel, amount = c.amount): Record<string, unknown> {
  let n = 0;
  const num = (v: string) => render(v, c.styles[n++ % c.styles.length] ?? 'string');
  const val = (v: Value) =>
    typeof v === 'string'
      ? num(v)
      : { low: num(v.low), high: num(v.high), ...(v.base === undefined ? {} : { base: num(v.base) }) };
  const out: Record<string, unknown> = {};
  if (c.id !== undefined) out.id = c.id;
  if (c.currency !== undefined) out.currency = c.currency;
  if (c.timeZone !== undefined) out.timeZone = c.timeZone;
  out.budget = { amount: num(amount), period: c.period };
  if (c.flight) {
    out.flight = {
      ...(c.flight.start === undefined ? {} : { start: absolute(c.flight.start, 0) }),
      ...(c.flight.end === undefined ? {} : { end: absolute(c.flight.end, 345) }),
    };
  }
  if (c.profile !== undefined) out.deliveryProfile = c.profile === 'even' ? 'even' : c.profile.map(num);
  for (const [k, v] of Object.entries(c.values)) out[k] = val(v);
  if (c.recovery) {
    const { recapture, overspendCap, cpmPremium, pacingPeriod } = c.recovery;
    out.recovery = {
      ...(recapture === undefined ? {} : { recapture: val(recapture) }),
      ...(overspendCap === undefined ? {} : { overspendCap: num(overspendCap) }),
      ...(cpmPremium === undefined ? {} : { cpmPremium: val(cpmPremium) }),
      ...(pacingPeriod ? { pacingPeriod } : {}),
    };
  }
  return out;
}

export interface ImpactModel {
  outage: OutageModel;
  campaigns: CampaignModel[];
  options?: { explain?: boolean; timeline?: 'none' | 'hour'; rounding?: 'half-even' | 'half-up' };
}

export const impactOptions = fc.option(
  fc.record(
    {
      explain: fc.boolean(),
      timeline: fc.constantFrom('none' as const, 'hour' as const),
      rounding: fc.constantFrom('half-even' as const, 'half-up' as const),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

export const impactModel = (maxCampaigns = 3, maxAmount = 1e6): fc.Arbitrary<ImpactModel> =>
  outageModel.chain((outage) =>
    fc.record({
      outage: fc.constant(outage),
      campaigns: fc.array(campaignModel(outage, false, maxAmount), { minLength: 1, maxLength: maxCampaigns }),
      options: impactOptions,
    }),
  );

export function impactJson(m: ImpactModel, amounts?: (c: CampaignModel) => string): Record<string, unknown> {
  return {
    outage: outageJson(m.outage, m.campaigns[0]?.styles[0]),
    campaigns: m.campaigns.map((c) => campaignJson(c, amounts ? amounts(c) : c.amount)),
    ...(m.options ? { options: m.options } : {}),
  };
}

/** Funnel inputs that never over-determine one another, so any values are consistent. */
export const INDEPENDENT_FUNNELS: FunnelKey[][] = [
  ['cpm', 'ctr', 'cvr', 'aov'],
  ['cpc', 'cvr', 'aov'],
  ['cpc', 'cvr', 'roas'],
  ['cpa', 'aov'],
  ['cpa', 'roas'],
  ['cpm', 'ctr', 'cvr', 'roas'],
];

/** A campaign with its amount, funnel, margin, incrementality and recovery at the edges of their bounds. */
export function extremeCampaignModel(o: OutageModel): fc.Arbitrary<CampaignModel> {
  return fc
    .record({
      c: campaignModel(o, false),
      amount: fc.constantFrom('1e15', '999999999999999.999', '1e-12', '0', '0.005'),
      funnel: fc.constantFrom(...INDEPENDENT_FUNNELS),
      keep: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      values: fc.record({
        cpm: extreme('1e-12', '1e15'),
        ctr: extreme('1e-12', '1'),
        cpc: extreme('1e-12', '1e15'),
        cvr: extreme('1e-12', '1'),
        cpa: extreme('1e-12', '1e15'),
        aov: extreme('1e-12', '1e15'),
        roas: extreme('1e-12', '1e9'),
      }),
      grossMargin: fc.option(fc.constantFrom('0', '1e-12', '1'), { nil: undefined }),
      incrementality: fc.option(fc.constantFrom('0', '1e-12', '1'), { nil: undefined }),
      recovery: fc.record({
        recapture: fc.constantFrom('0', '1e-12', '1'),
        overspendCap: fc.constantFrom('0', '1e-12', '10'),
        cpmPremium: fc.constantFrom('0', '1e-12', '10'),
      }),
    })
    .map(({ c, amount, funnel, keep, values, grossMargin, incrementality, recovery }) => {
      const given: CampaignModel['values'] = Object.fromEntries(
        funnel.filter((_, i) => keep[i]).map((k) => [k, values[k]]),
      );
      if (grossMargin !== undefined) given.grossMargin = grossMargin;
      if (incrementality !== undefined) given.incrementality = incrementality;
      const hourly = c.period === 'hour';
      const pacingPeriod = c.recovery?.pacingPeriod;
      return {
        ...c,
        amount,
        values: given,
        recovery: hourly
          ? { overspendCap: recovery.overspendCap, cpmPremium: recovery.cpmPremium }
          : { ...recovery, ...(pacingPeriod ? { pacingPeriod } : {}) },
      };
    });
}

export const extremeImpactModel: fc.Arbitrary<ImpactModel> = fc.oneof(outageModel, edgeOutageModel).chain((outage) =>
  fc.record({
    outage: fc.constant(outage),
    campaigns: fc.array(extremeCampaignModel(outage), { minLength: 1, maxLength: 3 }),
    options: impactOptions,
  }),
);
