/**
 * Stands in for `ajv` and `ajv-formats` in the Worker bundle (wrangler.toml `[alias]`). The MCP SDK imports
 * ajv as its default JSON Schema validator, but ajv compiles schemas with `new Function`, which Workers
 * forbid, so it could never run here; src/routes/mcp.ts gives the server the SDK's Workers validator
 * instead. Aliasing keeps about 40 KB of gzipped code that cannot run out of the bundle, and anything that
 * still reached for ajv would fail loudly here rather than with an EvalError deep inside it.
 */
export default function ajvIsNotBundled(): never {
  throw new Error('ajv is not bundled in this Worker (it needs new Function); use CfWorkerJsonSchemaValidator');
}
