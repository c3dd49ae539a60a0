/**
 * Stands in for the MCP SDK's Workers JSON Schema validator (`@modelcontextprotocol/sdk/validation/cfworker`,
 * which bundles @cfworker/json-schema) in the Worker bundle (wrangler.toml `[alias]`). src/routes/mcp/server.ts gives
 * the SDK's Server a validator so that the SDK does not fall back to ajv (src/mcp/no-ajv.ts); the Server calls
 * it only to check what a client answers to `elicitation/create`, and /mcp never elicits: it lists and calls
 * tools, whose arguments the API's own zod schemas validate. Anything that did reach for it fails loudly.
 */
export class CfWorkerJsonSchemaValidator {
  getValidator(): never {
    throw new Error('The MCP JSON Schema validator is not bundled in this Worker (wrangler.toml [alias], src/bundle/)');
  }
}
