import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CampaignResult, ImpactRequest, type ImpactResponse } from '../../schemas/impact';
import { app } from '../../src/app';
import {
  type CampaignEstimate,
  type CampaignSpec,
  estimateCampaign,
  METRICS,
  type Metric,
  RANGEABLE_KEYS,
  type RangeableKey,
  type Ranged,
} from '../../src/engine/impact';
import { evaluateFunnel } from '../../src/engine/funnel';
import { SpendCache } from '../../src/engine/spend';

/**
 * Properties of the impact engine over generated campaigns and outages: zones with DST, :30 and :45
 * offsets, every budget period, even / 24 / 168-weight profiles, flights, recovery and funnels.
 * Fixed seeds and bounded runs keep the suite fast and repeatable.
 */

const X = Decimal.clone({ precision: 60 });
const SETTINGS = { seed: 20211004, numRuns: 60 } as const;

const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Santiago',
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Windows fall in 2021 and early 2022, so they cross every kind of DST change of these zones. */
const EPOCH = Date.UTC(2021, 0, 1);

const iso = (instant: number) => new Date(instant).toISOString();

interface Scenario {
  windows: { start: string; end: string; deliveryLoss: string }[];
  campaign: Record<string, unknown>;
}

/** A decimal string with up to `places` decimals in [min, max]. */
const decimalIn = (min: number, max: number, places: number) =>
  fc
    .integer({ min: Math.round(min * 10 ** places), max: Math.round(max * 10 ** places) })
    .map((n) => new X(n).dividedBy(10 ** places).toString());

const profile = fc.oneof(
  fc.constant('even' as const),
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 24, maxLength: 24 }).filter((w) => w.some((v) => v > 0)),
  fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 168, maxLength: 168 }),
);

