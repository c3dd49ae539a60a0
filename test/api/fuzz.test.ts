import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BatchJsonResponse, INPUT_COLUMNS, RESULT_COLUMNS } from '../../schemas/batch';
import { HealthResponse } from '../../schemas/health';
import { type CampaignResult, ImpactResponse } from '../../schemas/impact';
import { MarketCapResponse } from '../../schemas/market-cap';
import { PlatformLossResponse } from '../../schemas/platform';
import { Problem } from '../../schemas/problem';
import { parseCsv } from '../../src/csv/parse';
import { PROBLEM_TYPES } from '../../src/http/problem';
import worker from '../../src/index';

/**
 * Property-based fuzzing of every endpoint through the Worker in workerd (issue 8). Valid bodies are
 * generated from the contract (schemas/ and DESIGN.md): each must be answered 200, match the route's own
 * zod response schema and keep the invariants of the arithmetic. Hostile bodies, queries, content types
 * and paths must be answered with a 4xx application/problem+json, never a 5xx.
 *
 * CI runs a fixed seed and a bounded number of cases. For a longer local run, pick another seed and more
 * cases; vitest.config.ts passes the two variables into workerd as bindings:
 *
 *   FUZZ_SEED=42 FUZZ_RUNS=2000 npx vitest run test/api/fuzz.test.ts
 *
 * FUZZ_RUNS replaces every property's own case count (and lifts the per-test time limit). A failure
 * prints fast-check's seed, path and shrunk counterexample; rerun it with that FUZZ_SEED.
 */

const FUZZ = env as unknown as { FUZZ_SEED?: string; FUZZ_RUNS?: string };
const SEED = Number(FUZZ.FUZZ_SEED) || 20261123;
const RUNS_OVERRIDE = Number(FUZZ.FUZZ_RUNS) || 0;
const settings = (numRuns: number) => ({ seed: SEED, numRuns: RUNS_OVERRIDE || numRuns });
/** Per-test time limit: the config's 30 s for CI's case counts, none worth mentioning for long runs. */
const TIMEOUT = RUNS_OVERRIDE ? 24 * 3_600_000 : 30_000;

const X = Decimal.clone({ precision: 80 });

// One structured log line per request would drown the output of a few thousand requests; errors still show.
beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterAll(() => {
  vi.restoreAllMocks();
});

// ---------------------------------------------------------------------------------------------------------
// Calling the Worker, and what every answer must look like
// ---------------------------------------------------------------------------------------------------------

const BASE = 'http://fuzz.test';

/**
 * Sends a request to the Worker's fetch handler, in workerd, with the test's bindings. Not through
 * `exports.default.fetch`, the other API tests' way: under @cloudflare/vitest-pool-workers each request
 * through it costs more than the one before (cloudflare/workers-sdk#15446: ~5 ms → ~400 ms after 1,500
 * requests in one file), which a few thousand fuzz cases cannot afford. The handler is the same code.
 */
