import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal';
import { InputError, TimelineLimitError } from '../../src/engine/errors';
import { type CampaignSpec, estimateCampaign, type Ranged } from '../../src/engine/impact';
import {
  buildCampaignSpec,
  CAMPAIGN_DEFAULTS,
  DEFAULT_PACING,
  type ParsedCampaign,
  type WrittenRanged,
} from '../../src/engine/spec/campaign';
import {
  BUDGET_AND_SPEND,
  BUDGET_OR_SPEND_REQUIRED,
  FLIGHT_END_BEFORE_START,
  FLIGHT_PACING_NEEDS_END,
  flightTooLong,
  HOURLY_PACING,
  HOURLY_PROFILE_NOT_EVEN,
  HOURLY_RECAPTURE,
  LIFETIME_NEEDS_FLIGHT,
  LIFETIME_NEVER_SPENT,
  SPEND_END_BEFORE_START,
} from '../../src/engine/spec/campaign-messages';
import { fxRateProblems } from '../../src/engine/spec/fx';
import type { SpecProblem, SpecResult } from '../../src/engine/spec/problems';
import { SpendCache } from '../../src/engine/spend';

// The campaign spec builder is called here directly, as the schema calls it: no zod, no app.

const exact = (v: string): Ranged => ({ low: new D(v), base: new D(v), high: new D(v) });
/** A funnel input written with `places` decimals stands for ± half a unit of its last digit. */
const written = (v: string, places?: number, percent = false): WrittenRanged => ({
  ...exact(v),
  written: { percent, ...(places === undefined ? {} : { halfUnit: new D(5).times(new D(10).pow(-places - 1)) }) },
});

/** A campaign with every default the schema applies, a $1,200 day budget and a cpm of 9.50. */
function campaign(over: Partial<ParsedCampaign> = {}): ParsedCampaign {
  return {
    currency: 'USD',
    timeZone: 'UTC',
    budget: { amount: new D(1200), period: 'day' },
    deliveryProfile: 'even',
    incrementality: exact('1'),
    recovery: {
      recapture: exact('0'),
      overspendCap: new D('0.75'),
      cpmPremium: exact('0'),
      weekStartsOn: 'monday',
    },
    conversionEvent: 'conversion',
    cpm: written('9.50', 2),
    ...over,
  };
}

function specOf(result: SpecResult<CampaignSpec>): CampaignSpec {
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  return result.spec;
}
function problemsOf(result: SpecResult<CampaignSpec>): SpecProblem[] {
  if ('spec' in result) throw new Error('expected problems');
  return result.problems;
}

describe('the pacing period defaults by the budget period, written once in the builder', () => {
  it('is week for a day budget, the budget period for week and month, the flight for lifetime, none for hour', () => {
    // DESIGN.md section 4: day → week, week → week, month → month, lifetime → flight, hour → nothing recaptured.
    expect(DEFAULT_PACING).toEqual({ hour: 'none', day: 'week', week: 'week', month: 'month', lifetime: 'flight' });
    const flight = { start: '2021-09-01T00:00:00Z', end: '2021-10-01T00:00:00Z' };
    const pacing = (period: 'hour' | 'day' | 'week' | 'month' | 'lifetime') =>
      specOf(buildCampaignSpec(campaign({ budget: { amount: new D(100), period }, flight }))).pacingPeriod;
    expect(pacing('day')).toBe('week');
    expect(pacing('week')).toBe('week');
    expect(pacing('month')).toBe('month');
    expect(pacing('lifetime')).toBe('flight');
    expect(pacing('hour')).toBe('none');
  });

  it('is the given period when one is given', () => {
    const recovery = { ...campaign().recovery, pacingPeriod: 'day' as const };
    expect(specOf(buildCampaignSpec(campaign({ recovery }))).pacingPeriod).toBe('day');
  });

  it('is week for actual spend, which is planned as a day budget', () => {
    const spend = { amount: new D(8400), start: '2024-02-26T00:00:00', end: '2024-03-04T00:00:00' };
    expect(specOf(buildCampaignSpec(campaign({ budget: undefined, spend }))).pacingPeriod).toBe('week');
  });
});

