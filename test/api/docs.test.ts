import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import document from '../../openapi.json';

const operationIds = Object.values(document.paths).flatMap((item) => Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId));

describe('GET /docs', () => {
  it('loads the reference from /openapi.json', async () => {
    const res = await exports.default.fetch('http://localhost/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/openapi.json"');
    const init = await (await exports.default.fetch('http://localhost/docs/init.js')).text();
    expect(init).toContain("url: '/openapi.json'");
  });

  it.each(operationIds)('lists %s, even where the Swagger UI script cannot load', async (operationId) => {
    const html = await (await exports.default.fetch('http://localhost/docs')).text();
    expect(html).toContain(`<strong>${operationId}</strong>`);
  });
});
