import type Decimal from 'decimal.js';
import type { CampaignSpec } from '../src/engine/impact';
import {
  buildCampaignSpec,
  CAMPAIGN_DEFAULTS,
  type ParsedCampaign,
  type WrittenRanged,
} from '../src/engine/spec/campaign';
import type { ImportedFields } from '../src/csv/import/campaign';
import {
  type DecimalBounds,
  isCurrency,
  isTimeZone,
  MONEY_BOUNDS,
  type ParsedDecimal,
  parseDecimal,
  parseDecimalValue,
  WEIGHT_BOUNDS,
} from './common';
import { CAMPAIGN_BOUNDS } from './impact';

/**
 * An imported campaign (POST /v1/impact/import) through CampaignInput's rules without zod: the import's
 * campaigns have one fixed shape (an id, actual spend, up to four funnel ratios of totals, a profile, and
 * the query's zone, recapture and margin), and zod's walk over that shape, with the ratios written out
 * as strings and read back, was a third of what a campaign cost to read. This gives CampaignInput's answer
 * for a campaign that CampaignInput accepts: the same checks with the same bounds, the same defaults and
 * the same spec builder. Whenever anything would be refused it answers undefined, and the caller parses
 * the campaign's JSON with CampaignInput, which words every problem as it always has (test/unit/
 * imported-campaign.test.ts compares the two on fixtures and generated campaigns).
 */

/** The query's parts of an imported campaign. */
export interface ImportSettings {
  timeZone: string;
  weekStartsOn?: 'sunday';
  recapture?: string;
  grossMargin?: string;
}

/** CampaignInput's limits on the campaign's strings (schemas/impact.ts). */
const ID_LENGTH = 200;
const ZONE_LENGTH = 64;
const EVENT_LENGTH = 100;

/** A value as rangedInput parses a plain (not ranged) value. */
const ranged = ({ value, halfUnit, percent }: ParsedDecimal): WrittenRanged => ({
  low: value,
  base: value,
  high: value,
  written: { halfUnit, percent },
});

/** A decimal field the import holds as a Decimal, or undefined when CampaignInput would refuse it. */
function checked(value: Decimal, bounds: DecimalBounds): ParsedDecimal | undefined {
  const parsed = parseDecimalValue(value, bounds);
  return 'error' in parsed ? undefined : parsed;
}

/** A field the query gives as text (or its default), as CampaignInput reads it. */
function fromText(text: string, bounds: DecimalBounds): ParsedDecimal | undefined {
  const parsed = parseDecimal(text, bounds);
  return 'error' in parsed ? undefined : parsed;
}

/** The funnel ratios the import gives, each as rangedInput parses it; undefined when one would be refused. */
function funnelFields(f: ImportedFields): Partial<Pick<ParsedCampaign, 'cpm' | 'ctr' | 'cvr' | 'aov'>> | undefined {
  const { positive, rate } = CAMPAIGN_BOUNDS;
  const funnel: Partial<Pick<ParsedCampaign, 'cpm' | 'ctr' | 'cvr' | 'aov'>> = {};
  for (const [key, bounds] of [
    ['cpm', positive],
    ['ctr', rate],
    ['cvr', rate],
    ['aov', positive],
  ] as const) {
    const value = f[key];
    if (value === undefined) continue;
    const parsed = checked(value, bounds);
    if (!parsed) return undefined;
    funnel[key] = ranged(parsed);
  }
  return funnel;
}

/** The hour weights as hourWeights parses them: 24 or 168, each in bounds, with a positive sum. */
function profileWeights(weights: readonly Decimal[]): Decimal[] | undefined {
  if (weights.length !== 24 && weights.length !== 168) return undefined;
  const parsed: Decimal[] = [];
  for (const w of weights) {
    const p = checked(w, WEIGHT_BOUNDS);
    if (!p) return undefined;
    parsed.push(p.value);
  }
  return parsed.every((w) => w.isZero()) ? undefined : parsed;
}

