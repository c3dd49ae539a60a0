/**
 * The parts of the MCP SDK that /mcp uses, imported only by `await import(…)` in src/routes/mcp/post.ts. The SDK
 * builds its protocol's zod schemas at module scope (about 9 ms of a cold start); reached by a dynamic
 * import, esbuild keeps it in the one bundle but evaluates it on the first POST /mcp. This module imports nothing
 * of the app: a module that both the lazy and the eager code import is wrapped for lazy evaluation too, and
 * esbuild then tree-shakes it less (docs/mcp.md "Cold start").
 */
export { Server } from '@modelcontextprotocol/sdk/server/index.js';
// The streamable-HTTP transport: WebStandardStreamableHTTPServerTransport.
export * from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
export { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
export { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
