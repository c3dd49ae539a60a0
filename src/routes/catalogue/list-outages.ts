import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { OutageListResponse } from '../../../schemas/catalogue';
import { OUTAGES } from '../../catalogue/outages';
import { presentOutage } from '../../present/catalogue';
import { internal, TAG, unauthorized, urlTooLong } from './common';
import { compareCodeUnits } from '../../engine/intl-free';

/** Oldest first, whatever order the data file keeps. */
const OUTAGES_BY_START = [...OUTAGES].sort((a, b) =>
  compareCodeUnits(a.windows[0]?.start ?? '', b.windows[0]?.start ?? ''),
);

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

export const listOutages: RouteHandler<typeof listOutagesRoute> = (c) =>
  c.json({ outages: OUTAGES_BY_START.map(presentOutage) }, 200);
