import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import importExamples from '../../../schemas/examples/importCampaignExport.json';
import { IMPORT_COLUMNS, IMPORT_LIMITS, ImportJsonResponse, ImportQuery } from '../../../schemas/import';
import { fxFromQuery, missingRates } from '../../../schemas/fx-query';
import { readExport } from '../../csv/import/read';
import { csvLine } from '../../csv/write';
import { backstopWork } from '../../engine/cost';
import { sharedSpendCache } from '../../engine/spend';
import { workLimit } from '../../http/guards';
import { problemResponse, validationProblem } from '../../http/problem';
import { problem, problemResponses, validationResponse } from '../../http/responses';
import { wantsCsv } from '../../http/accept';
import { exportBytes, headerPointer } from './body';
import { formatters, importCells, importRowJson, totalCellsRow, WARNINGS_CELL } from '../../present/import-rows';
import { RowTotals, totalRowsOf, totalsJson } from '../../present/row-totals';
import { answerWarnings, estimateRow, parseAndCharge, withAnswerWarnings } from './campaigns';
import { outageOf, sharedFractions } from './query';
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
Up to ${IMPORT_LIMITS.rows} data rows; about 1,450 campaigns fit the default work limit (docs/limits.md), beyond it a
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

export const importCampaignExport: RouteHandler<typeof importCampaignExportRoute> = async (c) => {
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
  const limit = workLimit(c.env);
  const cache = sharedSpendCache(backstopWork(limit));
  const parsed = parseAndCharge(read, query, outage.windows, limit);
  const csv = wantsCsv(c, false);
  const format = formatters(query.rounding);
  const warnings = answerWarnings(c.req.query('timeZone') !== undefined);
  // A CSV answer shows totals only with totals=1; without it they are not worked out at all.
  const totals = new RowTotals(!csv || query.totals === '1');
  // Each campaign is estimated, written (a CSV line, or its JSON text) and let go before the next; totals
  // keep only what they add up.
  const lines: string[] = csv ? [csvLine(IMPORT_COLUMNS)] : [];
  parsed.forEach((p, i) => {
    const outcome = estimateRow(p, outage.windows, cache);
    const cells = importCells(outcome, format);
    // A CSV answer has no place for the answer's warnings but its rows: they go first in the first row's.
    if (csv && i === 0 && warnings.length)
      cells[WARNINGS_CELL] = withAnswerWarnings(cells[WARNINGS_CELL] ?? '', warnings);
    lines.push(csv ? csvLine(cells) : importRowJson(cells));
    // Rows are named in totals by their position in the answer, as campaigns of POST /v1/impact are.
    if (outcome.estimate) totals.add(outcome.estimate, i);
  });
  parsed.length = 0;
  const presented = totals.present(query.rounding, fx);
  // JSON unless Accept prefers CSV: the JSON answer also carries the mapping and the totals.
  if (csv) {
    // A spreadsheet's SUM over a column stays right without them; `totals=1` asks for them as extra rows.
    if (query.totals === '1')
      lines.push(...totalRowsOf(presented, (t, reporting) => csvLine(totalCellsRow(t, reporting))));
    const text = `${query.bom === '1' ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
    return c.body(text, 200, { 'Content-Type': CSV_TYPE });
  }
  // The text c.json({ source, mapping, rows, totals, warnings, reportingTotal }) would give, from the rows' texts.
  const head = `{"source":${JSON.stringify(read.source)},"mapping":${JSON.stringify(read.mapping)}`;
  const tail = totalsJson(presented, warnings.length ? { warnings } : {});
  return c.body(`${head},"rows":[${lines.join(',')}],${tail}}`, 200, { 'Content-Type': 'application/json' });
};
