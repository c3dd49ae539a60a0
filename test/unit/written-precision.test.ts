import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type DecimalBounds, parseDecimal } from '../../schemas/common';
import { ImpactRequest } from '../../schemas/impact';
import { evaluateFunnel, findContradictions, type FunnelKey, planFunnel, toleranceOf } from '../../src/engine/funnel';
import { estimateCampaign } from '../../src/engine/impact';
import { SpendCache } from '../../src/engine/spend';

// Percent strings, significant digits, written precision and actual spend (DESIGN.md sections 2, 4 and 10).
// Every expected value is worked out by hand in the comment next to it.

const FRACTION: DecimalBounds = { min: '0', max: '1' };
const MONEY: DecimalBounds = { min: '0', max: '1e15' };

function read(raw: unknown, bounds: DecimalBounds = {}) {
  const r = parseDecimal(raw, bounds);
  if ('error' in r) return { error: r.error };
  return { value: r.value.toFixed(), halfUnit: r.halfUnit.toFixed(), percent: r.percent };
}

describe('percent strings', () => {
  it.each([
    // 0.92 % = 0.92 ÷ 100 = 0.0092; written to 2 decimals of a percent: ± 0.005 % = ± 0.00005
    ['0.92%', '0.0092', '0.00005'],
    // a blank before the sign, as some locales write it: 7.23 % = 0.0723
    ['7.23 %', '0.0723', '0.00005'],
    // 100 % is the whole: 1, ± 0.5 % = ± 0.005
    ['100%', '1', '0.005'],
    ['0%', '0', '0.005'],
  ])('reads %j on a fraction field as %s ± %s', (raw, value, halfUnit) => {
    expect(read(raw, FRACTION)).toEqual({ value, halfUnit, percent: true });
  });

  it('refuses a percent above 100 % on a fraction field', () => {
    // 150 % is 1.5, above the bound 1
    expect(read('150%', FRACTION)).toEqual({ error: 'must be at least 0, at most 1' });
  });

  it('refuses a percent on a money field', () => {
    expect(read('12%', MONEY).error).toMatch(/cannot be a percent/);
  });

  it('takes a percent where a field says so although it reaches above 1 (overspendCap up to 10)', () => {
    // 75 % = 0.75
    expect(read('75%', { min: '0', max: '10', percent: true })).toMatchObject({ value: '0.75' });
  });

  it('refuses a lone sign and a doubled one', () => {
    expect(read('%', FRACTION).error).toMatch(/decimal number/);
    expect(read('1%%', FRACTION).error).toMatch(/decimal number/);
  });
});

describe('significant digits', () => {
  it('accepts 25 and refuses 26', () => {
    // 1.234567890123456789012345: 1 digit before the point and 24 after = 25 significant digits
    expect(read('1.234567890123456789012345')).toMatchObject({ value: '1.234567890123456789012345' });
    expect(read('1.2345678901234567890123456').error).toBe('must have at most 25 significant digits');
  });

  it('does not count leading zeros, and counts trailing ones as written', () => {
    // 0.000 then 25 digits: leading zeros are not significant
    expect(read('0.0001234567890123456789012345')).toMatchObject({ value: '0.0001234567890123456789012345' });
    // 1 followed by 25 written zeros after the point: 26 significant digits as written
    expect(read('1.0000000000000000000000000').error).toBe('must have at most 25 significant digits');
  });
});

describe('written precision', () => {
  it.each([
    // k decimals stand for ± ½ · 10^-k
    ['7.80', '0.005'],
    ['0.85', '0.005'],
    ['72', '0.5'],
    // 2.5e9: one decimal of the mantissa, times 10^9: ± 0.05 × 10^9 = 50,000,000
    ['2.5e9', '50000000'],
    // a JSON number is read as its shortest text: 7.8 has one decimal
    [7.8, '0.05'],
  ])('%j stands for ± %s', (raw, halfUnit) => {
    expect(read(raw).halfUnit).toBe(halfUnit);
  });
});

