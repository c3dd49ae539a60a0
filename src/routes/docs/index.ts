import type { OpenAPIHono } from '@hono/zod-openapi';
import { docsInitScript } from './init-script';
import { docsPage } from './page';

/** GET /docs and its start-up script: plain routes, not in openapi.json (they are not API operations). */
export function mountDocs(app: OpenAPIHono) {
  app.get('/docs/init.js', docsInitScript);
  app.get('/docs', docsPage(app));
}
