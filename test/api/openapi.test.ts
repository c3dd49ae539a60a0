import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import committed from '../../openapi.json';

describe('GET /openapi.json', () => {
  it('serves the committed openapi.json', async () => {
    const res = await exports.default.fetch('http://localhost/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(committed);
  });
});

describe('GET /docs', () => {
  it('serves an HTML reference page that loads /openapi.json', async () => {
    const res = await exports.default.fetch('http://localhost/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('/openapi.json');
    // the page lists the operations even where the Swagger UI script cannot load
    expect(html).toContain('computeMarketCapChange');
    expect(html).toContain('getHealth');
  });
});
