import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

// The import's outage query parameters are read by the flat-row adapter of the batch (src/csv/flat-row.ts):
// each problem is named by the query parameter that fed it.

const EXPORT =
  '"Reporting starts","Reporting ends","Campaign name","Amount spent (EUR)",Impressions,"Link clicks",' +
  'Results,"Result indicator"\n2024-02-26,2024-03-03,"Spring sale",840.00,107692,992,31,' +
  'actions:offsite_conversion.fb_pixel_purchase\n';

async function pointers(query: string): Promise<string[]> {
  const res = await exports.default.fetch(`http://localhost/v1/impact/import?timeZone=UTC&${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: EXPORT,
  });
  expect(res.status).toBe(422);
  const body = (await res.json()) as { errors: { pointer: string }[] };
  return body.errors.map((e) => e.pointer);
}

describe('POST /v1/impact/import: outage problems at their query parameters', () => {
  it('names the time zone, the end and the delivery loss by their own parameters', async () => {
    const window = 'outageStart=2024-03-05T15:00:00&outageEnd=2024-03-05T17:00:00';
    expect(await pointers(`${window}&outageTimeZone=Mars/Olympus`)).toEqual(['/query/outageTimeZone']);
    expect(await pointers('outageStart=2024-03-05T17:00:00Z&outageEnd=2024-03-05T15:00:00Z')).toEqual([
      '/query/outageEnd',
    ]);
    expect(await pointers(`${window}&deliveryLoss=2`)).toEqual(['/query/deliveryLoss']);
  });

  it('names outage= for an unknown catalogue id, and deliveryLoss with a catalogue outage', async () => {
    expect(await pointers('outage=meta-1999-01-01')).toEqual(['/query/outage']);
    expect(await pointers('outage=meta-2024-03-05&deliveryLoss=1.5')).toEqual(['/query/deliveryLoss']);
  });
});