async function call(
  method: string,
  path: string,
  init: { body?: BodyInit; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.contentType !== undefined) headers['content-type'] = init.contentType;
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`, { method, headers, body: init.body }), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const postJson = (path: string, body: unknown) =>
  call('POST', path, { body: JSON.stringify(body), contentType: 'application/json' });
const postText = (path: string, text: string, contentType = 'application/json') =>
  call('POST', path, { body: text, contentType });

/** RFC 6901: empty, or `/`-separated reference tokens in which `~` only starts `~0` or `~1`. */
const JSON_POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/u;

const problemTypesSeen = new Set<string>();

/**
 * A 4xx RFC 9457 problem: application/problem+json with a type, a title, the HTTP status, and pointers
 * that are valid RFC 6901 JSON Pointers. Returns it.
 */
async function expectProblem(res: Response, label = ''): Promise<Problem> {
  const text = await res.text();
  const context = `${label} → ${res.status} ${text.slice(0, 600)}`;
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  expect(res.headers.get('content-type'), context).toBe('application/problem+json');
  const problem = Problem.parse(JSON.parse(text));
  expect(problem.status, context).toBe(res.status);
  expect(problem.type, context).toMatch(/^\/problems\/[a-z-]+$/);
  expect(problem.title, context).not.toBe('');
  for (const e of problem.errors) {
    expect(e.pointer, context).toMatch(JSON_POINTER);
    expect(e.detail, context).not.toBe('');
  }
  // no stack traces or internals
  expect(text, context).not.toMatch(/\bat \w+ \(|node_modules|\.ts:\d+/);
  problemTypesSeen.add(problem.type);
  return problem;
}

/** Reads a 200 JSON answer, or fails with the problem the Worker gave instead. */
async function expectOk(res: Response, label = ''): Promise<unknown> {
  const text = await res.text();
  expect(res.status, `${label} → ${res.status} ${text.slice(0, 1500)}`).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return JSON.parse(text);
}

/** Either a 200 that honours `schema`, or a 4xx problem: anything but a 5xx or a malformed answer. */
async function expectOkOrProblem(res: Response, check: (json: unknown) => void, label = ''): Promise<'ok' | 'problem'> {
  if (res.status === 200) {
    check(await expectOk(res, label));
    return 'ok';
  }
  await expectProblem(res, label);
  return 'problem';
}

// ---------------------------------------------------------------------------------------------------------
// Decimal strings and rounding
// ---------------------------------------------------------------------------------------------------------

const DECIMAL_OUT = /^-?\d+(\.\d+)?$/;

function placesOf(text: string): number {
  return text.split('.')[1]?.length ?? 0;
}

/** A decimal output string with exactly `places` decimals. */
function expectDecimal(text: string | null | undefined, places: number, label: string): void {
  expect(text, label).toMatch(DECIMAL_OUT);
  expect(placesOf(text as string), `${label} = ${text}`).toBe(places);
}

/**
 * |a − b| ≤ units in the last place (10^−places). Values rounded separately can disagree with the
 * exact arithmetic between them by a unit or so; the comment at each use says why that many. Beyond
 * 1e32 the service's 35 significant digits no longer reach the last place, so a few units of the 35th
 * digit are allowed on top.
 */
function expectWithinUnits(
  a: string | Decimal,
  b: string | Decimal,
  places: number,
  units: number,
  label: string,
): void {
  const diff = new X(a).minus(b).abs();
  const allowed = new X(10).pow(-places).times(units).plus(new X(b).abs().times('1e-33'));
  expect(diff.lessThanOrEqualTo(allowed), `${label}: ${a.toString()} vs ${b.toString()}`).toBe(true);
}

const MONEY_PLACES: Record<string, number> = { USD: 2, EUR: 2, JPY: 0, KWD: 3 };

// ---------------------------------------------------------------------------------------------------------
// Generators of valid inputs, from the contract
// ---------------------------------------------------------------------------------------------------------

/** Zones with DST, a :45 offset (Kathmandu), a half-hour DST shift (Lord Howe), and none (UTC). */
const ZONES = [
  'UTC',
  'America/New_York',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Kolkata',
  'America/Santiago',
] as const;
const zone = fc.constantFrom(...ZONES);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Outages fall in 2020-2025, so they cross every kind of DST change of these zones. */
const EPOCH = Date.UTC(2020, 0, 1);
/** The first and last instants a timestamp may name (years 1970 to 2200, written with `Z`). */
const FIRST_INSTANT = Date.UTC(1970, 0, 1);
const LAST_INSTANT = Date.UTC(2200, 11, 31, 23, 59, 59);

/**
 * An instant as an absolute RFC 3339 timestamp, with `Z` or a fixed offset (so never DST-ambiguous):
 * the same instant written as Nepal (+05:45), New York (−04:00), Lord Howe (+10:30) or Marquesas (−09:30) would.
 */
const OFFSETS = [0, 345, -240, 630, -570] as const;
function absolute(instant: number, offsetMinutes: number): string {
  const local = new Date(instant + offsetMinutes * MINUTE).toISOString();
  const text = local.endsWith('.000Z') ? local.slice(0, -5) : local.slice(0, -1);
  if (offsetMinutes === 0) return `${text}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const m = Math.abs(offsetMinutes);
  return `${text}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A decimal string with up to `places` decimals in [min, max]. */
const decimalIn = (min: number, max: number, places: number) =>
  fc
    .bigInt({ min: BigInt(Math.round(min * 10 ** places)), max: BigInt(Math.round(max * 10 ** places)) })
    .map((n) => new X(n.toString()).dividedBy(10 ** places).toString());

/** How a numeric input is written: DESIGN.md takes a JSON number or a decimal string, which may use an exponent. */
type NumberStyle = 'string' | 'number' | 'exponent' | 'padded';
const STYLES: readonly NumberStyle[] = ['string', 'number', 'exponent', 'padded'];

function render(value: string, style: NumberStyle): string | number {
  switch (style) {
    case 'number': {
      const n = Number(value);
      // Only where the double is the decimal exactly as written: the service reads String(n).
      return new X(String(n)).equals(value) ? n : value;
    }
    case 'exponent':
      return new X(value).toExponential();
    case 'padded':
      return ` ${value} `;
    default:
      return value;
  }
}

/** A windows generator: 1-3 non-overlapping, possibly touching, half-open windows, as instants. */
interface Span {
  start: number;
  end: number;
  deliveryLoss?: string;
}
const spans: fc.Arbitrary<Span[]> = fc
  .record({
    first: fc.integer({ min: 0, max: 6 * 365 * 24 * 60 }),
    parts: fc.array(
      fc.record({
        gap: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        length: fc.integer({ min: 1, max: 2 * 24 * 60 }),
        seconds: fc.integer({ min: 0, max: 59 }),
        deliveryLoss: fc.option(decimalIn(0, 1, 3), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ first, parts }) => {
    const out: Span[] = [];
    let at = EPOCH + first * MINUTE;
    for (const p of parts) {
      at += p.gap * MINUTE;
      const end = at + p.length * MINUTE + p.seconds * 1000;
      out.push({ start: at, end, ...(p.deliveryLoss === undefined ? {} : { deliveryLoss: p.deliveryLoss }) });
      at = end;
    }
    return out;
  });

interface OutageModel {
  timeZone?: string;
  spans: Span[];
  offsets: number[];
}
const outageModel: fc.Arbitrary<OutageModel> = fc.record({
  timeZone: fc.option(zone, { nil: undefined }),
  spans,
  offsets: fc.array(fc.constantFrom(...OFFSETS), { minLength: 6, maxLength: 6 }),
});

/** Outages at the very start of 1970 or the very end of 2200, written with `Z` (an offset could name 1969 or 2201). */
const edgeOutageModel: fc.Arbitrary<OutageModel> = fc
  .record({ timeZone: fc.option(zone, { nil: undefined }), spans, late: fc.boolean() })
  .map(({ timeZone, spans: s, late }) => {
    const shift = late ? LAST_INSTANT - (s[s.length - 1] as Span).end : FIRST_INSTANT - (s[0] as Span).start;
    return {
      ...(timeZone ? { timeZone } : {}),
      spans: s.map((w) => ({ ...w, start: w.start + shift, end: w.end + shift })),
      offsets: [0, 0, 0, 0, 0, 0],
    };
  });

function outageJson(o: OutageModel, style: NumberStyle = 'string') {
  return {
    ...(o.timeZone ? { timeZone: o.timeZone } : {}),
    windows: o.spans.map((s, i) => ({
      start: absolute(s.start, o.offsets[(2 * i) % 6] ?? 0),
      end: absolute(s.end, o.offsets[(2 * i + 1) % 6] ?? 0),
      ...(s.deliveryLoss === undefined ? {} : { deliveryLoss: render(s.deliveryLoss, style) }),
    })),
  };
}

/** Splits window `index` at a point strictly inside it: the two halves touch, with the same deliveryLoss. */
function splitOutage(o: OutageModel, index: number, cut: number): OutageModel {
  const s = o.spans[index] as Span;
  const at = s.start + 1 + Math.floor(cut * (s.end - s.start - 1));
  const halves = [
    { ...s, end: at },
    { ...s, start: at },
  ];
  return { ...o, spans: [...o.spans.slice(0, index), ...halves, ...o.spans.slice(index + 1)], offsets: o.offsets };
}

const FUNNEL_KEYS = ['cpm', 'ctr', 'cpc', 'cvr', 'cpa', 'aov', 'roas'] as const;
type FunnelKey = (typeof FUNNEL_KEYS)[number];
type Value = string | { low: string; high: string; base?: string };

/**
 * A consistent funnel: cpm, ctr, cvr and aov, and the cpc, cpa and roas they imply to 12 significant
 * digits, far inside the 0.1 % consistency check.
 */
const funnelBase = fc
  .record({
    cpm: decimalIn(0.5, 50, 2),
    ctr: decimalIn(0.001, 0.2, 4),
    cvr: decimalIn(0.001, 0.2, 4),
    aov: decimalIn(1, 1000, 2),
  })
  .map((f) => {
    const cpc = new X(f.cpm).dividedBy(new X(1000).times(f.ctr));
    const cpa = cpc.dividedBy(f.cvr);
    const roas = new X(f.aov).dividedBy(cpa);
    const sig = (v: Decimal) => v.toSignificantDigits(12).toString();
    return { ...f, cpc: sig(cpc), cpa: sig(cpa), roas: sig(roas) } as Record<FunnelKey, string>;
  });

type Period = 'hour' | 'day' | 'week' | 'month' | 'lifetime';

/** Everything a campaign says, before it is written as JSON or as a flat row. */
interface CampaignModel {
  id?: string;
  currency?: string;
  timeZone?: string;
  amount: string;
  period: Period;
  flight?: { start?: number; end?: number };
  profile?: 'even' | string[];
  values: Partial<Record<FunnelKey | 'grossMargin' | 'incrementality', Value>>;
  recovery?: {
    recapture?: Value;
    overspendCap?: string;
    cpmPremium?: Value;
    pacingPeriod?: 'day' | 'week' | 'month' | 'flight';
  };
  styles: NumberStyle[];
}

const weights = (n: number, positive: boolean) =>
  fc
    .array(fc.oneof(decimalIn(0, 9, 0), decimalIn(0, 5, 3)), { minLength: n, maxLength: n })
    .map((w) => (positive ? w.map((x) => (new X(x).isZero() ? '1' : x)) : w))
    .filter((w) => w.some((x) => !new X(x).isZero()));

/**
 * A campaign valid for the outage `o`: any budget period and profile, a flight where the budget or the
 * pacing needs one, a consistent funnel subset, ranges, recovery. `flat` keeps to what a CSV row can say
 * (no pacingPeriod, ranges as low..high).
 */
function campaignModel(o: OutageModel, flat: boolean, maxAmount = 1e6): fc.Arbitrary<CampaignModel> {
  const first = (o.spans[0] as Span).start;
  return fc
    .record({
      id: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), { nil: undefined }),
      currency: fc.option(fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'), { nil: undefined }),
      timeZone: fc.option(zone, { nil: undefined }),
      amount: fc.oneof(decimalIn(0, maxAmount, 2), decimalIn(0, maxAmount, 0)),
      period: fc.constantFrom<Period>('hour', 'day', 'week', 'month', 'lifetime'),
      flightKind: fc.constantFrom('none', 'both', 'start', 'end'),
      flightBefore: fc.integer({ min: -2 * 24, max: 20 * 24 }),
      flightHours: fc.integer({ min: 1, max: 60 * 24 }),
      profileKind: fc.constantFrom('none', 'even', '24', '168'),
      w24: weights(24, false),
      w168: weights(168, false),
      p24: weights(24, true),
      p168: weights(168, true),
      funnel: funnelBase,
      given: fc.subarray([...FUNNEL_KEYS]),
      // Ranges of ±20 % at most around a ctr and cvr of at most 0.2: a ctr or cvr derived through up to three
      // ranged inputs stays at most 0.2 × 1.5³ < 1 at every corner (more would be a 422, rightly).
      rangedFunnel: fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.boolean()), {
        minLength: 7,
        maxLength: 7,
      }),
      grossMargin: fc.option(decimalIn(0, 1, 2), { nil: undefined }),
      incrementality: fc.option(decimalIn(0, 1, 2), { nil: undefined }),
      rangeExtras: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      recovery: fc.option(
        fc.record({
          recapture: fc.option(decimalIn(0, 1, 3), { nil: undefined }),
          overspendCap: fc.option(decimalIn(0, 10, 2), { nil: undefined }),
          cpmPremium: fc.option(decimalIn(0, 2, 2), { nil: undefined }),
          pacingPeriod: fc.option(fc.constantFrom('day', 'week', 'month', 'flight'), { nil: undefined }),
        }),
        { nil: undefined },
      ),
      styles: fc.array(fc.constantFrom(...STYLES), { minLength: 16, maxLength: 16 }),
    })
    .map((r): CampaignModel => {
      const hourly = r.period === 'hour';
      const pacingPeriod = hourly || flat ? undefined : r.recovery?.pacingPeriod;
      const needsFlight = r.period === 'lifetime' || pacingPeriod === 'flight';
      // Flights stay inside the years timestamps may name (1970-2200), whatever the outage.
      const start = Math.min(Math.max(first - r.flightBefore * HOUR, FIRST_INSTANT), LAST_INSTANT - 2 * DAY);
      const flightKind = needsFlight ? 'both' : r.flightKind;
      const flight =
        flightKind === 'none'
          ? undefined
          : {
              ...(flightKind !== 'end' ? { start } : {}),
              ...(flightKind !== 'start' ? { end: Math.min(start + r.flightHours * HOUR, LAST_INSTANT - DAY) } : {}),
            };
      // A lifetime budget whose flight hours carry no weight is a 422, so its weights are all positive.
      const profile = hourly
        ? r.profileKind === 'even'
          ? 'even'
          : undefined
        : {
            none: undefined,
            even: 'even' as const,
            '24': r.period === 'lifetime' ? r.p24 : r.w24,
            '168': r.period === 'lifetime' ? r.p168 : r.w168,
          }[r.profileKind];
      const values: CampaignModel['values'] = {};
      r.given.forEach((key, i) => {
        const [down, up, lopsided] = r.rangedFunnel[i] ?? [0, 0, false];
        const ranged = down + up > 26; // about a third of the given inputs are ranges
        const max = key === 'ctr' || key === 'cvr' ? '1' : '1e9';
        values[key] = ranged
          ? rangeOf(r.funnel[key], down, lopsided && !flat ? up : down, lopsided && !flat, max)
          : r.funnel[key];
      });
      if (r.grossMargin !== undefined)
        values.grossMargin = r.rangeExtras[0] ? rangeOf(r.grossMargin, 20, 20, false, '1') : r.grossMargin;
      if (r.incrementality !== undefined)
        values.incrementality = r.rangeExtras[1] ? rangeOf(r.incrementality, 20, 20, false, '1') : r.incrementality;
      let recovery: CampaignModel['recovery'];
      if (r.recovery) {
        const { recapture, overspendCap, cpmPremium } = r.recovery;
        recovery = {
          // An hourly budget cannot be spent later: its recapture must be 0.
          ...(recapture === undefined
            ? {}
            : { recapture: hourly ? '0' : r.rangeExtras[2] ? rangeOf(recapture, 30, 30, false, '1') : recapture }),
          ...(overspendCap === undefined ? {} : { overspendCap }),
          ...(cpmPremium === undefined
            ? {}
            : { cpmPremium: r.rangeExtras[3] ? rangeOf(cpmPremium, 30, 30, false, '10') : cpmPremium }),
          ...(pacingPeriod ? { pacingPeriod } : {}),
        };
      }
      return {
        id: r.id,
        currency: r.currency,
        timeZone: r.timeZone,
        amount: r.amount,
        period: r.period,
        flight,
        profile,
        values,
        recovery,
        styles: r.styles,
      };
    });
}

/** value × (1 − down %) .. value × (1 + up %), clipped to max; with `base` when lopsided. */
function rangeOf(value: string, down: number, up: number, lopsided: boolean, max: string): Value {
  const v = new X(value);
  // Percentages as exact decimals: a float factor such as 1 - 43 / 100 = 0.5700000000000001 would give
  // the bounds more than the 25 significant digits an input may carry (DESIGN.md section 2).
  const high = v.times(new X(100 + up).dividedBy(100));
  // A symmetric range clipped at max would move its midpoint off the value: keep the value instead.
  if (high.greaterThan(max) && !lopsided) return value;
  return {
    low: v.times(new X(100 - down).dividedBy(100)).toString(),
    high: X.min(high, max).toString(),
    ...(lopsided ? { base: value } : {}),
  };
}

function campaignJson(c: CampaignModel, amount = c.amount): Record<string, unknown> {
  let n = 0;
  const num = (v: string) => render(v, c.styles[n++ % c.styles.length] ?? 'string');
  const val = (v: Value) =>
    typeof v === 'string'
      ? num(v)
      : { low: num(v.low), high: num(v.high), ...(v.base === undefined ? {} : { base: num(v.base) }) };
  const out: Record<string, unknown> = {};
  if (c.id !== undefined) out.id = c.id;
  if (c.currency !== undefined) out.currency = c.currency;
  if (c.timeZone !== undefined) out.timeZone = c.timeZone;
  out.budget = { amount: num(amount), period: c.period };
  if (c.flight) {
    out.flight = {
      ...(c.flight.start === undefined ? {} : { start: absolute(c.flight.start, 0) }),
      ...(c.flight.end === undefined ? {} : { end: absolute(c.flight.end, 345) }),
    };
  }
  if (c.profile !== undefined) out.deliveryProfile = c.profile === 'even' ? 'even' : c.profile.map(num);
  for (const [k, v] of Object.entries(c.values)) out[k] = val(v);
  if (c.recovery) {
    const { recapture, overspendCap, cpmPremium, pacingPeriod } = c.recovery;
    out.recovery = {
      ...(recapture === undefined ? {} : { recapture: val(recapture) }),
      ...(overspendCap === undefined ? {} : { overspendCap: num(overspendCap) }),
      ...(cpmPremium === undefined ? {} : { cpmPremium: val(cpmPremium) }),
      ...(pacingPeriod ? { pacingPeriod } : {}),
    };
  }
  return out;
}

interface ImpactModel {
  outage: OutageModel;
  campaigns: CampaignModel[];
  options?: { explain?: boolean; timeline?: 'none' | 'hour'; rounding?: 'half-even' | 'half-up' };
}

const impactOptions = fc.option(
  fc.record(
    {
      explain: fc.boolean(),
      timeline: fc.constantFrom('none' as const, 'hour' as const),
      rounding: fc.constantFrom('half-even' as const, 'half-up' as const),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const impactModel = (maxCampaigns = 3, maxAmount = 1e6): fc.Arbitrary<ImpactModel> =>
  outageModel.chain((outage) =>
    fc.record({
      outage: fc.constant(outage),
      campaigns: fc.array(campaignModel(outage, false, maxAmount), { minLength: 1, maxLength: maxCampaigns }),
      options: impactOptions,
    }),
  );

function impactJson(m: ImpactModel, amounts?: (c: CampaignModel) => string): Record<string, unknown> {
  return {
    outage: outageJson(m.outage, m.campaigns[0]?.styles[0]),
    campaigns: m.campaigns.map((c) => campaignJson(c, amounts ? amounts(c) : c.amount)),
    ...(m.options ? { options: m.options } : {}),
  };
}

/** An input at either end of its bounds (1e-12 is the smallest non-zero input), or in between. */
const extreme = (min: string, max: string) =>
  fc.oneof(fc.constantFrom(min, max), decimalIn(1e-6, Math.min(Number(max), 1e6), 6));

/** Funnel inputs that never over-determine one another, so any values are consistent. */
const INDEPENDENT_FUNNELS: FunnelKey[][] = [
  ['cpm', 'ctr', 'cvr', 'aov'],
  ['cpc', 'cvr', 'aov'],
  ['cpc', 'cvr', 'roas'],
  ['cpa', 'aov'],
  ['cpa', 'roas'],
  ['cpm', 'ctr', 'cvr', 'roas'],
];

/** A campaign with its amount, funnel, margin, incrementality and recovery at the edges of their bounds. */
function extremeCampaignModel(o: OutageModel): fc.Arbitrary<CampaignModel> {
  return fc
    .record({
      c: campaignModel(o, false),
      amount: fc.constantFrom('1e15', '999999999999999.999', '1e-12', '0', '0.005'),
      funnel: fc.constantFrom(...INDEPENDENT_FUNNELS),
      keep: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      values: fc.record({
        cpm: extreme('1e-12', '1e15'),
        ctr: extreme('1e-12', '1'),
        cpc: extreme('1e-12', '1e15'),
        cvr: extreme('1e-12', '1'),
        cpa: extreme('1e-12', '1e15'),
        aov: extreme('1e-12', '1e15'),
        roas: extreme('1e-12', '1e9'),
      }),
      grossMargin: fc.option(fc.constantFrom('0', '1e-12', '1'), { nil: undefined }),
      incrementality: fc.option(fc.constantFrom('0', '1e-12', '1'), { nil: undefined }),
      recovery: fc.record({
        recapture: fc.constantFrom('0', '1e-12', '1'),
        overspendCap: fc.constantFrom('0', '1e-12', '10'),
        cpmPremium: fc.constantFrom('0', '1e-12', '10'),
      }),
    })
    .map(({ c, amount, funnel, keep, values, grossMargin, incrementality, recovery }) => {
      const given: CampaignModel['values'] = Object.fromEntries(
        funnel.filter((_, i) => keep[i]).map((k) => [k, values[k]]),
      );
      if (grossMargin !== undefined) given.grossMargin = grossMargin;
      if (incrementality !== undefined) given.incrementality = incrementality;
      const hourly = c.period === 'hour';
      const pacingPeriod = c.recovery?.pacingPeriod;
      return {
        ...c,
        amount,
        values: given,
        recovery: hourly
          ? { overspendCap: recovery.overspendCap, cpmPremium: recovery.cpmPremium }
          : { ...recovery, ...(pacingPeriod ? { pacingPeriod } : {}) },
      };
    });
}

const extremeImpactModel: fc.Arbitrary<ImpactModel> = fc.oneof(outageModel, edgeOutageModel).chain((outage) =>
  fc.record({
    outage: fc.constant(outage),
    campaigns: fc.array(extremeCampaignModel(outage), { minLength: 1, maxLength: 3 }),
    options: impactOptions,
  }),
);

// ---------------------------------------------------------------------------------------------------------
// Valid bodies: 200, the response schema, and the invariants
// ---------------------------------------------------------------------------------------------------------

async function impact(body: unknown, label = ''): Promise<ImpactResponse> {
  return ImpactResponse.parse(
    await expectOk(await postJson('/v1/impact', body), `${label} ${JSON.stringify(body).slice(0, 1500)}`),
  );
}

const MONEY_FIELDS = [
  'plannedSpend',
  'lostSpend',
  'recapturedSpend',
  'netLostSpend',
  'lostRevenue',
  'lostGrossProfit',
  'netContributionChange',
] as const;
const COUNT_FIELDS = ['lostImpressions', 'lostClicks', 'lostConversions'] as const;
const OUTPUT_FIELDS = [...MONEY_FIELDS, ...COUNT_FIELDS] as const;

function checkCampaign(c: CampaignResult, input: Record<string, unknown>, body: Record<string, unknown>): void {
  const money = MONEY_PLACES[c.currency] as number;
  expect(c.currency).toBe(input.currency ?? 'USD');
  if (input.id !== undefined) expect(c.id).toBe(input.id);
  expectDecimal(c.outageMinutes, 2, 'outageMinutes');
  for (const f of MONEY_FIELDS) if (c[f] !== null) expectDecimal(c[f], money, f);
  for (const f of COUNT_FIELDS) if (c[f] !== null) expectDecimal(c[f], 2, f);

  // Lost spend U ≤ planned spend P, and R ≤ U, hold unrounded, and rounding is monotone: they hold rounded too.
  const planned = new X(c.plannedSpend);
  const lost = new X(c.lostSpend);
  expect(
    lost.greaterThanOrEqualTo(0) && lost.lessThanOrEqualTo(planned),
    `0 ≤ lostSpend ${c.lostSpend} ≤ plannedSpend ${c.plannedSpend}`,
  ).toBe(true);
  expect(new X(c.recapturedSpend).lessThanOrEqualTo(lost), 'recapturedSpend ≤ lostSpend').toBe(true);
  expect(new X(c.netLostSpend).greaterThanOrEqualTo(0), 'netLostSpend ≥ 0').toBe(true);
  // N = U − R exactly, but the three are each rounded from their unrounded values: round(U) − round(R) −
  // round(U − R) is three rounding errors of at most half a unit each, so at most 1.5 units, and being a
  // whole number of units it is at most 1 unit in the last place.
  expectWithinUnits(
    c.netLostSpend,
    lost.minus(c.recapturedSpend),
    money,
    1,
    'netLostSpend = lostSpend − recapturedSpend',
  );
  // netContributionChange = N − lostGrossProfit, three roundings again.
  if (c.netContributionChange !== null && c.lostGrossProfit !== null) {
    expectWithinUnits(
      c.netContributionChange,
      new X(c.netLostSpend).minus(c.lostGrossProfit),
      money,
      1,
      'netContributionChange = netLostSpend − lostGrossProfit',
    );
  }

  // The funnel echoes the inputs as inputs; every determined parameter is positive.
  for (const key of FUNNEL_KEYS) {
    const f = c.funnel[key];
    if (input[key] !== undefined) expect(f?.source, key).toBe('input');
    if (f) {
      expectDecimal(f.value, 6, `funnel.${key}`);
      expect(new X(f.value).greaterThanOrEqualTo(0)).toBe(true);
    }
  }
  const determined = FUNNEL_KEYS.filter((k) => c.funnel[k] !== null).length;
  expect(c.undetermined.filter((u) => u.field.startsWith('funnel.')).length).toBe(7 - determined);
  for (const f of OUTPUT_FIELDS)
    expect(
      c.undetermined.some((u) => u.field === f),
      f,
    ).toBe(c[f] === null);

  // Ranges: low ≤ base ≤ high, base is the reported value.
  const anyRange =
    Object.values(input).some((v) => typeof v === 'object' && v !== null && 'low' in v) ||
    Object.values((input.recovery as object) ?? {}).some((v) => typeof v === 'object');
  if (!anyRange) expect(c.ranges).toBeUndefined();
  for (const [metric, r] of Object.entries(c.ranges ?? {})) {
    if (!r) continue;
    const value = c[metric as (typeof OUTPUT_FIELDS)[number]];
    expect(r.base, metric).toBe(value);
    expect(
      new X(r.low).lessThanOrEqualTo(r.base) && new X(r.base).lessThanOrEqualTo(r.high),
      `${metric} ${r.low} ≤ ${r.base} ≤ ${r.high}`,
    ).toBe(true);
  }

  // Timeline rows are allocated by largest remainder: each column adds up exactly to the campaign's total.
  const options = body.options as { timeline?: string; explain?: boolean } | undefined;
  if (options?.timeline === 'hour') {
    const rows = c.timeline ?? [];
    for (const column of ['plannedSpend', 'lostSpend', 'lostImpressions', 'lostConversions', 'lostRevenue'] as const) {
      const total = c[column];
      if (total === null) {
        for (const row of rows) expect(row[column]).toBeNull();
        continue;
      }
      const sum = rows.reduce((s, row) => s.plus(row[column] as string), new X(0));
      expect(sum.toFixed(placesOf(total)), `Σ timeline.${column}`).toBe(total);
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as NonNullable<CampaignResult['timeline']>[number];
      expect(Date.parse(row.end)).toBeGreaterThan(Date.parse(row.start));
      if (i > 0) expect(Date.parse(row.start)).toBeGreaterThanOrEqual(Date.parse(rows[i - 1]?.end as string));
    }
  } else {
    expect(c.timeline).toBeUndefined();
  }
  if (options?.explain) expect(c.explain?.length).toBeGreaterThan(0);
  else expect(c.explain).toBeUndefined();
}

/**
 * Per-currency totals are rounded from unrounded sums: within (n + 1) ÷ 2 units of the sum of the n rounded
 * campaigns that determine the metric; the others are named in `undetermined` (by id, else by index).
 */
function checkTotals(res: ImpactResponse): void {
  const currencies = [...new Set(res.campaigns.map((c) => c.currency))];
  expect(res.totals.map((t) => t.currency)).toEqual(currencies);
  for (const t of res.totals) {
    const group = res.campaigns.flatMap((c, i) => (c.currency === t.currency ? [{ ...c, label: c.id ?? i }] : []));
    const money = MONEY_PLACES[t.currency] as number;
    for (const f of OUTPUT_FIELDS) {
      const left = group.filter((c) => c[f] === null).map((c) => c.label);
      expect((t.undetermined as Record<string, unknown>)[f], `totals.undetermined.${f}`).toEqual(
        left.length ? left : undefined,
      );
      const values = group.map((c) => c[f]).filter((v) => v !== null);
      if (values.length === 0) {
        expect(t[f], f).toBeNull();
        continue;
      }
      const places = (COUNT_FIELDS as readonly string[]).includes(f) ? 2 : money;
      expectDecimal(t[f], places, `totals.${f}`);
      const sum = values.reduce((s, v) => s.plus(v as string), new X(0));
      expectWithinUnits(
        t[f] as string,
        sum,
        places,
        (values.length + 1) / 2,
        `totals.${f} = Σ campaigns that determine it`,
      );
    }
  }
}

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

/** Local times (as UTC-epoch arithmetic) near a DST change of each zone, gaps and folds alike. */
const DST_CHANGES: [string, string][] = [
  ['America/New_York', '2021-03-14T02:00:00'],
  ['America/New_York', '2021-11-07T01:00:00'],
  ['Europe/London', '2021-03-28T01:00:00'],
  ['Europe/London', '2021-10-31T01:00:00'],
  ['Australia/Lord_Howe', '2021-10-03T02:00:00'],
  ['Australia/Lord_Howe', '2021-04-04T01:30:00'],
  ['America/Santiago', '2021-09-05T00:00:00'],
  ['America/Santiago', '2021-04-03T23:00:00'],
  ['Asia/Kathmandu', '1986-01-01T00:00:00'],
  ['UTC', '2021-03-14T02:00:00'],
];

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** A zone's UTC offset at an instant, from Intl (the oracle, apart from the engine's own bookkeeping). */
function zoneOffset(zone: string, t: number): number {
  let f = offsetFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, Number(x.value)]));
  return (
    Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000
  );
}

/** Every instant whose wall-clock time in `zone` is `local`: none in a gap, two in a fold. */
function instantsOf(zone: string, local: number): number[] {
  const offsets = new Set([-DAY, -3 * HOUR, 0, 3 * HOUR, DAY].map((d) => zoneOffset(zone, local + d)));
  return [...offsets].map((o) => local - o).filter((t) => zoneOffset(zone, t) === local - t);
}

const naive = (local: number) => new Date(local).toISOString().slice(0, 19);

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
// POST /v1/platform-loss
// ---------------------------------------------------------------------------------------------------------

/** Every period form of DESIGN.md section 5, with the hours it must count (calendar forms: real UTC days). */
const revenuePeriod: fc.Arbitrary<{ json: Record<string, unknown>; hours: string }> = fc.oneof(
  fc
    .record({ year: fc.integer({ min: 1970, max: 2200 }), q: fc.integer({ min: 1, max: 4 }), lower: fc.boolean() })
    .map(({ year, q, lower }) => ({
      json: { quarter: `${year}-${lower ? 'q' : 'Q'}${q}` },
      hours: String((Date.UTC(year, 3 * q, 1) - Date.UTC(year, 3 * (q - 1), 1)) / HOUR),
    })),
  fc.record({ year: fc.integer({ min: 1970, max: 2200 }), asNumber: fc.boolean() }).map(({ year, asNumber }) => ({
    json: { year: asNumber ? year : String(year) },
    hours: String((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / HOUR),
  })),
  fc
    .record({ year: fc.integer({ min: 1970, max: 2200 }), month: fc.integer({ min: 1, max: 12 }) })
    .map(({ year, month }) => ({
      json: { month: `${year}-${String(month).padStart(2, '0')}` },
      hours: String((Date.UTC(year, month, 1) - Date.UTC(year, month - 1, 1)) / HOUR),
    })),
  fc
    .record({ start: fc.integer({ min: 0, max: 80_000 }), days: fc.integer({ min: 0, max: 1_000 }) })
    .map(({ start, days }) => {
      const date = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
      return { json: { start: date(start), end: date(start + days) }, hours: String((days + 1) * 24) };
    }),
  fc.integer({ min: 1, max: 100_000 }).map((days) => ({ json: { days }, hours: String(days * 24) })),
  decimalIn(1, 2_400_000, 3).map((hours) => ({ json: { hours }, hours })),
);

const platformModel = fc.record({
  amount: fc.oneof(decimalIn(0.01, 1e6, 2), decimalIn(1, 5e14, 0)),
  currency: fc.option(fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'), { nil: undefined }),
  period: revenuePeriod,
  affectedShare: fc.option(decimalIn(0, 1, 3), { nil: undefined }),
  outage: outageModel,
  trafficProfile: fc.option(fc.oneof(fc.constant('even' as const), weights(24, false), weights(168, false)), {
    nil: undefined,
  }),
  profileTimeZone: fc.option(zone, { nil: undefined }),
  recapture: fc.option(decimalIn(0, 1, 3), { nil: undefined }),
  options: fc.option(
    fc.record({ explain: fc.boolean(), rounding: fc.constantFrom('half-even', 'half-up') }, { requiredKeys: [] }),
    { nil: undefined },
  ),
  style: fc.constantFrom(...STYLES),
});
type PlatformModel = typeof platformModel extends fc.Arbitrary<infer T> ? T : never;

function platformJson(m: PlatformModel, amount = m.amount, outage = m.outage): Record<string, unknown> {
  const num = (v: string) => render(v, m.style);
  return {
    revenue: { amount: num(amount), ...(m.currency ? { currency: m.currency } : {}), period: m.period.json },
    ...(m.affectedShare === undefined ? {} : { affectedShare: num(m.affectedShare) }),
    outage: outageJson(outage, m.style),
    ...(m.trafficProfile === undefined
      ? {}
      : { trafficProfile: m.trafficProfile === 'even' ? 'even' : m.trafficProfile.map(num) }),
    ...(m.profileTimeZone === undefined ? {} : { profileTimeZone: m.profileTimeZone }),
    ...(m.recapture === undefined ? {} : { recapture: num(m.recapture) }),
    ...(m.options ? { options: m.options } : {}),
  };
}

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

// ---------------------------------------------------------------------------------------------------------
// POST /v1/market-cap
// ---------------------------------------------------------------------------------------------------------

const marketCapModel = fc.record({
  currency: fc.option(fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'), { nil: undefined }),
  shareClasses: fc.array(
    fc.record({
      name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
      shares: decimalIn(1, 5e9, 0),
      conversionRatio: fc.option(decimalIn(0.01, 100, 4), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  before: decimalIn(0.01, 1e5, 2),
  move: fc.oneof(
    fc.record({ after: decimalIn(0.01, 1e5, 2) }),
    fc.record({ changePercent: decimalIn(-99.99, 1000, 2) }),
  ),
  benchmark: fc.option(
    fc.record({ changePercent: decimalIn(-99, 100, 2), beta: fc.option(decimalIn(-3, 3, 2), { nil: undefined }) }),
    { nil: undefined },
  ),
  holders: fc.option(
    fc.array(
      fc.record({ name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), shares: decimalIn(1, 5e9, 0) }),
      { maxLength: 5 },
    ),
    { nil: undefined },
  ),
  revenueLoss: fc.option(decimalIn(0.01, 1e12, 2), { nil: undefined }),
  options: fc.option(
    fc.record({ explain: fc.boolean(), rounding: fc.constantFrom('half-even', 'half-up') }, { requiredKeys: [] }),
    { nil: undefined },
  ),
  style: fc.constantFrom(...STYLES),
});
type MarketCapModel = typeof marketCapModel extends fc.Arbitrary<infer T> ? T : never;

function marketCapJson(m: MarketCapModel, shareFactor = 1): Record<string, unknown> {
  const num = (v: string) => render(v, m.style);
  const shares = (v: string) => num(new X(v).times(shareFactor).toString());
  const named = (name: string | undefined) => (name === undefined ? {} : { name });
  return {
    ...(m.currency ? { currency: m.currency } : {}),
    shareClasses: m.shareClasses.map((c) => ({
      ...named(c.name),
      shares: shares(c.shares),
      ...(c.conversionRatio ? { conversionRatio: num(c.conversionRatio) } : {}),
    })),
    price: {
      before: num(m.before),
      ...('after' in m.move ? { after: num(m.move.after) } : { changePercent: num(m.move.changePercent) }),
    },
    ...(m.benchmark
      ? {
          benchmark: {
            changePercent: num(m.benchmark.changePercent),
            ...(m.benchmark.beta ? { beta: num(m.benchmark.beta) } : {}),
          },
        }
      : {}),
    ...(m.holders ? { holders: m.holders.map((h) => ({ ...named(h.name), shares: shares(h.shares) })) } : {}),
    ...(m.revenueLoss ? { revenueLoss: num(m.revenueLoss) } : {}),
    ...(m.options ? { options: m.options } : {}),
  };
}

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

// ---------------------------------------------------------------------------------------------------------
// Spreadsheets: POST /v1/impact/batch (JSON and CSV), GET /v1/impact.csv, GET /v1/impact/value
// ---------------------------------------------------------------------------------------------------------

type FlatRow = Partial<Record<(typeof INPUT_COLUMNS)[number], string>>;

/** A campaign and its one-window outage as a flat row: ranges as low..high, weights separated by spaces. */
function flatRow(c: CampaignModel, o: OutageModel): FlatRow {
  const cell = (v: Value | undefined) =>
    v === undefined ? undefined : typeof v === 'string' ? v : `${v.low}..${v.high}`;
  const w = o.spans[0] as Span;
  const row: FlatRow = {
    id: c.id,
    currency: c.currency,
    timeZone: c.timeZone,
    budgetAmount: c.amount,
    budgetPeriod: c.period,
    flightStart: c.flight?.start === undefined ? undefined : absolute(c.flight.start, 0),
    flightEnd: c.flight?.end === undefined ? undefined : absolute(c.flight.end, 345),
    deliveryProfile: c.profile === undefined ? undefined : c.profile === 'even' ? 'even' : c.profile.join(' '),
    ...Object.fromEntries(Object.entries(c.values).map(([k, v]) => [k, cell(v)])),
    recapture: cell(c.recovery?.recapture),
    overspendCap: c.recovery?.overspendCap,
    cpmPremium: cell(c.recovery?.cpmPremium),
    outageStart: absolute(w.start, o.offsets[0] ?? 0),
    outageEnd: absolute(w.end, o.offsets[1] ?? 0),
    outageTimeZone: o.timeZone,
    deliveryLoss: w.deliveryLoss,
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as FlatRow;
}

/** The same campaign as POST /v1/impact takes it, written independently of schemas/batch.ts. */
function flatRowAsImpact(c: CampaignModel, o: OutageModel): Record<string, unknown> {
  const plain: CampaignModel = { ...c, values: { ...c.values }, styles: ['string'] };
  if (c.recovery) plain.recovery = { ...c.recovery };
  return { outage: outageJson({ ...o, spans: o.spans.slice(0, 1) }), campaigns: [campaignJson(plain)] };
}

const oneWindowOutage = outageModel.map((o) => ({ ...o, spans: o.spans.slice(0, 1) }));
const flatCase = oneWindowOutage.chain((o) => campaignModel(o, true).map((c) => ({ c, o, row: flatRow(c, o) })));

function csvOf(rows: FlatRow[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v);
  return (
    [INPUT_COLUMNS.join(','), ...rows.map((r) => INPUT_COLUMNS.map((k) => quote(r[k] ?? '')).join(','))].join('\r\n') +
    '\r\n'
  );
}

/**
 * A result column of a batch row, from POST /v1/impact's answer for the same campaign: a metric, or
 * `<metric>Low` / `<metric>High`, the ends of its range (the metric itself when nothing is a range).
 */
function resultOf(c: CampaignResult, column: string): string | null {
  const fields = c as unknown as Record<string, string | null>;
  const end = /^(.+)(Low|High)$/.exec(column);
  if (column in fields || !end) return fields[column] ?? null;
  const metric = end[1] as string;
  const range = (c.ranges as Record<string, { low: string; high: string } | null | undefined> | undefined)?.[metric];
  if (range === undefined) return fields[metric] ?? null;
  return range === null ? null : end[2] === 'Low' ? range.low : range.high;
}

const queryOf = (row: FlatRow, extra: Record<string, string> = {}) =>
  new URLSearchParams({ ...row, ...extra } as Record<string, string>).toString();

describe('spreadsheet endpoints with valid rows', () => {
  it(
    'computes every valid row of a JSON batch exactly as POST /v1/impact does, and the CSV batch and GET formulas agree',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(flatCase, { minLength: 1, maxLength: 4 }),
          fc.constantFrom(...RESULT_COLUMNS),
          async (cases, metric) => {
            const json = BatchJsonResponse.parse(
              await expectOk(
                await postJson('/v1/impact/batch', { rows: cases.map((k) => k.row) }),
                JSON.stringify(cases.map((k) => k.row)),
              ),
            );
            expect(json.rows).toHaveLength(cases.length);
            for (const [i, { c, o, row }] of cases.entries()) {
              const out = json.rows[i] as (typeof json.rows)[number];
              expect(out.error, JSON.stringify(row)).toBeNull();
              for (const k of INPUT_COLUMNS) expect(out[k]).toBe(row[k] ?? '');
              const [campaign] = (await impact(flatRowAsImpact(c, o), 'the row as JSON')).campaigns;
              for (const k of RESULT_COLUMNS) expect(out[k], k).toBe(resultOf(campaign as CampaignResult, k));
            }

            // The same rows as text/csv: a CSV answer with the same cells (null is an empty cell).
            const res = await call('POST', '/v1/impact/batch', {
              body: csvOf(cases.map((k) => k.row)),
              contentType: 'text/csv',
            });
            expect(res.status).toBe(200);
            expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
            const [header, ...records] = parseCsv(await res.text());
            expect(header).toEqual([...INPUT_COLUMNS, ...RESULT_COLUMNS, 'error', 'warnings']);
            records.forEach((record, i) =>
              expect(record).toEqual(
                (header as string[]).map((k) => (json.rows[i] as Record<string, string | null>)[k] ?? ''),
              ),
            );

            // The first row as the query of the formula endpoints.
            const first = json.rows[0] as Record<string, string | null>;
            const csv = await call('GET', `/v1/impact.csv?${queryOf(cases[0]?.row as FlatRow)}`);
            expect(csv.status).toBe(200);
            expect(parseCsv(await csv.text())[1]).toEqual(records[0]);
            const value = await call('GET', `/v1/impact/value?${queryOf(cases[0]?.row as FlatRow, { metric })}`);
            if (first[metric] === null) {
              await expectProblem(value, `value of undetermined ${metric}`);
            } else {
              expect(value.status).toBe(200);
              expect(value.headers.get('content-type')).toMatch(/^text\/plain/);
              expect(await value.text()).toBe(first[metric]);
            }
          },
        ),
        settings(30),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------------------
// The documents
// ---------------------------------------------------------------------------------------------------------

describe('GET /health, /openapi.json, /docs, /v1/impact/template.csv and /problems/*', () => {
  it('answer 200 with their documents', async () => {
    HealthResponse.parse(await expectOk(await call('GET', '/health')));
    const doc = (await expectOk(await call('GET', '/openapi.json'))) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\.1/);
    const docs = await call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    for (const bom of ['', '?bom=1', '?bom=0']) {
      const template = await call('GET', `/v1/impact/template.csv${bom}`);
      expect(template.status).toBe(200);
      expect(parseCsv(await template.text())[0]).toEqual([...INPUT_COLUMNS]);
    }
    for (const [slug, type] of Object.entries(PROBLEM_TYPES)) {
      const res = await call('GET', `/problems/${slug}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ type: `/problems/${slug}`, title: type.title, status: type.status });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hostile input: always a 4xx problem, never a 5xx
