import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlatformLossResponse } from '../../../schemas/platform';
import { platformJson, platformModel } from './arbitraries/platform';
import { splitOutage } from './arbitraries/outage';
import { MINUTE } from './arbitraries/time';
import { X } from './exact';
import { expectOk, postJson, quietRequestLogs, settings, TIMEOUT } from './harness';
import { expectDecimal, expectWithinUnits, MONEY_PLACES, placesOf } from './oracles/numbers';

/**
 * Fuzzing POST /v1/platform-loss (test/api/fuzz/harness.ts says how to run it longer or with another seed):
 * every period form, profile and rounding answers 200 with the schema and arithmetic that adds up.
 */

quietRequestLogs();

async function platformLoss(body: unknown): Promise<PlatformLossResponse> {
  return PlatformLossResponse.parse(
    await expectOk(await postJson('/v1/platform-loss', body), JSON.stringify(body).slice(0, 1500)),
  );
}

describe('POST /v1/platform-loss with valid bodies', () => {
  it(
    'answers 200 with the response schema, the period hours, net = gross − recaptured, and minutes that add up',
    async () => {
      await fc.assert(
        fc.asyncProperty(platformModel, async (m) => {
          const r = await platformLoss(platformJson(m));
          const money = MONEY_PLACES[m.currency ?? 'USD'] as number;
          expect(r.currency).toBe(m.currency ?? 'USD');
          const mode = m.options?.rounding === 'half-up' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_HALF_EVEN;
          expect(r.periodHours).toBe(new X(m.period.hours).toFixed(2, mode));
          for (const f of ['revenuePerDay', 'revenuePerHour', 'grossLoss', 'recaptured', 'netLoss'] as const)
            expectDecimal(r[f], money, f);
          for (const f of ['revenuePerMinute', 'revenuePerSecond'] as const) expectDecimal(r[f], money + 2, f);
          const minutes = m.outage.spans.reduce((s, w) => s.plus(new X(w.end - w.start).dividedBy(MINUTE)), new X(0));
          expect(r.outageMinutes).toBe(minutes.toFixed(2, mode));
          const gross = new X(r.grossLoss);
          expect(
            gross.greaterThanOrEqualTo(0) && new X(r.recaptured).lessThanOrEqualTo(gross),
            `0 ≤ recaptured ${r.recaptured} ≤ gross ${r.grossLoss}`,
          ).toBe(true);
          // Three separately rounded values: at most a unit apart (see netLostSpend above).
          expectWithinUnits(r.netLoss, gross.minus(r.recaptured), money, 1, 'netLoss = grossLoss − recaptured');
          // Rates: perDay = 24 × perHour before rounding, so within 0.5 + 24 × 0.5 units after it.
          expectWithinUnits(
            r.revenuePerDay,
            new X(r.revenuePerHour).times(24),
            money,
            12.5,
            'revenuePerDay = 24 × revenuePerHour',
          );
          if (m.options?.explain) expect(r.explain?.length).toBeGreaterThan(0);
          else expect(r.explain).toBeUndefined();
        }),
        settings(100),
      );
    },
    TIMEOUT,
  );

  it(
    'doubles the rates and the loss when the revenue doubles, and keeps the loss when a window is split',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          platformModel,
          fc.nat(),
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          async (m, pick, cut) => {
            const one = await platformLoss(platformJson(m));
            const two = await platformLoss(platformJson(m, new X(m.amount).times(2).toString()));
            const split = await platformLoss(
              platformJson(m, m.amount, splitOutage(m.outage, pick % m.outage.spans.length, cut)),
            );
            for (const f of [
              'revenuePerDay',
              'revenuePerHour',
              'revenuePerMinute',
              'revenuePerSecond',
              'grossLoss',
              'recaptured',
              'netLoss',
            ] as const) {
              // round(2x) − 2 round(x): at most a unit (see the impact property).
              expectWithinUnits(two[f], new X(one[f]).times(2), placesOf(one[f]), 1, `2 × ${f}`);
              expectWithinUnits(split[f], one[f], placesOf(one[f]), 1, `split ${f}`);
            }
            expect(split.outageMinutes).toBe(one.outageMinutes);
          },
        ),
        settings(40),
      );
    },
    TIMEOUT,
  );
});
