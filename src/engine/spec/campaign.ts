import type Decimal from 'decimal.js';
import { D, ONE } from '../decimal';
import type { FailoverTarget } from '../failover';
import {
  evaluateFunnel,
  FUNNEL_KEYS,
  type FunnelKey,
  type FunnelPlan,
  type FunnelValues,
  findContradictions,
  planFunnel,
} from '../funnel';
import type { CampaignSpec, PacingPeriod, Ranged, RangeableKey } from '../impact';
import type { BudgetPeriod, DeliveryProfile, Flight, WeekStart } from '../spend';
import { canonicalZone, DAY_MS, HOUR_MS, timestampToInstant } from '../time';
import {
  BUDGET_AND_SPEND,
  BUDGET_OR_SPEND_REQUIRED,
  contradicts,
  FLIGHT_END_BEFORE_START,
  FLIGHT_PACING_NEEDS_END,
  flightTooLong,
  HOURLY_PACING,
  HOURLY_PROFILE_NOT_EVEN,
  HOURLY_RECAPTURE,
  LIFETIME_NEEDS_FLIGHT,
  percentLookalike,
  SPEND_END_BEFORE_START,
  shareOverOne,
} from './campaign-messages';
import type { SpecProblem, SpecResult } from './problems';

/**
 * Campaign impact's input rules (DESIGN.md section 4), written once: the schema parses shapes, decimals
 * and time stamps and calls buildCampaignSpec; engine tests call it directly.
 */

/** Spend over the flight is walked hour by hour (a lifetime budget's spread, or pacing's headroom): it is bounded. */
export const CAMPAIGN_LIMITS = { lifetimeFlightDays: 1096 } as const;

/** The defaults of a campaign's fields, read by the schema's `.default()`s so that the contract shows them. */
export const CAMPAIGN_DEFAULTS = {
  currency: 'USD',
  timeZone: 'UTC',
  deliveryProfile: 'even',
  incrementality: '1',
  recapture: '0',
  overspendCap: '0.75',
  cpmPremium: '0',
  weekStartsOn: 'monday',
  conversionEvent: 'conversion',
} as const;

/**
 * The pacing period when none is given, which depends on the budget's period: a day budget is evened
 * over the week (Meta and Google both pace daily budgets across the week), a week or month budget over
 * itself, a lifetime budget over its flight; an hourly budget cannot be spent later at all.
 */
export const DEFAULT_PACING: Record<BudgetPeriod, PacingPeriod> = {
  hour: 'none',
  day: 'week',
  week: 'week',
  month: 'month',
  lifetime: 'flight',
};

/**
 * A parameter as written: half a unit of its last digit (absent for a range, whose base is taken as
 * exact) and whether it was a percent string, for the consistency tolerance and the warnings.
 */
export type WrittenRanged = Ranged & { written: { halfUnit?: Decimal; percent: boolean } };

/**
 * The fields the shape rules read. When another field of the campaign failed to parse, the schema still
 * asks for these rules (so that every problem is listed at once) with whatever did parse: a field left
 * out here was absent or unreadable, and its rules are skipped.
 */
export interface CampaignShapeFields {
  /** A valid IANA zone; absent when it could not be read, and then the flight is not read either. */
  timeZone?: string;
  budget?: { period: BudgetPeriod };
  spend?: unknown;
  flight?: { start?: string; end?: string };
  deliveryProfile?: DeliveryProfile;
  recovery?: { recapture?: Ranged; pacingPeriod?: Exclude<PacingPeriod, 'none'> };
}

/** A campaign as the schema parsed it: decimals are Decimals, defaults applied, time stamps still text. */
export interface ParsedCampaign extends Partial<Record<FunnelKey, WrittenRanged>> {
  id?: string;
  currency: string;
  timeZone: string;
  budget?: { amount: Decimal; period: BudgetPeriod };
  spend?: { amount: Decimal; start: string; end: string };
  flight?: { start?: string; end?: string };
  deliveryProfile: DeliveryProfile;
  grossMargin?: Ranged;
  incrementality: Ranged;
  recovery: {
    recapture: Ranged;
    overspendCap: Decimal;
    cpmPremium: Ranged;
    pacingPeriod?: Exclude<PacingPeriod, 'none'>;
    weekStartsOn: WeekStart;
  };
  platform?: string;
  failover?: FailoverTarget[];
  conversionEvent: string;
}

