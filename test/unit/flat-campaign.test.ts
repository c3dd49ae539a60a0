import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { INPUT_COLUMNS } from '../../schemas/batch';
import { flatCampaignSpec } from '../../schemas/flat-campaign';
import { CampaignInput } from '../../schemas/impact';
import { type FlatRow, parseFlatRow } from '../../src/csv/flat-row';

/**
 * A batch row's campaign is read without zod when it has the plain shape (schemas/flat-campaign.ts). These
 * tests hold that reading to CampaignInput: on generated rows (good and bad cells in every column), the fast
 * reading gives a spec only when CampaignInput accepts the row's campaign, and then the very same spec; and
 * parseFlatRow, whichever reading it takes, answers exactly as CampaignInput (the same issues when refused).
 */

/** Cells for each campaign column: [usual values (the empty cell among them), values CampaignInput refuses]. */
const CELLS: Partial<Record<(typeof INPUT_COLUMNS)[number], [string[], string[]]>> = {
  id: [['a', '', ' padded '], ['x'.repeat(201)]],
  currency: [
    ['USD', 'EUR', 'JPY', ''],
    ['XYZ', 'usd'],
  ],
  timeZone: [
    ['', 'UTC', 'America/New_York', 'europe/berlin'],
    ['Mars/Olympus', '+05:00'],
  ],
  budgetAmount: [
    ['1000', '250.5'],
    ['', '0', '-5', '1e16', '12%'],
  ],
  budgetPeriod: [
    ['day', 'week', 'hour', 'month'],
    ['lifetime', '', 'year'],
  ],
  flightStart: [
    ['', '', '2021-09-01T00:00:00'],
    ['2021-10-04T12:00:00Z', 'soon'],
  ],
  flightEnd: [
    ['', '', '2021-10-31T00:00:00'],
    ['2021-08-01T00:00:00', '2021-03-14T02:30:00'],
  ],
  deliveryProfile: [
    ['', 'even', Array.from({ length: 24 }, (_, i) => (i % 5) + 1).join(' ')],
    ['1 2 3', '0 '.repeat(24)],
  ],
  cpm: [
    ['9.50', '7.80', ''],
    ['8..12', '0', '12%', '1e-13'],
  ],
  ctr: [
    ['0.011', '0.92%', ''],
    ['0.92', '0.01..0.02', '2', '1'],
  ],
  cpc: [
    ['', '', '0.85'],
    ['0.95', '0.863636'],
  ],
  cvr: [
    ['0.03', '', '3%'],
    ['0.6', '0'],
  ],
  cpa: [
    ['', ''],
    ['28.79', '30'],
  ],
  aov: [['72', '', '64.5'], ['1e16']],
  roas: [
    ['', ''],
    ['2.5', '2.4', '2e9'],
  ],
  grossMargin: [
    ['', '0.4', '40%'],
    ['1.5', '0.3..0.5'],
  ],
  incrementality: [['', '1', '0.5', '50%'], ['2']],
  recapture: [
    ['', '0.5'],
    ['1.5', '0.2..0.4'],
  ],
  overspendCap: [['', '0.75', '2'], ['11']],
  cpmPremium: [['', '0.1', '10%'], ['11']],
  spendAmount: [[''], ['840', '0', 'x']],
  spendStart: [[''], ['2021-09-27T00:00:00', 'never']],
  spendEnd: [[''], ['2021-10-04T00:00:00', '2021-09-01T00:00:00']],
  conversionEvent: [['', 'purchase'], ['x'.repeat(101)]],
};

const row = fc.record(
  Object.fromEntries(
    Object.entries(CELLS).map(([column, [usual, odd] = [[], []]]) => [
      column,
      fc.oneof({ arbitrary: fc.constantFrom(...usual), weight: 30 }, { arbitrary: fc.constantFrom(...odd), weight: 1 }),
    ]),
  ),
) as fc.Arbitrary<FlatRow>;

describe("a batch row's campaign read without zod", () => {
  it('gives a spec only when CampaignInput accepts the campaign, and the very same spec', () => {
    let fast = 0;
    let refused = 0;
    fc.assert(
      fc.property(row, (cells) => {
        // The campaign JSON the flat-row adapter builds, as parseFlatRow hands it to the schema.
        const { campaign } = parseFlatRow({
          ...cells,
          outageStart: '2021-10-04T15:00:00Z',
          outageEnd: '2021-10-04T16:00:00Z',
        });
        const json = campaignJsonOf(cells);
        const spec = flatCampaignSpec(json);
        const zod = CampaignInput.safeParse(json);
        // A spec only for what CampaignInput accepts (a range is left to CampaignInput even when it is good).
        if (!zod.success) expect(spec).toBeUndefined();
        if (spec) expect(spec).toEqual(zod.data);
        // parseFlatRow answers the same as the schema, whichever reading it took.
        expect(campaign.success).toBe(zod.success);
        if (campaign.success) expect(campaign.data).toEqual(zod.data);
        else expect(campaign.error.issues).toEqual(zod.error?.issues);
        if (spec) fast++;
        else refused++;
      }),
      { numRuns: 1_500, seed: 20261205 },
    );
    expect(fast).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  }, 120_000);
});

/** The campaign JSON of a flat row, built as src/csv/flat-row.ts builds it (checked against it above). */
function campaignJsonOf(cells: FlatRow): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  const set = (path: string[], value: unknown) => {
    let node = json;
    for (const key of path.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = value;
  };
  const paths: Record<string, string[]> = {
    budgetAmount: ['budget', 'amount'],
    budgetPeriod: ['budget', 'period'],
    flightStart: ['flight', 'start'],
    flightEnd: ['flight', 'end'],
    recapture: ['recovery', 'recapture'],
    overspendCap: ['recovery', 'overspendCap'],
    cpmPremium: ['recovery', 'cpmPremium'],
    spendAmount: ['spend', 'amount'],
    spendStart: ['spend', 'start'],
    spendEnd: ['spend', 'end'],
  };
  const ranges = new Set(['cpm', 'ctr', 'cpc', 'cvr', 'cpa', 'aov', 'roas', 'grossMargin', 'incrementality']);
  for (const [column, raw] of Object.entries(cells)) {
    if (raw === undefined || raw.trim() === '') continue;
    const text = column === 'id' ? raw : raw.trim();
    const path = paths[column] ?? [column];
    let value: unknown = text;
    if ((ranges.has(column) || column === 'recapture' || column === 'cpmPremium') && text.includes('..')) {
      const [low = '', high = ''] = text.split('..');
      value = { low: low.trim(), high: high.trim() };
    } else if (column === 'deliveryProfile' && text !== 'even') value = text.split(/\s+/);
    set(path, value);
  }
  return json;
}
