import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '../../schemas/problem';

/** The problem types this service answers, each explained at `/problems/<slug>`. */
export const PROBLEM_TYPES = {
  validation: {
    status: 422,
    title: 'Invalid input',
    explanation:
      'The request was understood but some of its values are invalid or inconsistent. ' +
      'Each entry of `errors` names the field with a JSON Pointer and says what is wrong. ' +
      'Unknown fields are refused so that a typo cannot silently change an estimate.',
  },
  'malformed-body': {
    status: 400,
    title: 'Malformed request body',
    explanation: 'The request body could not be parsed (invalid JSON, or CSV that does not follow RFC 4180).',
  },
  'payload-too-large': {
    status: 413,
    title: 'Request too large',
    explanation: 'The request body, URL or row count is over its limit. The README lists the limits.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    explanation:
      'The Content-Type of the request is not one this endpoint accepts. JSON endpoints take `application/json`.',
  },
  unauthorized: {
    status: 401,
    title: 'API key required',
    explanation:
      'This deployment requires an API key for /v1/* and /mcp: send `Authorization: Bearer <key>`, an ' +
      '`x-api-key` header, or a `key` query parameter (for spreadsheet formulas that cannot set headers).',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    explanation: 'No resource exists at this path. `GET /openapi.json` lists the paths.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    explanation:
      'The path exists but does not answer this HTTP method. The `Allow` header lists the methods it answers.',
  },
  internal: {
    status: 500,
    title: 'Internal error',
    explanation: 'The service failed unexpectedly. This is a bug; the request id in `X-Request-Id` helps find it.',
  },
} as const satisfies Record<string, { status: number; title: string; explanation: string }>;
export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export interface FieldError {
  pointer: string;
  detail: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An answer lists at most this many errors; its detail says how many more there were (DESIGN.md section 9). */
export const MAX_LISTED_ERRORS = 100;

export function problemBody(slug: ProblemSlug, detail: string, errors: FieldError[] = []): Problem {
  const type = PROBLEM_TYPES[slug];
  const more = errors.length - MAX_LISTED_ERRORS;
  if (more > 0) {
    const listed = errors.slice(0, MAX_LISTED_ERRORS);
    return {
      type: `/problems/${slug}`,
      title: type.title,
      status: type.status,
      detail: `${detail} The first ${MAX_LISTED_ERRORS} are listed; ${more} more are not.`,
      errors: listed,
    };
  }
  return { type: `/problems/${slug}`, title: type.title, status: type.status, detail, errors };
}

export function problemResponse(
  c: Context,
  slug: ProblemSlug,
  detail: string,
  errors: FieldError[] = [],
  headers: Record<string, string> = {},
): Response {
  const body = problemBody(slug, detail, errors);
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    ...headers,
    'Content-Type': PROBLEM_CONTENT_TYPE,
  });
}

export function validationProblem(c: Context, errors: FieldError[]): Response {
  const n = errors.length;
  return problemResponse(c, 'validation', `The request has ${n} invalid field${n === 1 ? '' : 's'}.`, errors);
}

/** RFC 6901: `~` becomes `~0` and `/` becomes `~1` in each reference token. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((token) => `/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** The reference tokens of an RFC 6901 pointer: the path `jsonPointer` was made from, as strings. */
export function pointerPath(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Hono's form parser and the import route both answer an unreadable multipart body with this detail. */
export const MULTIPART_UNREADABLE = 'The multipart/form-data body cannot be read (check its boundary).';
