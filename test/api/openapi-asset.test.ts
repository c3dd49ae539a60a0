import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../src/app';

// GET /openapi.json answers the committed document from the static file public/openapi.json (written from
// openapi.json by scripts/copy-docs-assets.mjs before tests, builds and deploys), read through the ASSETS
// binding, instead of generating it in the isolate; without the binding it generates it as before.
const assets = (env as unknown as { ASSETS: Fetcher }).ASSETS;

describe('GET /openapi.json from the static file', () => {
  it('answers the file byte for byte, with the headers of every Worker answer', async () => {
    const [file, worker] = await Promise.all([
      assets.fetch('http://localhost/openapi.json'),
      exports.default.fetch('http://localhost/openapi.json'),
    ]);
    expect(file.status).toBe(200);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toBe('application/json');
    expect(worker.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(worker.headers.get('access-control-allow-origin')).toBe('*');
    expect(worker.headers.get('cache-control')).toBe('public, max-age=300');
    const fromFile = await file.text();
    expect(fromFile.length).toBeGreaterThan(100_000);
    expect(await worker.text()).toBe(fromFile);
  });

  it('answers the same document, generated, where there is no ASSETS binding', async () => {
    const [file, generated] = await Promise.all([
      assets.fetch('http://localhost/openapi.json'),
      app.fetch(new Request('http://localhost/openapi.json'), {}),
    ]);
    expect(generated.status).toBe(200);
    expect(await generated.text()).toBe(await file.text());
  });

  it('answers a CORS preflight, as on every other path', async () => {
    const res = await exports.default.fetch('http://localhost/openapi.json', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
