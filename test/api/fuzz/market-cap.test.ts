import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketCapResponse } from '../../../schemas/market-cap';
import { marketCapJson, marketCapModel } from './arbitraries/market-cap';
import { X } from './exact';
import { expectOk, postJson, quietRequestLogs, settings, TIMEOUT } from './harness';
import { expectDecimal, expectWithinUnits, MONEY_PLACES, placesOf } from './oracles/numbers';

/**
 * Fuzzing POST /v1/market-cap (test/api/fuzz/harness.ts says how to run it longer or with another seed):
 * share classes, holders and benchmarks answer 200 with the schema and arithmetic that adds up.
 */

quietRequestLogs();

async function marketCap(body: unknown): Promise<MarketCapResponse> {
  return MarketCapResponse.parse(
    await expectOk(await postJson('/v1/market-cap', body), JSON.stringify(body).slice(0, 1500)),
  );
}

const signOf = (text: string) => new X(text).comparedTo(0);

describe('POST /v1/market-cap with valid bodies', () => {
  it(
    'answers 200 with the response schema and arithmetic that adds up',
    async () => {
      await fc.assert(
        fc.asyncProperty(marketCapModel, async (m) => {
          const r = await marketCap(marketCapJson(m));
          const money = MONEY_PLACES[m.currency ?? 'USD'] as number;
          const mode = m.options?.rounding === 'half-up' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_HALF_EVEN;
          const outstanding = m.shareClasses.reduce(
            (s, c) => s.plus(new X(c.shares).times(c.conversionRatio ?? 1)),
            new X(0),
          );
          expect(r.sharesOutstanding).toBe(outstanding.toFixed(2, mode));
          for (const f of [
            'priceBefore',
            'priceAfter',
            'priceChange',
            'marketCapBefore',
            'marketCapAfter',
            'marketCapChange',
          ] as const)
            expectDecimal(r[f], money, f);
          expectDecimal(r.changePercent, 4, 'changePercent');
          // Differences of separately rounded values: at most a unit apart.
          expectWithinUnits(
            r.priceChange,
            new X(r.priceAfter).minus(r.priceBefore),
            money,
            1,
            'priceChange = after − before',
          );
          expectWithinUnits(
            r.marketCapChange,
            new X(r.marketCapAfter).minus(r.marketCapBefore),
            money,
            1,
            'marketCapChange = after − before',
          );
          // A drop is a drop everywhere (a change that rounds to zero may show either sign's zero, which has none).
          const s = signOf(r.priceChange);
          if (s !== 0 && signOf(r.marketCapChange) !== 0) expect(signOf(r.marketCapChange)).toBe(s);
          expect(r.holders).toHaveLength(m.holders?.length ?? 0);
          r.holders.forEach((h, i) => {
            expect(h.name).toBe(m.holders?.[i]?.name);
            if (s !== 0 && signOf(h.wealthChange) !== 0) expect(signOf(h.wealthChange)).toBe(s);
          });
          if (m.benchmark) {
            expectDecimal(r.expectedChangePercent, 4, 'expectedChangePercent');
            expectWithinUnits(
              r.abnormalChangePercent as string,
              new X(r.changePercent).minus(r.expectedChangePercent as string),
              4,
              1,
              'abnormal = change − expected',
            );
          } else {
            expect(r.expectedChangePercent).toBeUndefined();
          }
          expect(r.marketCapToRevenueLossMultiple === undefined).toBe(m.revenueLoss === undefined);
        }),
        settings(100),
      );
    },
    TIMEOUT,
  );

  it(
    'doubles market caps and wealth changes, and keeps the percentages, when every share count doubles',
    async () => {
      await fc.assert(
        fc.asyncProperty(marketCapModel, async (m) => {
          const one = await marketCap(marketCapJson(m));
          const two = await marketCap(marketCapJson(m, 2));
          for (const f of ['sharesOutstanding', 'marketCapBefore', 'marketCapAfter', 'marketCapChange'] as const) {
            expectWithinUnits(
              two[f] as string,
              new X(one[f] as string).times(2),
              placesOf(one[f] as string),
              1,
              `2 × ${f}`,
            );
          }
          one.holders.forEach((h, i) =>
            expectWithinUnits(
              two.holders[i]?.wealthChange as string,
              new X(h.wealthChange).times(2),
              placesOf(h.wealthChange),
              1,
              `2 × holders[${i}]`,
            ),
          );
          expect(two.changePercent).toBe(one.changePercent);
          expect(two.priceChange).toBe(one.priceChange);
        }),
        settings(40),
      );
    },
    TIMEOUT,
  );
});
