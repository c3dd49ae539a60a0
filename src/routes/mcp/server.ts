// The low-level Server, not McpServer: McpServer would validate arguments with its own zod pass and describe
// them with its own converter, and the API's validation, problems and OpenAPI-generated schemas would be lost.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { callTool, type Dispatch } from '../../mcp/call';
import type * as McpSdk from '../../mcp/sdk';
import { routeInputSchemas } from '../../mcp/input-schema';
import { TOOLS, toolDescription } from '../../mcp/tools';
import { VERSION } from '../../version';

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

/**
 * One server per request: the transport is stateless, so nothing is shared between requests but the tool list.
 * `sdk` is src/mcp/sdk.ts, imported on the first POST /mcp.
 */
export function buildServer(sdk: typeof McpSdk, incoming: Request, dispatch: Dispatch): Server {
  const { CallToolRequestSchema, CfWorkerJsonSchemaValidator, ListToolsRequestSchema, Server } = sdk;
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
