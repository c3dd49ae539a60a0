import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { wantsCsv } from '../../src/http/accept';

// The answer format of the batch and import endpoints from Accept (hono/accepts with this service's rule):
// the higher q-value of text/csv and application/json wins; a tie or no preference keeps the request's format.

const app = new Hono().get('/', (c) => c.text(wantsCsv(c, c.req.query('from') === 'csv') ? 'csv' : 'json'));

async function answer(from: 'csv' | 'json', accept: string | undefined): Promise<string> {
  const res = await app.request(`/?from=${from}`, { headers: accept === undefined ? {} : { accept } });
  return res.text();
}

describe('wantsCsv: the answer format from Accept', () => {
  it.each([
    ['csv', undefined, 'csv'],
    ['csv', '', 'csv'],
    ['csv', '*/*', 'csv'],
    ['csv', 'text/csv', 'csv'],
    ['csv', 'application/json', 'json'],
    // a browser: neither type named, only other types and */* → JSON, not the request's format
    ['csv', 'text/html,application/xhtml+xml,*/*;q=0.8', 'json'],
    ['csv', 'application/json;q=0.5, text/csv', 'csv'],
    ['csv', 'text/csv;q=0.2, application/json', 'json'],
    ['json', undefined, 'json'],
    ['json', '*/*', 'json'],
    ['json', 'text/csv', 'csv'],
    ['json', 'application/json', 'json'],
    // equal q-values keep the request's format, whichever is listed first
    ['json', 'text/csv, application/json', 'json'],
    ['csv', 'application/json, text/csv', 'csv'],
    ['json', 'text/csv;q=0.5, application/json;q=0.5', 'json'],
    // a range counts for a type it covers, unless the type has its own entry
    ['json', 'text/*;q=0.9, application/json;q=0.8', 'csv'],
    ['json', 'text/*, text/csv;q=0.1, application/json;q=0.5', 'json'],
    ['csv', 'application/*', 'json'],
    // q=0 refuses a type
    ['csv', 'text/csv;q=0', 'json'],
    ['csv', 'text/csv;q=0, application/json;q=0', 'json'],
    // media types are case-insensitive
    ['json', 'Text/CSV', 'csv'],
  ])('a %s request with Accept %j is answered as %s', async (from, accept, expected) => {
    expect(await answer(from as 'csv' | 'json', accept)).toBe(expected);
  });
});