/** One to three touching-or-apart windows, a campaign of any period, and recovery settings. */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    period: fc.constantFrom('hour', 'day', 'week', 'month', 'lifetime'),
    amount: decimalIn(1, 100000, 2),
    profile,
    firstStart: fc.integer({ min: 0, max: 400 * 24 * 60 }).map((m) => EPOCH + m * 60_000),
    spans: fc.array(
      fc.record({
        gap: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        length: fc.integer({ min: 1, max: 2 * 24 * 60 }),
        loss: decimalIn(0, 1, 2),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    flight: fc.option(
      fc.record({
        before: fc.integer({ min: -2 * DAY, max: 10 * DAY }),
        length: fc.integer({ min: 8 * DAY, max: 40 * DAY }),
      }),
      { nil: undefined },
    ),
    recapture: decimalIn(0, 1, 3),
    overspendCap: decimalIn(0, 2, 2),
    cpmPremium: decimalIn(0, 1, 2),
    pacing: fc.option(fc.constantFrom('day', 'week', 'month', 'flight'), { nil: undefined }),
  })
  .map((s) => {
    const windows: Scenario['windows'] = [];
    let at = s.firstStart;
    for (const span of s.spans) {
      at += span.gap * 60_000;
      windows.push({ start: iso(at), end: iso(at + span.length * 60_000), deliveryLoss: span.loss });
      at += span.length * 60_000;
    }
    const hourly = s.period === 'hour';
    const needsFlight = s.period === 'lifetime' || s.pacing === 'flight';
    const flightStart = s.firstStart - (s.flight?.before ?? 2 * DAY);
    const flight =
      s.flight || needsFlight
        ? { start: iso(flightStart), end: iso(flightStart + (s.flight?.length ?? 20 * DAY)) }
        : undefined;
    const campaign = {
      currency: 'USD',
      timeZone: s.zone,
      budget: { amount: s.amount, period: s.period },
      ...(flight ? { flight } : {}),
      deliveryProfile: hourly ? 'even' : s.profile,
      cpm: '9.50',
      ctr: '0.011',
      cvr: '0.03',
      aov: '72',
      grossMargin: '0.4',
      recovery: hourly
        ? { cpmPremium: s.cpmPremium }
        : {
            recapture: s.recapture,
            overspendCap: s.overspendCap,
            cpmPremium: s.cpmPremium,
            ...(s.pacing ? { pacingPeriod: s.pacing } : {}),
          },
    };
    return { windows, campaign };
  });

function run(
  windows: Scenario['windows'],
  campaign: Record<string, unknown>,
  options = { timeline: false, explain: false },
): CampaignEstimate {
  const request = ImpactRequest.parse({ outage: { windows }, campaigns: [campaign] });
  const [spec] = request.campaigns;
  if (!spec) throw new Error('no campaign');
  return estimateCampaign(spec, request.outage.windows, new SpendCache(), options);
}

/** Equal up to the last digits of 34-digit arithmetic. */
function near(a: Decimal | null, b: Decimal | null, relative = '1e-30'): boolean {
  if (a === null || b === null) return a === b;
  const scale = X.max(1, new X(a).abs(), new X(b).abs());
  return new X(a).minus(b).abs().lessThanOrEqualTo(scale.times(relative));
}

function expectNear(a: Decimal | null, b: Decimal | null, label: string): void {
  expect(near(a, b), `${label}: ${a?.toString()} vs ${b?.toString()}`).toBe(true);
}

describe('planned and lost spend', () => {
  it('gives the same lost spend and outputs when a window is split in two', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (s, cut) => {
        const [first, ...rest] = s.windows;
        if (!first) return;
        const start = Date.parse(first.start);
        const end = Date.parse(first.end);
        const middle = start + Math.max(1, Math.floor(((end - start) * cut) / 1000)) * 1000;
        fc.pre(middle < end);
        const split = [{ ...first, end: iso(middle) }, { ...first, start: iso(middle) }, ...rest];
        const whole = run(s.windows, s.campaign);
        const halves = run(split, s.campaign);
        expectNear(halves.plannedSpend, whole.plannedSpend, 'plannedSpend');
        expectNear(halves.lostSpend, whole.lostSpend, 'lostSpend');
        expectNear(halves.headroom, whole.headroom, 'headroom');
        for (const m of METRICS) expectNear(halves.metrics[m], whole.metrics[m], m);
      }),
      SETTINGS,
    );
  });

  it('doubles every money output (and every count) when the budget doubles', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const budget = s.campaign.budget as { amount: string; period: string };
        const doubled = { ...s.campaign, budget: { ...budget, amount: new X(budget.amount).times(2).toString() } };
        const one = run(s.windows, s.campaign);
        const two = run(s.windows, doubled);
        const twice = (v: Decimal | null) => (v === null ? null : new X(v).times(2));
        expectNear(two.plannedSpend, twice(one.plannedSpend), 'plannedSpend');
        expectNear(two.lostSpend, twice(one.lostSpend), 'lostSpend');
        expectNear(two.headroom, twice(one.headroom), 'headroom');
        for (const m of METRICS) expectNear(two.metrics[m], twice(one.metrics[m]), m);
      }),
      SETTINGS,
    );
  });

  it('never loses more than was planned, nor recaptures more than was lost', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const e = run(s.windows, s.campaign);
        expect(e.lostSpend.greaterThanOrEqualTo(0)).toBe(true);
        expect(e.lostSpend.lessThanOrEqualTo(e.plannedSpend)).toBe(true);
        expect(e.metrics.recapturedSpend.lessThanOrEqualTo(e.lostSpend)).toBe(true);
        expect(e.metrics.netLostSpend.greaterThanOrEqualTo(0)).toBe(true);
        expect((e.metrics.lostImpressions as Decimal).greaterThanOrEqualTo(0)).toBe(true);
      }),
      SETTINGS,
    );
  });

  it('spends a daily budget in full over every local day, whatever its length', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 400 }), profile, (zone, day, weights) => {
        // Three local days, midnight to midnight, whatever their lengths (23, 23.5, 24, 25 hours): three daily
        // budgets, unless all of a day's weight sits in the one hour that day skips.
        const date = new Date(EPOCH + day * DAY).toISOString().slice(0, 10);
        const next = new Date(EPOCH + (day + 3) * DAY).toISOString().slice(0, 10);
        const request = ImpactRequest.safeParse({
          outage: { timeZone: zone, windows: [{ start: `${date}T00:00:00`, end: `${next}T00:00:00` }] },
          campaigns: [{ timeZone: zone, budget: { amount: '2400', period: 'day' }, deliveryProfile: weights }],
        });
        fc.pre(request.success); // local midnight itself can be skipped (Santiago)
        const [spec] = request.data.campaigns;
        const e = estimateCampaign(spec as CampaignSpec, request.data.outage.windows, new SpendCache(), {
          timeline: false,
          explain: false,
        });
        if (weights === 'even' || weights.filter((w) => w > 0).length > 1)
          expectNear(e.plannedSpend, new X(7200), `3 days in ${zone} from ${date}`);
        else expect(e.plannedSpend.lessThanOrEqualTo(7200)).toBe(true);
      }),
      SETTINGS,
    );
  });
});

