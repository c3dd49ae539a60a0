import type { OpenAPIHono } from '@hono/zod-openapi';
// The low-level Server, not McpServer: McpServer would validate arguments with its own zod pass and describe
// them with its own converter, and the API's validation, problems and OpenAPI-generated schemas would be lost.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import * as streamable from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type Tool as McpTool,
} from '@modelcontextprotocol/sdk/types.js';
import { callTool, type Dispatch } from '../mcp/call';
import { routeInputSchemas } from '../mcp/input-schema';
import { TOOLS, toolDescription } from '../mcp/tools';
import { problemResponse } from '../http/problem';
import { REQUEST_LIMITS } from '../http/guards';
import { VERSION } from '../version';

const INSTRUCTIONS =
  'Estimates what an ad-platform outage cost: what advertiser campaigns lost, the ad revenue the platform lost, ' +
  'and the market-cap arithmetic of the share-price move. Numbers go in as JSON numbers or decimal strings and ' +
  'come out as decimal strings; fractions are 0-1 (a percent string such as "1.1%" also works). Times are ' +
  "RFC 3339; without an offset they are wall-clock times in the object's timeZone. A tool error carries the " +
  "API's problem details, each invalid field named by a JSON Pointer into the arguments.";

let listed: McpTool[] | undefined;

/** The tool list, its input schemas generated once per isolate (the same generation as openapi.json). */
function toolList(): McpTool[] {
  listed ??= routeInputSchemas(TOOLS).map(([tool, inputSchema]) => ({
    name: tool.name,
    title: tool.title,
    description: toolDescription(tool.route),
    inputSchema,
    annotations: {
      title: tool.title,
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
  }));
  return listed;
}

/** One server per request: the transport is stateless, so nothing is shared between requests but the tool list. */
function buildServer(incoming: Request, dispatch: Dispatch): Server {
  const server = new Server(
    { name: 'outage-impact-calculator', version: VERSION },
    // The SDK's default validator, ajv, cannot compile on Workers (and is aliased out of the bundle: wrangler.toml).
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS, jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: toolList() }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = TOOLS.find((t) => t.name === request.params.name);
    if (!tool)
      return {
        isError: true,
        content: [
          { type: 'text', text: `No tool is named ${JSON.stringify(request.params.name)}; tools/list names them.` },
        ],
      };
    return callTool(tool, request.params.arguments ?? {}, incoming, dispatch);
  });
  return server;
}

/**
 * POST /mcp: the Model Context Protocol over streamable HTTP, stateless, answered as JSON (no SSE stream:
 * every tool answers in one response). GET and DELETE /mcp get the app's 405, which the protocol allows a
 * server without a server-initiated stream or sessions to answer. Not in openapi.json: it is not a REST
 * operation.
 */
export function mountMcp(app: OpenAPIHono) {
  app.post('/mcp', async (c) => {
    const dispatch: Dispatch = (request) => Promise.resolve(app.fetch(request, c.env));
    const transport = new streamable.WebStandardStreamableHTTPServerTransport({
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
    await buildServer(c.req.raw, dispatch).connect(transport);
    // requestLimits has read the body already (and holds it in Hono's cache): the transport gets a fresh copy.
    const request = new Request(c.req.url, {
      method: 'POST',
      headers: c.req.raw.headers,
      body: await c.req.arrayBuffer(),
    });
    return transport.handleRequest(request);
  });
}