// ---------------------------------------------------------------------------------------------------------

/**
 * Values to put in place of any field, as raw JSON text (so that `1e400`, `-0` and 400-digit numbers reach
 * the Worker as written). `invalid` ones are wrong for every field of the three JSON endpoints; the others
 * (`-0`, `"\u0000"`, `{}`, …) are right for some fields, where a 200 is the right answer.
 */
const HOSTILE_VALUES: { text: string; invalid?: true }[] = [
  { text: '1e400', invalid: true },
  { text: '-1e400', invalid: true },
  { text: '"1e400"' },
  { text: '"-1e400"' },
  { text: 'null', invalid: true },
  { text: '-0' },
  { text: '"-0"' },
  { text: '-0.0e-0' },
  { text: '"\\u0000"' },
  { text: '"12\\u00003"' },
  { text: '"9.50\\u0000"' },
  { text: '{"\\u0000":1}', invalid: true },
  { text: '9'.repeat(400), invalid: true },
  { text: `"${'9'.repeat(400)}"`, invalid: true },
  { text: `-${'9'.repeat(400)}`, invalid: true },
  { text: `0.${'0'.repeat(400)}1` },
  { text: `"0.${'0'.repeat(400)}1"` },
  { text: '"1e-999999"' },
  { text: '"1e-9000000000000000"' },
  { text: '"1e+9000000000000000"' },
  { text: '1e-320' },
  { text: `"${'9'.repeat(60)}"` },
  { text: '9'.repeat(60), invalid: true },
  { text: `"0.${'0'.repeat(61)}1"` },
  { text: '"NaN"' },
  { text: '"Infinity"' },
  { text: '"-Infinity"' },
  { text: '""' },
  { text: '"  "' },
  { text: '"0x1F"' },
  { text: '"1_000"' },
  { text: '"１２"' },
  { text: '"1e"' },
  { text: '"--1"' },
  { text: '"."' },
  { text: 'true' },
  { text: 'false' },
  { text: '[]' },
  { text: '{}' },
  { text: '[[[[[1]]]]]', invalid: true },
  { text: '"\\ud800"' },
  { text: '"2021-02-29T00:00:00Z"' },
  { text: '"2021-10-04T24:00:00Z"' },
  { text: '"2021-10-04T10:00:00+24:00"' },
  { text: '"10000-01-01T00:00:00Z"' },
  { text: '"+05:00"' },
  { text: '"Etc/GMT+5"' },
  { text: '"../../etc/passwd"' },
  { text: '"__proto__"' },
  { text: '"=HYPERLINK(\\"http://x\\")"' },
  { text: '{"low":"1","high":"1e400"}' },
  { text: '{"low":"-1","high":"1"}' },
  { text: '{"low":"1","high":"2","base":"3"}' },
  { text: '{"low":"1e-999999","high":"1"}' },
  { text: '{"quarter":"2021-Q2","year":2021}' },
  { text: `[${Array.from({ length: 24 }, () => '"1e-999999"').join(',')}]` },
  { text: `[${Array.from({ length: 168 }, () => '0').join(',')}]` },
  { text: `[${Array.from({ length: 24 }, () => '1e400').join(',')}]`, invalid: true },
];

