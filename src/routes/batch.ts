import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  BATCH_LIMITS,
  BatchJsonRequest,
  BatchJsonResponse,
  BatchQuery,
  type BatchResultRow,
  columnsOf,
  type FlatRow,
  INPUT_COLUMNS,
  type InputColumn,
  ImpactCsvQuery,
  ImpactValueQuery,
  OUTAGE_COLUMNS,
  type ParsedOutage,
  parseFlatRow,
  RESULT_COLUMNS,
  rangeColumns,
  type ResultColumn,
  TemplateQuery,
} from '../../schemas/batch';
import { outageQueryConflict } from '../../schemas/catalogue';
import { type Fx, fxFromQuery, missingRates } from '../../schemas/fx-query';
import batchExamples from '../../schemas/examples/estimateCampaignImpactBatch.json';
import csvExamples from '../../schemas/examples/getCampaignImpactCsv.json';
import templateExamples from '../../schemas/examples/getCampaignImpactTemplate.json';
import valueExamples from '../../schemas/examples/getCampaignImpactValue.json';
import { CSV_LIMITS, CsvLimitError, CsvSyntaxError, parseCsv } from '../csv/parse';
import { writeCsv } from '../csv/write';
import { InputError } from '../engine/errors';
import {
  admit,
  batchRowsTerm,
  campaignCostTerms,
  computedRowTerm,
  type CostTerm,
  simulationCostTerms,
  totalCost,
  WalkLedger,
} from '../engine/cost';
import {
  type CampaignEstimate,
  type CampaignSpec,
  estimateCampaign,
  METRICS,
  type Metric,
  type Window,
} from '../engine/impact';
import { reportingTotal, totalsByCurrency } from '../engine/totals';
import { formatter, type RoundingMode } from '../engine/rounding';
import { type SpendCache, sharedSpendCache } from '../engine/spend';
import { workLimit } from '../http/guards';
import {
  type FieldError,
  jsonPointer,
  PROBLEM_CONTENT_TYPE,
  problemBody,
  problemResponse,
  validationProblem,
} from '../http/problem';
import { problem, problemResponses, queryProblemResponses } from '../http/responses';
import { createRouter } from '../http/router';
import { fieldErrors } from '../http/validation';
import { presentOutputs, presentRanges, presentTotals } from '../present/impact';
import {
  type RowSimulation,
  rowSimulation,
  type SimulatedCells,
  simulateRow,
  simulatedHeader,
  simulationProblem,
} from './uncertainty-rows';

/** A problem with a row, named by its column (or by no column when it is about the whole row). */
type ColumnError = { column: string | undefined; detail: string };
/** Work the rows of one request share: spend shares per zone and profile, parsed outages. */
interface SharedWork {
  cache: SpendCache;
  outages: Map<string, ParsedOutage>;
  /** The query's `outage=<catalogue id>`, for rows that leave the outage cells empty. */
  outageRef?: string | undefined;
}
const newSharedWork = (outageRef?: string): SharedWork => ({
  cache: sharedSpendCache(),
  outages: new Map(),
  outageRef,
});

type RowOutcome =
  | {
      results: Record<ResultColumn, string | null>;
      warnings: string[];
      estimate: CampaignEstimate;
      simulated?: SimulatedCells;
    }
  | { errors: ColumnError[] };
/** A row read through the schemas: the campaign and its windows, or the row's errors. */
type ParsedRow = { campaign: CampaignSpec; windows: Window[] } | { errors: ColumnError[] };

/**
 * One flat row through the same schemas (parseRow), then engine and formatting (estimateRow) as
 * POST /v1/impact, so a row's results equal the JSON answer for the same campaign.
 */
function parseRow(row: FlatRow, shared: SharedWork): ParsedRow {
  const parsed = parseFlatRow(row, shared.outages, shared.outageRef);
  const errors: ColumnError[] = [];
  for (const [into, result] of [
    ['campaign', parsed.campaign],
    ['outage', parsed.outage],
  ] as const) {
    if (result.success) continue;
    for (const e of fieldErrors(result.error)) {
      // Pointers from fieldErrors are RFC 6901: undo its escaping to get the path back.
      const path = e.pointer
        .split('/')
        .slice(1)
        .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
      errors.push(...withColumns(columnsOf(into, path), e.detail));
    }
  }
  if (!parsed.campaign.success || !parsed.outage.success) return { errors };
  return { campaign: parsed.campaign.data, windows: parsed.outage.data.windows };
}

