import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ONE_OF_FORMS } from '../schemas/one-of';
import { VERSION } from './version';

/** The OpenAPI document's top level; paths and components come from the routes' zod schemas. */
export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Outage revenue-impact calculator',
    version: VERSION,
    description:
      'Estimates what an ad-platform outage cost: what each advertiser campaign lost (spend, ' +
      'impressions, clicks, conversions, revenue, profit), the ad revenue the platform ' +
      'itself lost, and the market-capitalisation arithmetic of the share-price move. Every ' +
      "numeric output is a decimal string; money is rounded to the currency's minor units. " +
      'Errors are RFC 9457 `application/problem+json` with a JSON Pointer per invalid field.',
    license: { name: 'UNLICENSED' },
  },
  // Keys are optional: the API is open unless the operator sets API_KEYS, hence the empty requirement.
  security: [{}, { bearerAuth: [] }, { apiKeyHeader: [] }, { apiKeyQuery: [] }] as Record<string, string[]>[],
  servers: [{ url: 'http://127.0.0.1:8787', description: 'Local workerd (`npm start`)' }],
  tags: [
    { name: 'Campaign impact', description: 'What each advertiser campaign lost in the outage' },
    { name: 'Platform revenue loss', description: "The platform's own ad revenue lost in an outage" },
    {
      name: 'Spreadsheets',
      description: 'CSV batches and formula-friendly GET endpoints for Google Sheets, Excel and LibreOffice Calc',
    },
    { name: 'Market cap', description: 'Share-price and market-capitalisation arithmetic' },
    { name: 'Catalogue', description: 'Past outages and platform revenue, each figure with its source' },
    { name: 'Service', description: 'Health of the service' },
  ],
};

/** The OpenAPI 3.1 document of an app: what `GET /openapi.json` serves and `npm run openapi` writes. */
export function openApiDocument(app: OpenAPIHono) {
  return app.getOpenAPI31Document(OPENAPI_CONFIG);
}

type OpenApiDocument = ReturnType<typeof openApiDocument>;
const servedDocuments = new WeakMap<OpenAPIHono, OpenApiDocument>();

/**
 * The document that `GET /openapi.json` and `GET /docs` serve: generated on the first request of an isolate
 * (about 100 ms of CPU in a fresh one) and reused after, since an app's routes do not change once it is built.
 * Readers must not mutate it. Lazily, so that a cold start that answers something else does not pay for it.
 * `GET /openapi.json` uses it only where the static file is missing (openApiResponse).
 */
export function servedOpenApiDocument(app: OpenAPIHono): OpenApiDocument {
  let document = servedDocuments.get(app);
  if (!document) {
    document = openApiDocument(app);
    servedDocuments.set(app, document);
  }
  return document;
}

const servedJson = new WeakMap<OpenAPIHono, string>();

/** The served document as JSON text, also serialised once: stringifying it is most of a warm request's CPU. */
export function servedOpenApiJson(app: OpenAPIHono): string {
  let json = servedJson.get(app);
  if (json === undefined) {
    json = JSON.stringify(servedOpenApiDocument(app));
    servedJson.set(app, json);
  }
  return json;
}

/** What openApiResponse needs of the ASSETS binding (a Fetcher in workerd; the scripts compile without its types). */
interface StaticFiles {
  fetch(url: URL): Promise<Response>;
}

/**
 * The answer to `GET /openapi.json`: the committed document as the static file public/openapi.json (written compact
 * from openapi.json by scripts/copy-docs-assets.mjs before every build, test and deploy; `npm run openapi:check`
 * holds it to the routes), read through the ASSETS binding, so that no isolate generates the document (about 100 ms
 * of CPU the first time); generated as before where the binding or the file is missing. wrangler.toml's
 * `run_worker_first` sends the path to the Worker, which adds its headers (request id, CORS, caching) and answers
 * CORS preflights, as for every other path.
 */
export async function openApiResponse(c: Context, app: OpenAPIHono): Promise<Response> {
  const assets = (c.env as { ASSETS?: StaticFiles } | undefined)?.ASSETS;
  const file = assets ? await assets.fetch(new URL('/openapi.json', c.req.url)) : undefined;
  const json = file?.ok ? await file.text() : servedOpenApiJson(app);
  return c.body(json, 200, { 'Content-Type': 'application/json' });
}

/** The ways a key may be presented when the deployment sets API_KEYS (README "API keys"). */
export function registerSecuritySchemes(app: OpenAPIHono) {
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: '`Authorization: Bearer <key>`',
  });
  registry.registerComponent('securitySchemes', 'apiKeyHeader', { type: 'apiKey', in: 'header', name: 'x-api-key' });
  registry.registerComponent('securitySchemes', 'apiKeyQuery', {
    type: 'apiKey',
    in: 'query',
    name: 'key',
    description: 'For spreadsheet formulas that cannot set headers',
  });
}

/** The named objects that a `oneOf` lists (`revenue.period`, `price`): only the document names them. */
export function registerOneOfForms(app: OpenAPIHono) {
  for (const [name, schema] of ONE_OF_FORMS) app.openAPIRegistry.register(name, schema);
}
