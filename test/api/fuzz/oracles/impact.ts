import { expect } from 'vitest';
import type { CampaignResult, ImpactResponse } from '../../../../schemas/impact';
import { FUNNEL_KEYS } from '../arbitraries/impact';
import { X } from '../exact';
import { expectDecimal, expectWithinUnits, MONEY_PLACES, placesOf } from './numbers';

// The invariants every POST /v1/impact answer keeps, checked by arithmetic of their own.

export const MONEY_FIELDS = [
  'plannedSpend',
  'lostSpend',
  'recapturedSpend',
  'netLostSpend',
  'lostRevenue',
  'lostGrossProfit',
  'netContributionChange',
] as const;
export const COUNT_FIELDS = ['lostImpressions', 'lostClicks', 'lostConversions'] as const;
export const OUTPUT_FIELDS = [...MONEY_FIELDS, ...COUNT_FIELDS] as const;

export function checkCampaign(c: CampaignResult, input: Record<string, unknown>, body: Record<string, unknown>): void {
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
export function checkTotals(res: ImpactResponse): void {
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
