/**
 * Stands in for zod's JSON Schema → zod converter (`classic/from-json-schema.js`, `z.fromJSONSchema`) in the
 * Worker bundle (wrangler.toml `[alias]`). The service builds its schemas in zod and only ever writes JSON
 * Schema (openapi.json and the MCP tool schemas, both by @asteasolutions/zod-to-openapi); it is kept only
 * because zod's namespace is kept whole (see zod-locales.ts).
 */
export function fromJSONSchema(): never {
  throw new Error('z.fromJSONSchema is not bundled in this Worker (wrangler.toml [alias], src/bundle/)');
}
