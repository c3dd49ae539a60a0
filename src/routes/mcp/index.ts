import type { OpenAPIHono } from '@hono/zod-openapi';
import { postMcp } from './post';

/** POST /mcp: a plain route, not in openapi.json (it is not a REST operation); it calls the whole `app`. */
export function mountMcp(app: OpenAPIHono) {
  app.post('/mcp', postMcp(app));
}