describe('the timeline', () => {
  it('has rows that add up exactly to the rounded campaign totals, in every currency and rounding mode', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenario,
        fc.constantFrom('USD', 'JPY', 'KWD'),
        fc.constantFrom('half-even', 'half-up'),
        async (s, currency, rounding) => {
          const body = {
            outage: { windows: s.windows },
            campaigns: [{ ...s.campaign, currency }],
            options: { timeline: 'hour', rounding },
          };
          const res = await app.request('/v1/impact', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          expect(res.status).toBe(200);
          const { campaigns } = (await res.json()) as ImpactResponse;
          const c = campaigns[0] as CampaignResult;
          const rows = c.timeline ?? [];
          const columns = ['plannedSpend', 'lostSpend', 'lostImpressions', 'lostConversions', 'lostRevenue'] as const;
          for (const column of columns) {
            const places = (c[column] as string).split('.')[1]?.length ?? 0;
            const sum = rows.reduce((acc, r) => acc.plus(r[column] as string), new X(0)).toFixed(places);
            expect(sum, column).toBe(c[column]);
          }
          // Rows are the campaign's local hours, in order and not overlapping.
          for (let i = 1; i < rows.length; i++)
            expect(Date.parse(rows[i]?.start as string)).toBeGreaterThanOrEqual(Date.parse(rows[i - 1]?.end as string));
        },
      ),
      { seed: SETTINGS.seed, numRuns: SETTINGS.numRuns },
    );
  });
});

