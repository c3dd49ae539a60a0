import { describe, expect, it } from 'vitest';
import { ImpactRequest } from '../../schemas/impact';
import { allocateLargestRemainder } from '../../src/engine/allocate';
import { D } from '../../src/engine/decimal';
import { estimateCampaign } from '../../src/engine/impact';
import { sharedSpendCache } from '../../src/engine/spend';
import { presentCampaign } from '../../src/present/impact';

// The engine computes equal values once and hands the same Decimal around (bench/PERF-NOTES.md): largest
// remainder and the timeline group by identity. These hold the answers to what the values say, shared or not.

describe('largest remainder over one Decimal repeated', () => {
  it('splits three thirds of 1 as 0.34, 0.33, 0.33, the same as three equal copies', () => {
    // Each 0.3333 rounds down to 0.33; 0.99 is 1 unit short of 1.00; the remainders tie at 0.0033, so the earliest
    // part gets the unit: 0.34, 0.33, 0.33.
    const third = new D('0.3333');
    const shared = allocateLargestRemainder([third, third, third], 2, 'half-even', new D(1));
    const copies = allocateLargestRemainder(
      [new D('0.3333'), new D('0.3333'), new D('0.3333')],
      2,
      'half-even',
      new D(1),
    );
    expect(shared.map((v) => v.toFixed(2))).toEqual(['0.34', '0.33', '0.33']);
    expect(copies.map((v) => v.toFixed(2))).toEqual(['0.34', '0.33', '0.33']);
  });

  it('gives a surplus back from the smallest remainders when the parts are one Decimal', () => {
    // 0.336 rounds down to 0.33 (remainder 0.006) four times: 1.32, which is 2 units over a total of 1.30; the 2
    // are taken from the smallest remainders, which tie, so from the last parts: 0.33, 0.33, 0.32, 0.32.
    const part = new D('0.336');
    const out = allocateLargestRemainder([part, part, part, part], 2, 'half-even', new D('1.30'));
    expect(out.map((v) => v.toFixed(2))).toEqual(['0.33', '0.33', '0.32', '0.32']);
  });
});

describe('timeline rows of equal hours', () => {
  it('a 24-weight daily budget over two UTC days: each hour its share, the cents allocated to the earliest', () => {
    // Weights 3 from 09:00 to 18:00 (9 hours) and 1 otherwise (15): 42 a day. An hour of weight 3 plans
    // 1200 × 3 ÷ 42 = 85.714285…, one of weight 1 plans 1200 ÷ 42 = 28.571428…; two days plan 2400.00.
    // Rounded down: 18 × 85.71 + 30 × 28.57 = 1542.78 + 857.10 = 2399.88, 12 cents short. The largest remainders
    // are the weight-3 hours' (0.0042857… against 0.0014285…), all equal, so the 12 earliest of them get a cent:
    // the 9 of the first day and 09:00, 10:00 and 11:00 of the second. 12 × 85.72 + 6 × 85.71 + 30 × 28.57 = 2400.00.
    const weights = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? '3' : '1'));
    const body = ImpactRequest.parse({
      outage: { windows: [{ start: '2021-10-04T00:00:00Z', end: '2021-10-06T00:00:00Z' }] },
      campaigns: [
        {
          currency: 'USD',
          timeZone: 'UTC',
          budget: { amount: '1200', period: 'day' },
          deliveryProfile: weights,
          cpm: '10',
        },
      ],
      options: { timeline: 'hour' },
    });
    const [spec] = body.campaigns;
    if (!spec) throw new Error('no campaign');
    const estimate = estimateCampaign(spec, body.outage.windows, sharedSpendCache(), {
      timeline: true,
      explain: false,
    });
    const rows = presentCampaign(estimate, 'half-even').timeline ?? [];
    const expected = Array.from({ length: 48 }, (_, i) => {
      const hour = i % 24;
      if (hour < 9 || hour >= 18) return '28.57';
      return i < 24 || hour < 12 ? '85.72' : '85.71';
    });
    expect(rows.map((r) => r.plannedSpend)).toEqual(expected);
    expect(rows.map((r) => r.lostSpend)).toEqual(expected);
    expect(rows[0]?.start).toBe('2021-10-04T00:00:00Z');
    expect(rows[1]?.start).toBe(rows[0]?.end);
    expect(rows[47]?.end).toBe('2021-10-06T00:00:00Z');
  });
});
