import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { ImpactCsvQuery } from '../../../schemas/batch';
import csvExamples from '../../../schemas/examples/getCampaignImpactCsv.json';
import { workLimit } from '../../http/guards';
import { queryProblemsWith } from '../../http/responses';
import { rowSimulation, simulatedHeader } from '../uncertainty-rows';
import { BatchRowWriter } from '../../present/batch-rows';
import { CSV_TYPE, csvContent, queryProblem, queryRow } from './rows';

export const getCampaignImpactCsvRoute = createRoute({
  method: 'get',
  path: '/v1/impact.csv',
  operationId: 'getCampaignImpactCsv',
  tags: ['Spreadsheets'],
  summary: 'One campaign from query parameters, as CSV',
  description:
    'The flat columns of a batch row as query parameters (an empty parameter is "not ' +
    'given", never 0); answers the header and one result row as CSV (the columns of a ' +
    'batch answer), for Google Sheets `=IMPORTDATA(url)`. `rounding=half-up` rounds as ' +
    '`options.rounding` of POST /v1/impact does. The same URL always gives the same bytes.',
  request: { query: ImpactCsvQuery },
  responses: {
    200: csvContent('The header and one result row.', csvExamples['text/csv']),
    ...queryProblemsWith(
      [{ pointer: '/query/budgetAmount', detail: 'must be at least 0, at most 1e15' }],
      'The query has 1 invalid parameter.',
    ),
  },
});

export const getCampaignImpactCsv: RouteHandler<typeof getCampaignImpactCsvRoute> = (c) => {
  const query = c.req.valid('query');
  const simulation = rowSimulation(query.simulate, query);
  const { outcome, row } = queryRow(query, workLimit(c.env), simulation);
  if ('errors' in outcome) return queryProblem(c, outcome.errors);
  const writer = new BatchRowWriter(simulatedHeader(simulation), query.rounding);
  const text = `${query.bom === '1' ? '\uFEFF' : ''}${writer.headerLine()}\r\n${writer.csvLine(row, outcome)}\r\n`;
  return c.body(text, 200, { 'Content-Type': CSV_TYPE });
};
