import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { INPUT_COLUMNS, type InputColumn, OUTAGE_COLUMNS } from '../../../schemas/batch';
import { outageQueryConflict } from '../../../schemas/catalogue';
import { type Fx, fxFromQuery } from '../../../schemas/fx-query';
import { columnsOf, type FlatRow, type ParsedOutage, parseFlatRow } from '../../csv/flat-row';
import { CsvLimitError, CsvSyntaxError, parseCsv } from '../../csv/parse';
import { InputError } from '../../engine/errors';
import {
  admit,
  backstopWork,
  batchRowsTerm,
  campaignCostTerms,
  computedRowTerm,
  type CostTerm,
  simulationCostTerms,
  totalCost,
  WalkLedger,
} from '../../engine/cost';
import { type CampaignEstimate, type CampaignSpec, estimateCampaign, type Window } from '../../engine/impact';
import type { RoundingMode } from '../../engine/rounding';
import { type SpendCache, sharedSpendCache } from '../../engine/spend';
import {
  type FieldError,
  jsonPointer,
  PROBLEM_CONTENT_TYPE,
  pointerPath,
  problemBody,
  problemResponse,
} from '../../http/problem';
import { fieldErrors } from '../../http/validation';
import { type RowSimulation, type SimulatedCells, simulateRow } from '../uncertainty-rows';

/**
 * The row pipeline the four spreadsheet operations share: a flat row read through the same schemas and
 * engine as POST /v1/impact, charged as it is read, and written as a result row (CSV line or JSON).
 */

/** A problem with a row, named by its column (or by no column when it is about the whole row). */
export type ColumnError = { column: string | undefined; detail: string };
/** Work the rows of one request share: spend shares per zone and profile, parsed outages. */
export interface SharedWork {
  cache: SpendCache;
  outages: Map<string, ParsedOutage>;
  /** The query's `outage=<catalogue id>`, for rows that leave the outage cells empty. */
  outageRef?: string | undefined;
}
export const newSharedWork = (limit: number, outageRef?: string): SharedWork => ({
  cache: sharedSpendCache(backstopWork(limit)),
  outages: new Map(),
  outageRef,
});

/** A row's estimate (presented by src/present/batch-rows.ts), or its errors. */
export type RowOutcome =
  | {
      warnings: string[];
      estimate: CampaignEstimate;
      simulated?: SimulatedCells;
    }
  | { errors: ColumnError[] };
/** A row read through the schemas: the campaign and its windows, or the row's errors. */
export type ParsedRow = { campaign: CampaignSpec; windows: Window[] } | { errors: ColumnError[] };

/**
 * One flat row through the same schemas (parseRow), then engine and formatting (estimateRow) as
 * POST /v1/impact, so a row's results equal the JSON answer for the same campaign.
 */
export function parseRow(row: FlatRow, shared: SharedWork): ParsedRow {
  const parsed = parseFlatRow(row, shared.outages, shared.outageRef);
  const errors: ColumnError[] = [];
  for (const [into, result] of [
    ['campaign', parsed.campaign],
    ['outage', parsed.outage],
  ] as const) {
    if (result.success) continue;
    for (const e of fieldErrors(result.error)) {
      errors.push(...withColumns(columnsOf(into, pointerPath(e.pointer)), e.detail));
    }
  }
  if (!parsed.campaign.success || !parsed.outage.success) return { errors };
  return { campaign: parsed.campaign.data, windows: parsed.outage.data.windows };
}

export function estimateRow(
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
    const outcome = { warnings: estimate.warnings, estimate };
    return simulation ? { ...outcome, simulated: simulateRow(parsed.campaign, estimate, simulation, mode) } : outcome;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { errors: err.issues.flatMap((i) => withColumns(columnsOf('campaign', i.path), i.message)) };
  }
}

/**
 * The batch's cost: every row's columns, and each good row's campaign (pointer `/rows/<n>`), added as rows are read.
 */
export class BatchCost {
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

/** `options.fx` of a JSON body or the query's fxCurrency and fxRates (not both), or their problems. */
export function batchFx(
  query: Parameters<typeof fxFromQuery>[0],
  bodyFx: Fx | undefined,
): { fx?: Fx } | { errors: FieldError[] } {
  const fromQuery = fxFromQuery(query);
  if (!bodyFx) return fromQuery;
  if ('errors' in fromQuery || fromQuery.fx) {
    const pointer = query.fxCurrency === undefined ? '/query/fxRates' : '/query/fxCurrency';
    return { errors: [{ pointer, detail: 'give fx once: in options.fx or in the query' }] };
  }
  return { fx: bodyFx };
}

/** Fills a row's empty outage cells from the query parameters of the same names (a copy only when it fills one). */
export function withOutageDefaults(
  row: FlatRow,
  defaults: Partial<Record<(typeof OUTAGE_COLUMNS)[number], string>>,
): FlatRow {
  let filled = row;
  for (const column of OUTAGE_COLUMNS) {
    const value = defaults[column];
    if ((filled[column] ?? '').trim() !== '' || value === undefined || value.trim() === '') continue;
    if (filled === row) filled = { ...row };
    filled[column] = value;
  }
  return filled;
}

/** Reads a CSV body into flat rows; unknown or repeated header columns are a 422 for the whole request. */
export function csvRows(
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
  const seen = new Set<string>();
  header.forEach((name) => {
    const column = name.trim();
    const pointer = jsonPointer(['header', column]);
    // The list of columns is stated once, in the problem's detail, not in every error.
    if (!INPUT_COLUMN_SET.has(column))
      errors.push({ pointer, detail: "is not a column; the problem's detail lists the columns" });
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
export function headerProblem(c: Context, errors: FieldError[]): Response {
  const n = errors.length;
  return problemResponse(
    c,
    'validation',
    `The CSV header has ${n} problem${n === 1 ? '' : 's'}. The columns are ${INPUT_COLUMNS.join(', ')}.`,
    errors,
  );
}

const INPUT_COLUMN_SET: ReadonlySet<string> = new Set(INPUT_COLUMNS);

/** A JSON batch row as a flat row; unknown keys are reported as the row's error. */
export function jsonRow(raw: Record<string, string | number | null | undefined>): { row: FlatRow; unknown: string[] } {
  const row: FlatRow = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!INPUT_COLUMN_SET.has(key)) unknown.push(key);
    else if (value !== null && value !== undefined) row[key as InputColumn] = String(value);
  }
  return { row, unknown };
}

/** The single row of a formula endpoint, or the 422 problem that its query parameters earn. */
export function queryRow(
  query: Partial<Record<InputColumn, string>> & { outage?: string | undefined; rounding: RoundingMode },
  limit: number,
  simulation?: RowSimulation,
): { outcome: RowOutcome; row: FlatRow } {
  const row: FlatRow = {};
  for (const column of INPUT_COLUMNS) if (query[column] !== undefined) row[column] = query[column];
  const conflict = outageQueryConflict(query);
  if (conflict) return { outcome: { errors: [{ column: 'outage', detail: conflict }] }, row };
  const shared = newSharedWork(limit, query.outage);
  const parsed = parseRow(row, shared);
  new BatchCost(1, simulation?.options.draws).add(parsed, 0, limit);
  return { outcome: estimateRow(parsed, shared, query.rounding, simulation), row };
}

export function queryProblem(c: Context, errors: ColumnError[]) {
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

// The 200 examples are the real answers to the example requests, written by `npm run openapi:examples`.
export const csvContent = (description: string, examples: { example: string }) => ({
  description,
  content: { 'text/csv': { schema: z.string(), ...examples } },
});
export const CSV_TYPE = 'text/csv; charset=utf-8';
