import { createRoute } from '@hono/zod-openapi';
import {
  type CatalogueOutageOut,
  OutageIdParam,
  OutageListResponse,
  PlatformParam,
  RevenueListResponse,
  type RevenuePeriodOut,
  CatalogueOutageOut as CatalogueOutageSchema,
} from '../../schemas/catalogue';
import type { z } from '@hono/zod-openapi';
import type { CatalogueOutage } from '../catalogue/outages';
import { OUTAGES } from '../catalogue/outages';
import { OUTAGE_IDS, REVENUE_BY_PLATFORM, resolveOutageRef, revenueLinks } from '../catalogue/refs';
import type { RevenueFigure, RevenuePeriodEntry } from '../catalogue/revenue';
import type { Context } from 'hono';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../http/problem';
import { problem, queryProblemResponses, validationResponse } from '../http/responses';
import { createRouter } from '../http/router';

/** The catalogue's GET endpoints (DESIGN.md section 11): data as stored, with the links derived from it. */

const TAG = 'Catalogue';
const { 401: unauthorized, 413: urlTooLong, 500: internal } = queryProblemResponses;

export function presentOutage(outage: CatalogueOutage): CatalogueOutageOut {
  return { ...outage, windows: outage.windows.map((w) => ({ ...w })), revenue: revenueLinks(outage) };
}

function presentFigure(platform: string, period: string, kind: string, figure: RevenueFigure) {
  return figure.status === 'confirmed'
    ? {
        status: figure.status,
        amount: figure.amount,
        asPublished: figure.asPublished,
        ref: `${platform}:${period}:${kind}`,
        sources: [figure.source],
      }
    : { status: figure.status, amount: null, reason: figure.reason, sources: figure.sources };
}

function presentPeriod(platform: string, e: RevenuePeriodEntry): z.infer<typeof RevenuePeriodOut> {
  return {
    period: e.period,
    currency: e.currency,
    total: presentFigure(platform, e.period, 'total', e.total),
    advertising: presentFigure(platform, e.period, 'advertising', e.advertising),
    publishedBy: e.publishedBy,
    publishedSource: e.publishedSource,
  };
}

/** Oldest first, whatever order the data file keeps. */
const OUTAGES_BY_START = [...OUTAGES].sort((a, b) =>
  (a.windows[0]?.start ?? '').localeCompare(b.windows[0]?.start ?? ''),
);

const exampleOutage = presentOutage(OUTAGES.find((o) => o.id === 'meta-2021-10-04') as CatalogueOutage);

export const listOutagesRoute = createRoute({
  method: 'get',
  path: '/v1/outages',
  operationId: 'listOutages',
  tags: [TAG],
  summary: 'Past outages, with sourced windows',
  description:
    `Every outage in the catalogue: its UTC windows, how uncertain each end is (\`startEarliest\` ` +
    `… \`endLatest\`, the range the sources span), the services affected, the sources with a ` +
    `URL and a short quote, notes on what else happened that day, and the revenue quarters it ` +
    `links to. Use an \`id\` as \`"outage": { "ref": "<id>" }\` in POST /v1/impact and POST ` +
    `/v1/platform-loss, or \`outage=<id>\` in the query of the batch and formula endpoints.`,
  responses: {
    200: {
      description: 'The catalogue, oldest outage first.',
      content: {
        'application/json': { schema: OutageListResponse, example: { outages: OUTAGES_BY_START.map(presentOutage) } },
      },
    },
    401: unauthorized,
    413: urlTooLong,
    500: internal,
  },
});

const unknownOutage = (id: string) =>
  `No outage ${JSON.stringify(id)} in the catalogue; known outages: ${OUTAGE_IDS.join(', ')}.`;

export const getOutageRoute = createRoute({
  method: 'get',
  path: '/v1/outages/{id}',
  operationId: 'getOutage',
  tags: [TAG],
  summary: 'One past outage, with its sources',
  description:
    'One catalogue outage by its id (lower case, as listed by GET ' +
    '/v1/outages). An unknown id is a 404 that lists the known ids.',
  request: { params: OutageIdParam },
  responses: {
    200: {
      description: 'The outage.',
      content: { 'application/json': { schema: CatalogueOutageSchema, example: exampleOutage } },
    },
    401: unauthorized,
    404: problem(
      'No outage has this id; the detail lists the known ids.',
      'not-found',
      unknownOutage('meta-2021-10-05'),
    ),
    422: validationResponse(
      [{ pointer: '/path/id', detail: 'Too big: expected string to have <=64 characters' }],
      'The id is over 64 characters.',
    ),
    413: urlTooLong,
    500: internal,
  },
});

const platforms = () => Object.keys(REVENUE_BY_PLATFORM).join(', ');

export const listPlatformRevenueRoute = createRoute({
  method: 'get',
  path: '/v1/platforms/{platform}/revenue',
  operationId: 'listPlatformRevenue',
  tags: [TAG],
  summary: "A platform's reported revenue, total and advertising, with sources",
  description:
    'Reported revenue by calendar quarter (and year where only the year was used), total and ' +
    'advertising, each figure with the source it was read in and its precision as published. A ' +
    'figure the sources do not agree on is `unconfirmed`, with the reason, and has no `ref`. Use ' +
    'a `ref` as `"revenue": { "ref": "meta:2021-Q4:advertising" }` in POST /v1/platform-loss.',
  request: { params: PlatformParam },
  responses: {
    200: {
      description: 'The figures, oldest period first.',
      content: {
        'application/json': {
          schema: RevenueListResponse,
          example: { platform: 'meta', periods: (REVENUE_BY_PLATFORM.meta ?? []).map((e) => presentPeriod('meta', e)) },
        },
      },
    },
    401: unauthorized,
    404: problem(
      'The catalogue has no figures for this platform.',
      'not-found',
      'No revenue figures for "google" in the catalogue; platforms: meta.',
    ),
    422: validationResponse(
      [{ pointer: '/path/platform', detail: 'Too big: expected string to have <=64 characters' }],
      'The platform name is over 64 characters.',
    ),
    413: urlTooLong,
    500: internal,
  },
});

/** A 404 problem typed as the route's declared 404 answer. */
const notFound = (c: Context, detail: string) =>
  c.json(problemBody('not-found', detail), 404, { 'Content-Type': PROBLEM_CONTENT_TYPE });

export const catalogueRoutes = createRouter()
  .openapi(listOutagesRoute, (c) => c.json({ outages: OUTAGES_BY_START.map(presentOutage) }, 200))
  .openapi(getOutageRoute, (c) => {
    const { id } = c.req.valid('param');
    const found = resolveOutageRef(id);
    if (!found.ok) return notFound(c, unknownOutage(id));
    return c.json(presentOutage(found.value), 200);
  })
  .openapi(listPlatformRevenueRoute, (c) => {
    const { platform } = c.req.valid('param');
    const entries = Object.hasOwn(REVENUE_BY_PLATFORM, platform) ? REVENUE_BY_PLATFORM[platform] : undefined;
    if (!entries)
      return notFound(
        c,
        `No revenue figures for ${JSON.stringify(platform)} in the catalogue; platforms: ${platforms()}.`,
      );
    return c.json({ platform, periods: entries.map((e) => presentPeriod(platform, e)) }, 200);
  });