function estimateRow(
  parsed: ParsedRow,
  shared: SharedWork,
  mode: RoundingMode,
  simulation?: RowSimulation,
): RowOutcome {
  if ('errors' in parsed) return parsed;
  try {
    const estimate = estimateCampaign(parsed.campaign, parsed.windows, shared.cache, {
      timeline: false,
      explain: false,
    });
    // Formatted by the same functions as POST /v1/impact's campaign outputs and `ranges`.
    const f = formatter(estimate.currency, mode);
    const results = resultColumns(presentOutputs(estimate, f), estimate.ranges && presentRanges(estimate.ranges, f));
    const outcome = { results, warnings: estimate.warnings, estimate };
    return simulation ? { ...outcome, simulated: simulateRow(parsed.campaign, estimate, simulation, mode) } : outcome;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { errors: err.issues.flatMap((i) => withColumns(columnsOf('campaign', i.path), i.message)) };
  }
}

/**
 * A campaign's formatted outputs and `ranges` (as in POST /v1/impact's answer) as result columns: its
 * spends and metrics, then each metric's low and high. With a range input they are the `ranges` entry
 * (null where that is null); without one (no `ranges`), the metric itself, low = high = base.
 */
function resultColumns(
  outputs: ReturnType<typeof presentOutputs>,
  ranges: ReturnType<typeof presentRanges> | undefined,
): Record<ResultColumn, string | null> {
  const results = { ...outputs } as Record<ResultColumn, string | null>;
  for (const metric of METRICS) {
    const { low, high } = rangeColumns(metric);
    const range = ranges ? (ranges[metric] ?? null) : { low: outputs[metric], high: outputs[metric] };
    results[low] = range?.low ?? null;
    results[high] = range?.high ?? null;
  }
  return results;
}

/**
 * The batch's cost: every row's columns, and each good row's campaign (pointer `/rows/<n>`), added as rows are read.
 */
class BatchCost {
  readonly terms: CostTerm[];
  private readonly ledger = new WalkLedger();
  private total: number;

  /** `draws`: the simulation's draws per row (?simulate= or stat=), charged for every row up front. */
  constructor(rows: number, draws = 0) {
    this.terms = [batchRowsTerm(rows), ...(draws ? simulationCostTerms(draws, rows, 'rows') : [])];
    this.total = totalCost(this.terms);
  }

  /** Adds a row's campaign; refuses the request as soon as the cost so far is over the limit. */
  add(row: ParsedRow, index: number, limit: number): void {
    if ('errors' in row) return;
    const path = ['rows', index];
    const terms = [
      ...campaignCostTerms(row.campaign, row.windows, { timeline: false, explain: false }, path, this.ledger),
      computedRowTerm(path),
    ];
    this.terms.push(...terms);
    this.total += totalCost(terms);
    if (this.total > limit) admit(this.terms, limit);
  }
}

/** One error per column the problem is about, or one about the whole row when no column feeds it. */
function withColumns(columns: InputColumn[], detail: string): ColumnError[] {
  return columns.length ? columns.map((column) => ({ column, detail })) : [{ column: undefined, detail }];
}

function describeErrors(errors: ColumnError[]): string {
  return errors.map((e) => (e.column ? `${e.column}: ${e.detail}` : e.detail)).join('; ');
}

function resultRow(row: FlatRow, outcome: RowOutcome, simulation?: RowSimulation): BatchResultRow {
  const out = Object.fromEntries(INPUT_COLUMNS.map((c) => [c, row[c] ?? ''])) as BatchResultRow;
  for (const c of RESULT_COLUMNS) out[c] = 'results' in outcome ? outcome.results[c] : null;
  for (const c of simulatedHeader(simulation))
    out[c] = 'results' in outcome ? (outcome.simulated?.columns[c] ?? null) : null;
  out.error = 'errors' in outcome ? describeErrors(outcome.errors) : null;
  out.warnings = 'warnings' in outcome ? outcome.warnings.join('; ') : '';
  return out;
}

function toCsv(rows: BatchResultRow[], bom: boolean, simulation?: RowSimulation): string {
  const header = [...INPUT_COLUMNS, ...RESULT_COLUMNS, ...simulatedHeader(simulation), 'error', 'warnings'];
  return writeCsv(
    header,
    rows.map((r) => header.map((c) => r[c as keyof BatchResultRow])),
    { bom },
  );
}

