// Import an ad-platform export (POST /v1/impact/import, docs/import.md): a Meta Ads Manager export or a
// Google Ads campaign report, pasted, chosen or dropped, sent as the CSV it is with the outage and the
// account's settings in the query; the answer is one row per campaign and the totals per currency.
import { postText } from '../api.js';
import { describeOutage, outageOptions } from '../catalogue.js';
import { writeCsv } from '../csv.js';
import { fileBox } from '../file-box.js';
import { h } from '../form.js';
import { withUnit } from '../format.js';
import { figureList, scrollTable } from '../results.js';
import { SAMPLE_EXPORT_CSV } from './import-sample.js';

/** @typedef {import('../form.js').Node} Node */

/** The constructed sample of examples/, the 5 March 2024 outage from the catalogue, an account in Berlin. */
export const IMPORT_EXAMPLE = {
  csv: SAMPLE_EXPORT_CSV,
  query: { outage: 'meta-2024-03-05', timeZone: 'Europe/Berlin', grossMargin: '0.4' },
};

const TIMESTAMP_HINT = 'Such as 2024-03-05T15:00:00Z, or a local time read in the zone below.';

/** @type {Node[]} */
export const IMPORT_FIELDS = [
  {
    kind: 'textarea',
    key: 'csv',
    label: 'Export file (CSV from Meta Ads Manager, or a Google Ads campaign report)',
    wide: true,
    rows: 6,
    hint:
      'As the platform wrote it, unedited: comma, semicolon or tab separated, UTF-8 or UTF-16. One row per ' +
      'campaign (or per campaign and hour). Paste it here, choose the file, or drop it on this box.',
    extra: fileBox({
      chooseLabel: 'Or choose the export file',
      accept: '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain',
      sample: {
        label: 'Download the sample export (a constructed Ads Manager file, not real data)',
        filename: 'meta-ads-manager-2024-03.constructed-sample.csv',
        text: SAMPLE_EXPORT_CSV,
      },
    }),
  },
  {
    kind: 'group',
    key: 'query',
    legend: 'The outage and the account',
    fields: [
      {
        kind: 'pick',
        key: 'outage',
        label: 'Outage',
        hint: 'A past outage from the catalogue, with its sourced windows; or a window of your own.',
        options: outageOptions,
        otherLabel: 'Custom window (enter it below)',
        otherBlank: () => ({ outageTimeZone: 'UTC' }),
        describe: describeOutage,
        fields: [],
        otherFields: [
          { kind: 'text', key: 'outageStart', label: 'Outage start', hint: TIMESTAMP_HINT },
          { kind: 'text', key: 'outageEnd', label: 'Outage end (not included)', hint: TIMESTAMP_HINT },
          {
            kind: 'text',
            key: 'outageTimeZone',
            label: 'Outage time zone',
            list: 'time-zones',
            placeholder: 'UTC',
            hint: 'The zone local start and end times are read in.',
          },
        ],
      },
      {
        kind: 'decimal',
        key: 'deliveryLoss',
        label: 'Share of delivery lost (0 to 1)',
        placeholder: '1',
        hint: '1 is a full outage. Empty means 1.',
      },
      {
        kind: 'text',
        key: 'timeZone',
        label: 'Ad account time zone',
        list: 'time-zones',
        placeholder: 'UTC',
        hint: 'Exports do not state it (Ads Manager shows it in the account settings). Empty means UTC, with a warning.',
      },
      {
        kind: 'decimal',
        key: 'recapture',
        label: 'Share of lost spend made up afterwards (0 to 1)',
        placeholder: '0',
        hint: 'Empty means 0.',
      },
      {
        kind: 'decimal',
        key: 'grossMargin',
        label: 'Gross margin (0 to 1)',
        hint: 'Share of revenue kept as gross profit, for the profit figures.',
      },
      {
        kind: 'select',
        key: 'source',
        label: 'Platform of the export',
        options: [
          ['', 'Tell from the headers (default)'],
          ['meta', 'Meta Ads Manager'],
          ['google-ads', 'Google Ads'],
        ],
      },
      {
        kind: 'select',
        key: 'rounding',
        label: 'Rounding of the results',
        options: [
          ['', 'Half to even (default)'],
          ['half-up', 'Half up'],
        ],
      },
    ],
  },
];

/** The file as the body, its settings as the query: what POST /v1/impact/import takes. @param {any} body */
const send = (body) => postText('/v1/impact/import', body.query ?? {}, body.csv ?? '', 'text/csv');

/**
 * The settings' pointers (/query/…) are the form's own; anything about the file (its header, its rows)
 * goes to the file box.
 * @param {import('../api.js').ProblemError[]} errors
 */
const mapErrors = (errors) =>
  errors.map((e) =>
    e.pointer.startsWith('/query/')
      ? e
      : { pointer: '/csv', detail: e.pointer ? `${e.pointer.slice(1)}: ${e.detail}` : e.detail },
  );

/** The totals' figures, and the columns of the campaign table, with their units. */
const TOTALS = /** @type {const} */ ([
  ['plannedSpend', 'Planned spend in the outage', 'money'],
  ['lostSpend', 'Lost spend', 'money'],
  ['recapturedSpend', 'Recaptured spend', 'money'],
  ['netLostSpend', 'Net lost spend', 'money'],
  ['lostImpressions', 'Lost impressions', 'impressions'],
  ['lostClicks', 'Lost clicks', 'clicks'],
  ['lostConversions', 'Lost conversions', 'conversions'],
  ['lostRevenue', 'Lost revenue', 'money'],
  ['lostGrossProfit', 'Lost gross profit', 'money'],
  ['netContributionChange', 'Net contribution change', 'money'],
]);