export interface CampaignShape {
  flight: Flight;
  profile: DeliveryProfile;
  pacingPeriod: PacingPeriod;
}

/** Exactly one of `budget` and `spend`: the planned spend must come from somewhere, and from one place. */
export function budgetOrSpendProblems(c: { budget?: unknown; spend?: unknown }): SpecProblem[] {
  if (c.budget === undefined && c.spend === undefined) return [{ path: ['budget'], message: BUDGET_OR_SPEND_REQUIRED }];
  if (c.budget !== undefined && c.spend !== undefined) return [{ path: ['spend'], message: BUDGET_AND_SPEND }];
  return [];
}

/** The flight's ends as instants, naive times read in the campaign's zone. */
function resolveFlight(c: CampaignShapeFields, problems: SpecProblem[]): Flight {
  const flight: Flight = {};
  if (c.timeZone === undefined || c.flight === undefined) return flight;
  for (const key of ['start', 'end'] as const) {
    const text = c.flight[key];
    if (text === undefined) continue;
    const r = timestampToInstant(text, c.timeZone);
    if ('error' in r) problems.push({ path: ['flight', key], message: r.error });
    else flight[key] = r.instant;
  }
  if (flight.start !== undefined && flight.end !== undefined && flight.end <= flight.start) {
    problems.push({ path: ['flight', 'end'], message: FLIGHT_END_BEFORE_START });
  }
  return flight;
}

/** An hourly budget is spent in its hour or never: no profile to shape it, nothing to recapture. */
function hourlyBudgetProblems(c: CampaignShapeFields, profile: DeliveryProfile): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (profile !== 'even') problems.push({ path: ['deliveryProfile'], message: HOURLY_PROFILE_NOT_EVEN });
  if (c.recovery?.pacingPeriod !== undefined)
    problems.push({ path: ['recovery', 'pacingPeriod'], message: HOURLY_PACING });
  const recapture = c.recovery?.recapture;
  if (recapture && !recapture.high.isZero())
    problems.push({ path: ['recovery', 'recapture'], message: HOURLY_RECAPTURE });
  return problems;
}

/**
 * The rules that tie a campaign's fields together: the flight in the campaign's zone, the profile,
 * lifetime and hourly budgets, and pacing over the flight; and the pacing period, which defaults by
 * the budget's period.
 */
export function campaignShape(c: CampaignShapeFields): CampaignShape & { problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const flight = resolveFlight(c, problems);
  const profile = c.deliveryProfile ?? 'even';
  // Actual spend is planned as a day budget of its average daily rate (DESIGN.md section 10).
  const period = c.budget?.period ?? (c.spend !== undefined ? 'day' : undefined);
  const pacingPeriod = c.recovery?.pacingPeriod ?? (period ? DEFAULT_PACING[period] : 'none');
  if (period === 'lifetime') {
    for (const key of ['start', 'end'] as const)
      if (c.flight?.[key] === undefined) problems.push({ path: ['flight', key], message: LIFETIME_NEEDS_FLIGHT });
  }
  if (period === 'hour') problems.push(...hourlyBudgetProblems(c, profile));
  // A lifetime budget already asks for its flight's end; say it once.
  if (pacingPeriod === 'flight' && c.flight?.end === undefined && period !== 'lifetime') {
    problems.push({ path: ['flight', 'end'], message: FLIGHT_PACING_NEEDS_END });
  }
  const walksFlight = period === 'lifetime' || pacingPeriod === 'flight';
  if (walksFlight && flight.start !== undefined && flight.end !== undefined) {
    if (flight.end - flight.start > CAMPAIGN_LIMITS.lifetimeFlightDays * DAY_MS)
      problems.push({ path: ['flight', 'end'], message: flightTooLong(CAMPAIGN_LIMITS.lifetimeFlightDays) });
  }
  return { flight, profile, pacingPeriod, problems };
}

