import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import { BATCH_LIMITS, BatchJsonRequest, BatchJsonResponse, BatchQuery, INPUT_COLUMNS } from '../../../schemas/batch';
import { outageQueryConflict } from '../../../schemas/catalogue';
import batchExamples from '../../../schemas/examples/estimateCampaignImpactBatch.json';
import { type Fx, missingRates } from '../../../schemas/fx-query';
import type { FlatRow } from '../../csv/flat-row';
import { CSV_LIMITS } from '../../csv/parse';
import { admit } from '../../engine/cost';
import { wantsCsv } from '../../http/accept';
import { workLimit } from '../../http/guards';
import { requestMediaType } from '../../http/media-type';
import { problemResponse, validationProblem } from '../../http/problem';
import { problem, problemResponses } from '../../http/responses';
import { BatchRowWriter } from '../../present/batch-rows';
import { RowTotals, totalRowsOf, totalsJson } from '../../present/row-totals';
import { rowSimulation, simulatedHeader } from '../uncertainty-rows';
import {
  BatchCost,
  batchFx,
  type ColumnError,
  CSV_TYPE,
  csvRows,
  estimateRow,
  headerProblem,
  jsonRow,
  newSharedWork,
  type ParsedRow,
  parseRow,
  withOutageDefaults,
} from './rows';

const SAMPLE_CSV =
  'id,currency,timeZone,budgetAmount,budgetPeriod,cpm,ctr,cvr,aov,outageStart,' +
  'outageEnd,outageTimeZone\r\nfall-sale,USD,America/Los_Angeles,1200,day,9.50,' +
  '0.011,0.03,72,2021-10-04T11:39:00,2021-10-04T17:05:00,America/New_York\r\n';

export const estimateCampaignImpactBatchRoute = createRoute({
  method: 'post',
  path: '/v1/impact/batch',
  operationId: 'estimateCampaignImpactBatch',
  tags: ['Spreadsheets'],
  summary: 'Many flat campaign rows in, one result row each',
  description:
    `Takes RFC 4180 CSV (\`text/csv\`, header row, UTF-8, BOM tolerated) or JSON \`{ "rows": [...] }\`; up ` +
    `to ${BATCH_LIMITS.rows} rows and 5 MiB. Each row is one campaign and its outage window, validated like ` +
    `POST /v1/impact. Answers CSV when \`Accept\` names text/csv, JSON when it names application/json, ` +
    `otherwise in the request's format: the input columns, the result columns (\`plannedSpend … ` +
    `netContributionChange\`, then \`<metric>Low\` and \`<metric>High\` of each metric: the exact ends of ` +
    `its range when a cell is a range \`low..high\`, the metric itself when none is), then \`error\`. A bad ` +
    `row gets its message in \`error\` and empty results; the other rows are still computed. The query ` +
    `parameters \`outageStart\`, \`outageEnd\` and \`outageTimeZone\` fill rows that leave those cells ` +
    `empty; \`rounding=half-up\` rounds as \`options.rounding\` of POST /v1/impact does. A body is required. ` +
    `About 1,450 rows that compute fit the default work limit (docs/limits.md); beyond it, a 413 names the rows.`,
  request: {
    query: BatchQuery,
    body: {
      required: false,
      content: {
        'text/csv': {
          schema: z
            .string()
            .openapi({ description: 'RFC 4180 CSV with a header row of FlatCampaignRow columns', example: SAMPLE_CSV }),
        },
        'application/json': {
          schema: BatchJsonRequest,
          example: {
            rows: [
              {
                id: 'fall-sale',
                budgetAmount: '1200',
                budgetPeriod: 'day',
                cpm: '9.50',
                outageStart: '2021-10-04T15:39:00Z',
                outageEnd: '2021-10-04T21:05:00Z',
              },
            ],
          },
        },
      },
    },
  },
  responses: {
    200: {
      description: 'One result row per input row, in input order.',
      content: {
        'text/csv': { schema: z.string(), ...batchExamples['text/csv'] },
        'application/json': { schema: BatchJsonResponse, ...batchExamples['application/json'] },
      },
    },
    ...problemResponses,
    413: problem(
      `The body is over 5 MiB, its JSON is nested deeper than 32 levels, it has more than ` +
        `${BATCH_LIMITS.rows} rows, a CSV cell is over ${CSV_LIMITS.cellChars} characters or ` +
        `a CSV row has more than ${CSV_LIMITS.columns} columns, or the URL is over 8 KiB.`,
      'payload-too-large',
      `The batch has ${BATCH_LIMITS.rows + 1} rows; the limit is ${BATCH_LIMITS.rows}. Split it into several requests.`,
    ),
    415: problem(
      'The Content-Type is neither text/csv nor application/json.',
      'unsupported-media-type',
      'Content-Type "text/plain" is not accepted here; send application/json.',
    ),
    422: problem(
      'The CSV header names an unknown or repeated column, or a JSON body is not `{ "rows": [...] }`.',
      'validation',
      `The CSV header has 1 problem. The columns are ${INPUT_COLUMNS.join(', ')}.`,
      [{ pointer: '/header/cmp', detail: "is not a column; the problem's detail lists the columns" }],
    ),
  },
});

