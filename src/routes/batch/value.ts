import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import { ImpactValueQuery } from '../../../schemas/batch';
import valueExamples from '../../../schemas/examples/getCampaignImpactValue.json';
import type { Metric } from '../../engine/impact';
import { formatter } from '../../engine/rounding';
import { workLimit } from '../../http/guards';
import { presentResultColumns } from '../../present/result-columns';
import { queryProblemsWith } from '../../http/responses';
import { rowSimulation, simulationProblem } from '../uncertainty-rows';
import { queryProblem, queryRow } from './rows';

export const getCampaignImpactValueRoute = createRoute({
  method: 'get',
  path: '/v1/impact/value',
  operationId: 'getCampaignImpactValue',
  tags: ['Spreadsheets'],
  summary: 'One result metric as a bare number',
  description:
    'The flat columns as query parameters, and `metric` naming a result column ' +
    "(`lostRevenueLow` and `lostRevenueHigh` are the ends of lostRevenue's range when an " +
    'input is a range `low..high`). `rounding=half-up` rounds as `options.rounding` of POST ' +
    '/v1/impact does. Answers the number alone as `text/plain` (`.` decimal separator, no ' +
    'grouping, no line break), for `=WEBSERVICE(url)` in Excel and LibreOffice Calc.',
  request: { query: ImpactValueQuery },
  responses: {
    200: {
      description: 'The metric, e.g. `370.61`.',
      content: { 'text/plain': { schema: z.string(), ...valueExamples['text/plain'] } },
    },
    ...queryProblemsWith(
      [
        {
          pointer: '/query/metric',
          detail: "lostRevenue is not determined by the funnel inputs given; see POST /v1/impact's undetermined list",
        },
      ],
      'The query has 1 invalid parameter.',
    ),
  },
});

export const getCampaignImpactValue: RouteHandler<typeof getCampaignImpactValueRoute> = (c) => {
  const query = c.req.valid('query');
  const problem = simulationProblem(query.metric, query.stat);
  if (problem) return queryProblem(c, [problem]);
  const simulation = query.stat ? rowSimulation(query.metric as Metric, query) : undefined;
  const { outcome } = queryRow(query, workLimit(c.env), simulation);
  if ('errors' in outcome) return queryProblem(c, outcome.errors);
  const { estimate } = outcome;
  const value = query.stat
    ? (outcome.simulated?.stats?.[query.stat] ?? null)
    : presentResultColumns(estimate, formatter(estimate.currency, query.rounding))[query.metric];
  if (value === null)
    return queryProblem(c, [
      {
        column: 'metric',
        detail:
          `${query.metric} is not determined by the funnel ` + `inputs given; see POST /v1/impact's undetermined list`,
      },
    ]);
  return c.text(value, 200);
};
