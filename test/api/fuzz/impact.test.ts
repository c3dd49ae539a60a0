import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CampaignResult, ImpactResponse } from '../../../schemas/impact';
import { extremeImpactModel, impactJson, impactModel } from './arbitraries/impact';
import { splitOutage } from './arbitraries/outage';
import { HOUR, MINUTE } from './arbitraries/time';
import { DST_CHANGES, naive } from './arbitraries/wall-clock';
import { X } from './exact';
import {
  expectOk,
  expectProblem,
  impact,
  itServesEveryProblemTypeMet,
  postJson,
  quietRequestLogs,
  settings,
  TIMEOUT,
} from './harness';
import { checkCampaign, checkTotals, OUTPUT_FIELDS } from './oracles/impact';
import { expectWithinUnits, placesOf } from './oracles/numbers';
import { instantsOf } from './oracles/wall-clock';

/**
 * Fuzzing POST /v1/impact (test/api/fuzz/harness.ts says how to run it longer or with another seed):
 * valid bodies keep the arithmetic's invariants, wall-clock times near DST changes are read or refused
 * as Intl says they must be, and what the fuzzing once found stays fixed.
 */

quietRequestLogs();

describe('POST /v1/impact with valid bodies', () => {
  it(
    'answers 200 with the response schema, U ≤ P, N = U − R, timelines that add up, and totals that are the sum of the campaigns',
    async () => {
      await fc.assert(
        fc.asyncProperty(impactModel(), async (m) => {
          const body = impactJson(m);
          const res = await impact(body);
          expect(res.campaigns).toHaveLength(m.campaigns.length);
          res.campaigns.forEach((c, i) =>
            checkCampaign(c, (body.campaigns as Record<string, unknown>[])[i] as Record<string, unknown>, body),
          );
          checkTotals(res);
        }),
        settings(60),
      );
    },
    TIMEOUT,
  );

  it(
    'keeps the same invariants at the edges: amounts of 1e15 and 1e-12, extreme funnels, outages in 1970 and 2200',
    async () => {
      await fc.assert(
        fc.asyncProperty(extremeImpactModel, async (m) => {
          const body = impactJson(m);
          const res = await impact(body);
          res.campaigns.forEach((c, i) =>
            checkCampaign(c, (body.campaigns as Record<string, unknown>[])[i] as Record<string, unknown>, body),
          );
          checkTotals(res);
        }),
        settings(60),
      );
    },
    TIMEOUT,
  );

  it(
    'doubles every money output and count when every budget doubles (within a unit in the last place)',
    async () => {
      await fc.assert(
        fc.asyncProperty(impactModel(2, 5e14), async (m) => {
          const one = await impact(impactJson(m));
          const two = await impact(impactJson(m, (c) => new X(c.amount).times(2).toString()));
          one.campaigns.forEach((a, i) => {
            const b = two.campaigns[i] as CampaignResult;
            // round(2x) − 2 round(x) is one rounding error plus two halves: under 1.5 units, so at most 1.
            for (const f of OUTPUT_FIELDS) {
              if (a[f] === null) expect(b[f]).toBeNull();
              else
                expectWithinUnits(
                  b[f] as string,
                  new X(a[f] as string).times(2),
                  placesOf(a[f] as string),
                  1,
                  `2 × ${f}`,
                );
            }
            expect(b.outageMinutes).toBe(a.outageMinutes);
            expect(b.funnel).toEqual(a.funnel);
          });
        }),
        settings(25),
      );
    },
    TIMEOUT,
  );

  it(
    'keeps lost spend and every output when a window is split in two at any instant',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          impactModel(2),
          fc.nat(),
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          async (m, pick, cut) => {
            const index = pick % m.outage.spans.length;
            const whole = await impact(impactJson(m));
            const split = await impact(impactJson({ ...m, outage: splitOutage(m.outage, index, cut) }));
            whole.campaigns.forEach((a, i) => {
              const b = split.campaigns[i] as CampaignResult;
              expect(b.outageMinutes).toBe(a.outageMinutes);
              // The unrounded values agree to the last of 35 digits; rounding can only show that in a tie, by a unit.
              for (const f of OUTPUT_FIELDS) {
                if (a[f] === null) expect(b[f]).toBeNull();
                else expectWithinUnits(b[f] as string, a[f] as string, placesOf(a[f] as string), 1, `split ${f}`);
              }
            });
          },
        ),
        settings(25),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------------------
// Wall-clock timestamps: read in the zone when they name one instant, refused when they name none or two
// ---------------------------------------------------------------------------------------------------------

describe('wall-clock timestamps near DST changes', () => {
  it(
    'reads each in its zone when it names one instant, and names every one that is skipped or repeated',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...DST_CHANGES),
          fc.integer({ min: -180, max: 180 }),
          fc.integer({ min: 1, max: 300 }),
          fc.integer({ min: -180, max: 180 }),
          async ([zoneName, change], from, minutes, flightFrom) => {
            const anchor = Date.parse(`${change}Z`);
            const start = anchor + from * MINUTE;
            const end = start + minutes * MINUTE;
            const flightStart = anchor + flightFrom * MINUTE;
            const body = {
              outage: { timeZone: zoneName, windows: [{ start: naive(start), end: naive(end) }] },
              campaigns: [
                {
                  timeZone: zoneName,
                  budget: { amount: '2400', period: 'day' },
                  flight: { start: naive(flightStart) },
                },
              ],
            };
            const fields: [string, number][] = [
              ['/outage/windows/0/start', start],
              ['/outage/windows/0/end', end],
              ['/campaigns/0/flight/start', flightStart],
            ];
            const instants = new Map(fields.map(([pointer, local]) => [pointer, instantsOf(zoneName, local)]));
            // Skipped (no instant) or repeated (two): never guessed, always an error that asks for an offset.
            const ambiguous = fields
              .map(([pointer]) => pointer)
              .filter((pointer) => instants.get(pointer)?.length !== 1);
            const [s] = instants.get('/outage/windows/0/start') as number[];
            const [e] = instants.get('/outage/windows/0/end') as number[];
            const res = await postJson('/v1/impact', body);
            const label = JSON.stringify(body);
            if (ambiguous.length === 0) {
              const [c] = ImpactResponse.parse(await expectOk(res, label)).campaigns;
              expect(c?.outageMinutes, label).toBe(new X((e as number) - (s as number)).dividedBy(MINUTE).toFixed(2));
              return;
            }
            const problem = await expectProblem(res, label);
            expect(problem.errors.map((x) => x.pointer).sort(), label).toEqual([...ambiguous].sort());
            for (const x of problem.errors) expect(x.detail, label).toMatch(/offset/);
          },
        ),
        settings(200),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------------------
// What the fuzzing found, kept as plain tests
// ---------------------------------------------------------------------------------------------------------

describe('regressions found by fuzzing', () => {
  // A 1e15 hourly budget over about 50 hours, and a cpa of 1e-12: lost revenue and profit near 1e28 and beyond.
  const hugeOutage = {
    timeZone: 'America/Santiago',
    windows: [
      { start: '1970-01-01T00:00:00Z', end: '1970-01-01T17:12:24Z', deliveryLoss: '0.972' },
      { start: '1970-01-02T12:40:24Z', end: '1970-01-03T22:07:50Z', deliveryLoss: '0.17' },
    ],
  };

  it('keeps the cents of outputs of 1e28: netContributionChange = netLostSpend − lostGrossProfit', async () => {
    const body = {
      outage: hugeOutage,
      campaigns: [{ budget: { amount: '1e15', period: 'hour' }, cpa: '1e-12', aov: '0.446178', grossMargin: '1' }],
    };
    const [c] = (await impact(body)).campaigns;
    // U = 1e15 × (0.972 × 17.2067 h + 0.17 × 33.4572 h), exactly; GP = U ÷ 1e-12 × 0.446178.
    const lost = new X('1e15')
      .times(new X('0.972').times(61_944_000).plus(new X('0.17').times(120_446_000)))
      .dividedBy(HOUR);
    expect(c?.netLostSpend).toBe(lost.toFixed(2));
    expect(c?.lostGrossProfit).toBe(lost.times('1e12').times('0.446178').toFixed(2));
    expectWithinUnits(
      c?.netContributionChange as string,
      new X(c?.netLostSpend as string).minus(c?.lostGrossProfit as string),
      2,
      1,
      'netContributionChange',
    );
  });

  it('gives timeline rows that add up to a lost revenue of 9e33, and answers at once', async () => {
    const body = {
      outage: hugeOutage,
      campaigns: [{ budget: { amount: '1e15', period: 'hour' }, cpa: '1e-12', aov: '410433.031827' }],
      options: { timeline: 'hour' },
    };
    const [c] = (await impact(body)).campaigns;
    // The same outage as above: U = 1e15 × (0.972 × 17.2067 h + 0.17 × 33.4572 h); revenue U ÷ 1e-12 × aov.
    const lost = new X('1e15')
      .times(new X('0.972').times(61_944_000).plus(new X('0.17').times(120_446_000)))
      .dividedBy(HOUR);
    expect(c?.lostSpend).toBe(lost.toFixed(2));
    // About 9.2e33 has 34 digits before the point: 35-digit arithmetic reaches the tenths, not the cents.
    const revenue = lost.times('1e12').times('410433.031827');
    expectWithinUnits(c?.lostRevenue as string, revenue, 2, 100, 'lostRevenue');
    for (const column of ['plannedSpend', 'lostSpend', 'lostRevenue'] as const) {
      const sum = (c?.timeline ?? []).reduce((s, row) => s.plus(row[column] as string), new X(0));
      expect(sum.toFixed(2), column).toBe(c?.[column]);
    }
  });
});

describe('problem types', () => {
  itServesEveryProblemTypeMet();
});