const PLACEHOLDER = '\u0001hostile\u0001';

/** Every path into a JSON value: the root, each key of each object and each index of each array. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function objectPathsOf(value: unknown): (string | number)[][] {
  return pathsOf(value).filter((p) => {
    const node = p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], value);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
}

/** The JSON text of `value` with the node at `path` replaced by raw JSON text. */
function replacedAt(value: unknown, path: (string | number)[], raw: string): string {
  if (path.length === 0) return raw;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = PLACEHOLDER;
  return JSON.stringify(copy).replace(JSON.stringify(PLACEHOLDER), raw);
}

/** RFC 6901, to predict the pointer of an unknown key. */
const pointerOf = (path: (string | number)[]) =>
  path.map((t) => `/${String(t).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Every field name of every request schema: a generated unknown key must not be one of them. */
const KNOWN_KEYS = new Set(
  'outage campaigns options timeZone windows start end deliveryLoss id currency budget amount period flight deliveryProfile cpm ctr cpc cvr cpa aov roas grossMargin incrementality recovery recapture overspendCap cpmPremium pacingPeriod low base high explain timeline rounding revenue affectedShare trafficProfile profileTimeZone quarter year month days hours shareClasses name shares conversionRatio price before after changePercent benchmark beta holders revenueLoss rows'.split(
    ' ',
  ),
);
const unknownKey = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom(
      'cmp',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '',
      '\u0000',
      'a/b',
      '~',
      '~1',
      '~0/~1',
      'cpm\u0000',
      'CPM',
      ' cpm',
    ),
  )
  .filter((k) => !KNOWN_KEYS.has(k));

/** A valid body of each JSON endpoint, generated from the contract. */
const validBodies = fc.oneof(
  impactModel(2).map((m) => ({ path: '/v1/impact', body: impactJson(m) })),
  platformModel.map((m) => ({ path: '/v1/platform-loss', body: platformJson(m) })),
  marketCapModel.map((m) => ({ path: '/v1/market-cap', body: marketCapJson(m) })),
);

const RESPONSE_SCHEMAS = {
  '/v1/impact': ImpactResponse,
  '/v1/platform-loss': PlatformLossResponse,
  '/v1/market-cap': MarketCapResponse,
} as Record<string, { parse: (v: unknown) => unknown }>;

describe('hostile JSON bodies', () => {
  it(
    'answers a wrong value at any field with a 4xx problem, or with a 200 where the value happens to be valid there',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          validBodies,
          fc.nat(),
          fc.constantFrom(...HOSTILE_VALUES),
          async ({ path, body }, pick, hostile) => {
            const paths = pathsOf(body);
            const at = paths[pick % paths.length] as (string | number)[];
            const text = replacedAt(body, at, hostile.text);
            const res = await postText(path, text);
            const label = `${path} ${pointerOf(at)} = ${hostile.text.slice(0, 80)}`;
            if (hostile.invalid) await expectProblem(res, label);
            else await expectOkOrProblem(res, (json) => RESPONSE_SCHEMAS[path]?.parse(json), label);
          },
        ),
        settings(400),
      );
    },
    TIMEOUT,
  );

  it(
    'answers every hostile value at every field of one request of each endpoint without a 5xx',
    async () => {
      const bodies = fc.sample(validBodies, { seed: SEED, numRuns: 3 });
      for (const { path, body } of bodies) {
        for (const at of pathsOf(body)) {
          for (const hostile of HOSTILE_VALUES) {
            const res = await postText(path, replacedAt(body, at, hostile.text));
            const label = `${path} ${pointerOf(at)} = ${hostile.text.slice(0, 80)}`;
            if (hostile.invalid) await expectProblem(res, label);
            else await expectOkOrProblem(res, (json) => RESPONSE_SCHEMAS[path]?.parse(json), label);
          }
        }
      }
    },
    TIMEOUT,
  );

  it(
    'names an unknown field, however it is spelled (NUL, "/", "~", __proto__), by its own JSON Pointer',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          validBodies,
          fc.nat(),
          unknownKey,
          fc.jsonValue({ maxDepth: 2 }),
          async ({ path, body }, pick, key, value) => {
            const objects = objectPathsOf(body);
            const at = objects[pick % objects.length] as (string | number)[];
            const node = structuredClone(body) as Record<string, unknown>;
            const target = at.reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, node);
            Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
            const problem = await expectProblem(
              await postText(path, JSON.stringify(node)),
              `${path} ${pointerOf([...at, key])}`,
            );
            expect(res422(problem)).toBe(true);
            expect(problem.errors.map((e) => e.pointer)).toContain(pointerOf([...at, key]));
          },
        ),
        settings(200),
      );
    },
    TIMEOUT,
  );

  it(
    'answers random JSON values, random text and random bytes with a 4xx problem, whatever the content type',
    async () => {
      const contentType = fc.oneof(
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'text/csv',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/problem+json',
          'application/vnd.api+json',
          'application/json; charset=utf-16',
          '',
        ),
        fc.string({ maxLength: 30 }),
      );
      const body = fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.uint8Array({ maxLength: 300 }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('/v1/impact', '/v1/platform-loss', '/v1/market-cap', '/v1/impact/batch'),
          body,
          contentType,
          async (path, payload, type) => {
            const res = await call('POST', path, { body: payload, contentType: type });
            const label = `${path} ${type} ${typeof payload === 'string' ? payload.slice(0, 200) : `${payload.length} bytes`}`;
            // A batch of rows that are each wrong is still a 200, with an error per row.
            if (path === '/v1/impact/batch' && res.status === 200) return;
            await expectProblem(res, label);
          },
        ),
        settings(300),
      );
    },
    TIMEOUT,
  );

  it(
    'answers a valid body under any content type with a 200 or a 4xx problem',
    async () => {
      const contentType = fc.oneof(
        fc.constantFrom(
          'application/json;charset=UTF-8',
          'application/json ; foo=bar',
          'text/json',
          'application/ld+json',
          'text/plain',
          'application/octet-stream',
        ),
        fc.string({ maxLength: 30 }),
      );
      await fc.assert(
        fc.asyncProperty(validBodies, contentType, async ({ path, body }, type) => {
          await expectOkOrProblem(
            await call('POST', path, { body: JSON.stringify(body), contentType: type }),
            (json) => RESPONSE_SCHEMAS[path]?.parse(json),
            `${path} ${type}`,
          );
        }),
        settings(100),
      );
    },
    TIMEOUT,
  );
});

function res422(problem: Problem): boolean {
  return problem.status === 422 && problem.type === '/problems/validation';
}

describe('hostile sizes and nesting', () => {
  const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;
  const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it(
    'refuses 10,000 levels of nesting, as the body and inside a field, with a 4xx problem',
    async () => {
      const [sample] = fc.sample(validBodies, { seed: SEED, numRuns: 1 });
      for (const path of ['/v1/impact', '/v1/platform-loss', '/v1/market-cap', '/v1/impact/batch']) {
        for (const text of [
          nested(10_000),
          nestedObjects(10_000),
          nested(10_000).slice(0, 10_000),
          `{"rows":${nested(5_000)}}`,
          replacedAt(sample?.body, ['campaigns'], nested(10_000)),
          replacedAt(sample?.body, [], nestedObjects(40)),
        ]) {
          await expectProblem(await postText(path, text), `${path} ${text.slice(0, 40)}`);
        }
      }
    },
    TIMEOUT,
  );

  it(
    'refuses 2,000 campaigns, 200 windows, 10,000 profile weights (more are a 413, test/api/bounds.test.ts), 101 share classes and 1,001 holders with a 422',
    async () => {
      const [impactBody] = fc.sample(impactModel(1).map(impactJson), { seed: SEED, numRuns: 1 }) as Record<
        string,
        unknown
      >[];
      const campaign = (impactBody?.campaigns as unknown[])[0];
      const window = (impactBody?.outage as { windows: unknown[] }).windows[0];
      const cases: [string, unknown, string][] = [
        ['/v1/impact', { ...impactBody, campaigns: Array.from({ length: 2_000 }, () => campaign) }, '/campaigns'],
        [
          '/v1/impact',
          { ...impactBody, outage: { windows: Array.from({ length: 200 }, () => window) } },
          '/outage/windows',
        ],
        [
          '/v1/impact',
          {
            ...impactBody,
            campaigns: [{ ...(campaign as object), deliveryProfile: Array.from({ length: 10_000 }, () => '1') }],
          },
          '/campaigns/0/deliveryProfile',
        ],
        [
          '/v1/market-cap',
          { shareClasses: Array.from({ length: 101 }, () => ({ shares: '1' })), price: { before: '1', after: '2' } },
          '/shareClasses',
        ],
        [
          '/v1/market-cap',
          {
            shareClasses: [{ shares: '1' }],
            price: { before: '1', after: '2' },
            holders: Array.from({ length: 1_001 }, () => ({ shares: '1' })),
          },
          '/holders',
        ],
      ];
      for (const [path, body, pointer] of cases) {
        const problem = await expectProblem(await postJson(path, body), `${path} ${pointer}`);
        expect(problem.status).toBe(422);
        expect(problem.errors.map((e) => e.pointer)).toContain(pointer);
      }
    },
    TIMEOUT,
  );

  it(
    'refuses a batch of 10,001 rows, as JSON and as CSV, with a 413',
    async () => {
      const row = {
        budgetAmount: '1',
        budgetPeriod: 'day',
        outageStart: '2021-10-04T10:00:00Z',
        outageEnd: '2021-10-04T11:00:00Z',
      };
      const json = await postJson('/v1/impact/batch', { rows: Array.from({ length: 10_001 }, () => row) });
      expect((await expectProblem(json)).status).toBe(413);
      const csv = `budgetAmount,budgetPeriod,outageStart,outageEnd\r\n${'1,day,2021-10-04T10:00:00Z,2021-10-04T11:00:00Z\r\n'.repeat(10_001)}`;
      expect((await expectProblem(await postText('/v1/impact/batch', csv, 'text/csv'))).status).toBe(413);
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------------------
// Hostile spreadsheets and queries
// ---------------------------------------------------------------------------------------------------------

/** Cells a spreadsheet might hold, good and bad. */
const cellText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '1200',
    '9.50',
    '0.011',
    '1..2',
    '2..1',
    '..',
    '1..2..3',
    'even',
    '1 2 3',
    '-1',
    '1e400',
    '1e-999999',
    '9'.repeat(60),
    '9'.repeat(400),
    'NaN',
    'day',
    'hour',
    'lifetime',
    'UTC',
    'Asia/Kathmandu',
    'Mars/Olympus',
    '2021-10-04T10:00:00Z',
    '2021-10-04T11:00:00Z',
    '2021-03-14T02:30:00',
    '=1+1',
    '@SUM(A1)',
    '\u0000',
    '"',
    'a,b',
    'line\nbreak',
    '\uFEFF',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  HOSTILE_VALUES.map((h) => fc.constant(h.text)).reduce((a, b) => fc.oneof(a, b)),
);
const columnName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INPUT_COLUMNS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

function checkBatchAnswer(json: unknown, rows: number): void {
  const parsed = BatchJsonResponse.parse(json);
  expect(parsed.rows).toHaveLength(rows);
  for (const row of parsed.rows) {
    if (row.error !== null) for (const k of RESULT_COLUMNS) expect(row[k]).toBeNull();
    for (const k of RESULT_COLUMNS) if (row[k] !== null) expect(row[k]).toMatch(DECIMAL_OUT);
  }
}

describe('hostile batches and queries', () => {
  it(
    'answers random JSON rows with a row error each, or a 4xx problem',
    async () => {
      const row = fc.dictionary(columnName, fc.oneof(cellText, fc.double(), fc.integer(), fc.constant(null)), {
        maxKeys: 10,
      });
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 5 }), async (rows) => {
          const res = await postJson('/v1/impact/batch', { rows });
          await expectOkOrProblem(
            res,
            (json) => checkBatchAnswer(json, rows.length),
            JSON.stringify(rows).slice(0, 300),
          );
        }),
        settings(200),
      );
    },
    TIMEOUT,
  );

  it(
    'answers random CSV text with CSV of one row per record, or a 4xx problem',
    async () => {
      const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
      const csvText = fc
        .record({
          bom: fc.boolean(),
          header: fc.uniqueArray(columnName, { minLength: 0, maxLength: 8 }),
          rows: fc.array(fc.array(fc.tuple(cellText, fc.boolean()), { maxLength: 9 }), { maxLength: 5 }),
          newline: fc.constantFrom('\r\n', '\n', '\r'),
        })
        .map(({ bom, header, rows, newline }) => {
          const line = (cells: [string, boolean][]) => cells.map(([c, q]) => (q ? quote(c) : c)).join(',');
          return `${bom ? '\uFEFF' : ''}${[header.join(','), ...rows.map(line)].join(newline)}${newline}`;
        });
      // The query fills empty outage cells: good values, bad ones, and parameters the batch does not take.
      const batchQuery = fc
        .dictionary(
          fc.constantFrom('outageStart', 'outageEnd', 'outageTimeZone', 'bom', 'key', 'cpm'),
          fc.oneof(cellText, fc.constantFrom('2021-10-04T10:00:00Z', '2021-10-04T12:00:00Z', '1', '0')),
          { maxKeys: 4 },
        )
        .map((q) => new URLSearchParams(q).toString());
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(csvText, fc.string({ maxLength: 300 })),
          fc.constantFrom(undefined, 'text/csv', 'application/json', '*/*', 'text/csv;q=0.1, application/json'),
          batchQuery,
          async (text, accept, query) => {
            const res = await call('POST', `/v1/impact/batch?${query}`, {
              body: text,
              contentType: 'text/csv',
              headers: accept ? { accept } : {},
            });
            if (res.status !== 200) {
              await expectProblem(res, JSON.stringify(text).slice(0, 300));
              return;
            }
            const answer = await res.text();
            if (res.headers.get('content-type')?.startsWith('application/json')) {
              BatchJsonResponse.parse(JSON.parse(answer));
              return;
            }
            const [header, ...records] = parseCsv(answer.replace(/^\uFEFF/, ''));
            expect(header).toEqual([...INPUT_COLUMNS, ...RESULT_COLUMNS, 'error', 'warnings']);
            for (const r of records) expect(r).toHaveLength(header?.length ?? 0);
          },
        ),
        settings(300),
      );
    },
    TIMEOUT,
  );

  it(
    'answers random query strings on every GET endpoint without a 5xx, problems with /query pointers',
    async () => {
      const encoded = fc
        .array(
          fc.tuple(
            fc.oneof(columnName, fc.constantFrom('metric', 'bom', 'key')),
            fc.oneof(cellText, fc.constantFrom(...RESULT_COLUMNS)),
          ),
          { maxLength: 8 },
        )
        .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
      // Raw text: malformed percent-escapes (%E0%A4%A, %ZZ), bare %, NUL, repeated keys.
      const raw = fc.oneof(
        fc.string({ maxLength: 60 }).map((s) => s.replace(/[#\s]/g, '')),
        fc.constantFrom(
          'cpm=%E0%A4%A',
          'cpm=%ZZ',
          '%',
          '%%',
          'metric=lostSpend&metric=lostRevenue',
          'budgetAmount=1&budgetAmount=2',
          '=',
          '&&&',
          'a=%00',
          `cpm=${'9'.repeat(9_000)}`,
        ),
      );
      const path = fc.constantFrom(
        '/v1/impact.csv',
        '/v1/impact/value',
        '/v1/impact/template.csv',
        '/health',
        '/openapi.json',
        '/docs',
        '/problems/validation',
      );
      await fc.assert(
        fc.asyncProperty(path, fc.oneof(encoded, raw), fc.constantFrom('GET', 'HEAD'), async (p, query, method) => {
          const res = await call(method, `${p}?${query}`);
          const label = `${method} ${p}?${query.slice(0, 200)}`;
          expect(res.status, label).toBeLessThan(500);
          if (res.status >= 400 && method === 'GET') {
            const problem = await expectProblem(res, label);
            if (problem.status === 422)
              for (const e of problem.errors) expect(e.pointer, label).toMatch(/^\/query(\/|$)/);
          }
        }),
        settings(300),
      );
    },
    TIMEOUT,
  );

  it(
    'answers random paths and methods with a 404 or 405 problem, never a 5xx',
    async () => {
      const segment = fc.oneof(
        fc.constantFrom(
          'v1',
          'impact',
          'batch',
          'value',
          'impact.csv',
          'template.csv',
          'problems',
          'health',
          'docs',
          'openapi.json',
          'platform-loss',
          'market-cap',
          '..',
          '%2e%2e',
          '%00',
          '__proto__',
          'constructor',
          '',
        ),
        fc.webSegment(),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 1, maxLength: 4 }),
          fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
          async (segments, method) => {
            const path = `/${segments.join('/')}`;
            const res = await call(
              method,
              path,
              method === 'GET' || method === 'HEAD' ? {} : { body: '{}', contentType: 'application/json' },
            );
            const label = `${method} ${path}`;
            expect(res.status, label).toBeLessThan(500);
            if (res.status >= 400 && method !== 'HEAD') await expectProblem(res, label);
          },
        ),
        settings(300),
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
  it('answers GET on every problem type the fuzzing met', async () => {
    for (const type of problemTypesSeen) expect((await call('GET', type)).status, type).toBe(200);
    expect(problemTypesSeen.size).toBeGreaterThan(0);
  });
});
