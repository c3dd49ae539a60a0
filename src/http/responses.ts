import type { RouteConfig } from '@hono/zod-openapi';
import { Problem } from '../../schemas/problem';
import { type FieldError, PROBLEM_CONTENT_TYPE, problemBody, type ProblemSlug } from './problem';

/**
 * An error response typed as `Problem` under `application/problem+json`, with an example that is the
 * service's real answer (built by the same `problemBody` the handlers use).
 */
export const problem = (description: string, slug: ProblemSlug, detail: string, errors: FieldError[] = []) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem, example: problemBody(slug, detail, errors) } },
});

/** A 422 whose example names the fields of one endpoint, for routes to override the generic one. */
export const validationResponse = (
  errors: FieldError[],
  description = 'One or more fields are invalid; each is named by a JSON Pointer.',
) =>
  problem(
    description,
    'validation',
    `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`,
    errors,
  );

const unauthorized = problem(
  'An API key is required and none, or a wrong one, was sent (only when the deployment sets API_KEYS).',
  'unauthorized',
  'This API needs a key: send `Authorization: Bearer <key>`, an `x-api-key` header, or a `key` query parameter.',
);
const urlTooLong = problem(
  'The URL is over 8 KiB.',
  'payload-too-large',
  'The URL is over the limit of 8192 bytes; send the campaigns with POST /v1/impact/batch instead.',
);
const internal = problem(
  'Unexpected failure (a bug).',
  'internal',
  'The service failed unexpectedly; the failure has been logged.',
);

/** What a route's `responses` may hold: the maps below are checked against it where they are written. */
type Responses = RouteConfig['responses'];

/** The error responses every JSON endpoint can give, spread into each route's `responses`. */
export const problemResponses = {
  400: problem('The body is not valid JSON.', 'malformed-body', 'The request body is not valid JSON.'),
  401: unauthorized,
  413: problem(
    'The body is over 5 MiB, its JSON is nested deeper than 32 levels, or the URL is over 8 KiB.',
    'payload-too-large',
    'The request body is over the limit of 5242880 bytes (5 MiB).',
  ),
  415: problem(
    'The Content-Type is not `application/json`.',
    'unsupported-media-type',
    'Content-Type "text/plain" is not accepted here; send application/json.',
  ),
  422: validationResponse([
    { pointer: '/campaigns/0/cmp', detail: 'is not a field of this object; check its spelling' },
  ]),
  500: internal,
} satisfies Responses;

/**
 * The error responses of an endpoint that takes a JSON body, with the route's OWN 422 example: `invalid`
 * names fields of that route's body, as the service really answers them.
 */
export const jsonProblemResponses = (invalid: FieldError[], description?: string) =>
  ({ ...problemResponses, 422: validationResponse(invalid, description) }) satisfies Responses;

/** The error responses of a GET endpoint that takes query parameters. */
export const queryProblemResponses = {
  401: unauthorized,
  413: urlTooLong,
  422: problem(
    'One or more query parameters are invalid; each is named by `/query/<name>`.',
    'validation',
    'The request has 1 invalid field.',
    [{ pointer: '/query/cmp', detail: 'is not a field of this object; check its spelling' }],
  ),
  500: internal,
} satisfies Responses;

/**
 * The error responses of a GET endpoint with the route's OWN 422 example: `invalid` names its query
 * parameters, and `detail` is the problem's detail as that route answers it.
 */
export const queryProblemsWith = (invalid: FieldError[], detail: string) =>
  ({
    ...queryProblemResponses,
    422: problem(
      'One or more query parameters are invalid; each is named by `/query/<name>`.',
      'validation',
      detail,
      invalid,
    ),
  }) satisfies Responses;

/** The error responses of an endpoint that takes no input and needs no key (`GET /health`). */
export const openProblemResponses = { 413: urlTooLong, 500: internal } satisfies Responses;
