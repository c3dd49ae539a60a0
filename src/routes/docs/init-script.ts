import type { Context } from 'hono';

/** Starts Swagger UI; a file of its own because the page's Content-Security-Policy allows no inline script. */
const INIT_SCRIPT =
  "window.addEventListener('load', function () { window.ui = SwaggerUIBundle({ url: '/openapi.json', " +
  "dom_id: '#swagger-ui' }); document.getElementById('operations').hidden = true; });\n";

/** GET /docs/init.js */
export const docsInitScript = (c: Context) =>
  c.body(INIT_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