/** A currency's totals as a CSV row whose id is `TOTAL <currency>`, its metrics in the result columns. */
function totalRow(t: ReturnType<typeof presentTotals>): BatchResultRow {
  const out = Object.fromEntries(
    [...INPUT_COLUMNS, ...RESULT_COLUMNS].map((c) => [c, '']),
  ) as unknown as BatchResultRow;
  out.id = `TOTAL ${t.currency}`;
  out.currency = t.currency;
  out.plannedSpend = t.plannedSpend;
  out.lostSpend = t.lostSpend;
  for (const metric of METRICS) out[metric] = t[metric];
  const left = Object.entries(t.undetermined).map(([metric, labels]) => `${metric} leaves out ${labels.join(', ')}`);
  out.error = null;
  out.warnings = left.join('; ');
  return out;
}

/** `options.fx` of a JSON body or the query's fxCurrency and fxRates (not both), or their problems. */
function batchFx(
  query: Parameters<typeof fxFromQuery>[0],
  bodyFx: Fx | undefined,
): { fx?: Fx } | { errors: FieldError[] } {
  const fromQuery = fxFromQuery(query);
  if (!bodyFx) return fromQuery;
  if ('errors' in fromQuery || fromQuery.fx)
    return { errors: [{ pointer: '/query/fxCurrency', detail: 'give fx once: in options.fx or in the query' }] };
  return { fx: bodyFx };
}

/** Fills a row's empty outage cells from the query parameters of the same names. */
function withOutageDefaults(row: FlatRow, defaults: Partial<Record<(typeof OUTAGE_COLUMNS)[number], string>>): FlatRow {
  const filled = { ...row };
  for (const column of OUTAGE_COLUMNS) {
    const value = defaults[column];
    if ((filled[column] ?? '').trim() === '' && value !== undefined && value.trim() !== '') filled[column] = value;
  }
  return filled;
}

/** Reads a CSV body into flat rows; unknown or repeated header columns are a 422 for the whole request. */
function csvRows(
  text: string,
):
  | { rows: { row: FlatRow; extraCells: number }[] }
  | { problem: 'syntax'; detail: string }
  | { problem: 'header'; errors: FieldError[] }
  | { problem: 'limit'; error: FieldError } {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { problem: 'syntax', detail: err.message };
    if (err instanceof CsvLimitError) return { problem: 'limit', error: { pointer: err.pointer, detail: err.message } };
    throw err;
  }
  const [header = [], ...data] = records;
  const errors: FieldError[] = [];
  const known = new Set<string>(INPUT_COLUMNS);
  const seen = new Set<string>();
  header.forEach((name) => {
    const column = name.trim();
    const pointer = jsonPointer(['header', column]);
    // The list of columns is stated once, in the problem's detail, not in every error.
    if (!known.has(column)) errors.push({ pointer, detail: "is not a column; the problem's detail lists the columns" });
    else if (seen.has(column)) errors.push({ pointer, detail: 'appears twice' });
    seen.add(column);
  });
  if (header.length === 0) errors.push({ pointer: '/header', detail: 'the CSV needs a header row naming its columns' });
  if (errors.length) return { problem: 'header', errors };
  return {
    rows: data.map((cells) => {
      const row: FlatRow = {};
      header.forEach((name, i) => {
        row[name.trim() as InputColumn] = cells[i] ?? '';
      });
      return { row, extraCells: Math.max(0, cells.length - header.length) };
    }),
  };
}

/** A 422 for the header, naming the columns once in its detail. */
function headerProblem(c: Context, errors: FieldError[]): Response {
  const n = errors.length;
  return problemResponse(
    c,
    'validation',
    `The CSV header has ${n} problem${n === 1 ? '' : 's'}. The columns are ${INPUT_COLUMNS.join(', ')}.`,
    errors,
  );
}

/** A JSON batch row as a flat row; unknown keys are reported as the row's error. */
function jsonRow(raw: Record<string, string | number | null | undefined>): { row: FlatRow; unknown: string[] } {
  const row: FlatRow = {};
  const unknown: string[] = [];
  const known = new Set<string>(INPUT_COLUMNS);
  for (const [key, value] of Object.entries(raw)) {
    if (!known.has(key)) unknown.push(key);
    else if (value !== null && value !== undefined) row[key as InputColumn] = String(value);
  }
  return { row, unknown };
}

