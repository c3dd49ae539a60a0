import type { MiddlewareHandler } from 'hono';

const SAFE_REQUEST_ID = /^[\w.-]{1,128}$/;

/** Routes whose answers depend only on the URL, so any cache may keep them (DESIGN.md section 7). */
const CACHEABLE = new Set(['/v1/impact.csv', '/v1/impact/value', '/v1/impact/template.csv']);
const DOCUMENTS = new Set(['/openapi.json', '/docs', '/docs/init.js']);

function cacheControl(method: string, path: string, status: number, keyed: boolean): string {
  if (status >= 400 || (method !== 'GET' && method !== 'HEAD') || path === '/health') return 'no-store';
  if (CACHEABLE.has(path)) return `${keyed ? 'private' : 'public'}, max-age=86400`;
  if (DOCUMENTS.has(path) || path.startsWith('/problems/')) return 'public, max-age=300';
  return 'no-store';
}

/**
 * Gives every response an `X-Request-Id` (the caller's, when it is a safe token, or a new UUID),
 * `X-Content-Type-Options: nosniff` and a `Cache-Control` suited to the route, and writes one
 * structured log line per request. The log names the path without its query, so a `key` parameter
 * never reaches the logs.
 */
export const requestContext: MiddlewareHandler<{ Bindings: { API_KEYS?: string } }> = async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  await next();
  const headers = c.res.headers;
  headers.set('X-Request-Id', requestId);
  headers.set('X-Content-Type-Options', 'nosniff');
  if (!headers.has('Cache-Control'))
    headers.set('Cache-Control', cacheControl(c.req.method, c.req.path, c.res.status, Boolean(c.env?.API_KEYS)));
  console.log(
    JSON.stringify({
      level: c.res.status >= 500 ? 'error' : 'info',
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
    }),
  );
};
