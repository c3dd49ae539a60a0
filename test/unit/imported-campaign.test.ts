import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CampaignInput } from '../../schemas/impact';
import { type ImportSettings, importedCampaignSpec } from '../../schemas/imported-campaign';
import { campaignJson, type ImportedCampaign, importedFields } from '../../src/csv/import/campaign';
import { readExport } from '../../src/csv/import/read';
import { D } from '../../src/engine/decimal';

/**
 * The import reads its campaigns without zod when every field is plainly valid (schemas/imported-campaign.ts).
 * These tests hold it to CampaignInput: for every campaign, the fast reading gives a spec exactly when
 * CampaignInput accepts the campaign's JSON (as the import wrote it before), and then the very same spec,
 * Decimal for Decimal. A campaign it leaves is parsed by CampaignInput, so its problems read as they did.
 */

/** CampaignInput's answer for the campaign JSON the import builds, with the query's recovery and margin. */
function throughZod(c: ImportedCampaign, s: ImportSettings) {
  const { fields } = importedFields(c);
  const json = campaignJson(fields, s.timeZone);
  json.recovery = {
    ...(s.weekStartsOn ? { weekStartsOn: s.weekStartsOn } : {}),
    ...(s.recapture ? { recapture: s.recapture } : {}),
  };
  if (s.grossMargin) json.grossMargin = s.grossMargin;
  return CampaignInput.safeParse(json);
}

/** Both readings of one campaign agree: the same acceptance, and the same spec when accepted. */
function expectSameReading(c: ImportedCampaign, s: ImportSettings): boolean {
  const { fields, errors } = importedFields(c);
  if (errors.length) return false;
  const fast = importedCampaignSpec(fields, s);
  const zod = throughZod(c, s);
  expect(fast !== undefined, JSON.stringify(zod.error?.issues ?? [])).toBe(zod.success);
  if (fast) expect(fast).toEqual(zod.data);
  return fast !== undefined;
}

describe('an imported campaign read without zod', () => {
  it('reads every campaign of the import fixtures as CampaignInput does', () => {
    const dir = 'test/fixtures/import';
    let fast = 0;
    for (const file of readdirSync(dir)) {
      const read = readExport(new Uint8Array(readFileSync(`${dir}/${file}`)), 'auto', 10_000);
      if ('problem' in read) throw new Error(`${file}: ${read.problem.detail}`);
      for (const c of read.campaigns) {
        for (const s of [
          { timeZone: 'UTC' },
          { timeZone: 'Europe/Berlin', weekStartsOn: 'sunday', recapture: '50%', grossMargin: '0.4' } as const,
        ])
          if (expectSameReading(c, s)) fast++;
      }
    }
    // The fixtures' good campaigns (the hourly one, with its profile, among them) take the fast reading.
    expect(fast).toBeGreaterThan(10);
  });

  it('refuses exactly what CampaignInput refuses, on generated figures (edges included)', () => {
    // Figures around every bound: 0, 1e-13 (under 1e-12 once divided), ratios over 1 (more clicks than
    // impressions), spend over 1e15, 26-digit totals, zones and currencies that do not exist, long names.
    const edge = fc.constantFrom('0', '1', '0.5', '1e-13', '3', '7', '1000', '2e15', '1234567890123456789012345.6');
    /** Mostly the usual value, sometimes one CampaignInput refuses. */
    const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: usual, weight: 6 }, { arbitrary: odd, weight: 1 });
    // Funnel totals in their usual order (impressions > clicks > conversions), sometimes an edge instead.
    const between = (min: number, max: number) => mostly(fc.integer({ min, max }).map(String), edge);
    const campaign = fc.record({
      name: mostly(fc.constantFrom('Spring sale', ''), fc.constant('x'.repeat(201))),
      currency: mostly(fc.constantFrom('EUR', 'USD', undefined), fc.constant('XYZ')),
      conversionEvent: fc.constantFrom('purchase', 'lead', undefined),
      spent: between(1, 100_000),
      impressions: fc.option(between(100_000, 10_000_000), { nil: undefined }),
      clicks: fc.option(between(100, 10_000), { nil: undefined }),
      conversions: fc.option(between(1, 99), { nil: undefined }),
      conversionValue: fc.option(between(1, 1_000_000), { nil: undefined }),
      hourly: fc.option(fc.array(fc.constantFrom('0', '1', '2.5', '1e7'), { minLength: 24, maxLength: 24 }), {
        nil: undefined,
      }),
      end: fc.constantFrom('2024-02-29', '2024-03-31', '2024-10-27'),
    });
    const settings = fc.record({
      timeZone: mostly(fc.constantFrom('UTC', 'Europe/Berlin', 'europe/berlin'), fc.constant('Mars/Olympus')),
      weekStartsOn: fc.constantFrom('sunday' as const, undefined),
      recapture: fc.constantFrom('0.5', '50%', undefined),
      grossMargin: fc.constantFrom('0.4', '40%', undefined),
    });
    let fast = 0;
    let refused = 0;
    fc.assert(
      fc.property(campaign, settings, (g, raw) => {
        const s: ImportSettings = {
          timeZone: raw.timeZone,
          ...(raw.weekStartsOn ? { weekStartsOn: raw.weekStartsOn } : {}),
          ...(raw.recapture ? { recapture: raw.recapture } : {}),
          ...(raw.grossMargin ? { grossMargin: raw.grossMargin } : {}),
        };
        const c: ImportedCampaign = {
          name: g.name,
          line: 2,
          ...(g.currency ? { currency: g.currency } : {}),
          ...(g.conversionEvent ? { conversionEvent: g.conversionEvent } : {}),
          period: { start: '2024-02-01', end: g.end },
          spent: new D(g.spent),
          ...(g.impressions ? { impressions: new D(g.impressions) } : {}),
          ...(g.clicks ? { clicks: new D(g.clicks) } : {}),
          ...(g.conversions ? { conversions: new D(g.conversions) } : {}),
          ...(g.conversionValue ? { conversionValue: new D(g.conversionValue) } : {}),
          ...(g.hourly ? { hourSpend: g.hourly.map((w) => new D(w)) } : {}),
          warnings: [],
          errors: [],
        };
        if (expectSameReading(c, s)) fast++;
        else refused++;
      }),
      { numRuns: 1_000, seed: 20261205 },
    );
    // Both sides were exercised.
    expect(fast).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  }, 60_000);
});