/** The q-value (RFC 9110 section 12.5.1) an Accept header gives a media type; ranges such as text/* count. */
function acceptQuality(entries: { type: string; q: number }[], mediaType: string): number {
  const [major] = mediaType.split('/');
  const match = entries.find((e) => e.type === mediaType) ?? entries.find((e) => e.type === `${major}/*`);
  return match?.q ?? 0;
}

/**
 * CSV when Accept prefers text/csv, JSON when it prefers application/json (or names only other
 * types); with no Accept, only a wildcard, or a tie, the answer takes the request's own format.
 */
export function wantsCsv(c: Context, requestWasCsv: boolean): boolean {
  const entries = (c.req.header('accept') ?? '')
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { type, q: Number.isFinite(quality) ? quality : 0 };
    })
    .filter((e) => e.type !== '' && e.type !== '*/*');
  if (entries.length === 0) return requestWasCsv;
  const csv = acceptQuality(entries, 'text/csv');
  const json = acceptQuality(entries, 'application/json');
  if (csv === json) return csv > 0 ? requestWasCsv : false;
  return csv > json;
}

// The 200 examples are the real answers to the example requests, written by `npm run openapi:examples`.
const csvContent = (description: string, examples: { example: string }) => ({
  description,
  content: { 'text/csv': { schema: z.string(), ...examples } },
});
const CSV_TYPE = 'text/csv; charset=utf-8';
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
    `empty; \`rounding=half-up\` rounds as \`options.rounding\` of POST /v1/impact does. A body is required.`,
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
  responses: { 200: csvContent('The header and one result row.', csvExamples['text/csv']), ...queryProblemResponses },
});

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
    ...queryProblemResponses,
  },
});

export const getCampaignImpactTemplateRoute = createRoute({
  method: 'get',
  path: '/v1/impact/template.csv',
  operationId: 'getCampaignImpactTemplate',
  tags: ['Spreadsheets'],
  summary: 'The batch CSV header with example rows',
  description: 'A CSV to start a batch from: every input column, and example rows to overwrite.',
  request: { query: TemplateQuery },
  responses: { 200: csvContent('The template.', templateExamples['text/csv']), ...queryProblemResponses },
});