/** The contradictions among given funnel parameters, each written as a string, with their written precision. */
function contradictions(given: Partial<Record<FunnelKey, string>>) {
  const plan = planFunnel(new Set(Object.keys(given) as FunnelKey[]));
  const values: Partial<Record<FunnelKey, Decimal>> = {};
  const halfUnits: Partial<Record<FunnelKey, Decimal>> = {};
  for (const [key, text] of Object.entries(given) as [FunnelKey, string][]) {
    const r = parseDecimal(text, key === 'ctr' || key === 'cvr' ? FRACTION : MONEY);
    if ('error' in r) throw new Error(r.error);
    values[key] = r.value;
    halfUnits[key] = r.halfUnit;
  }
  return findContradictions(plan, evaluateFunnel(plan, values), halfUnits);
}

describe('the precision-aware consistency tolerance', () => {
  // Ads Manager's rounded figures: cpm 7.80, ctr 0.92 %, cpc 0.85. Implied cpc = 7.80 ÷ (1000 × 0.0092)
  // = 7.80 ÷ 9.2 = 0.847826…; the given 0.85 is 0.002174 ÷ 0.847826 = 0.256 % away: beyond 0.1 %, but
  // the relative uncertainties written add up to 0.005 ÷ 7.80 + 0.00005 ÷ 0.0092 + 0.005 ÷ 0.85
  // = 0.000641 + 0.005435 + 0.005882 = 1.1958 %.
  it('accepts CPM 7.80, CTR 0.92 %, CPC 0.85', () => {
    expect(contradictions({ cpm: '7.80', ctr: '0.92%', cpc: '0.85' })).toEqual([]);
  });

  it('computes the tolerance as the sum of the relative uncertainties', () => {
    const values = { cpm: new Decimal('7.80'), ctr: new Decimal('0.0092'), cpc: new Decimal('0.85') };
    const halfUnits = { cpm: new Decimal('0.005'), ctr: new Decimal('0.00005'), cpc: new Decimal('0.005') };
    expect(toleranceOf(['cpm', 'ctr', 'cpc'], values, halfUnits).toSignificantDigits(5).toString()).toBe('0.011958');
  });

  it('refuses CPC 0.95 (12.05 % away) and 0.86 (1.44 % away, beyond 1.1958 %)', () => {
    // (0.95 − 0.847826) ÷ 0.847826 = 0.1205; (0.86 − 0.847826) ÷ 0.847826 = 0.01436
    expect(contradictions({ cpm: '7.80', ctr: '0.92%', cpc: '0.95' }).map((c) => c.involved)).toEqual([
      ['cpm', 'ctr', 'cpc'],
    ]);
    expect(contradictions({ cpm: '7.80', ctr: '0.92%', cpc: '0.86' })).toHaveLength(1);
  });

  it('keeps 0.1 % for values taken as exact (no written precision)', () => {
    const plan = planFunnel(new Set<FunnelKey>(['cpm', 'ctr', 'cpc']));
    const values = evaluateFunnel(plan, {
      cpm: new Decimal('7.80'),
      ctr: new Decimal('0.0092'),
      cpc: new Decimal('0.85'),
    });
    // 0.256 % > 0.1 %
    expect(findContradictions(plan, values)).toHaveLength(1);
  });

  it('uses at least 0.1 % when the figures are written very precisely', () => {
    // cpm 10.000000, ctr 0.010000000: cpc 1; 1.0009 is 0.09 % away (passes), 1.0011 0.11 % (fails)
    expect(contradictions({ cpm: '10.000000', ctr: '0.010000000', cpc: '1.0009000' })).toEqual([]);
    expect(contradictions({ cpm: '10.000000', ctr: '0.010000000', cpc: '1.0011000' })).toHaveLength(1);
  });
});

const OUTAGE = { windows: [{ start: '2024-03-05T15:00:00Z', end: '2024-03-05T17:00:00Z' }] };

function parseCampaign(campaign: Record<string, unknown>, outage: Record<string, unknown> = OUTAGE) {
  return ImpactRequest.safeParse({ outage, campaigns: [campaign] });
}

