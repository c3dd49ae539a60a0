import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

// GET /openapi.json is answered by the static assets layer (public/openapi.json, written from the committed
// openapi.json by scripts/copy-docs-assets.mjs before tests, builds and deploys), before the Worker runs. The
// ASSETS binding is that layer; the Worker's own route still answers wherever the assets layer is absent.
const assets = (env as unknown as { ASSETS: Fetcher }).ASSETS;

describe('GET /openapi.json as a static file', () => {
  it("answers the Worker's own document, byte for byte, as JSON readable from any origin", async () => {
    const [file, worker] = await Promise.all([
      assets.fetch('http://localhost/openapi.json'),
      exports.default.fetch('http://localhost/openapi.json'),
    ]);
    expect(file.status).toBe(200);
    expect(worker.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^application\/json/);
    expect(file.headers.get('access-control-allow-origin')).toBe(worker.headers.get('access-control-allow-origin'));
    expect(file.headers.get('access-control-allow-origin')).toBe('*');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    const [fromFile, fromWorker] = [await file.text(), await worker.text()];
    expect(fromFile.length).toBeGreaterThan(100_000);
    expect(fromFile).toBe(fromWorker);
  });
});
