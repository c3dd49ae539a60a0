import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { HealthResponse } from '../../../schemas/health';
import { openProblemResponses } from '../../http/responses';
import { VERSION } from '../../version';

export const getHealthRoute = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['Service'],
  summary: 'Liveness check',
  security: [],
  description: 'Answers `{ "status": "ok", "version" }` while the service is up. Never needs an API key.',
  responses: {
    200: {
      description: 'The service is up.',
      content: { 'application/json': { schema: HealthResponse, example: { status: 'ok', version: VERSION } } },
    },
    ...openProblemResponses,
  },
});

export const getHealth: RouteHandler<typeof getHealthRoute> = (c) =>
  c.json({ status: 'ok' as const, version: VERSION }, 200);
