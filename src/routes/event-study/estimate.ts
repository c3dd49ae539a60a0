import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { EventStudyRequest, EventStudyResponse } from '../../../schemas/event-study';
import answers from '../../../schemas/examples/estimateEventStudy.json';
import { estimateEventStudy as studyEvent } from '../../engine/event-study';
import { sharesOutstanding } from '../../engine/market-cap';
import { formatter } from '../../engine/rounding';
import { jsonProblemResponses } from '../../http/responses';
import { type MarketCapBasis, presentEventStudy } from '../../present/event-study';
import { EVENT_STUDY_EXAMPLE } from './example';

export const estimateEventStudyRoute = createRoute({
  method: 'post',
  path: '/v1/market-cap/event-study',
  operationId: 'estimateEventStudy',
  tags: ['Market cap'],
  summary: 'Was the share-price move the event, or the market? A market-model event study',
  description:
    `The event study of MacKinlay (1997): the stock's normal relation to the market is fitted by ordinary ` +
    `least
squares on an estimation window before the event (default: trading days −130 to −11), and each ` +
    `event-window day's abnormal
return (return − α̂ − β̂ × benchmark return) is added up into CAR. ` +
    `CAR is tested against its exact prediction-error variance
σ̂²·(L + γ′X*(X′X)⁻¹X*′γ): ` +
    `\`t\` = CAR ÷ its standard deviation, with a two-sided \`pValue\` from Student's t with n − 2
degrees ` +
    `of freedom. Models \`constant-mean\` and \`market-adjusted\` use their own variances ` +
    `(docs/event-study.md). With
\`marketCap\` or \`shareClasses\`, \`abnormalMarketCapChange\` = market cap ` +
    `before the event window × CAR. The answer states its
\`method\` in one paragraph and its \`caveats\`.`,
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: EventStudyRequest, example: EVENT_STUDY_EXAMPLE } },
    },
  },
  responses: {
    200: {
      description: 'The study, every number a decimal string.',
      content: { 'application/json': { schema: EventStudyResponse, ...answers['application/json'] } },
    },
    ...jsonProblemResponses([
      { pointer: '/eventDate', detail: 'is not a trading date of prices (2021-04-05 to 2021-10-08)' },
      {
        pointer: '/benchmark',
        detail: 'must have the same trading dates as prices; only in prices: 2021-07-05; only in benchmark: none',
      },
    ]),
  },
});

export const estimateEventStudy: RouteHandler<typeof estimateEventStudyRoute> = (c) => {
  const body = c.req.valid('json');
  const { currency } = body;
  const result = studyEvent({
    prices: body.prices,
    benchmark: body.benchmark,
    eventDate: body.eventDate,
    estimationWindow: body.estimationWindow,
    eventWindow: body.eventWindow,
    model: body.model,
  });
  let basis: MarketCapBasis | undefined;
  if (body.marketCap) basis = { marketCapBefore: body.marketCap };
  else if (body.shareClasses) {
    const shares = sharesOutstanding(body.shareClasses);
    basis = { sharesOutstanding: shares, marketCapBefore: shares.times(result.closeBeforeEvent) };
  }
  const f = formatter(currency, body.options.rounding);
  return c.json(presentEventStudy(result, basis, currency, f, body.options.explain), 200);
};