/**
 * A time stamp read in a zone, kept for the next campaign with the same text and zone: rows of a batch or an
 * export share their periods, and the reading is a pure function of the two. Bounded in entries and in the
 * length of what it keeps, so that neither a body of many distinct texts nor one of long texts can grow it.
 */
const instants = new Map<string, ReturnType<typeof timestampToInstant>>();
/** A time stamp is about 20 characters; longer texts are read each time, not kept. */
const LONGEST_KEPT_TEXT = 64;
function instantIn(text: string, zone: string): ReturnType<typeof timestampToInstant> {
  const key = `${zone} ${text}`;
  let r = instants.get(key);
  if (r === undefined) {
    r = timestampToInstant(text, zone);
    if (instants.size >= 1_000) instants.clear();
    if (text.length <= LONGEST_KEPT_TEXT) instants.set(key, r);
  }
  return r;
}

/**
 * The amount and period the spend engine plans with: the budget as given, or actual spend as a day
 * budget of its average daily rate, amount × 24 ÷ the period's hours (real hours: a DST change counts).
 */
function plannedAmount(
  c: Pick<ParsedCampaign, 'budget' | 'spend'>,
  zone: string,
  problems: SpecProblem[],
): { amount: Decimal; period: BudgetPeriod } | undefined {
  if (c.budget) return c.budget;
  if (!c.spend) return undefined;
  const ends: number[] = [];
  for (const key of ['start', 'end'] as const) {
    const r = instantIn(c.spend[key], zone);
    if ('error' in r) problems.push({ path: ['spend', key], message: r.error });
    else ends.push(r.instant);
  }
  const [start, end] = ends;
  if (start === undefined || end === undefined) return undefined;
  if (end <= start) {
    problems.push({ path: ['spend', 'end'], message: SPEND_END_BEFORE_START });
    return undefined;
  }
  // Whole hours (the usual reporting period of whole days) are the same Decimal as the quotient, without dividing.
  const hours = (end - start) % HOUR_MS === 0 ? new D((end - start) / HOUR_MS) : new D(end - start).dividedBy(HOUR_MS);
  return { amount: c.spend.amount.times(24).dividedBy(hours), period: 'day' };
}

/**
 * ctr and cvr are shares (no more clicks than impressions, no more conversions than clicks): each one
 * the funnel derives must be at most 1. Returns each that is not, with the inputs it was derived from.
 */
export function sharesOverOne(
  plan: FunnelPlan,
  funnel: FunnelValues,
): { key: 'ctr' | 'cvr'; value: Decimal; involved: FunnelKey[] }[] {
  const over: { key: 'ctr' | 'cvr'; value: Decimal; involved: FunnelKey[] }[] = [];
  for (const key of ['ctr', 'cvr'] as const) {
    const value = funnel[key];
    if (plan.given.has(key) || !value || value.lessThanOrEqualTo(ONE)) continue;
    over.push({ key, value, involved: FUNNEL_KEYS.filter((k) => plan.provenance[key]?.has(k)) });
  }
  return over;
}

type CampaignFunnel = ReturnType<typeof evaluateCampaignFunnel> & { problems: SpecProblem[] };
/**
 * Funnels worked out lately, with the Decimals they were worked out from (each input's base and half unit):
 * rows of a batch often share their funnel, and parseDecimal answers one text with one Decimal, so a repeat
 * is found by comparing a few references, and a new funnel costs no more than that to look for.
 */
const recentFunnels: { inputs: (Decimal | undefined)[]; funnel: CampaignFunnel }[] = [];
const RECENT_FUNNELS = 8;

/**
 * The funnel the given parameters determine at their base values, and every inconsistency in it. It is a
 * pure function of the given values and their half units (immutable Decimals), so a campaign whose inputs
 * are the very Decimals of a recent one's takes that funnel: the same plan, the same values and the same
 * problems, without the divisions.
 */