/** The recovery block as RecoveryInput parses `{ weekStartsOn?, recapture? }` with its defaults. */
function recoveryFields(s: ImportSettings): ParsedCampaign['recovery'] | undefined {
  const { unit, recoveryShare } = CAMPAIGN_BOUNDS;
  const recapture = fromText(s.recapture ?? CAMPAIGN_DEFAULTS.recapture, unit);
  const overspendCap = fromText(CAMPAIGN_DEFAULTS.overspendCap, recoveryShare);
  const cpmPremium = fromText(CAMPAIGN_DEFAULTS.cpmPremium, recoveryShare);
  if (!recapture || !overspendCap || !cpmPremium) return undefined;
  return {
    recapture: ranged(recapture),
    overspendCap: overspendCap.value,
    cpmPremium: ranged(cpmPremium),
    weekStartsOn: s.weekStartsOn ?? CAMPAIGN_DEFAULTS.weekStartsOn,
  };
}

/** The strings CampaignInput checks: the id, the currency (or its default) and the conversion event. */
function labels(f: ImportedFields): Pick<ParsedCampaign, 'currency' | 'conversionEvent'> | undefined {
  const currency = f.currency ?? CAMPAIGN_DEFAULTS.currency;
  const conversionEvent = f.conversionEvent ?? CAMPAIGN_DEFAULTS.conversionEvent;
  if (f.id.length > ID_LENGTH || !isCurrency(currency)) return undefined;
  if (conversionEvent.length < 1 || conversionEvent.length > EVENT_LENGTH) return undefined;
  return { currency, conversionEvent };
}

/** The query's parts of every campaign of an export, as CampaignInput reads them; undefined if it would refuse one. */
interface SharedFields {
  timeZone: string;
  incrementality: WrittenRanged;
  grossMargin?: WrittenRanged;
  recovery: ParsedCampaign['recovery'];
}

function readSettings(s: ImportSettings): SharedFields | undefined {
  if (s.timeZone.length > ZONE_LENGTH || !isTimeZone(s.timeZone)) return undefined;
  const incrementality = fromText(CAMPAIGN_DEFAULTS.incrementality, CAMPAIGN_BOUNDS.unit);
  const grossMargin = s.grossMargin === undefined ? undefined : fromText(s.grossMargin, CAMPAIGN_BOUNDS.unit);
  const recovery = recoveryFields(s);
  if (!incrementality || !recovery || (s.grossMargin !== undefined && !grossMargin)) return undefined;
  return {
    timeZone: s.timeZone,
    incrementality: ranged(incrementality),
    ...(grossMargin ? { grossMargin: ranged(grossMargin) } : {}),
    recovery,
  };
}

/**
 * The settings' fields, read once for all the campaigns of an export that share the settings object (the spec
 * only reads them, so the campaigns may share them too).
 */
let lastSettings: { settings: ImportSettings; fields: SharedFields | undefined } | undefined;
function sharedFields(s: ImportSettings): SharedFields | undefined {
  if (lastSettings?.settings !== s) lastSettings = { settings: s, fields: readSettings(s) };
  return lastSettings.fields;
}

/** CampaignInput's spec for the imported campaign, or undefined when CampaignInput is needed to word a problem. */
export function importedCampaignSpec(f: ImportedFields, s: ImportSettings): CampaignSpec | undefined {
  const shared = sharedFields(s);
  const named = labels(f);
  const amount = f.spend && checked(f.spend.amount, MONEY_BOUNDS);
  const funnel = funnelFields(f);
  const profile =
    f.deliveryProfile === undefined ? CAMPAIGN_DEFAULTS.deliveryProfile : profileWeights(f.deliveryProfile);
  if (!shared || !named || !f.spend || !amount || !funnel || !profile) return undefined;
  const parsed: ParsedCampaign = {
    id: f.id,
    ...named,
    timeZone: shared.timeZone,
    spend: { amount: amount.value, start: f.spend.start, end: f.spend.end },
    deliveryProfile: profile,
    ...funnel,
    ...(shared.grossMargin ? { grossMargin: shared.grossMargin } : {}),
    incrementality: shared.incrementality,
    recovery: shared.recovery,
  };
  const built = buildCampaignSpec(parsed);
  return 'spec' in built ? built.spec : undefined;
}
