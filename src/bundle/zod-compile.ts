/**
 * Stands in for zod's ahead-of-time parser compiler (`core/compile.js`, `z.compile`) in the Worker bundle
 * (wrangler.toml `[alias]`). Nothing in the service compiles a schema: zod's parser never imports the compiler,
 * only zod's namespace re-exports it, and the namespace is kept whole (see zod-locales.ts). Anything that did
 * reach for it would fail loudly here instead of silently parsing another way.
 */
const NOT_BUNDLED = 'z.compile is not bundled in this Worker (wrangler.toml [alias], src/bundle/zod-compile.ts)';

/** The same registered symbol as zod's own sentinel, so the re-exported value is unchanged. */
export const INVALID = Symbol.for('zod.compile.invalid');

export class ZodCompileAsyncError extends Error {}
export class ZodCompileUnsupportedError extends Error {}

export function compile(): never {
  throw new Error(NOT_BUNDLED);
}
export const withParser = compile;
export const compileFn = compile;