function planCampaignFunnel(c: ParsedCampaign, problems: SpecProblem[]) {
  const inputs = FUNNEL_KEYS.flatMap((k) => [c[k]?.base, c[k]?.written.halfUnit]);
  let funnel = recentFunnels.find((r) => r.inputs.every((d, i) => d === inputs[i]))?.funnel;
  if (funnel === undefined) {
    const own: SpecProblem[] = [];
    funnel = { ...evaluateCampaignFunnel(c, own), problems: own };
    if (recentFunnels.length >= RECENT_FUNNELS) recentFunnels.pop();
    recentFunnels.unshift({ inputs, funnel });
  }
  for (const p of funnel.problems) problems.push({ path: [...p.path], message: p.message });
  return funnel;
}

function evaluateCampaignFunnel(c: ParsedCampaign, problems: SpecProblem[]) {
  const given = FUNNEL_KEYS.filter((k) => c[k] !== undefined);
  const funnelPlan = planFunnel(new Set(given));
  const baseFunnel = evaluateFunnel(funnelPlan, Object.fromEntries(given.map((k) => [k, c[k]?.base])));
  const halfUnits = Object.fromEntries(
    given.flatMap((k) => (c[k]?.written.halfUnit ? [[k, c[k].written.halfUnit]] : [])),
  );
  for (const contradiction of findContradictions(funnelPlan, baseFunnel, halfUnits)) {
    for (const key of contradiction.involved) problems.push({ path: [key], message: contradicts(contradiction) });
  }
  for (const { key, value, involved } of sharesOverOne(funnelPlan, baseFunnel)) {
    for (const input of involved) problems.push({ path: [input], message: shareOverOne(key, value, involved) });
  }
  return { funnelPlan, baseFunnel };
}

/** A share above this, written without a percent sign, is more likely a percent that lost its sign. */
const PERCENT_LOOKALIKE = new D('0.5');

/** Warnings for a bare ctr or cvr above 0.5: the commonest silent error is a percent pasted without its sign. */
function percentWarnings(c: { ctr?: WrittenRanged; cvr?: WrittenRanged }): string[] {
  const warnings: string[] = [];
  for (const key of ['ctr', 'cvr'] as const) {
    const r = c[key];
    if (r && !r.written.percent && r.high.greaterThan(PERCENT_LOOKALIKE)) warnings.push(percentLookalike(key, r.high));
  }
  return warnings;
}

/** The ranged inputs of the arithmetic: the funnel as given, the margin, incrementality and the recovery. */
function rangedInputs(c: ParsedCampaign): Partial<Record<RangeableKey, Ranged>> {
  const inputs: Partial<Record<RangeableKey, Ranged>> = {};
  for (const key of FUNNEL_KEYS) if (c[key]) inputs[key] = c[key];
  if (c.grossMargin) inputs.grossMargin = c.grossMargin;
  inputs.incrementality = c.incrementality;
  inputs.recapture = c.recovery.recapture;
  inputs.cpmPremium = c.recovery.cpmPremium;
  return inputs;
}

/** One campaign of POST /v1/impact (and of a batch row, an imported campaign) as the engine's spec. */
export function buildCampaignSpec(c: ParsedCampaign): SpecResult<CampaignSpec> {
  const problems = budgetOrSpendProblems(c);
  if (problems.length) return { problems };
  // The zone as Intl canonicalises it: the engine's caches and the cost model key walks by it.
  const zone = canonicalZone(c.timeZone);
  const { flight, profile, pacingPeriod, problems: shape } = campaignShape(c);
  problems.push(...shape);
  const planned = plannedAmount(c, zone, problems);
  if (!planned) return { problems };
  const { funnelPlan, baseFunnel } = planCampaignFunnel(c, problems);
  if (problems.length) return { problems };
  return {
    spec: {
      id: c.id,
      currency: c.currency,
      spend: { zone, ...planned, profile, flight, weekStartsOn: c.recovery.weekStartsOn },
      inputs: rangedInputs(c),
      funnelPlan,
      baseFunnel,
      overspendCap: c.recovery.overspendCap,
      pacingPeriod,
      ...(c.platform === undefined ? {} : { platform: c.platform }),
      ...(c.failover === undefined ? {} : { failover: c.failover }),
      conversionEvent: c.conversionEvent,
      warnings: percentWarnings(c),
    },
  };
}
