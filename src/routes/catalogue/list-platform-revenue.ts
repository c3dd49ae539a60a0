import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { PlatformParam, RevenueListResponse } from '../../../schemas/catalogue';
import { REVENUE_BY_PLATFORM } from '../../catalogue/refs';
import { problem, validationResponse } from '../../http/responses';
import { presentPeriod } from '../../present/catalogue';
import { internal, notFound, TAG, unauthorized, urlTooLong } from './common';

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

export const listPlatformRevenue: RouteHandler<typeof listPlatformRevenueRoute> = (c) => {
  const { platform } = c.req.valid('param');
  const entries = Object.hasOwn(REVENUE_BY_PLATFORM, platform) ? REVENUE_BY_PLATFORM[platform] : undefined;
  if (!entries)
    return notFound(
      c,
      `No revenue figures for ${JSON.stringify(platform)} in the catalogue; platforms: ${platforms()}.`,
    );
  return c.json({ platform, periods: entries.map((e) => presentPeriod(platform, e)) }, 200);
};
