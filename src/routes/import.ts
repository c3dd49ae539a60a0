import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type DecimalBounds, parseDecimal } from '../../schemas/common';
import { CampaignInput } from '../../schemas/impact';
import importExamples from '../../schemas/examples/importCampaignExport.json';
import { IMPORT_COLUMNS, IMPORT_LIMITS, ImportJsonResponse, ImportQuery, type ImportRow } from '../../schemas/import';
import { outageQueryConflict } from '../../schemas/catalogue';
import { fxFromQuery, missingRates } from '../../schemas/fx-query';
import { OutageInput } from '../../schemas/outage';
import { type ImportedCampaign, toCampaignJson } from '../csv/import/campaign';
import type { ExportSource } from '../csv/import/detect';
import { readExport } from '../csv/import/read';
import { writeCsv } from '../csv/write';
import { InputError } from '../engine/errors';
import type Decimal from 'decimal.js';
import {
  admit,
  backstopWork,
  batchRowsTerm,
  campaignCostTerms,
  computedRowTerm,
  type CostTerm,
  totalCost,
  WalkLedger,
} from '../engine/cost';
import { type CampaignEstimate, type CampaignSpec, estimateCampaign, METRICS, type Window } from '../engine/impact';
import { forTotals, reportingTotal, totalsByCurrency } from '../engine/totals';
import { formatter, type RoundingMode } from '../engine/rounding';
import { type SpendCache, sharedSpendCache } from '../engine/spend';
import { workLimit } from '../http/guards';
import {
  type FieldError,
  jsonPointer,
  MULTIPART_UNREADABLE,
  problemResponse,
  validationProblem,
} from '../http/problem';
import { problem, problemResponses, validationResponse } from '../http/responses';
import { createRouter } from '../http/router';
import { fieldErrors } from '../http/validation';
import { wantsCsv } from '../http/accept';
import { presentOutputs, presentTotals } from '../present/impact';

const CSV_TYPE = 'text/csv; charset=utf-8';
const SAMPLE_EXPORT =
  '"Reporting starts","Reporting ends","Campaign name","Amount spent (EUR)",Impressions,"Link ' +
  'clicks",Results,"Result indicator"\n2024-02-26,2024-03-03,"Spring ' +
  'sale",840.00,107692,992,31,actions:offsite_conversion.fb_pixel_purchase\n';

