import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import document from '../../openapi.json';

const operationIds = Object.values(document.paths).flatMap((item) =>
  Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId),
);

describe('GET /docs', () => {
  it('loads the reference from /openapi.json', async () => {
    const res = await exports.default.fetch('http://localhost/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/openapi.json"');
    const init = await (await exports.default.fetch('http://localhost/docs/init.js')).text();
    expect(init).toContain("url: '/openapi.json'");
  });

  it('loads nothing from another origin: every src and href is a path, and the CSP names only this origin', async () => {
    const res = await exports.default.fetch('http://localhost/docs');
    const html = await res.text();
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(urls).toEqual(
      expect.arrayContaining(['/docs/vendor/swagger-ui.css', '/docs/vendor/swagger-ui-bundle.js', '/docs/init.js']),
    );
    for (const url of urls) expect(url, url).toMatch(/^\/(?!\/)/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('serves Swagger UI itself, from the static assets (the ASSETS binding of wrangler.toml)', async () => {
    const res = await (env as unknown as { ASSETS: Fetcher }).ASSETS.fetch(
      'http://localhost/docs/vendor/swagger-ui-bundle.js',
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('SwaggerUIBundle');
  });

  it.each(operationIds)('lists %s, even where the Swagger UI script cannot load', async (operationId) => {
    const html = await (await exports.default.fetch('http://localhost/docs')).text();
    expect(html).toContain(`<strong>${operationId}</strong>`);
  });
});
