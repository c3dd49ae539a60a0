import { describe, expect, it } from 'vitest';
import { ImpactRequest } from '../../schemas/impact';
import {
  admit,
  batchRowsTerm,
  campaignCostTerms,
  computedRowTerm,
  contributors,
  DEFAULT_WORK_LIMIT,
  totalCost,
  WalkLedger,
} from '../../src/engine/cost';
import { WorkLimitError } from '../../src/engine/errors';
import { canonicalZone } from '../../src/engine/time';

/** The cost terms of a POST /v1/impact body, as the route computes them. */
function termsOf(body: unknown, options = { timeline: false, explain: false }) {
  const request = ImpactRequest.parse(body);
  const ledger = new WalkLedger();
  return request.campaigns.flatMap((c, i) =>
    campaignCostTerms(c, request.outage.windows, options, ['campaigns', i], ledger),
  );
}

// Monday 2021-10-04, 15:00-16:00 UTC.
const OUTAGE = { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T16:00:00Z' }] };
const DAY_BUDGET = { budget: { amount: '1200', period: 'day' }, cpm: '10' };

describe('the cost model', () => {
  it('charges a day budget its window and its week of pacing headroom, and its answer', () => {
    // Window: 1 hour → ceil(1) + 1 = 2 buckets. Headroom (day budgets pace over the ISO week): from Monday
    // 16:00 to the next Monday 00:00 UTC = 6 × 24 + 8 = 152 hours → 153 buckets. Answer: 10. Total 165.
    const terms = termsOf({ outage: OUTAGE, campaigns: [DAY_BUDGET] });
    expect(terms.map((t) => [t.kind, t.units])).toEqual([
      ['buckets', 155],
      ['answer', 10],
    ]);
    expect(totalCost(terms)).toBe(165);
  });

  it('charges a walk once per request: a second identical campaign pays only its answer', () => {
    const terms = termsOf({ outage: OUTAGE, campaigns: [DAY_BUDGET, DAY_BUDGET] });
    expect(totalCost(terms)).toBe(155 + 10 + 10);
  });

  it('adds range corners (4 units each) and timeline rows × 7 columns (4 units a cell)', () => {
    // cpm and ctr ranged: 2² = 4 corners → 16 units; the timeline has 2 rows (the bucket count of the window)
    // → 2 × 7 × 4 = 56; the answer with explain 10 + 15 = 25.
    const campaign = { ...DAY_BUDGET, cpm: { low: '9', high: '11' }, ctr: { low: '0.01', high: '0.02' } };
    const terms = termsOf({ outage: OUTAGE, campaigns: [campaign] }, { timeline: true, explain: true });
    expect(terms.map((t) => [t.kind, t.units])).toEqual([
      ['buckets', 155],
      ['corners', 16],
      ['timeline', 56],
      ['answer', 25],
    ]);
  });

  it('charges a weighted lifetime flight every hour of the flight, and an even one none', () => {
    // 2021-01-01 to 2021-04-01 UTC: 31 + 28 + 31 = 90 days = 2,160 hours → 2,161 buckets; lifetime pacing
    // runs to the flight end: 2021-10-04 is after it, so no headroom. The window is outside the flight: 0.
    const lifetime = {
      budget: { amount: '1000', period: 'lifetime' },
      flight: { start: '2021-01-01T00:00:00Z', end: '2021-04-01T00:00:00Z' },
      cpm: '10',
    };
    const weighted = termsOf({
      outage: OUTAGE,
      campaigns: [{ ...lifetime, deliveryProfile: Array.from({ length: 24 }, () => '1') }],
    });
    expect(weighted.find((t) => t.kind === 'buckets')?.units).toBe(2161);
    expect(termsOf({ outage: OUTAGE, campaigns: [lifetime] }).find((t) => t.kind === 'buckets')).toBeUndefined();
  });

  it('refuses over the limit with the cost, the limit and the largest contributors by path, largest first', () => {
    const terms = [...termsOf({ outage: OUTAGE, campaigns: [DAY_BUDGET] }), batchRowsTerm(10)];
    expect(contributors(terms).map((c) => ['part' in c ? c.part : c.path, c.units])).toEqual([
      [['campaigns', 0], 165],
      ['rows', 50],
    ]);
    expect(() => admit(terms, 215)).not.toThrow();
    try {
      admit(terms, 214);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(WorkLimitError);
      const { cost } = err as WorkLimitError;
      expect(cost?.cost).toBe(215);
      expect(cost?.limit).toBe(214);
      expect(cost?.contributors[0]).toEqual({
        path: ['campaigns', 0],
        detail: '165 units: 155 hour buckets, its answer',
      });
    }
  });

  it('has a default limit that admits a batch of 1,453 computed one-hour rows sharing their window, and not 1,454', () => {
    // One walk (155) for the first row, then per row its answer (10), its computation (260) and its cells (5):
    // 155 + 1,453 × 275 = 399,730 ≤ 400,000; 155 + 1,454 × 275 = 400,005 > 400,000.
    const request = ImpactRequest.parse({ outage: OUTAGE, campaigns: [DAY_BUDGET] });
    const campaign = request.campaigns[0];
    if (!campaign) throw new Error('no campaign');
    const batch = (n: number) => {
      const ledger = new WalkLedger();
      const rows = Array.from({ length: n }, (_, i) => [
        ...campaignCostTerms(
          campaign,
          request.outage.windows,
          { timeline: false, explain: false },
          ['rows', i],
          ledger,
        ),
        computedRowTerm(['rows', i]),
      ]);
      return totalCost([...rows.flat(), batchRowsTerm(n)]);
    };
    expect(batch(1453)).toBe(399_730);
    expect(batch(1454)).toBe(400_005);
    expect(DEFAULT_WORK_LIMIT).toBe(400_000);
  });
});

describe('time-zone caches are keyed by the canonical zone', () => {
  it.each(['america/new_york', 'AMERICA/NEW_YORK', 'America/New_York', 'aMeRiCa/nEw_YoRk'])(
    'reads %s as America/New_York',
    (spelling) => {
      expect(canonicalZone(spelling)).toBe('America/New_York');
    },
  );
});
