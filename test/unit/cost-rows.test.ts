import { describe, expect, it } from 'vitest';
import { ImpactRequest } from '../../schemas/impact';
import { backstopWork, campaignCostTerms, DEFAULT_WORK_LIMIT, WalkLedger } from '../../src/engine/cost';
import { estimateCampaign } from '../../src/engine/impact';
import { REQUEST_WORK_LIMIT, SpendCache } from '../../src/engine/spend';

// The cost model's terms for the pixel's measurement loss, and the engine's backstop following WORK_LIMIT.

function parse(body: unknown) {
  return ImpactRequest.parse(body);
}

// Monday 2021-10-04, 15:00-16:00 UTC, a day budget (buckets 155: the window's 2 and 153 of weekly headroom).
const WINDOW = { start: '2021-10-04T15:00:00Z', end: '2021-10-04T16:00:00Z' };
const RANGED = {
  budget: { amount: '1200', period: 'day' },
  cpm: { low: '8', high: '12' },
  ctr: { low: '0.01', high: '0.02' },
  cvr: '0.03',
  aov: '72',
};

const termsOf = (body: unknown) => {
  const request = parse(body);
  return request.campaigns.flatMap((c, i) =>
    campaignCostTerms(
      c,
      request.outage.windows,
      { timeline: false, explain: false },
      ['campaigns', i],
      new WalkLedger(),
    ),
  );
};

describe('measurement loss in the cost model', () => {
  it('charges the corners of the ranged funnel inputs once more when a window has measurementLoss', () => {
    // Two ranged funnel inputs (cpm, ctr): 2² = 4 corners × 4 units = 16 for the campaign's ranges, and the
    // same 16 again for the unrecorded conversions and revenue: 155 + 16 + 16 + 10 (answer) = 197.
    const terms = termsOf({ outage: { windows: [{ ...WINDOW, measurementLoss: '0.5' }] }, campaigns: [RANGED] });
    expect(terms.map((t) => [t.kind, t.units])).toEqual([
      ['buckets', 155],
      ['corners', 16],
      ['measurement', 16],
      ['answer', 10],
    ]);
    expect(terms.find((t) => t.kind === 'measurement')?.detail).toBe('4 measurement-loss corners');
  });

  it('charges nothing for measurement without measurementLoss, or without a ranged funnel input', () => {
    const plain = termsOf({ outage: { windows: [WINDOW] }, campaigns: [RANGED] });
    expect(plain.map((t) => t.kind)).toEqual(['buckets', 'corners', 'answer']);
    // grossMargin is ranged but is no funnel input: 2 campaign corners (8 units), no measurement corners.
    const margin = termsOf({
      outage: { windows: [{ ...WINDOW, measurementLoss: '0.5' }] },
      campaigns: [{ budget: RANGED.budget, cpm: '10', grossMargin: { low: '0.3', high: '0.5' } }],
    });
    expect(margin.map((t) => [t.kind, t.units])).toEqual([
      ['buckets', 155],
      ['corners', 8],
      ['answer', 10],
    ]);
  });

  it('charges at least what the engine takes from its backstop for the measurement corners', () => {
    // The engine takes 4 units a corner for the ranges and again for the measurement (SpendCache.allow), on
    // top of its bucket walks: an allowance of exactly the charged corners and buckets is enough, and one unit less is not.
    const request = parse({ outage: { windows: [{ ...WINDOW, measurementLoss: '0.5' }] }, campaigns: [RANGED] });
    const [campaign] = request.campaigns;
    if (!campaign) throw new Error('no campaign');
    const charged = termsOf({ outage: { windows: [{ ...WINDOW, measurementLoss: '0.5' }] }, campaigns: [RANGED] })
      .filter((t) => t.kind !== 'answer')
      .reduce((n, t) => n + t.units, 0);
    const cache = new SpendCache().startRequest(charged);
    const options = { timeline: false, explain: false };
    expect(() => estimateCampaign(campaign, request.outage.windows, cache, options)).not.toThrow();
    const tooLittle = new SpendCache().startRequest(charged - 1);
    expect(() => estimateCampaign(campaign, request.outage.windows, tooLittle, options)).toThrow();
  });
});

describe("the engine's backstop follows WORK_LIMIT", () => {
  it('is four times the admitted limit: 1,600,000 bucket walks at the default 400,000', () => {
    expect(DEFAULT_WORK_LIMIT).toBe(400_000);
    // 4 × 400,000 = 1,600,000, written out so that the two constants cannot drift together.
    expect(backstopWork(DEFAULT_WORK_LIMIT)).toBe(1_600_000);
    expect(REQUEST_WORK_LIMIT).toBe(1_600_000);
    // A deployment that admits ten times more gets ten times the backstop.
    expect(backstopWork(4_000_000)).toBe(16_000_000);
  });
});
