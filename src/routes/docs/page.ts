import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { servedOpenApiDocument } from '../../openapi';

/**
 * Swagger UI from the pinned swagger-ui-dist npm package, copied at build time into public/docs/vendor/
 * (scripts/copy-docs-assets.mjs) and served as static assets from this origin: the page loads nothing
 * from another origin and works offline. The Worker bundle stays small, and the page still lists every
 * operation without the script.
 */
const SWAGGER_UI = '/docs/vendor';

/** Only this origin. Swagger UI sets inline style attributes, hence 'unsafe-inline' for styles alone. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * GET /docs: the interactive reference (Swagger UI over /openapi.json), with a plain list of every
 * operation rendered on the server, which stays visible wherever the CDN cannot be reached. It lists the
 * operations of `app`, the whole service.
 */
export function docsPage(app: OpenAPIHono) {
  return (c: Context) => {
    const doc = servedOpenApiDocument(app);
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const op = item?.[method];
        if (!op) return [];
        const endpoint = `${method.toUpperCase()} ${path}`;
        return [
          html`<li><code>${endpoint}</code> — <strong>${op.operationId ?? ''}</strong>: ${op.summary ?? ''}</li>`,
        ];
      }),
    );
    c.header('Content-Security-Policy', DOCS_CSP);
    return c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${doc.info.title} — API reference</title>
    <link rel="stylesheet" href="${SWAGGER_UI}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <section id="operations">
      <h1>${doc.info.title} ${doc.info.version}</h1>
      <p>The OpenAPI document is at <a href="/openapi.json">/openapi.json</a>.</p>
      <ul>${operations}</ul>
    </section>
    <script src="${SWAGGER_UI}/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`);
  };
}