function estimate(campaign: Record<string, unknown>, outage: Record<string, unknown> = OUTAGE) {
  const r = parseCampaign(campaign, outage);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  const [spec] = r.data.campaigns;
  if (!spec) throw new Error('no campaign');
  return estimateCampaign(spec, r.data.outage.windows, new SpendCache(), { timeline: false, explain: false });
}

describe('warnings for a share that looks like a percent without its sign', () => {
  it('warns about a bare ctr of 0.92 and a bare cvr of 0.6, not about "0.92%" or 0.5', () => {
    const warned = estimate({ budget: { amount: '100', period: 'day' }, cpm: '7.80', ctr: '0.92', cvr: '0.6' });
    expect(warned.warnings).toHaveLength(2);
    expect(warned.warnings[0]).toMatch(/^ctr: 0\.92 is read as 92 %/);
    expect(warned.warnings[1]).toMatch(/^cvr: 0\.6 is read as 60 %/);
    expect(
      estimate({ budget: { amount: '100', period: 'day' }, cpm: '7.80', ctr: '0.92%', cvr: '0.5' }).warnings,
    ).toEqual([]);
  });

  it('warns about a range whose high end is above 0.5', () => {
    expect(
      estimate({ budget: { amount: '100', period: 'day' }, ctr: { low: '0.4', high: '0.8' } }).warnings,
    ).toHaveLength(1);
  });
});

describe('actual spend instead of a budget', () => {
  it('plans the average daily rate like a day budget', () => {
    // 8,400 over 26 Feb – 3 Mar 2024 (7 days, 168 h, UTC) = 8,400 × 24 ÷ 168 = 1,200 a day;
    // the outage 15:00–17:00 UTC takes 2 of 24 even hours: 1,200 × 2 ÷ 24 = 100
    const e = estimate({
      spend: { amount: '8400', start: '2024-02-26T00:00:00', end: '2024-03-04T00:00:00' },
      cpm: '10',
    });
    // (35-digit arithmetic: compared to 30 significant digits)
    expect(e.plannedSpend.toSignificantDigits(30).toFixed()).toBe('100');
    // 1000 × 100 ÷ 10 = 10,000 impressions
    expect(e.metrics.lostImpressions?.toSignificantDigits(30).toFixed()).toBe('10000');
  });

  it('counts the real hours of a period with a DST change, and spends a 23-hour day in full', () => {
    // New York, 4–10 March 2024 local: 10 March has 23 hours, so the period has 7 × 24 − 1 = 167 hours.
    // 1,670 × 24 ÷ 167 = 240 a day. On 10 March (23 hours) one hour of an even day gets 240 ÷ 23.
    const e = estimate(
      {
        timeZone: 'America/New_York',
        spend: { amount: '1670', start: '2024-03-04T00:00:00', end: '2024-03-11T00:00:00' },
      },
      { timeZone: 'America/New_York', windows: [{ start: '2024-03-10T12:00:00', end: '2024-03-10T13:00:00' }] },
    );
    expect(e.plannedSpend.toSignificantDigits(20).toString()).toBe(
      new Decimal(240).dividedBy(23).toSignificantDigits(20).toString(),
    );
  });

  it('recaptures over the week by default, as for a day budget', () => {
    const r = parseCampaign({ spend: { amount: '8400', start: '2024-02-26T00:00:00Z', end: '2024-03-04T00:00:00Z' } });
    expect(r.success && r.data.campaigns[0]?.pacingPeriod).toBe('week');
  });

  it('refuses both budget and spend, neither, and a period that ends before it starts', () => {
    const paths = (campaign: Record<string, unknown>) => {
      const r = parseCampaign(campaign);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('/'));
    };
    expect(
      paths({
        budget: { amount: '1', period: 'day' },
        spend: { amount: '1', start: '2024-03-01T00:00:00Z', end: '2024-03-02T00:00:00Z' },
      }),
    ).toEqual(['campaigns/0/spend']);
    expect(paths({ cpm: '1' })).toEqual(['campaigns/0/budget']);
    expect(paths({ spend: { amount: '1', start: '2024-03-02T00:00:00Z', end: '2024-03-01T00:00:00Z' } })).toEqual([
      'campaigns/0/spend/end',
    ]);
  });
});
