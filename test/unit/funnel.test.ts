import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ImpactRequest } from '../../schemas/impact';
import {
  evaluateFunnel,
  findContradictions,
  type FunnelKey,
  type FunnelValues,
  planFunnel,
} from '../../src/engine/funnel';
import { type CampaignEstimate, estimateCampaign } from '../../src/engine/impact';
import { SpendCache } from '../../src/engine/spend';

const X = Decimal.clone({ precision: 60 });
const x = (v: Decimal.Value) => new X(v);

function expectNear(actual: Decimal | null | undefined, expected: Decimal.Value): void {
  if (actual === null || actual === undefined) throw new Error(`expected ${expected}, got ${actual}`);
  const want = x(expected);
  const tolerance = X.max(1, want.abs()).times('1e-30');
  expect(
    x(actual).minus(want).abs().lessThanOrEqualTo(tolerance),
    `${actual.toString()} should be ${want.toString()}`,
  ).toBe(true);
}

function solve(given: Partial<Record<FunnelKey, string>>): FunnelValues {
  const plan = planFunnel(new Set(Object.keys(given) as FunnelKey[]));
  return evaluateFunnel(plan, Object.fromEntries(Object.entries(given).map(([k, v]) => [k, x(v)])));
}

function contradictions(given: Partial<Record<FunnelKey, string>>) {
  const plan = planFunnel(new Set(Object.keys(given) as FunnelKey[]));
  return findContradictions(
    plan,
    evaluateFunnel(plan, Object.fromEntries(Object.entries(given).map(([k, v]) => [k, x(v)]))),
  );
}