export const importCampaignExportRoute = createRoute({
  method: 'post',
  path: '/v1/impact/import',
  operationId: 'importCampaignExport',
  tags: ['Spreadsheets'],
  summary: "An ad platform's own report export in, what each campaign lost out",
  description: `Takes a Meta Ads Manager export or a Google Ads campaign report as the platform wrote it, unedited:
\`text/csv\` or \`multipart/form-data\` with a \`file\` part. UTF-8 (with or without BOM) and UTF-16 with BOM are
read; the separator (\`,\`, \`;\`, tab) and the platform are told from the file. Each campaign's actual spend over
the reporting period becomes its daily rate, and its funnel comes from its totals (cpm = 1000 × spent ÷
impressions, ctr = link clicks ÷ impressions, cvr = conversions ÷ link clicks when the results are conversions).
Rows split by hour of day are combined into one campaign with that delivery profile. The outage is
\`outageStart\` … \`outageEnd\`. Answers one row per campaign in export order (CSV or JSON by \`Accept\`), each
with the inputs it was mapped to, the results, warnings and error; JSON adds \`mapping\` and \`totals\`.
Up to ${IMPORT_LIMITS.rows} data rows; about 1,850 campaigns fit the default work limit (docs/limits.md), beyond it a
413 names them. See docs/import.md.`,
  request: {
    query: ImportQuery,
    body: {
      required: false,
      content: {
        'text/csv': {
          schema: z.string().openapi({ description: 'The export file as the platform wrote it' }),
          example: SAMPLE_EXPORT,
        },
        'multipart/form-data': {
          schema: z
            .object({
              file: z
                .custom<File | string>((v) => v instanceof File || typeof v === 'string', 'must be a file')
                .openapi({ type: 'string', format: 'binary', description: 'The export file' }),
            })
            .openapi('ImportUpload'),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'One row per campaign, in export order.',
      content: {
        // the real answer to the example export, written by `npm run openapi:examples`
        'text/csv': { schema: z.string(), ...importExamples['text/csv'] },
        'application/json': { schema: ImportJsonResponse },
      },
    },
    ...problemResponses,
    400: problem(
      'The file cannot be decoded (UTF-16 without a byte-order mark) or is not CSV.',
      'malformed-body',
      'The export cannot be read: the file looks like UTF-16 without a ' +
        'byte-order mark; save it as UTF-8, or as UTF-16 with a byte-order mark.',
    ),
    413: problem(
      `The body is over 5 MiB, the export has more than ${IMPORT_LIMITS.rows} data rows, or the URL is over 8 KiB.`,
      'payload-too-large',
      `The export has ${IMPORT_LIMITS.rows + 1} data rows; the ` +
        `limit is ${IMPORT_LIMITS.rows}. Split it into several files.`,
    ),
    415: problem(
      'The Content-Type is neither text/csv nor multipart/form-data.',
      'unsupported-media-type',
      'Send the export as text/csv or as multipart/form-data with a file part.',
    ),
    422: validationResponse(
      [
        {
          pointer: '/header/Amount spent (XYZ)',
          detail: 'the currency "XYZ" in the header is not an ISO 4217 code such as EUR or USD',
        },
      ],
      'The export is not one this service knows (the answer lists the headers seen and those ' +
        'each platform writes), a column it needs is missing, or a query parameter is invalid.',
    ),
  },
});

/** The one outage window of the query, parsed by the same schema as POST /v1/impact's outage. */
function outageOf(query: z.infer<typeof ImportQuery>): { windows: Window[] } | { errors: FieldError[] } {
  const conflict = outageQueryConflict(query);
  if (conflict) return { errors: [{ pointer: '/query/outage', detail: conflict }] };
  const errors: FieldError[] = [];
  if (!query.outage) {
    if (!query.outageStart)
      errors.push({ pointer: '/query/outageStart', detail: 'is required (or outage=<catalogue id>)' });
    if (!query.outageEnd)
      errors.push({ pointer: '/query/outageEnd', detail: 'is required (or outage=<catalogue id>)' });
  }
  if (errors.length) return { errors };
  const window: Record<string, string> = { start: query.outageStart ?? '', end: query.outageEnd ?? '' };
  if (query.deliveryLoss) window.deliveryLoss = query.deliveryLoss;
  // A catalogue outage stands for the windows; the query's deliveryLoss applies to each of them.
  const parsed = OutageInput.safeParse(
    query.outage
      ? { ref: query.outage, ...(query.deliveryLoss ? { deliveryLoss: query.deliveryLoss } : {}) }
      : { ...(query.outageTimeZone ? { timeZone: query.outageTimeZone } : {}), windows: [window] },
  );
  if (parsed.success) return { windows: parsed.data.windows };
  const QUERY_NAMES: Record<string, string> = {
    '/ref': 'outage',
    '/deliveryLoss': 'deliveryLoss',
    '/timeZone': 'outageTimeZone',
    '/windows/0/start': 'outageStart',
    '/windows/0/end': 'outageEnd',
    '/windows/0/deliveryLoss': 'deliveryLoss',
    '/windows/0': 'outageEnd',
  };
  return {
    errors: fieldErrors(parsed.error).map((e) => ({
      pointer: `/query/${QUERY_NAMES[e.pointer] ?? 'outageStart'}`,
      detail: e.detail,
    })),
  };
}

const FRACTION: DecimalBounds = { min: '0', max: '1' };

/** Fractions of the query that every row shares: checked once, so a bad one is a 422, not an error on every row. */
function sharedFractions(query: z.infer<typeof ImportQuery>): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of ['recapture', 'grossMargin'] as const) {
    const raw = query[name];
    if (raw === undefined) continue;
    const parsed = parseDecimal(raw, FRACTION);
    if ('error' in parsed) errors.push({ pointer: `/query/${name}`, detail: parsed.error });
  }
  return errors;
}

interface RowOutcome {
  campaign: ImportedCampaign;
  estimate?: CampaignEstimate;
  /** The average daily spend the campaign was planned with. */
  dailyRate?: Decimal;
  errors: string[];
  warnings: string[];
}

/** A campaign of the export read through the same schema as POST /v1/impact's campaigns. */
interface ParsedCampaign {
  campaign: ImportedCampaign;
  spec?: CampaignSpec;
  errors: string[];
  warnings: string[];
}

