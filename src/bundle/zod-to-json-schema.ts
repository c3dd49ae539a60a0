/**
 * Stands in for zod's JSON Schema writer's core (`core/to-json-schema.js`) in the Worker bundle (wrangler.toml
 * `[alias]`; see zod-json-schema-processors.ts for why nothing here needs it). Each schema still gets its
 * `toJSONSchema()` and `~standard.jsonSchema` methods, which fail loudly if called.
 */
function notBundled(): never {
  throw new Error("zod's JSON Schema writer is not bundled in this Worker (wrangler.toml [alias], src/bundle/)");
}

export const createToJSONSchemaMethod = () => notBundled;
export const createStandardJSONSchemaMethod = () => notBundled;
export const initializeContext = notBundled;
export const handleUnrepresentable = notBundled;
export const processSchema = notBundled;
export const process = notBundled;
export const extractDefs = notBundled;
export const finalize = notBundled;