/** A campaign of 2,400 a day in UTC over the hour 10:00-11:00Z, no recapture: U = 100. */
function estimateWith(funnel: Record<string, string>): CampaignEstimate {
  const request = ImpactRequest.parse({
    outage: { windows: [{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T11:00:00Z' }] },
    campaigns: [{ budget: { amount: '2400', period: 'day' }, ...funnel }],
  });
  const [campaign] = request.campaigns;
  if (!campaign) throw new Error('no campaign');
  return estimateCampaign(campaign, request.outage.windows, new SpendCache(), { timeline: false, explain: false });
}

describe('the funnel solver', () => {
  it('derives cpa and aov from cpc, cvr and roas', () => {
    // cpa = cpc ÷ cvr = 0.5 ÷ 0.02 = 25; aov = roas × cpa = 4 × 25 = 100.
    const v = solve({ cpc: '0.5', cvr: '0.02', roas: '4' });
    expectNear(v.cpa, 25);
    expectNear(v.aov, 100);
    expect(v.cpm).toBeUndefined();
    expect(v.ctr).toBeUndefined();
  });

  it('derives roas from cpa and aov and nothing upstream', () => {
    // roas = aov ÷ cpa = 100 ÷ 25 = 4.
    const plan = planFunnel(new Set<FunnelKey>(['cpa', 'aov']));
    expect(plan.undetermined).toEqual(['cpm', 'ctr', 'cpc', 'cvr']);
    expectNear(evaluateFunnel(plan, { cpa: x(25), aov: x(100) }).roas, 4);
  });

  it('derives in every direction: ctr from cpm and cpc, aov from cpa and roas, cvr from cpc and cpa', () => {
    // ctr = cpm ÷ (1000 × cpc) = 12 ÷ 1,500 = 0.008; aov = 2.5 × 30 = 75; cvr = 1.5 ÷ 30 = 0.05.
    const v = solve({ cpm: '12', cpc: '1.5', cpa: '30', roas: '2.5' });
    expectNear(v.ctr, '0.008');
    expectNear(v.cvr, '0.05');
    expectNear(v.aov, 75);
  });

  it('derives cpm from cpc and ctr', () => {
    // cpm = cpc × 1000 × ctr = 0.8 × 1000 × 0.015 = 12.
    expectNear(solve({ cpc: '0.8', ctr: '0.015' }).cpm, 12);
  });

  it('accepts all seven parameters when they agree, deriving nothing', () => {
    // cpc = 10 ÷ (1000 × 0.01) = 1; cpa = 1 ÷ 0.05 = 20; roas = 60 ÷ 20 = 3.
    const given = { cpm: '10', ctr: '0.01', cpc: '1', cvr: '0.05', cpa: '20', aov: '60', roas: '3' };
    expect(planFunnel(new Set(Object.keys(given) as FunnelKey[])).derivations).toEqual([]);
    expect(contradictions(given)).toEqual([]);
  });

  it('names the three inputs of a direct contradiction', () => {
    // cpm 10 and ctr 0.01 give cpc 1, not 0.2.
    const [c, ...rest] = contradictions({ cpm: '10', ctr: '0.01', cpc: '0.2' });
    expect(rest).toEqual([]);
    expect(c?.involved).toEqual(['cpm', 'ctr', 'cpc']);
  });

  it('names every input behind a contradiction reached through a derived parameter', () => {
    // cpm 10, ctr 0.01 → cpc 1; with cvr 0.05 that is cpa 20, not the given 30.
    const [c] = contradictions({ cpm: '10', ctr: '0.01', cvr: '0.05', cpa: '30' });
    expect(c?.involved).toEqual(['cpm', 'ctr', 'cvr', 'cpa']);
  });

  it('tolerates a disagreement of 0.1 % and refuses one just above it', () => {
    // cpm 10, ctr 0.01 imply cpc 1: 1.001 is 0.1 % away (accepted), 1.0011 is 0.11 % away (refused).
    expect(contradictions({ cpm: '10', ctr: '0.01', cpc: '1.001' })).toEqual([]);
    expect(contradictions({ cpm: '10', ctr: '0.01', cpc: '0.999' })).toEqual([]);
    expect(contradictions({ cpm: '10', ctr: '0.01', cpc: '1.0011' })).toHaveLength(1);
  });
});

describe('funnel outputs of a campaign', () => {
  it('from cpc, cvr and roas: clicks, conversions and revenue, with impressions undetermined', () => {
    // U = 100: clicks = 100 ÷ 0.5 = 200; conversions = 100 ÷ 25 = 4; revenue = 100 × 4 = 400;
    // gross profit = 400 × 0.25 = 100; net contribution = 100 − 100 = 0.
    const e = estimateWith({ cpc: '0.5', cvr: '0.02', roas: '4', grossMargin: '0.25' });
    expect(e.metrics.lostImpressions).toBeNull();
    expectNear(e.metrics.lostClicks, 200);
    expectNear(e.metrics.lostConversions, 4);
    expectNear(e.metrics.lostRevenue, 400);
    expectNear(e.metrics.lostGrossProfit, 100);
    expectNear(e.metrics.netContributionChange, 0);
    expect(e.funnel.cpm).toBeNull();
    expect(e.funnel.aov?.source).toBe('derived');
    expectNear(e.funnel.aov?.value, 100);
    expect(e.undetermined).toEqual([
      { field: 'funnel.cpm', determinedBy: [['cpc', 'ctr']] },
      { field: 'funnel.ctr', determinedBy: [['cpm', 'cpc']] },
      { field: 'lostImpressions', determinedBy: [['cpm']] },
    ]);
  });

  it('from cpa and aov: conversions and revenue, with impressions and clicks null and listed', () => {
    // conversions = 100 ÷ 25 = 4; revenue = 4 × 100 = 400; roas = 100 ÷ 25 = 4.
    const e = estimateWith({ cpa: '25', aov: '100' });
    expect(e.metrics.lostImpressions).toBeNull();
    expect(e.metrics.lostClicks).toBeNull();
    expectNear(e.metrics.lostConversions, 4);
    expectNear(e.metrics.lostRevenue, 400);
    expectNear(e.funnel.roas?.value, 4);
    expect(e.metrics.lostGrossProfit).toBeNull(); // no grossMargin
    expect(e.undetermined.map((u) => u.field)).toEqual([
      'funnel.cpm',
      'funnel.ctr',
      'funnel.cpc',
      'funnel.cvr',
      'lostImpressions',
      'lostClicks',
      'lostGrossProfit',
      'netContributionChange',
    ]);
    expect(e.undetermined.find((u) => u.field === 'lostClicks')?.determinedBy).toEqual([['cpc'], ['cpm', 'ctr']]);
  });

  it('applies incrementality to conversions and revenue only', () => {
    // cpm 10, ctr 0.01, cvr 0.05, aov 60, f = 0.5: impressions 10,000, clicks 100, conversions 100 × 0.05 × 0.5 = 2.5, revenue 150.
    const e = estimateWith({ cpm: '10', ctr: '0.01', cvr: '0.05', aov: '60', incrementality: '0.5' });
    expectNear(e.metrics.lostImpressions, 10000);
    expectNear(e.metrics.lostClicks, 100);
    expectNear(e.metrics.lostConversions, '2.5');
    expectNear(e.metrics.lostRevenue, 150);
  });

  it('uses an over-determined input as given when it is within tolerance', () => {
    // cpm 10, ctr 0.01 imply cpc 1; cpc 1.0005 is given: clicks come from impressions × ctr = 10,000 × 0.01 = 100,
    // and conversions from clicks × cvr = 100 × 0.05 = 5; the given cpc is echoed as input.
    const e = estimateWith({ cpm: '10', ctr: '0.01', cpc: '1.0005', cvr: '0.05' });
    expectNear(e.metrics.lostClicks, 100);
    expectNear(e.metrics.lostConversions, 5);
    expect(e.funnel.cpc?.source).toBe('input');
    expectNear(e.funnel.cpc?.value, '1.0005');
    expectNear(e.funnel.cpa?.value, x('1.0005').dividedBy('0.05'));
  });
});

describe('contradictions in a request', () => {
  const issues = (funnel: Record<string, string>) => {
    const r = ImpactRequest.safeParse({
      outage: { windows: [{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T11:00:00Z' }] },
      campaigns: [{ budget: { amount: '1', period: 'day' }, ...funnel }],
    });
    return r.success ? [] : r.error.issues.map((i) => i.path.join('/'));
  };

  it('refuses a contradiction with an issue for every input involved', () => {
    // cpc = 10 ÷ (1000 × 0.01) = 1, so cpa = 1 ÷ 0.05 = 20; 60 is 200 % away, far beyond the written
    // precision (10 ± 0.5 is 5 %, 0.01 ± 0.005 is 50 %, 0.05 ± 0.005 is 10 %, 60 ± 0.5 is 0.83 %: 65.8 %).
    expect(issues({ cpm: '10', ctr: '0.01', cvr: '0.05', cpa: '60' })).toEqual([
      'campaigns/0/cpm',
      'campaigns/0/ctr',
      'campaigns/0/cvr',
      'campaigns/0/cpa',
    ]);
  });

  it('checks consistency on the base values of ranges', () => {
    // cpm base 10 (midpoint of 8..12), ctr 0.01: cpc 1; given cpc 1 agrees, 2 does not.
    expect(issues({ cpm: { low: '8', high: '12' } as unknown as string, ctr: '0.01', cpc: '1' })).toEqual([]);
    expect(issues({ cpm: { low: '8', high: '12' } as unknown as string, ctr: '0.01', cpc: '2' })).toEqual([
      'campaigns/0/cpm',
      'campaigns/0/ctr',
      'campaigns/0/cpc',
    ]);
  });
});
