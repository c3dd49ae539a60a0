import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { FLAT_ROW_EXAMPLE, INPUT_COLUMNS, TemplateQuery } from '../../../schemas/batch';
import type { FlatRow } from '../../csv/flat-row';
import templateExamples from '../../../schemas/examples/getCampaignImpactTemplate.json';
import { writeCsv } from '../../csv/write';
import { queryProblemsWith } from '../../http/responses';
import { CSV_TYPE, csvContent } from './rows';

export const getCampaignImpactTemplateRoute = createRoute({
  method: 'get',
  path: '/v1/impact/template.csv',
  operationId: 'getCampaignImpactTemplate',
  tags: ['Spreadsheets'],
  summary: 'The batch CSV header with example rows',
  description: 'A CSV to start a batch from: every input column, and example rows to overwrite.',
  request: { query: TemplateQuery },
  responses: {
    200: csvContent('The template.', templateExamples['text/csv']),
    ...queryProblemsWith(
      [{ pointer: '/query/bom', detail: 'must be one of "0", "1"' }],
      'The request has 1 invalid field.',
    ),
  },
});

const TEMPLATE_ROWS: FlatRow[] = [
  // The contract's example row, with the two defaults written out so that the template shows them.
  { ...FLAT_ROW_EXAMPLE, deliveryProfile: 'even', deliveryLoss: '1' },
  {
    id: 'tokyo-launch',
    currency: 'JPY',
    timeZone: 'Asia/Tokyo',
    budgetAmount: '5000000',
    budgetPeriod: 'month',
    cpc: '45..60',
    cvr: '0.02',
    roas: '3.5',
    grossMargin: '0.35',
    outageStart: '2024-03-05T15:00:00Z',
    outageEnd: '2024-03-05T17:00:00Z',
    deliveryLoss: '0.8',
  },
];

export const getCampaignImpactTemplate: RouteHandler<typeof getCampaignImpactTemplateRoute> = (c) => {
  const query = c.req.valid('query');
  const csv = writeCsv(
    INPUT_COLUMNS,
    TEMPLATE_ROWS.map((row) => INPUT_COLUMNS.map((col) => row[col] ?? '')),
    { bom: query.bom === '1' },
  );
  return c.body(csv, 200, { 'Content-Type': CSV_TYPE });
};
