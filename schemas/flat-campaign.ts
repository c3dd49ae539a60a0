import { FUNNEL_KEYS, type FunnelKey } from '../src/engine/funnel';
import type { CampaignSpec } from '../src/engine/impact';
import { BUDGET_PERIODS, type BudgetPeriod } from '../src/engine/spend';
import {
  budgetOrSpendProblems,
  buildCampaignSpec,
  CAMPAIGN_DEFAULTS,
  type ParsedCampaign,
  type WrittenRanged,
} from '../src/engine/spec/campaign';
import {
  type DecimalBounds,
  isCurrency,
  isTimeZone,
  MONEY_BOUNDS,
  type ParsedDecimal,
  parseDecimal,
  WEIGHT_BOUNDS,
} from './common';
import { CAMPAIGN_BOUNDS } from './impact';

/**
 * The campaign of a flat row (a batch row, src/csv/flat-row.ts) through CampaignInput's rules without zod, for
 * the plain shape that nearly every row has: every value a string, no range (`low..high`), the budget or the
 * spend whole. It answers CampaignInput's spec when CampaignInput accepts the campaign, with the same checks,
 * bounds, defaults and spec builder; whenever anything is unusual or would be refused it answers undefined, and
 * the caller parses with CampaignInput, which words every problem as it always has (test/unit/
 * flat-campaign.test.ts compares the two on generated rows).
 */

type Json = Record<string, unknown>;

/** The keys CampaignInput knows that a flat row can fill; any other key is left to CampaignInput to refuse. */
const KNOWN = new Set([
  'id',
  'currency',
  'timeZone',
  'budget',
  'spend',
  'flight',
  'deliveryProfile',
  ...FUNNEL_KEYS,
  'grossMargin',
  'incrementality',
  'recovery',
  'conversionEvent',
]);
const FUNNEL_BOUNDS: Record<FunnelKey, DecimalBounds> = {
  cpm: CAMPAIGN_BOUNDS.positive,
  ctr: CAMPAIGN_BOUNDS.rate,
  cpc: CAMPAIGN_BOUNDS.positive,
  cvr: CAMPAIGN_BOUNDS.rate,
  cpa: CAMPAIGN_BOUNDS.positive,
  aov: CAMPAIGN_BOUNDS.positive,
  roas: CAMPAIGN_BOUNDS.roas,
};
/** CampaignInput's limits on its strings (schemas/impact.ts). */
const ID_LENGTH = 200;
const ZONE_LENGTH = 64;
const TIMESTAMP_LENGTH = 64;
const EVENT_LENGTH = 100;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (o: Json, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));

/** A decimal string as CampaignInput's field reads it, or undefined when it is not a string or would be refused. */
function decimal(raw: unknown, bounds: DecimalBounds): ParsedDecimal | undefined {
  if (typeof raw !== 'string') return undefined;
  const parsed = parseDecimal(raw, bounds);
  return 'error' in parsed ? undefined : parsed;
}

/** A plain (not ranged) value as rangedInput parses it. */
function ranged(raw: unknown, bounds: DecimalBounds): WrittenRanged | undefined {
  const p = decimal(raw, bounds);
  return p && { low: p.value, base: p.value, high: p.value, written: { halfUnit: p.halfUnit, percent: p.percent } };
}

/** An optional string field within CampaignInput's length bounds, its default when absent. */
function text(raw: unknown, fallback: string | undefined, max: number, min = 0): string | undefined | null {
  if (raw === undefined) return fallback;
  return typeof raw === 'string' && raw.length >= min && raw.length <= max ? raw : null;
}

function budgetOf(raw: unknown): ParsedCampaign['budget'] | null {
  if (raw === undefined) return undefined;
  if (!isRecord(raw) || !onlyKeys(raw, ['amount', 'period'])) return null;
  const amount = decimal(raw.amount, MONEY_BOUNDS);
  const period = raw.period;
  if (!amount || typeof period !== 'string' || !(BUDGET_PERIODS as readonly string[]).includes(period)) return null;
  return { amount: amount.value, period: period as BudgetPeriod };
}

function spendOf(raw: unknown): ParsedCampaign['spend'] | null {
  if (raw === undefined) return undefined;
  if (!isRecord(raw) || !onlyKeys(raw, ['amount', 'start', 'end'])) return null;
  const amount = decimal(raw.amount, MONEY_BOUNDS);
  const { start, end } = raw;
  if (!amount || typeof start !== 'string' || typeof end !== 'string') return null;
  return { amount: amount.value, start, end };
}

