/**
 * Stands in for zod's `locales/index.js` in the Worker bundle (wrangler.toml `[alias]`). `extendZodWithOpenApi(z)`
 * (inside @hono/zod-openapi) takes zod's whole namespace as a value, so esbuild must keep every export of it,
 * including `z.locales` and `z.core.locales`: about 50 languages of error messages, the largest part of the
 * bundle. The service answers in English only (zod's default locale, which zod's schemas import directly, and
 * schemas/common.ts rewords its messages), so the namespace keeps English and nothing else.
 */
export { default as en } from 'zod/v4/locales/en.js';
