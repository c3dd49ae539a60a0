import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import metaEur from '../fixtures/import/meta-eur.csv?raw';

// A `timeZone` query parameter that names no IANA zone is the request's problem, not every row's: one 422 at
// /query/timeZone before any row is read (it used to answer 200 with the same error on each of the rows).

const OUTAGE = 'outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:00:00Z';
const MESSAGE = 'must be an IANA time-zone name such as "America/New_York" or "UTC"';

const post = (zone: string) =>
  exports.default.fetch(`http://localhost/v1/impact/import?${OUTAGE}&timeZone=${encodeURIComponent(zone)}`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'text/csv' },
    body: metaEur,
  });

describe('the import with a timeZone that is not a zone', () => {
  for (const [label, zone] of [
    ['empty', ''],
    ['a space', ' '],
    ['unknown', 'Mars/Olympus'],
    ['an offset, not a name', '+05:00'],
    // Over the 64-character limit: one problem, not the length's and the name's both.
    ['100 characters', 'x'.repeat(100)],
  ] as const) {
    it(`refuses ${label} with one 422 at /query/timeZone`, async () => {
      const res = await post(zone);
      const text = await res.text();
      expect(res.status, text).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(text).errors).toEqual([{ pointer: '/query/timeZone', detail: MESSAGE }]);
    });
  }

  it('still takes a zone in any casing, as Intl matches names', async () => {
    const res = await post('europe/berlin');
    expect(res.status, await res.text()).toBe(200);
  });
});