function flightOf(raw: unknown): ParsedCampaign['flight'] | null {
  if (raw === undefined) return undefined;
  if (!isRecord(raw) || !onlyKeys(raw, ['start', 'end'])) return null;
  const flight: { start?: string; end?: string } = {};
  for (const key of ['start', 'end'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > TIMESTAMP_LENGTH) return null;
    flight[key] = value;
  }
  return flight;
}

function profileOf(raw: unknown): ParsedCampaign['deliveryProfile'] | undefined {
  if (raw === undefined || raw === 'even') return 'even';
  if (!Array.isArray(raw) || (raw.length !== 24 && raw.length !== 168)) return undefined;
  const weights = [];
  for (const w of raw) {
    const p = decimal(w, WEIGHT_BOUNDS);
    if (!p) return undefined;
    weights.push(p.value);
  }
  return weights.every((w) => w.isZero()) ? undefined : weights;
}

function recoveryOf(raw: unknown): ParsedCampaign['recovery'] | undefined {
  const r = raw ?? {};
  if (!isRecord(r) || !onlyKeys(r, ['recapture', 'overspendCap', 'cpmPremium'])) return undefined;
  const { unit, recoveryShare } = CAMPAIGN_BOUNDS;
  const recapture = ranged(r.recapture ?? CAMPAIGN_DEFAULTS.recapture, unit);
  const overspendCap = decimal(r.overspendCap ?? CAMPAIGN_DEFAULTS.overspendCap, recoveryShare);
  const cpmPremium = ranged(r.cpmPremium ?? CAMPAIGN_DEFAULTS.cpmPremium, recoveryShare);
  if (!recapture || !overspendCap || !cpmPremium) return undefined;
  return { recapture, overspendCap: overspendCap.value, cpmPremium, weekStartsOn: CAMPAIGN_DEFAULTS.weekStartsOn };
}

/** The funnel inputs and the margin and incrementality, each as rangedInput parses a plain value. */
function rangedFields(c: Json): Pick<ParsedCampaign, FunnelKey | 'grossMargin' | 'incrementality'> | undefined {
  const fields: Partial<Pick<ParsedCampaign, FunnelKey | 'grossMargin'>> = {};
  for (const key of Object.keys(FUNNEL_BOUNDS) as FunnelKey[]) {
    if (c[key] === undefined) continue;
    const r = ranged(c[key], FUNNEL_BOUNDS[key]);
    if (!r) return undefined;
    fields[key] = r;
  }
  if (c.grossMargin !== undefined) {
    const r = ranged(c.grossMargin, CAMPAIGN_BOUNDS.unit);
    if (!r) return undefined;
    fields.grossMargin = r;
  }
  const incrementality = ranged(c.incrementality ?? CAMPAIGN_DEFAULTS.incrementality, CAMPAIGN_BOUNDS.unit);
  return incrementality && { ...fields, incrementality };
}

/** The strings CampaignInput checks, with their defaults; undefined when one would be refused. */
function labelsOf(c: Json): Pick<ParsedCampaign, 'id' | 'currency' | 'timeZone' | 'conversionEvent'> | undefined {
  const id = text(c.id, undefined, ID_LENGTH);
  const currency = text(c.currency, CAMPAIGN_DEFAULTS.currency, 3);
  const timeZone = text(c.timeZone, CAMPAIGN_DEFAULTS.timeZone, ZONE_LENGTH);
  const conversionEvent = text(c.conversionEvent, CAMPAIGN_DEFAULTS.conversionEvent, EVENT_LENGTH, 1);
  if (id === null || !currency || !isCurrency(currency) || !timeZone || !isTimeZone(timeZone)) return undefined;
  if (!conversionEvent) return undefined;
  return { ...(id === undefined ? {} : { id }), currency, timeZone, conversionEvent };
}

/** CampaignInput's spec for a flat row's campaign JSON, or undefined when CampaignInput is needed. */
export function flatCampaignSpec(c: Json): CampaignSpec | undefined {
  if (!Object.keys(c).every((k) => KNOWN.has(k))) return undefined;
  const labels = labelsOf(c);
  const budget = budgetOf(c.budget);
  const spend = spendOf(c.spend);
  const flight = flightOf(c.flight);
  const deliveryProfile = profileOf(c.deliveryProfile);
  const fields = rangedFields(c);
  const recovery = recoveryOf(c.recovery);
  if (!labels || budget === null || spend === null || flight === null || !deliveryProfile || !fields || !recovery)
    return undefined;
  if (budgetOrSpendProblems({ budget, spend }).length) return undefined;
  const parsed: ParsedCampaign = {
    ...labels,
    ...(budget ? { budget } : {}),
    ...(spend ? { spend } : {}),
    ...(flight ? { flight } : {}),
    deliveryProfile,
    ...fields,
    recovery,
  };
  const built = buildCampaignSpec(parsed);
  return 'spec' in built ? built.spec : undefined;
}
