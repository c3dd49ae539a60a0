import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import atlantic2014 from '../../../examples/atlantic-2014-08-01.json';
import catalogue2021 from '../../../examples/catalogue-meta-2021-10-04.json';
import ccn2019 from '../../../examples/ccn-2019-03-13.json';
import ladbible2024 from '../../../examples/ladbible-2024-03-05.json';
import snopes2021 from '../../../examples/snopes-2021-10-04.json';
import responseExamples from '../../../schemas/examples/estimatePlatformRevenueLoss.json';
import { PlatformLossRequest, PlatformLossResponse } from '../../../schemas/platform';
import { admit, platformCostTerms } from '../../engine/cost';
import { estimatePlatformLoss } from '../../engine/platform';
import { workLimit } from '../../http/guards';
import { formatter } from '../../engine/rounding';
import { jsonProblemResponses } from '../../http/responses';
import { outageEcho, revenueEcho } from '../../../schemas/catalogue';
import { platformLossCaveats, platformLossMethod } from '../../present/platform-method';
import { presentPlatformLoss } from '../../present/platform';
import { PLATFORM_LOSS_EXAMPLE } from './example';

export const estimatePlatformRevenueLossRoute = createRoute({
  method: 'post',
  path: '/v1/platform-loss',
  operationId: 'estimatePlatformRevenueLoss',
  tags: ['Platform revenue loss'],
  summary: "The platform's own ad revenue lost in an outage",
  description:
    'A published revenue figure over a period (a quarter, a year, a month, inclusive dates, a number of days ' +
    'or hours) gives the average revenue per hour; calendar periods count real UTC days. An optional 24- or ' +
    '168-weight traffic profile in `profileTimeZone` shapes the rate over the hours. The loss is Σ over the ' +
    'outage windows of deliveryLoss × affectedShare × the revenue the window would have earned, less what is ' +
    'recaptured afterwards. `examples/` in the repository reproduces published estimates of past Meta outages.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: PlatformLossRequest,
          examples: {
            catalogue2021: {
              summary:
                '4 Oct 2021 by reference: Q4 2021 advertising revenue and the catalogue window (GET /v1/outages)',
              value: catalogue2021,
            },
            fortune2021: {
              summary: 'Fortune, 4 Oct 2021: $29.08B over 2021-Q2, 7.5 hours (DESIGN.md worked example)',
              value: PLATFORM_LOSS_EXAMPLE,
            },
            snopes2021: { summary: 'Snopes, 4 Oct 2021: $28.58B ad revenue over 2021-Q2, 5 hours', value: snopes2021 },
            ladbible2024: {
              summary: 'LADbible, 5 Mar 2024: $38.7B ad revenue over 2023-Q4, 2 hours',
              value: ladbible2024,
            },
            ccn2019: { summary: 'CCN, 13 Mar 2019: $55.8B revenue over 2018, 14 hours', value: ccn2019 },
            atlantic2014: {
              summary: 'The Atlantic, 1 Aug 2014: $2.91B revenue over 2014-Q2, 19 minutes',
              value: atlantic2014,
            },
          },
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The rates and the loss, every number a decimal string.',
      // the real answer to each request example, under the same name, written by `npm run openapi:examples`
      content: { 'application/json': { schema: PlatformLossResponse, ...responseExamples['application/json'] } },
    },
    ...jsonProblemResponses([
      {
        pointer: '/revenue/period',
        detail:
          'gives `quarter` and `year`: give exactly one period form ' +
          '(`quarter`, `year`, `month`, `start` with `end`, `days`, `hours`)',
      },
    ]),
  },
});

export const estimatePlatformRevenueLoss: RouteHandler<typeof estimatePlatformRevenueLossRoute> = (c) => {
  const body = c.req.valid('json');
  const { currency } = body.revenue;
  const { trafficProfile } = body;
  const input = {
    amount: body.revenue.amount,
    period: body.revenue.period,
    affectedShare: body.affectedShare,
    recapture: body.recapture,
    windows: body.outage.windows,
    trafficProfile,
    profileTimeZone: body.profileTimeZone,
  };
  admit(platformCostTerms(input.windows, trafficProfile !== 'even'), workLimit(c.env));
  const result = estimatePlatformLoss(input);
  const f = formatter(currency, body.options.rounding);
  const profiled = trafficProfile !== 'even';
  const answer = presentPlatformLoss(result, { ...input, profiled }, currency, f, body.options.explain);
  const { ref: outage } = body.outage;
  const { ref: revenue } = body.revenue;
  const prose = {
    ...input,
    result,
    currency,
    profiled,
    f,
    ...(outage ? { outage } : {}),
    ...(revenue ? { revenue } : {}),
  };
  return c.json(
    {
      ...answer,
      method: platformLossMethod(prose),
      caveats: platformLossCaveats(prose),
      ...(outage ? { outage: outageEcho(outage) } : {}),
      ...(revenue ? { revenue: revenueEcho(revenue) } : {}),
    },
    200,
  );
};
