import type { Context } from 'hono';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../../http/problem';
import { queryProblemResponses } from '../../http/responses';

/** The catalogue's GET endpoints (DESIGN.md section 11): data as stored, with the links derived from it. */
export const TAG = 'Catalogue';
export const { 401: unauthorized, 413: urlTooLong, 500: internal } = queryProblemResponses;

/** A 404 problem typed as the route's declared 404 answer. */
export const notFound = (c: Context, detail: string) =>
  c.json(problemBody('not-found', detail), 404, { 'Content-Type': PROBLEM_CONTENT_TYPE });