describe('the spec carries the parsed values and the defaults', () => {
  it('passes the recovery, incrementality and conversion event through, and canonicalises the zone', () => {
    const spec = specOf(buildCampaignSpec(campaign({ timeZone: 'asia/tokyo', id: 'fall-sale' })));
    expect(spec.id).toBe('fall-sale');
    expect(spec.currency).toBe('USD');
    // Intl spells the zone Asia/Tokyo: the caches key walks by that spelling.
    expect(spec.spend.zone).toBe('Asia/Tokyo');
    expect(spec.spend.period).toBe('day');
    expect(spec.spend.amount.toString()).toBe('1200');
    expect(spec.spend.weekStartsOn).toBe('monday');
    expect(spec.overspendCap.toString()).toBe('0.75');
    expect(spec.inputs.incrementality?.base.toString()).toBe('1');
    expect(spec.inputs.recapture?.base.toString()).toBe('0');
    expect(spec.inputs.cpmPremium?.base.toString()).toBe('0');
    expect(spec.inputs.grossMargin).toBeUndefined();
    expect(spec.conversionEvent).toBe('conversion');
    expect(spec.warnings).toEqual([]);
  });

  it('lists the same defaults the contract shows', () => {
    expect(CAMPAIGN_DEFAULTS).toEqual({
      currency: 'USD',
      timeZone: 'UTC',
      deliveryProfile: 'even',
      incrementality: '1',
      recapture: '0',
      overspendCap: '0.75',
      cpmPremium: '0',
      weekStartsOn: 'monday',
      conversionEvent: 'conversion',
    });
  });

  it('reads a naive flight in the campaign zone', () => {
    // 2021-09-01 00:00 in Los Angeles is PDT (UTC−7): 07:00 UTC.
    const flight = { start: '2021-09-01T00:00:00' };
    const spec = specOf(buildCampaignSpec(campaign({ timeZone: 'America/Los_Angeles', flight })));
    expect(spec.spend.flight).toEqual({ start: Date.UTC(2021, 8, 1, 7) });
  });
});

describe('budget or spend', () => {
  it('needs one of them', () => {
    expect(problemsOf(buildCampaignSpec(campaign({ budget: undefined })))).toEqual([
      { path: ['budget'], message: BUDGET_OR_SPEND_REQUIRED },
    ]);
  });

  it('refuses both', () => {
    const spend = { amount: new D(1), start: '2024-02-26T00:00:00', end: '2024-03-04T00:00:00' };
    expect(problemsOf(buildCampaignSpec(campaign({ spend })))).toEqual([
      { path: ['spend'], message: BUDGET_AND_SPEND },
    ]);
  });

  it('plans actual spend as a day budget of its average daily rate', () => {
    // 8,400 over 26 Feb – 4 Mar 2024 (7 days, 168 h): 8,400 × 24 ÷ 168 = 1,200 a day.
    const spend = { amount: new D(8400), start: '2024-02-26T00:00:00', end: '2024-03-04T00:00:00' };
    const spec = specOf(buildCampaignSpec(campaign({ budget: undefined, spend })));
    expect(spec.spend.period).toBe('day');
    expect(spec.spend.amount.toString()).toBe('1200');
  });

  it('counts the real hours of a spend period across a DST change', () => {
    // 9–11 March 2024 in New York loses an hour on the 10th: 47 hours, so 94 × 24 ÷ 47 = 48 a day.
    const spend = { amount: new D(94), start: '2024-03-09T00:00:00', end: '2024-03-11T00:00:00' };
    const spec = specOf(buildCampaignSpec(campaign({ budget: undefined, spend, timeZone: 'America/New_York' })));
    expect(spec.spend.amount.toString()).toBe('48');
  });

  it('refuses a spend period that ends before it starts', () => {
    const spend = { amount: new D(1), start: '2024-03-04T00:00:00', end: '2024-02-26T00:00:00' };
    expect(problemsOf(buildCampaignSpec(campaign({ budget: undefined, spend })))).toEqual([
      { path: ['spend', 'end'], message: SPEND_END_BEFORE_START },
    ]);
  });
});

describe('flight rules', () => {
  it('refuses a flight that ends before it starts', () => {
    const flight = { start: '2021-10-31T00:00:00', end: '2021-09-01T00:00:00' };
    expect(problemsOf(buildCampaignSpec(campaign({ flight })))).toEqual([
      { path: ['flight', 'end'], message: FLIGHT_END_BEFORE_START },
    ]);
  });

  it('names both ends a lifetime budget needs, once', () => {
    const budget = { amount: new D(5000), period: 'lifetime' as const };
    expect(problemsOf(buildCampaignSpec(campaign({ budget })))).toEqual([
      { path: ['flight', 'start'], message: LIFETIME_NEEDS_FLIGHT },
      { path: ['flight', 'end'], message: LIFETIME_NEEDS_FLIGHT },
    ]);
  });

  it('needs the flight end when pacing catches up over the flight', () => {
    const recovery = { ...campaign().recovery, pacingPeriod: 'flight' as const };
    expect(problemsOf(buildCampaignSpec(campaign({ recovery })))).toEqual([
      { path: ['flight', 'end'], message: FLIGHT_PACING_NEEDS_END },
    ]);
  });

  it('bounds a lifetime flight at 1,096 days', () => {
    const budget = { amount: new D(5000), period: 'lifetime' as const };
    // 2021-01-01 + 1,096 days is 2024-01-02 (2021, 2022 and 2023 have 365 days each, 1,095 in all).
    const atLimit = { start: '2021-01-01T00:00:00Z', end: '2024-01-02T00:00:00Z' };
    expect('spec' in buildCampaignSpec(campaign({ budget, flight: atLimit }))).toBe(true);
    const over = { start: '2021-01-01T00:00:00Z', end: '2024-01-02T00:00:01Z' };
    expect(problemsOf(buildCampaignSpec(campaign({ budget, flight: over })))).toEqual([
      { path: ['flight', 'end'], message: flightTooLong(1096) },
    ]);
    expect(flightTooLong(1096)).toBe(
      'must be at most 1096 days after the start for a lifetime budget or pacing over the flight',
    );
  });
});

