import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { MarketCapRequest, MarketCapResponse } from '../../../schemas/market-cap';
import { computeMarketCap, type MarketCapInput } from '../../engine/market-cap';
import { formatter } from '../../engine/rounding';
import { jsonProblemResponses } from '../../http/responses';
import { presentMarketCap } from '../../present/market-cap';
import { MARKET_CAP_EXAMPLE, MARKET_CAP_RESPONSE_EXAMPLE } from './example';

/** The 422 example: a field of this route's body, as the service answers `"shares": "-5"`. */
const MARKET_CAP_INVALID = [{ pointer: '/shareClasses/0/shares', detail: 'must be greater than 0, at most 1e13' }];

export const computeMarketCapChangeRoute = createRoute({
  method: 'post',
  path: '/v1/market-cap',
  operationId: 'computeMarketCapChange',
  tags: ['Market cap'],
  summary: 'Market-capitalisation arithmetic of a share-price move',
  description:
    'Shares outstanding across share classes (converted into the priced class), the price move given as ' +
    'before/after or as a percent change, the market-cap change, the abnormal (market-adjusted) change against a ' +
    "benchmark and beta, each holder's wealth change, and the multiple of the revenue the outage actually lost.",
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: MarketCapRequest, example: MARKET_CAP_EXAMPLE } },
    },
  },
  responses: {
    200: {
      description: 'The arithmetic, every number a decimal string.',
      content: { 'application/json': { schema: MarketCapResponse, example: MARKET_CAP_RESPONSE_EXAMPLE } },
    },
    ...jsonProblemResponses(MARKET_CAP_INVALID),
  },
});

export const computeMarketCapChange: RouteHandler<typeof computeMarketCapChangeRoute> = (c) => {
  const body = c.req.valid('json');
  const { currency } = body;
  const input: MarketCapInput = {
    shareClasses: body.shareClasses ?? [],
    marketCap: body.marketCap,
    price: body.price,
    benchmark: body.benchmark,
    holders: body.holders,
    revenueLoss: body.revenueLoss,
  };
  const result = computeMarketCap(input);
  return c.json(
    presentMarketCap(input, result, currency, formatter(currency, body.options.rounding), body.options.explain),
    200,
  );
};