describe('ranges', () => {
  /** A consistent funnel: cpm, ctr, cvr and aov, and the cpc, cpa and roas they imply. */
  const funnelBase = fc
    .record({
      cpm: decimalIn(1, 50, 2),
      ctr: decimalIn(0.001, 0.2, 4),
      cvr: decimalIn(0.005, 0.5, 3),
      aov: decimalIn(5, 500, 2),
    })
    .map((f) => {
      const cpc = new X(f.cpm).dividedBy(new X(1000).times(f.ctr));
      const cpa = cpc.dividedBy(f.cvr);
      // Inputs carry at most 25 significant digits (DESIGN.md section 2).
      return {
        ...f,
        cpc: cpc.toSignificantDigits(25).toString(),
        cpa: cpa.toSignificantDigits(25).toString(),
        roas: new X(f.aov).dividedBy(cpa).toSignificantDigits(25).toString(),
      };
    });
  const BOUNDS: Partial<Record<RangeableKey, [number, number]>> = {
    ctr: [0, 1],
    cvr: [0, 1],
    grossMargin: [0, 1],
    incrementality: [0, 1],
    recapture: [0, 1],
    cpmPremium: [0, 10],
  };

  /** Up to six of the inputs as ranges around their base value; the funnel keys given are a random subset. */
  const rangedCampaign = fc
    .record({
      s: scenario.filter((s) => (s.campaign.budget as { period: string }).period !== 'hour'),
      funnel: funnelBase,
      given: fc.subarray(['cpm', 'ctr', 'cpc', 'cvr', 'cpa', 'aov', 'roas'] as const, { minLength: 1 }),
      extras: fc.record({ grossMargin: decimalIn(0, 1, 2), incrementality: decimalIn(0.1, 1, 2) }),
      ranged: fc.subarray([...RANGEABLE_KEYS], { minLength: 1, maxLength: 6 }),
      spread: fc.array(fc.record({ down: fc.integer({ min: 0, max: 60 }), up: fc.integer({ min: 0, max: 60 }) }), {
        minLength: 11,
        maxLength: 11,
      }),
    })
    .map(({ s, funnel, given, extras, ranged, spread }) => {
      const recovery = s.campaign.recovery as Record<string, string>;
      const base: Partial<Record<RangeableKey, string>> = {
        ...Object.fromEntries(given.map((k) => [k, funnel[k]])),
        ...extras,
        recapture: recovery.recapture,
        cpmPremium: recovery.cpmPremium,
      };
      const value = (key: RangeableKey, i: number): unknown => {
        const b = base[key] as string;
        if (!ranged.includes(key)) return b;
        const { down, up } = spread[i] as { down: number; up: number };
        const [min, max] = BOUNDS[key] ?? [0, Infinity];
        // low = base × (1 − down %), high = base × (1 + up %), inside the field's bounds; a zero low where 0 is refused becomes the base.
        let low = X.max(new X(b).times(1 - down / 100), min);
        const high = X.min(new X(b).times(1 + up / 100), max);
        if (low.isZero() && !['grossMargin', 'recapture', 'cpmPremium'].includes(key)) low = new X(b);
        // Cut to 25 significant digits (an input's most), outwards so that low ≤ base ≤ high still holds.
        return {
          low: low.toSignificantDigits(25, X.ROUND_DOWN).toString(),
          base: b,
          high: high.toSignificantDigits(25, X.ROUND_UP).toString(),
        };
      };
      const fields = Object.fromEntries(
        RANGEABLE_KEYS.filter((k) => base[k] !== undefined).map((k, i) => [k, value(k, i)]),
      );
      const { recapture, cpmPremium, ...campaignFields } = fields;
      const campaign = {
        ...s.campaign,
        cpm: undefined,
        ctr: undefined,
        cvr: undefined,
        aov: undefined,
        grossMargin: undefined,
        ...campaignFields,
        recovery: { ...recovery, recapture, cpmPremium },
      };
      return { windows: s.windows, campaign: JSON.parse(JSON.stringify(campaign)) as Record<string, unknown> };
    });

  it('reports as low and high exactly the extremes over every corner, and they bound every interior point', () => {
    fc.assert(
      fc.property(
        rangedCampaign,
        fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 11, maxLength: 11 }), {
          minLength: 8,
          maxLength: 8,
        }),
        ({ windows, campaign }, interior) => {
          const request = ImpactRequest.parse({ outage: { windows }, campaigns: [campaign] });
          const spec = request.campaigns[0] as CampaignSpec;
          const cache = new SpendCache();
          const evaluate = (s: CampaignSpec) =>
            estimateCampaign(s, request.outage.windows, cache, { timeline: false, explain: false });
          const reported = evaluate(spec);
          const varying = RANGEABLE_KEYS.filter((k) => {
            const r = spec.inputs[k];
            return r && !r.low.equals(r.high);
          });
          if (varying.length === 0) return;
          expect(reported.ranges).toBeDefined();
          const ranges = reported.ranges as Record<Metric, Ranged | null>;
          const at = (point: Partial<Record<RangeableKey, Decimal>>): CampaignSpec => {
            const inputs = { ...spec.inputs };
            for (const [k, v] of Object.entries(point) as [RangeableKey, Decimal][])
              inputs[k] = { low: v, base: v, high: v };
            const given = Object.fromEntries([...spec.funnelPlan.given].map((k) => [k, inputs[k]?.base]));
            return { ...spec, inputs, baseFunnel: evaluateFunnel(spec.funnelPlan, given) };
          };

          // Brute force: every corner of every ranged input, whether or not the metric depends on it.
          const lows = new Map<Metric, Decimal>();
          const highs = new Map<Metric, Decimal>();
          for (let corner = 0; corner < 1 << varying.length; corner++) {
            const point = Object.fromEntries(
              varying.map((k, bit) => [k, corner & (1 << bit) ? spec.inputs[k]?.high : spec.inputs[k]?.low]),
            );
            const e = evaluate(at(point));
            expect(e.ranges).toBeUndefined();
            for (const m of METRICS) {
              const v = e.metrics[m];
              if (v === null) continue;
              if (!lows.has(m) || v.lessThan(lows.get(m) as Decimal)) lows.set(m, v);
              if (!highs.has(m) || v.greaterThan(highs.get(m) as Decimal)) highs.set(m, v);
            }
          }
          for (const m of METRICS) {
            const r = ranges[m];
            if (reported.metrics[m] === null) {
              expect(r, m).toBeNull();
              continue;
            }
            const base = reported.metrics[m] as Decimal;
            const cornerLow = lows.get(m) as Decimal;
            const cornerHigh = highs.get(m) as Decimal;
            expect(r?.base.equals(base), `${m} base`).toBe(true);
            // The base lies between the corner extremes; where a metric is flat in a ranged input (clicks from cpm and a
            // given cpc), rounding in the last digit may put it a hair outside, and the range then widens to keep it inside.
            expect(near(X.max(cornerLow, X.min(base, cornerHigh)), base), `${m} base within corners`).toBe(true);
            expect(r?.low.toString(), `${m} low`).toBe((base.lessThan(cornerLow) ? base : cornerLow).toString());
            expect(r?.high.toString(), `${m} high`).toBe((base.greaterThan(cornerHigh) ? base : cornerHigh).toString());
          }

          // Interior points lie within [low, high] (up to the last digits of 34-digit arithmetic).
          for (const ts of interior) {
            const point = Object.fromEntries(
              varying.map((k, i) => {
                const r = spec.inputs[k] as Ranged;
                return [k, r.low.plus(r.high.minus(r.low).times(ts[i] ?? 0.5))];
              }),
            );
            const e = evaluate(at(point));
            for (const m of METRICS) {
              const v = e.metrics[m];
              const r = ranges[m];
              if (v === null || !r) continue;
              const slack = X.max(r.low.abs(), r.high.abs()).times('1e-30');
              expect(new X(v).greaterThanOrEqualTo(new X(r.low).minus(slack)), `${m} ${v} ≥ ${r.low}`).toBe(true);
              expect(new X(v).lessThanOrEqualTo(new X(r.high).plus(slack)), `${m} ${v} ≤ ${r.high}`).toBe(true);
            }
          }
        },
      ),
      { seed: SETTINGS.seed, numRuns: SETTINGS.numRuns },
    );
  });
});
