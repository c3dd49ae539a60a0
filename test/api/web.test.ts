import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

// GET / is the web calculator, served by Workers static assets (wrangler.toml [assets], public/):
// a request for a file under public/ is answered by the assets layer before the Worker runs, with the
// headers of public/_headers. The ASSETS binding is that layer; every other path reaches the Worker.
const assets = (env as unknown as { ASSETS: Fetcher }).ASSETS;

describe('GET / (the web calculator, static assets)', () => {
  it('serves the page as HTML with a strict Content-Security-Policy and nosniff', async () => {
    const res = await assets.fetch('http://localhost/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe|https?:/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/app/main.js"></script>');
    expect(html).toContain('<title>Outage impact calculator</title>');
  });

  it.each(['/app/main.js', '/app/panels/impact.js', '/app/vendor/uPlot.esm.js'])(
    'serves %s as JavaScript',
    async (path) => {
      const res = await assets.fetch(`http://localhost${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      await res.arrayBuffer();
    },
  );

  it('serves the styles as CSS', async () => {
    const res = await assets.fetch('http://localhost/app/style.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    await res.arrayBuffer();
  });

  it('leaves the API to the Worker: a path with no file is still a 404 problem', async () => {
    const res = await exports.default.fetch('http://localhost/app/nothing-here.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    await res.arrayBuffer();
  });
});