/** The API's CSV columns, in its order (docs/import.md "Answer"). */
const CSV_COLUMNS = [
  'name',
  'currency',
  'spendPerDay',
  'cpm',
  'ctr',
  'cvr',
  'aov',
  'conversionEvent',
  'profileSource',
  ...TOTALS.map(([key]) => key),
  'warnings',
  'error',
];

/** @param {string} unit @param {string} currency */
const unitOf = (unit, currency) => (unit === 'money' ? { money: currency } : { unit });

/** @param {HTMLElement} root @param {any} answer @param {any} request */
function render(root, answer, request) {
  const parts = [];
  if (request.csv?.trim() === SAMPLE_EXPORT_CSV.trim())
    parts.push(
      h('p', { class: 'notice synthetic' }, [
        'This export is the constructed sample (examples/meta-ads-manager-2024-03.constructed-sample.csv): ' +
          '12 made-up campaigns in Ads Manager’s columns, not a real account’s data.',
      ]),
    );
  parts.push(
    h('p', {}, [
      `Read as ${answer.source === 'meta' ? 'a Meta Ads Manager export' : 'a Google Ads campaign report'}: `,
      `${answer.rows.length} campaign rows.`,
    ]),
  );
  for (const total of answer.totals) {
    const items = TOTALS.map(([key, label, unit]) => ({
      key,
      label,
      value: total[key],
      unit: unitOf(unit, total.currency),
      note: leftOut(total.undetermined?.[key], answer.rows),
    }));
    parts.push(h('h3', {}, [`All ${total.currency} campaigns`]), figureList(items, `import-totals-${total.currency}`));
    const events = Object.entries(total.lostConversionsByEvent ?? {});
    if (events.length)
      parts.push(
        h('p', { class: 'note' }, [
          `Lost conversions by event: ${events.map(([event, n]) => `${event} ${n}`).join(', ')} (not added up: they are not one quantity).`,
        ]),
      );
  }
  parts.push(campaignTable(answer.rows));
  parts.push(
    h('details', { class: 'explain' }, [
      h('summary', {}, ['Which column fed which input']),
      h(
        'ul',
        {},
        Object.entries(answer.mapping ?? {}).map(([input, column]) =>
          h('li', {}, [h('strong', {}, [input]), `: ${column}`]),
        ),
      ),
    ]),
  );
  root.replaceChildren(...parts);
}

/**
 * "Leaves out: Brand awareness - video, …": the rows a total could not count for this figure.
 * @param {number[] | undefined} indexes
 * @param {any[]} rows
 */
function leftOut(indexes, rows) {
  if (!indexes?.length) return undefined;
  return `Leaves out ${indexes.length} of ${rows.length} campaigns that do not determine it: ${indexes.map((i) => rows[i]?.name ?? `row ${i + 1}`).join(', ')}.`;
}

/** @param {any[]} rows */
function campaignTable(rows) {
  const columns = [
    'Campaign',
    'Spend per day',
    'CPM',
    'CTR',
    'CVR',
    'AOV',
    'Conversion',
    'Lost spend',
    'Lost impressions',
    'Lost conversions',
    'Lost revenue',
    'Net contribution change',
    'Warnings or error',
  ];
  const head = h(
    'tr',
    {},
    columns.map((t) => h('th', { scope: 'col' }, [t])),
  );
  const money = (/** @type {any} */ r, /** @type {string} */ key) =>
    h('td', { 'data-value': r[key] ?? '' }, [withUnit(r[key], { money: r.currency })]);
  const plain = (/** @type {any} */ r, /** @type {string} */ key) =>
    h('td', { 'data-value': r[key] ?? '' }, [r[key] ?? '—']);
  const body = rows.map((r) =>
    h('tr', { 'data-row': r.name ?? '' }, [
      h('th', { scope: 'row' }, [r.name ?? '']),
      money(r, 'spendPerDay'),
      plain(r, 'cpm'),
      plain(r, 'ctr'),
      plain(r, 'cvr'),
      plain(r, 'aov'),
      plain(r, 'conversionEvent'),
      money(r, 'lostSpend'),
      plain(r, 'lostImpressions'),
      plain(r, 'lostConversions'),
      money(r, 'lostRevenue'),
      money(r, 'netContributionChange'),
      h('td', { class: r.error ? 'row-error' : 'row-warnings' }, [r.error ?? r.warnings ?? '']),
    ]),
  );
  return scrollTable(`Each campaign of the export (${rows.length})`, [head], body);
}

/** @param {any} answer */
function csvFiles(answer) {
  const rows = answer.rows.map((/** @type {any} */ r) => CSV_COLUMNS.map((c) => r[c]));
  return [{ label: 'Download results (CSV)', filename: 'import.csv', text: writeCsv(CSV_COLUMNS, rows) }];
}

/** @type {import('../panel.js').PanelDef} */
export const importPanel = {
  id: 'import',
  title: 'Import an export',
  intro:
    'What an outage cost every campaign of an Ads Manager or Google Ads export: each campaign’s actual spend ' +
    'and funnel come from the file.',
  endpoint: '/v1/impact/import',
  example: IMPORT_EXAMPLE,
  fields: IMPORT_FIELDS,
  prepare: (form) => form,
  send,
  mapErrors,
  render,
  csvFiles,
  status: (answer) => {
    const t = answer.totals[0];
    const lost = t ? `, lost spend ${withUnit(t.lostSpend, { money: t.currency })}` : '';
    return `${answer.rows.length} campaigns read${lost}.`;
  },
};