/** One imported campaign through the same schema as POST /v1/impact. */
function parseCampaign(
  campaign: ImportedCampaign,
  source: ExportSource,
  query: z.infer<typeof ImportQuery>,
): ParsedCampaign {
  const zone = query.timeZone ?? 'UTC';
  const { json, errors, warnings } = toCampaignJson(campaign, zone);
  if (!query.timeZone) warnings.push("the ad account's time zone is not in the export; UTC was assumed (set timeZone)");
  if (errors.length) return { campaign, errors, warnings };
  // Meta evens daily budgets over a Sunday-to-Saturday week (DESIGN.md section 13), so its campaigns pace that way.
  const week = source === 'meta' ? { weekStartsOn: 'sunday' } : {};
  json.recovery = { ...week, ...(query.recapture ? { recapture: query.recapture } : {}) };
  if (query.grossMargin) json.grossMargin = query.grossMargin;
  const parsed = CampaignInput.safeParse(json);
  if (!parsed.success)
    return { campaign, errors: fieldErrors(parsed.error).map((e) => `${e.pointer.slice(1)}: ${e.detail}`), warnings };
  return { campaign, spec: parsed.data, errors: [], warnings };
}

/**
 * The export's campaigns read through the schema and charged like batch rows as they are read (DESIGN.md
 * section 9): reading stops with a 413 at the first campaign that takes the cost over the limit, so a long
 * file costs no more than an admitted one, and nothing is estimated before the whole file is admitted.
 */
function parseAndCharge(
  read: { source: ExportSource; campaigns: readonly ImportedCampaign[] },
  query: z.infer<typeof ImportQuery>,
  windows: readonly Window[],
  limit: number,
): ParsedCampaign[] {
  const ledger = new WalkLedger();
  const options = { timeline: false, explain: false };
  const terms: CostTerm[] = [batchRowsTerm(read.campaigns.length)];
  let cost = totalCost(terms);
  const parsed = read.campaigns.map((campaign, i) => {
    const p = parseCampaign(campaign, read.source, query);
    if (!p.spec) return p;
    const own = [...campaignCostTerms(p.spec, windows, options, ['rows', i], ledger), computedRowTerm(['rows', i])];
    terms.push(...own);
    cost += totalCost(own);
    if (cost > limit) admit(terms, limit);
    return p;
  });
  admit(terms, limit);
  return parsed;
}

/** One parsed campaign through the same engine as POST /v1/impact. */
function estimateRow(parsed: ParsedCampaign, windows: Window[], cache: SpendCache): RowOutcome {
  const { campaign, spec, warnings } = parsed;
  if (!spec) return { campaign, errors: parsed.errors, warnings };
  try {
    const estimate = estimateCampaign(spec, windows, cache, { timeline: false, explain: false });
    return {
      campaign,
      estimate,
      dailyRate: spec.spend.amount,
      errors: [],
      warnings: [...warnings, ...estimate.warnings],
    };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { campaign, errors: err.issues.map((i) => `${i.path.join('/')}: ${i.message}`), warnings };
  }
}

function presentRow(outcome: RowOutcome, mode: RoundingMode): ImportRow {
  const { campaign, estimate } = outcome;
  const currency = campaign.currency ?? '';
  const row = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, null])) as Record<string, string | null>;
  row.name = campaign.name;
  row.currency = currency;
  row.conversionEvent = campaign.conversionEvent ?? null;
  row.profileSource = campaign.hourSpend ? 'hourly rows' : 'even';
  if (estimate) {
    const f = formatter(estimate.currency, mode);
    row.spendPerDay = outcome.dailyRate ? f.money(outcome.dailyRate) : null;
    for (const key of ['cpm', 'ctr', 'cvr', 'aov'] as const) {
      const v = estimate.funnel[key];
      row[key] = v ? f.ratio(v.value) : null;
    }
    Object.assign(row, presentOutputs(estimate, f));
  }
  row.warnings = outcome.warnings.join('; ');
  row.error = outcome.errors.length ? outcome.errors.join('; ') : null;
  return row as ImportRow;
}

/**
 * A column's pointer (`/header/Amount spent (XYZ)`); a problem about the header as a whole (`(header)`, `(meta)`) is
 * `/header`.
 */
const headerPointer = (column: string) => (column.startsWith('(') ? '/header' : jsonPointer(['header', column]));

/** A currency's totals as an answer row named `TOTAL <currency>`. */
function totalRow(t: ReturnType<typeof presentTotals>): ImportRow {
  const row = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, null])) as Record<string, string | null>;
  row.name = `TOTAL ${t.currency}`;
  row.currency = t.currency;
  row.profileSource = 'even';
  row.plannedSpend = t.plannedSpend;
  row.lostSpend = t.lostSpend;
  for (const metric of METRICS) row[metric] = t[metric];
  row.warnings = Object.entries(t.undetermined)
    .map(([metric, labels]) => `${metric} leaves out rows ${labels.join(', ')}`)
    .join('; ');
  return row as ImportRow;
}

