/**
 * Stands in for zod's JSON Schema writer (`core/json-schema-processors.js`: `z.toJSONSchema` and one processor
 * per schema type) in the Worker bundle (wrangler.toml `[alias]`). The service writes its JSON Schema with
 * @asteasolutions/zod-to-openapi (openapi.json and the MCP tool schemas), never with zod's own writer, which is
 * kept only because zod's namespace is kept whole (see zod-locales.ts). `aggregateChecks` is zod's real one:
 * schemas' `.minLength`, `.maximum`, `.format`… read it, and zod-to-openapi reads those.
 */
export { aggregateChecks } from '../../node_modules/zod/v4/core/json-schema-processors.js';

function notBundled(): never {
  throw new Error("zod's JSON Schema writer is not bundled in this Worker (wrangler.toml [alias], src/bundle/)");
}

export const toJSONSchema = notBundled;
export const allProcessors = {};
export const stringProcessor = notBundled;
export const numberProcessor = notBundled;
export const booleanProcessor = notBundled;
export const bigintProcessor = notBundled;
export const symbolProcessor = notBundled;
export const nullProcessor = notBundled;
export const undefinedProcessor = notBundled;
export const voidProcessor = notBundled;
export const neverProcessor = notBundled;
export const anyProcessor = notBundled;
export const unknownProcessor = notBundled;
export const dateProcessor = notBundled;
export const enumProcessor = notBundled;
export const literalProcessor = notBundled;
export const nanProcessor = notBundled;
export const templateLiteralProcessor = notBundled;
export const fileProcessor = notBundled;
export const successProcessor = notBundled;
export const customProcessor = notBundled;
export const functionProcessor = notBundled;
export const transformProcessor = notBundled;
export const mapProcessor = notBundled;
export const setProcessor = notBundled;
export const arrayProcessor = notBundled;
export const objectProcessor = notBundled;
export const unionProcessor = notBundled;
export const intersectionProcessor = notBundled;
export const tupleProcessor = notBundled;
export const recordProcessor = notBundled;
export const nullableProcessor = notBundled;
export const nonoptionalProcessor = notBundled;
export const defaultProcessor = notBundled;
export const prefaultProcessor = notBundled;
export const catchProcessor = notBundled;
export const pipeProcessor = notBundled;
export const readonlyProcessor = notBundled;
export const promiseProcessor = notBundled;
export const optionalProcessor = notBundled;
export const lazyProcessor = notBundled;
export const allProcessor = notBundled;
