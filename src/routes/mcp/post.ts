import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Dispatch } from '../../mcp/call';
import { REQUEST_LIMITS } from '../../http/guards';
import { problemResponse } from '../../http/problem';
import { buildServer } from './server';

/**
 * POST /mcp: the Model Context Protocol over streamable HTTP, stateless, answered as JSON (no SSE stream:
 * every tool answers in one response). GET and DELETE /mcp get the app's 405, which the protocol allows a
 * server without a server-initiated stream or sessions to answer. Not in openapi.json: it is not a REST
 * operation. The MCP SDK is imported on the first POST /mcp, not at cold start (src/mcp/sdk.ts).
 */
export function postMcp(app: OpenAPIHono) {
  return async (c: Context) => {
    const dispatch: Dispatch = (request) => Promise.resolve(app.fetch(request, c.env));
    const sdk = await import('../../mcp/sdk');
    const transport = new sdk.WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: REQUEST_LIMITS.bodyBytes,
    });
    // A JSON-RPC batch would run each of its tool calls as a request of its own, each admitted up to the whole
    // work limit: one message per POST keeps /mcp within the cost model of the routes it calls.
    const message: unknown = await c.req.json().catch(() => undefined);
    if (Array.isArray(message) && message.length > 1) {
      const detail = 'send one JSON-RPC message per request; batches are not accepted here';
      return problemResponse(c, 'malformed-body', `POST /mcp: ${detail}.`);
    }
    await buildServer(sdk, c.req.raw, dispatch).connect(transport);
    // requestLimits has read the body already (and holds it in Hono's cache): the transport gets a fresh copy.
    const request = new Request(c.req.url, {
      method: 'POST',
      headers: c.req.raw.headers,
      body: await c.req.arrayBuffer(),
    });
    return transport.handleRequest(request);
  };
}