async function exportBytes(c: Context): Promise<Uint8Array | Response> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === 'text/csv' || mediaType === 'text/tab-separated-values' || mediaType === 'text/plain')
    return new Uint8Array(await c.req.arrayBuffer());
  if (mediaType === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      return problemResponse(c, 'malformed-body', MULTIPART_UNREADABLE);
    }
    const file = form.get('file');
    if (file === null)
      return validationProblem(c, [
        { pointer: '/file', detail: 'is required: the export file as a multipart part named "file"' },
      ]);
    return typeof file === 'string'
      ? new TextEncoder().encode(file)
      : new Uint8Array(await (file as Blob).arrayBuffer());
  }
  return problemResponse(
    c,
    'unsupported-media-type',
    'Send the export as text/csv or as multipart/form-data with a file part named "file".',
  );
}

export const importRoutes = createRouter().openapi(importCampaignExportRoute, async (c) => {
  const query = c.req.valid('query');
  const outage = outageOf(query);
  const fxAsked = fxFromQuery(query);
  const queryErrors = [
    ...('errors' in outage ? outage.errors : []),
    ...sharedFractions(query),
    ...('errors' in fxAsked ? fxAsked.errors : []),
  ];
  const bytes = await exportBytes(c);
  if (bytes instanceof Response) return bytes;
  if (queryErrors.length || 'errors' in outage) return validationProblem(c, queryErrors);
  const read = readExport(bytes, query.source, IMPORT_LIMITS.rows);
  if ('problem' in read) {
    const p = read.problem;
    if (p.status === 400) return problemResponse(c, 'malformed-body', p.detail);
    if (p.status === 413) return problemResponse(c, 'payload-too-large', p.detail);
    return problemResponse(
      c,
      'validation',
      p.detail,
      p.problems.map((e) => ({ pointer: headerPointer(e.column), detail: e.detail })),
    );
  }
  if (read.campaigns.length === 0)
    return validationProblem(c, [{ pointer: '/rows', detail: 'the export has a header but no campaign rows' }]);
  const fx = 'fx' in fxAsked ? fxAsked.fx : undefined;
  const currencies = read.campaigns.flatMap((campaign) => (campaign.currency ? [campaign.currency] : []));
  const missing = fx ? missingRates(currencies, fx, () => '/query/fxRates') : [];
  if (missing.length) return validationProblem(c, missing);
  const mode = query.rounding;
  const cache = sharedSpendCache(backstopWork(workLimit(c.env)));
  const parsed = parseAndCharge(read, query, outage.windows, workLimit(c.env));
  const csv = wantsCsv(c, false);
  // A CSV answer shows totals only with totals=1; without it they are not worked out at all.
  const needTotals = !csv || query.totals === '1';
  // Each campaign is estimated, presented and let go before the next; totals keep only what they add up.
  const rows: ImportRow[] = [];
  const good: CampaignEstimate[] = [];
  const labels: number[] = [];
  parsed.forEach((p, i) => {
    const outcome = estimateRow(p, outage.windows, cache);
    rows.push(presentRow(outcome, mode));
    if (!needTotals || !outcome.estimate) return;
    good.push(forTotals(outcome.estimate));
    // Rows are named in totals by their position in the answer, as campaigns of POST /v1/impact are.
    labels.push(i);
  });
  parsed.length = 0;
  const currencyTotals = totalsByCurrency(good, labels);
  const totals = currencyTotals.map((t) => presentTotals(t, mode));
  const reporting = fx && needTotals && presentTotals(reportingTotal(currencyTotals, fx.currency, fx.rates), mode);
  // JSON unless Accept prefers CSV: the JSON answer also carries the mapping and the totals.
  if (csv) {
    // A spreadsheet's SUM over a column stays right without them; `totals=1` asks for them as extra rows.
    const all = [...rows, ...(query.totals === '1' ? totals.map(totalRow) : [])];
    if (query.totals === '1' && reporting) all.push({ ...totalRow(reporting), name: `REPORTING TOTAL ${fx.currency}` });
    return c.body(
      writeCsv(
        IMPORT_COLUMNS,
        all.map((r) => IMPORT_COLUMNS.map((col) => r[col])),
        { bom: query.bom === '1' },
      ),
      200,
      { 'Content-Type': CSV_TYPE },
    );
  }
  return c.json(
    { source: read.source, mapping: read.mapping, rows, totals, ...(reporting ? { reportingTotal: reporting } : {}) },
    200,
  );
});
