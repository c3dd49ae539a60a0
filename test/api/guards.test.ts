import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../src/app';

const BASE = 'http://localhost';
const call = (path: string, init?: RequestInit) => exports.default.fetch(`${BASE}${path}`, init);
const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const MARKET_CAP = { shareClasses: [{ shares: '100' }], price: { before: '10', after: '9' } };

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as {
    type: string;
    status: number;
    detail: string;
    errors: { pointer: string; detail: string }[];
  };
}

/** A body stream with no Content-Length, sent in chunks. */
function chunked(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      const size = Math.min(256 * 1024, bytes - sent);
      if (size <= 0) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(0x20));
      sent += size;
    },
  });
}

describe('request limits', () => {
  it('answers 413 for a URL over 8 KiB', async () => {
    const p = await problem(await call(`/v1/impact/value?id=${'x'.repeat(8200)}&metric=lostSpend`), 413);
    expect(p.type).toBe('/problems/payload-too-large');
  });

  // openapi.json declares this 413 on every operation (test/unit/openapi.test.ts): it can happen on each.
  it.each([
    ['GET', '/health'],
    ['POST', '/v1/impact/batch'],
    ['POST', '/v1/impact'],
  ])('answers 413 for a URL over 8 KiB on %s %s too', async (method, path) => {
    const init =
      method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '{}' } : { method };
    const p = await problem(await call(`${path}?pad=${'x'.repeat(8200)}`, init), 413);
    expect(p.detail).toMatch(/URL is over the limit of 8192 bytes/);
  });

  it('answers 413 for a chunked body over 5 MiB without a Content-Length, and reads a small one', async () => {
    const big = await call('/v1/market-cap', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunked(5 * 1024 * 1024 + 1),
    });
    expect((await problem(big, 413)).detail).toMatch(/5 MiB/);
    const small = await call('/v1/market-cap', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([JSON.stringify(MARKET_CAP)]).stream(),
    });
    expect(small.status).toBe(200);
  });

  it('answers 413 for JSON nested 33 deep, before parsing it, and takes 32', async () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(
      (
        await problem(
          await call('/v1/market-cap', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: nested(33),
          }),
          413,
        )
      ).detail,
    ).toMatch(/33 levels/);
    // 32 levels pass the guard and then fail the schema: the body must be an object.
    expect(
      (
        await call('/v1/market-cap', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: nested(32),
        })
      ).status,
    ).toBe(422);
    // A million brackets are refused as quickly.
    expect(
      (
        await call('/v1/market-cap', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: nested(1_000_000),
        })
      ).status,
    ).toBe(413);
  });
});

describe('every problem is listed at once', () => {
  it('reports a DST-gap window start next to an invalid deliveryLoss in the same outage', async () => {
    const body = {
      outage: {
        timeZone: 'America/New_York',
        windows: [{ start: '2021-03-14T02:30:00', end: '2021-03-14T05:00:00', deliveryLoss: '2' }],
      },
      campaigns: [{ budget: { amount: '100', period: 'day' } }],
    };
    const p = await problem(await call('/v1/impact', json(body)), 422);
    expect(p.errors.map((e) => e.pointer).sort()).toEqual([
      '/outage/windows/0/deliveryLoss',
      '/outage/windows/0/start',
    ]);
  });

  it('reports a DST-fold flight start next to a ctr of 2 in the same campaign', async () => {
    const body = {
      outage: { windows: [{ start: '2021-11-07T12:00:00Z', end: '2021-11-07T13:00:00Z' }] },
      campaigns: [
        {
          timeZone: 'America/New_York',
          budget: { amount: '100', period: 'day' },
          ctr: '2',
          flight: { start: '2021-11-07T01:30:00' },
        },
      ],
    };
    const p = await problem(await call('/v1/impact', json(body)), 422);
    expect(p.errors.map((e) => e.pointer).sort()).toEqual(['/campaigns/0/ctr', '/campaigns/0/flight/start']);
    expect(p.errors.find((e) => e.pointer.endsWith('start'))?.detail).toMatch(/occurs twice/);
  });

  it('says a missing enum field is required rather than listing its values', async () => {
    const body = {
      outage: { windows: [{ start: '2021-11-07T12:00:00Z', end: '2021-11-07T13:00:00Z' }] },
      campaigns: [{ budget: { amount: '100' } }],
    };
    const p = await problem(await call('/v1/impact', json(body)), 422);
    expect(p.errors).toEqual([{ pointer: '/campaigns/0/budget/period', detail: 'is required' }]);
  });
});

