import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ImportJsonResponse } from '../../schemas/import';
import { parseCsv } from '../../src/csv/parse';
import metaEur from '../fixtures/import/meta-eur.csv?raw';
import openapi from '../../openapi.json';

// POST /v1/impact/import without `timeZone`: the contract's default (UTC) is used, and the answer says so once,
// not on every row. The fixture has three campaigns (Spring sale, Brand awareness, Broken pixel).

const OUTAGE = 'outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:00:00Z';
const UTC_ASSUMED = "the ad account's time zone is not in the export; UTC was assumed (set timeZone)";

const post = (query: string, accept = 'application/json') =>
  exports.default.fetch(`http://localhost/v1/impact/import?${query}`, {
    method: 'POST',
    headers: { accept, 'content-type': 'text/csv' },
    body: metaEur,
  });

async function json(query: string) {
  const res = await post(query);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return ImportJsonResponse.parse(JSON.parse(text));
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('the import without timeZone', () => {
  it('says once, in the top-level warnings, that UTC was assumed', async () => {
    const body = await json(OUTAGE);
    expect(body.warnings).toEqual([{ pointer: '/query/timeZone', detail: UTC_ASSUMED }]);
    for (const row of body.rows) expect(row.warnings).not.toContain('UTC was assumed');
  });

  it('answers exactly as with timeZone=UTC, apart from that warning', async () => {
    const { warnings, ...assumed } = await json(OUTAGE);
    const given = await json(`${OUTAGE}&timeZone=UTC`);
    expect(warnings).toHaveLength(1);
    expect(given.warnings).toBeUndefined();
    // Spring sale: 840 over 7 whole UTC days = 120.00 a day; 2 h of it = 10.00 (the same with either query).
    expect(assumed.rows[0]).toMatchObject({ spendPerDay: '120.00', plannedSpend: '10.00' });
    expect(assumed).toEqual(given);
  });

  it('has no top-level warnings when the zone is given', async () => {
    const body = await json(`${OUTAGE}&timeZone=Europe/Berlin`);
    expect(body.warnings).toBeUndefined();
    for (const row of body.rows) expect(row.warnings).not.toContain('UTC was assumed');
  });

  it('writes the warning once in a CSV answer, first in the first row', async () => {
    const res = await post(OUTAGE, 'text/csv');
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(occurrences(text, 'UTC was assumed')).toBe(1);
    const [header = [], first = [], second = []] = parseCsv(text);
    const warnings = header.indexOf('warnings');
    expect(first[warnings]).toBe(UTC_ASSUMED);
    // Brand awareness keeps its own warning, and only it: its results (reach) are not conversions.
    expect(second[warnings]).toMatch(/^the results \(reach\) are not conversions/);
  });

  it('shows the default in openapi.json', () => {
    const op = (openapi.paths as Record<string, { post?: { parameters?: { name: string; schema?: object }[] } }>)[
      '/v1/impact/import'
    ]?.post;
    const zone = op?.parameters?.find((p) => p.name === 'timeZone');
    expect(zone?.schema).toMatchObject({ type: 'string', default: 'UTC' });
  });
});