describe('hourly budgets', () => {
  it('refuse a profile, a pacing period and a recapture, each at its own path', () => {
    const weights = Array.from({ length: 24 }, () => new D(1));
    const recovery = { ...campaign().recovery, pacingPeriod: 'day' as const, recapture: exact('0.5') };
    const c = campaign({ budget: { amount: new D(50), period: 'hour' }, deliveryProfile: weights, recovery });
    expect(problemsOf(buildCampaignSpec(c))).toEqual([
      { path: ['deliveryProfile'], message: HOURLY_PROFILE_NOT_EVEN },
      { path: ['recovery', 'pacingPeriod'], message: HOURLY_PACING },
      { path: ['recovery', 'recapture'], message: HOURLY_RECAPTURE },
    ]);
  });

  it('take the default recapture of 0', () => {
    expect('spec' in buildCampaignSpec(campaign({ budget: { amount: new D(50), period: 'hour' } }))).toBe(true);
  });
});

describe('the funnel rules', () => {
  it('refuse inputs that contradict an identity by more than 0.1 %, naming every input involved', () => {
    // cpm 10 and ctr 0.01 give cpc = 10 ÷ (1000 × 0.01) = 1; a cpc of 2 is 100 % off. Taken as exact, the
    // tolerance is the floor of 0.1 %.
    const c = campaign({ cpm: written('10'), ctr: written('0.01'), cpc: written('2') });
    const message =
      'contradicts cpc = cpm ÷ (1000 × ctr): the inputs cpm, ctr, cpc give cpc 2 one way and 1 the other ' +
      '(more than 0.1 % apart, the most their written precision allows)';
    expect(problemsOf(buildCampaignSpec(c))).toEqual([
      { path: ['cpm'], message },
      { path: ['ctr'], message },
      { path: ['cpc'], message },
    ]);
  });

  it('allow the rounding their written precision stands for', () => {
    // CPM 7.80, CTR 0.92 %, CPC 0.85: 7.80 ÷ 9.2 = 0.847826…, 0.256 % below 0.85. Written with 2, 4 and 2 places
    // they stand for ± 0.005 ÷ 7.80 + 0.00005 ÷ 0.0092 + 0.005 ÷ 0.85 = 0.064 % + 0.543 % + 0.588 % = 1.196 %.
    const consistent = campaign({ cpm: written('7.80', 2), ctr: written('0.0092', 4, true), cpc: written('0.85', 2) });
    expect('spec' in buildCampaignSpec(consistent)).toBe(true);
    // The same figures taken as exact are held to 0.1 %, and 0.256 % is more.
    const asExact = campaign({ cpm: written('7.80'), ctr: written('0.0092'), cpc: written('0.85') });
    expect(problemsOf(buildCampaignSpec(asExact)).map((p) => p.path)).toEqual([['cpm'], ['ctr'], ['cpc']]);
  });

  it('refuse a ctr derived above 1, at each input it rests on', () => {
    // ctr = cpm ÷ (1000 × cpc) = 10 ÷ (1000 × 0.005) = 2: more clicks than impressions.
    const c = campaign({ cpm: written('10'), cpc: written('0.005') });
    const message = 'gives ctr = 2 with cpm, cpc, more clicks than impressions; ctr must be at most 1';
    expect(problemsOf(buildCampaignSpec(c))).toEqual([
      { path: ['cpm'], message },
      { path: ['cpc'], message },
    ]);
  });

  it('plan the funnel from the given parameters', () => {
    // cpm 9.50, ctr 0.011 → cpc = 9.50 ÷ 11 = 0.863636…; cvr 0.03 → cpa = 0.863636… ÷ 0.03 = 28.7878…
    const spec = specOf(buildCampaignSpec(campaign({ ctr: written('0.011', 3), cvr: written('0.03', 2) })));
    expect(spec.baseFunnel.cpc?.toSignificantDigits(6).toString()).toBe('0.863636');
    expect(spec.baseFunnel.cpa?.toSignificantDigits(6).toString()).toBe('28.7879');
    expect([...spec.funnelPlan.given]).toEqual(['cpm', 'ctr', 'cvr']);
  });
});

