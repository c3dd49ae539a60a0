import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { CatalogueOutageOut as CatalogueOutageSchema, OutageIdParam } from '../../../schemas/catalogue';
import { type CatalogueOutage, OUTAGES } from '../../catalogue/outages';
import { OUTAGE_IDS, resolveOutageRef } from '../../catalogue/refs';
import { problem, validationResponse } from '../../http/responses';
import { presentOutage } from '../../present/catalogue';
import { internal, notFound, TAG, unauthorized, urlTooLong } from './common';

const exampleOutage = presentOutage(OUTAGES.find((o) => o.id === 'meta-2021-10-04') as CatalogueOutage);

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

export const getOutage: RouteHandler<typeof getOutageRoute> = (c) => {
  const { id } = c.req.valid('param');
  const found = resolveOutageRef(id);
  if (!found.ok) return notFound(c, unknownOutage(id));
  return c.json(presentOutage(found.value), 200);
};
