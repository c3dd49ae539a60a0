import fc from 'fast-check';
import { decimalIn, render, STYLES, weights } from './numbers';
import { outageJson, outageModel } from './outage';
import { DAY, HOUR, zone } from './time';

// POST /v1/platform-loss bodies, with the hours each revenue period must count.

/** Every period form of DESIGN.md section 5, with the hours it must count (calendar forms: real UTC days). */
export const revenuePeriod: fc.Arbitrary<{ json: Record<string, unknown>; hours: string }> = fc.oneof(
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

export const platformModel = fc.record({
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
export type PlatformModel = typeof platformModel extends fc.Arbitrary<infer T> ? T : never;

export function platformJson(m: PlatformModel, amount = m.amount, outage = m.outage): Record<string, unknown> {
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
