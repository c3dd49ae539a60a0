import type { Context } from 'hono';

/**
 * The media type of a Content-Type header (RFC 9110 section 8.3.1): lower case, without parameters, so
 * `Text/CSV; charset=utf-8` is `text/csv`. An absent header is the empty string. Every route and guard
 * that looks at what a request sent reads it here.
 */
export function mediaTypeOf(header: string | null | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The media type of the request's body. */
export const requestMediaType = (c: Context): string => mediaTypeOf(c.req.header('content-type'));

/** JSON or a JSON-based type (`application/json`, `application/problem+json`...): the JSON reader reads it. */
export const isJsonMediaType = (type: string): boolean => type.includes('json');
