import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { openApiDocument, servedOpenApiDocument, servedOpenApiJson } from '../../src/openapi';

// GET /openapi.json and GET /docs build the document once per app (once per isolate) and reuse it.
// test/api/openapi.test.ts checks in workerd that what is served equals the committed openapi.json.

describe('the served OpenAPI document', () => {
  it('is built once per app and reused', () => {
    const app = buildApp();
    const first = servedOpenApiDocument(app);
    expect(servedOpenApiDocument(app)).toBe(first);
    expect(first).toEqual(openApiDocument(app));
    expect(servedOpenApiJson(app)).toBe(JSON.stringify(openApiDocument(app)));
  });

  it('is answered unchanged by a second request after serving both routes that read it', async () => {
    const app = buildApp();
    const fresh = JSON.parse(JSON.stringify(openApiDocument(app)));
    const first = await app.request('/openapi.json');
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(await first.json()).toEqual(fresh);
    expect((await app.request('/docs')).status).toBe(200);
    expect(await (await app.request('/openapi.json')).json()).toEqual(fresh);
  });

  it('belongs to its own app: another app gets its own', () => {
    expect(servedOpenApiDocument(buildApp())).not.toBe(servedOpenApiDocument(buildApp()));
  });
});