const TEMPLATE_ROWS: FlatRow[] = [
  {
    id: 'fall-sale',
    currency: 'USD',
    timeZone: 'America/Los_Angeles',
    budgetAmount: '1200',
    budgetPeriod: 'day',
    deliveryProfile: 'even',
    cpm: '9.50',
    ctr: '0.011',
    cvr: '0.03',
    aov: '72',
    grossMargin: '0.4',
    recapture: '0.5',
    cpmPremium: '0.1',
    outageStart: '2021-10-04T11:39:00',
    outageEnd: '2021-10-04T17:05:00',
    outageTimeZone: 'America/New_York',
    deliveryLoss: '1',
  },
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

/** The single row of a formula endpoint, or the 422 problem that its query parameters earn. */
function queryRow(
  query: Partial<Record<InputColumn, string>> & { outage?: string | undefined; rounding: RoundingMode },
  limit: number,
  simulation?: RowSimulation,
): { outcome: RowOutcome; row: FlatRow } {
  const row: FlatRow = {};
  for (const column of INPUT_COLUMNS) if (query[column] !== undefined) row[column] = query[column];
  const conflict = outageQueryConflict(query);
  if (conflict) return { outcome: { errors: [{ column: 'outage', detail: conflict }] }, row };
  const shared = newSharedWork(query.outage);
  const parsed = parseRow(row, shared);
  new BatchCost(1, simulation?.options.draws).add(parsed, 0, limit);
  return { outcome: estimateRow(parsed, shared, query.rounding, simulation), row };
}

function queryProblem(c: Context, errors: ColumnError[]) {
  const fields = errors.map((e) => ({ pointer: e.column ? `/query/${e.column}` : '/query', detail: e.detail }));
  return c.json(
    problemBody(
      'validation',
      `The query has ${fields.length} invalid parameter${fields.length === 1 ? '' : 's'}.`,
      fields,
    ),
    422,
    { 'Content-Type': PROBLEM_CONTENT_TYPE },
  );
}

export const batchRoutes = createRouter()
  .openapi(estimateCampaignImpactBatchRoute, async (c) => {
    const query = c.req.valid('query');
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
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
    const shared = newSharedWork(query.outage);
    const limit = workLimit(c.env);
    const cost = new BatchCost(inputs.length, simulation?.options.draws);
    // Every row is read (and charged) before any is estimated, so the request is admitted or refused
    // from its shape alone; reading stops at the first row that takes the cost over the limit.
    const parsedRows = inputs.map(({ row, rowErrors }, i) => {
      const filled = withOutageDefaults(row, query);
      const parsed: ParsedRow = rowErrors.length ? { errors: rowErrors } : parseRow(filled, shared);
      cost.add(parsed, i, limit);
      return { filled, parsed };
    });
    admit(cost.terms, limit);
    const { fx } = fxAsked;
    if (fx) {
      const currencies = parsedRows.flatMap(({ parsed }) => ('campaign' in parsed ? [parsed.campaign.currency] : []));
      const pointer = (code: string) => (bodyFx ? `/options/fx/rates/${code}` : '/query/fxRates');
      const missing = missingRates(currencies, fx, pointer);
      if (missing.length) return validationProblem(c, missing);
    }
    const mode = query.rounding;
    const outcomes = parsedRows.map(({ filled, parsed }) => ({
      row: filled,
      outcome: estimateRow(parsed, shared, mode, simulation),
    }));
    const rows = outcomes.map(({ row, outcome }) => resultRow(row, outcome, simulation));
    // Rows are named in totals by their id, else their index, as campaigns of POST /v1/impact are.
    const good = outcomes.flatMap(({ row, outcome }, i) =>
      'estimate' in outcome ? [{ estimate: outcome.estimate, label: row.id || i }] : [],
    );
    const currencyTotals = totalsByCurrency(
      good.map((g) => g.estimate),
      good.map((g) => g.label),
    );
    const totals = currencyTotals.map((t) => presentTotals(t, mode));
    const reporting = fx && presentTotals(reportingTotal(currencyTotals, fx.currency, fx.rates), mode);
    if (wantsCsv(c, isCsv)) {
      // A spreadsheet's SUM over a column stays right without them; `totals=1` asks for them as extra rows.
      const totalRows = query.totals === '1' ? totals.map(totalRow) : [];
      if (query.totals === '1' && reporting)
        totalRows.push({ ...totalRow(reporting), id: `REPORTING TOTAL ${fx.currency}` });
      return c.body(toCsv([...rows, ...totalRows], query.bom === '1', simulation), 200, { 'Content-Type': CSV_TYPE });
    }
    return c.json({ rows, totals, ...(reporting ? { reportingTotal: reporting } : {}) }, 200);
  })
  .openapi(getCampaignImpactCsvRoute, (c) => {
    const query = c.req.valid('query');
    const simulation = rowSimulation(query.simulate, query);
    const { outcome, row } = queryRow(query, workLimit(c.env), simulation);
    if ('errors' in outcome) return queryProblem(c, outcome.errors);
    return c.body(toCsv([resultRow(row, outcome, simulation)], query.bom === '1', simulation), 200, {
      'Content-Type': CSV_TYPE,
    });
  })
  .openapi(getCampaignImpactValueRoute, (c) => {
    const query = c.req.valid('query');
    const problem = simulationProblem(query.metric, query.stat);
    if (problem) return queryProblem(c, [problem]);
    const simulation = query.stat ? rowSimulation(query.metric as Metric, query) : undefined;
    const { outcome } = queryRow(query, workLimit(c.env), simulation);
    if ('errors' in outcome) return queryProblem(c, outcome.errors);
    const value = query.stat ? (outcome.simulated?.stats?.[query.stat] ?? null) : outcome.results[query.metric];
    if (value === null)
      return queryProblem(c, [
        {
          column: 'metric',
          detail:
            `${query.metric} is not determined by the funnel ` +
            `inputs given; see POST /v1/impact's undetermined list`,
        },
      ]);
    return c.text(value, 200);
  })
  .openapi(getCampaignImpactTemplateRoute, (c) => {
    const query = c.req.valid('query');
    const csv = writeCsv(
      INPUT_COLUMNS,
      TEMPLATE_ROWS.map((row) => INPUT_COLUMNS.map((col) => row[col] ?? '')),
      { bom: query.bom === '1' },
    );
    return c.body(csv, 200, { 'Content-Type': CSV_TYPE });
  });
