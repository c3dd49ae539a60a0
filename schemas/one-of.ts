import { z } from '@hono/zod-openapi';

/** Components that only a `oneOf` names: src/openapi.ts registers them, so that its `$ref`s resolve. */
export const ONE_OF_FORMS = new Map<string, z.ZodType>();

/**
 * Documents `schema` as exactly one of the named `forms`, while `schema` itself still validates, so its
 * error messages and pointers stay as they are. Such a schema is an object of optional keys whose forms a
 * transform tells apart; a client generator would read that as one type with every key optional, and reads a
 * `oneOf` of named objects as a union of types, each with its own keys required.
 */
export function oneOfForms<T extends z.ZodType>(schema: T, forms: Record<string, z.ZodType>) {
  for (const [name, form] of Object.entries(forms)) ONE_OF_FORMS.set(name, form);
  return z
    .unknown()
    .pipe(schema)
    .openapi({ oneOf: Object.keys(forms).map((name) => ({ $ref: `#/components/schemas/${name}` })) });
}