describe('headers', () => {
  it('gives every response a request id, nosniff and a fitting Cache-Control', async () => {
    const health = await call('/health');
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('cache-control')).toBe('no-store');
    const value = await call(
      '/v1/impact/value?budgetAmount=1200&budgetPeriod=day&outageStart=2021-10-04T00:00:00Z&outageEnd=2021-10-04T01:00:00Z&metric=plannedSpend',
    );
    // 1,200 a day, even, over one of 24 hours: 1200 ÷ 24 = 50.00
    expect(await value.text()).toBe('50.00');
    expect(value.headers.get('cache-control')).toBe('public, max-age=86400');
    const post = await call('/v1/market-cap', json(MARKET_CAP));
    expect(post.headers.get('cache-control')).toBe('no-store');
    const missing = await call('/nowhere');
    expect(missing.headers.get('x-request-id')).toBeTruthy();
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });

  it('echoes a safe caller request id and replaces an unsafe one', async () => {
    expect((await call('/health', { headers: { 'x-request-id': 'abc-123.x_y' } })).headers.get('x-request-id')).toBe(
      'abc-123.x_y',
    );
    expect(
      (await call('/health', { headers: { 'x-request-id': 'bad id <script>' } })).headers.get('x-request-id'),
    ).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves /docs with a restrictive Content-Security-Policy', async () => {
    const docs = await call('/docs');
    const csp = docs.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('advertises only the methods the API answers in a CORS preflight', async () => {
    const res = await call('/v1/impact', {
      method: 'OPTIONS',
      headers: { origin: 'https://sheet.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,OPTIONS');
  });
});

describe('API keys', () => {
  const env = { API_KEYS: 'alpha-key, beta-key' };
  const withKeys = (path: string, init: RequestInit = {}) => app.fetch(new Request(`${BASE}${path}`, init), env);

  it('leaves the API open when API_KEYS is not set', async () => {
    expect((await call('/v1/market-cap', json(MARKET_CAP))).status).toBe(200);
  });

  it('answers 401 with WWW-Authenticate for a missing or wrong key', async () => {
    const missing = await withKeys('/v1/market-cap', json(MARKET_CAP));
    expect((await problem(missing, 401)).type).toBe('/problems/unauthorized');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await withKeys('/v1/market-cap', {
      ...json(MARKET_CAP),
      headers: { 'content-type': 'application/json', authorization: 'Bearer gamma-key' },
    });
    expect((await problem(wrong, 401)).detail).toBe('The API key is not valid.');
    // A key that is a prefix of a real one is not that key.
    expect(
      (
        await withKeys('/v1/market-cap', {
          ...json(MARKET_CAP),
          headers: { 'content-type': 'application/json', 'x-api-key': 'alpha' },
        })
      ).status,
    ).toBe(401);
  });

  it('accepts a key as a Bearer token, an x-api-key header or a key query parameter', async () => {
    const bearer = await withKeys('/v1/market-cap', {
      ...json(MARKET_CAP),
      headers: { 'content-type': 'application/json', authorization: 'Bearer alpha-key' },
    });
    expect(bearer.status).toBe(200);
    const header = await withKeys('/v1/market-cap', {
      ...json(MARKET_CAP),
      headers: { 'content-type': 'application/json', 'x-api-key': 'beta-key' },
    });
    expect(header.status).toBe(200);
    const query = await withKeys(
      '/v1/impact/value?budgetAmount=1200&budgetPeriod=day&outageStart=2021-10-04T00:00:00Z&outageEnd=2021-10-04T01:00:00Z&metric=plannedSpend&key=beta-key',
    );
    expect(await query.text()).toBe('50.00');
    // Keyed answers may be cached by the browser, never by a shared cache.
    expect(query.headers.get('cache-control')).toBe('private, max-age=86400');
  });

  it('checks the key before reading the body: a 6 MiB body without a key is a 401 and is never pulled', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
          if (pulled === 6) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const res = await withKeys('/v1/impact', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect((await problem(res, 401)).type).toBe('/problems/unauthorized');
    expect(pulled).toBe(0);
  });

  it('keeps /health, /openapi.json, /docs and /problems/* public', async () => {
    for (const path of ['/health', '/openapi.json', '/docs', '/problems/validation'])
      expect((await withKeys(path)).status, path).toBe(200);
  });
});