export const estimateCampaignImpactBatch: RouteHandler<typeof estimateCampaignImpactBatchRoute> = async (c) => {
  const query = c.req.valid('query');
  const mediaType = requestMediaType(c);
  const isCsv = mediaType === 'text/csv';
  let inputs: { row: FlatRow; rowErrors: ColumnError[] }[];
  let bodyFx: Fx | undefined;
  if (isCsv) {
    const parsed = csvRows(await c.req.text());
    if ('problem' in parsed) {
      if (parsed.problem === 'syntax')
        return problemResponse(c, 'malformed-body', `The CSV cannot be read: ${parsed.detail}.`);
      if (parsed.problem === 'limit')
        return problemResponse(c, 'payload-too-large', `The CSV is over a limit: ${parsed.error.detail}.`, [
          parsed.error,
        ]);
      return headerProblem(c, parsed.errors);
    }
    inputs = parsed.rows.map(({ row, extraCells }) => ({
      row,
      rowErrors: extraCells
        ? [{ column: undefined, detail: `the row has ${extraCells} more cells than the header has columns` }]
        : [],
    }));
  } else if (mediaType === 'application/json') {
    const body = c.req.valid('json');
    if (typeof body === 'string') throw new Error('a JSON body validated as text');
    bodyFx = body.options?.fx;
    inputs = body.rows.map((raw) => {
      const { row, unknown } = jsonRow(raw);
      return { row, rowErrors: unknown.map((column) => ({ column, detail: 'is not a column; check its spelling' })) };
    });
  } else {
    return problemResponse(
      c,
      'unsupported-media-type',
      'Send the rows as text/csv or as application/json { "rows": [...] }.',
    );
  }
  if (inputs.length === 0)
    return validationProblem(c, [
      { pointer: '/rows', detail: isCsv ? 'give at least one row under the header' : 'give at least one row' },
    ]);
  if (inputs.length > BATCH_LIMITS.rows) {
    return problemResponse(
      c,
      'payload-too-large',
      `The batch has ${inputs.length} rows; the limit is ${BATCH_LIMITS.rows}. Split it into several requests.`,
    );
  }
  const conflict = outageQueryConflict(query);
  if (conflict) return validationProblem(c, [{ pointer: '/query/outage', detail: conflict }]);
  const fxAsked = batchFx(query, bodyFx);
  if ('errors' in fxAsked) return validationProblem(c, fxAsked.errors);
  const simulation = rowSimulation(query.simulate, query);
  const limit = workLimit(c.env);
  const shared = newSharedWork(limit, query.outage);
  const cost = new BatchCost(inputs.length, simulation?.options.draws);
  // Every row is read (and charged) before any is estimated, so the request is admitted or refused
  // from its shape alone; reading stops at the first row that takes the cost over the limit.
  const parsedRows: ({ filled: FlatRow; parsed: ParsedRow } | undefined)[] = inputs.map(({ row, rowErrors }, i) => {
    const filled = withOutageDefaults(row, query);
    const parsed: ParsedRow = rowErrors.length ? { errors: rowErrors } : parseRow(filled, shared);
    cost.add(parsed, i, limit);
    return { filled, parsed };
  });
  inputs.length = 0;
  admit(cost.terms, limit);
  const { fx } = fxAsked;
  if (fx) {
    const currencies = parsedRows.flatMap((p) => (p && 'campaign' in p.parsed ? [p.parsed.campaign.currency] : []));
    const pointer = (code: string) => (bodyFx ? `/options/fx/rates/${code}` : '/query/fxRates');
    const missing = missingRates(currencies, fx, pointer);
    if (missing.length) return validationProblem(c, missing);
  }
  const csv = wantsCsv(c, isCsv);
  const writer = new BatchRowWriter(simulatedHeader(simulation), query.rounding);
  // Each row is estimated, written (a CSV line, or the JSON row's text) and let go before the next: only
  // what the totals need of its estimate is kept, so a batch's memory is its answer, not its work.
  const lines: string[] = csv ? [writer.headerLine()] : [];
  // A CSV answer shows totals only with totals=1; without it they are not worked out at all.
  const totals = new RowTotals(!csv || query.totals === '1');
  parsedRows.forEach((entry, i) => {
    if (!entry) return;
    parsedRows[i] = undefined;
    const outcome = estimateRow(entry.parsed, shared, query.rounding, simulation);
    lines.push(csv ? writer.csvLine(entry.filled, outcome) : writer.jsonText(entry.filled, outcome));
    // Rows are named in totals by their id, else their index, as campaigns of POST /v1/impact are.
    if ('estimate' in outcome) totals.add(outcome.estimate, entry.filled.id || i);
  });
  const presented = totals.present(query.rounding, fx);
  if (csv) {
    // A spreadsheet's SUM over a column stays right without them; `totals=1` asks for them as extra rows.
    if (query.totals === '1') lines.push(...totalRowsOf(presented, (t, reporting) => writer.totalLine(t, reporting)));
    const text = `${query.bom === '1' ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
    return c.body(text, 200, { 'Content-Type': CSV_TYPE });
  }
  // The text JSON.stringify({ rows, totals, reportingTotal }) would give, from the rows' texts.
  return c.body(`{"rows":[${lines.join(',')}],${totalsJson(presented)}}`, 200, { 'Content-Type': 'application/json' });
};