describe('percent warnings', () => {
  it('flag a bare ctr above 0.5 as a percent that probably lost its sign', () => {
    const spec = specOf(buildCampaignSpec(campaign({ cpm: undefined, ctr: written('0.92', 2) })));
    expect(spec.warnings).toEqual([
      'ctr: 0.92 is read as 92 %, unusually high; if the figure is a percent, write it with its sign ("0.92%" is 0.0092)',
    ]);
  });

  it('stay quiet for a share written as a percent, or at most 0.5', () => {
    // A share written with its percent sign (as "0.92%" is read: 0.0092 to four places) means what it says.
    expect(specOf(buildCampaignSpec(campaign({ cpm: undefined, ctr: written('0.92', 4, true) }))).warnings).toEqual([]);
    expect(specOf(buildCampaignSpec(campaign({ cvr: written('0.5', 1) }))).warnings).toEqual([]);
  });
});

describe('fx rates', () => {
  it('are needed for every currency but the reporting one, at paths relative to the fx options', () => {
    const problems = fxRateProblems(['USD', 'EUR', 'JPY', 'EUR'], { currency: 'USD', rates: { EUR: new D('1.08') } });
    expect(problems).toEqual([{ path: ['rates', 'JPY'], message: 'is required: campaigns in JPY need a rate to USD' }]);
  });

  it('name the rows of a batch or an import when they carry the currencies', () => {
    expect(fxRateProblems(['EUR'], { currency: 'USD', rates: {} }, 'rows')).toEqual([
      { path: ['rates', 'EUR'], message: 'is required: rows in EUR need a rate to USD' },
    ]);
  });
});

describe('the estimate reports problems relative to the campaign spec, never as pointers', () => {
  const windows = [{ start: Date.UTC(2021, 9, 4, 15), end: Date.UTC(2021, 9, 4, 16), deliveryLoss: new D(1) }];
  const options = { timeline: false, explain: false };
  const issuesOf = (run: () => unknown) => {
    try {
      run();
    } catch (err) {
      if (err instanceof InputError) return err.issues;
    }
    throw new Error('expected an InputError');
  };

  it('names the profile of a lifetime budget that could never be spent', () => {
    // All weight on 03:00, a flight of 00:00–02:00: no hour of the flight carries weight.
    const weights = Array.from({ length: 24 }, (_, h) => new D(h === 3 ? 1 : 0));
    const spec = specOf(
      buildCampaignSpec(
        campaign({
          budget: { amount: new D(100), period: 'lifetime' },
          flight: { start: '2021-10-04T00:00:00Z', end: '2021-10-04T02:00:00Z' },
          deliveryProfile: weights,
        }),
      ),
    );
    expect(issuesOf(() => estimateCampaign(spec, windows, new SpendCache(), options))).toEqual([
      { path: ['deliveryProfile'], message: LIFETIME_NEVER_SPENT },
    ]);
  });

  it('names the inputs whose ranges derive a ctr above 1 at a corner', () => {
    // cpm 5–10 and cpc 0.008 give ctr = cpm ÷ (1000 × cpc) = 7.5 ÷ 8 = 0.9375 at the base, 10 ÷ 8 = 1.25 at cpm 10.
    const cpm = { low: new D(5), base: new D('7.5'), high: new D(10), written: { percent: false } };
    const spec = specOf(buildCampaignSpec(campaign({ cpm, cpc: written('0.008') })));
    const message = 'at the corner cpm 10, cpc 0.008 of the ranges, ctr would be 1.25; ctr must be at most 1';
    expect(issuesOf(() => estimateCampaign(spec, windows, new SpendCache(), options))).toEqual([
      { path: ['cpm'], message },
      { path: ['cpc'], message },
    ]);
  });

  it('says when the timeline asks for more rows than the request may have, without naming the option', () => {
    const spec = specOf(buildCampaignSpec(campaign()));
    const cache = new SpendCache().startRequest(Number.POSITIVE_INFINITY, 0);
    expect(() => estimateCampaign(spec, windows, cache, { timeline: true, explain: false })).toThrow(
      TimelineLimitError,
    );
  });
});
