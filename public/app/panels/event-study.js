// Event study (DESIGN.md §12, docs/event-study.md): was the share-price move of the event day larger than
// the stock's ordinary noise around its relation to the market? The prices are a CSV pasted, chosen or
// dropped into the page and sent as the API's `prices` and `benchmark` arrays.
import { writeCsv } from '../csv.js';
import { fileBox } from '../file-box.js';
import { drawAbnormalReturnChart } from '../event-chart.js';
import { h } from '../form.js';
import { withUnit } from '../format.js';
import { PRICE_COLUMNS, parsePriceCsv, toPriceCsv } from '../price-csv.js';
import { explainList, figureList, methodBlock, scrollTable } from '../results.js';
import { SAMPLE_PRICE_CSV, SAMPLE_REQUEST } from './event-study-sample.js';
import { roundingFields, withExplain } from './rounding.js';
import { shareClassesForm } from './share-classes.js';

/** @typedef {import('../form.js').Node} Node */

const SAMPLE = /** @type {{ prices: any[], benchmark: any[] }} */ (parsePriceCsv(SAMPLE_PRICE_CSV));

/** The synthetic example of examples/event-study-synthetic.json, as the page opens with it. */
export const EVENT_STUDY_EXAMPLE = { ...SAMPLE_REQUEST, prices: SAMPLE.prices, benchmark: SAMPLE.benchmark };

/**
 * A window as two offset fields, `0` and `1`, read back into the API's [first, last].
 * @param {string} key
 * @param {string} legend
 * @param {string} what
 * @param {[number, number]} fallback
 * @param {string} hint
 * @returns {Node}
 */
const windowGroup = (key, legend, what, fallback, hint) => ({
  kind: 'group',
  key,
  legend,
  hint,
  fields: [
    { kind: 'text', key: '0', label: `First day of the ${what}`, placeholder: String(fallback[0]) },
    { kind: 'text', key: '1', label: `Last day of the ${what}`, placeholder: String(fallback[1]) },
  ],
});

/** @type {Node[]} */
export const EVENT_STUDY_FIELDS = [
  {
    kind: 'textarea',
    key: 'csv',
    label: `Daily closes (CSV with the columns ${PRICE_COLUMNS.join(', ')})`,
    wide: true,
    rows: 8,
    hint:
      'A header line date,close,benchmarkClose, then one line a trading day, oldest first: the date (YYYY-MM-DD), ' +
      'the stock’s close and the market index’s close (such as the S&P 500) that day. Use adjusted closes if a ' +
      'dividend or split falls in the series. Paste it here, choose a file, or drop a file on this box.',
    extra: fileBox({
      chooseLabel: 'Or choose a CSV file',
      accept: '.csv,text/csv,text/plain',
      sample: {
        label: 'Download the sample CSV (synthetic prices made by a formula, not market data)',
        filename: 'event-study-synthetic.csv',
        text: SAMPLE_PRICE_CSV,
      },
    }),
  },
  {
    kind: 'text',
    key: 'eventDate',
    label: 'Event day',
    placeholder: '2021-10-04',
    hint: 'One of the dates above (YYYY-MM-DD): offset 0.',
  },
  {
    kind: 'select',
    key: 'model',
    label: 'Model of the normal return',
    options: [
      ['market', 'Market model: α + β × the index’s return (default)'],
      ['constant-mean', 'Constant mean: the stock’s average return'],
      ['market-adjusted', 'Market-adjusted: the index’s return (β = 1)'],
    ],
  },
  windowGroup(
    'estimationWindow',
    'Estimation window (trading days from the event)',
    'estimation window',
    [-130, -11],
    'The days the model is fitted on, counted in rows of the CSV. Empty means -130 to -11: 120 days ending ten before the event.',
  ),
  windowGroup(
    'eventWindow',
    'Event window (trading days from the event)',
    'event window',
    [0, 0],
    'The days whose abnormal returns add up to the CAR. Empty means 0 to 0, the event day alone; 0 to 1 adds the next day.',
  ),
  {
    kind: 'text',
    key: 'currency',
    label: 'Currency of the prices',
    list: 'currencies',
    placeholder: 'USD',
    hint: 'ISO 4217 code. Empty means USD.',
  },
  {
    kind: 'oneOf',
    label: 'Size of the company (optional)',
    hint: 'To turn the cumulative abnormal return into money: the market cap, or the shares valued at the close before the event window.',
    forms: [
      { value: 'none', label: 'Not given', fields: [] },
      {
        value: 'marketCap',
        label: 'Market cap, given directly',
        fields: [
          {
            kind: 'decimal',
            key: 'marketCap',
            label: 'Market cap at the close before the event window',
            hint: 'In the currency above.',
          },
        ],
      },
      shareClassesForm,
    ],
  },
  roundingFields,
];

const WINDOWS = /** @type {const} */ (['estimationWindow', 'eventWindow']);

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The form's values as the API's body: the CSV as the two series, each window as [first, last].
 * @param {Record<string, any>} form
 */
function prepare(form) {
  const { csv, ...body } = form;
  if (typeof csv === 'string') {
    const parsed = parsePriceCsv(csv);
    if ('prices' in parsed) Object.assign(body, { prices: parsed.prices, benchmark: parsed.benchmark });
  }
  for (const key of WINDOWS) {
    const w = body[key];
    // Whole numbers go as JSON integers, as the API takes them; anything else as typed, for the API to refuse.
    if (isObject(w)) body[key] = ['0', '1'].filter((i) => w[i] !== undefined).map((i) => offsetValue(w[i]));
  }
  return withExplain(body);
}

/** @param {unknown} text */
const offsetValue = (text) => (typeof text === 'string' && /^[+-]?\d{1,6}$/.test(text) ? Number(text) : text);

/**
 * A request body as the form holds it: the series as CSV text, each window as two fields.
 * @param {Record<string, any>} body
 */
function toForm(body) {
  const { prices, benchmark, ...form } = body;
  const csv = toPriceCsv(prices, benchmark);
  if (csv !== null) form.csv = csv;
  for (const key of WINDOWS) {
    const w = form[key];
    if (Array.isArray(w)) form[key] = Object.fromEntries(w.map((v, i) => [String(i), String(v)]));
  }
  return form;
}

/** @param {Record<string, any>} form */
function check(form) {
  const parsed = parsePriceCsv(typeof form.csv === 'string' ? form.csv : '');
  return 'error' in parsed ? [{ pointer: '/csv', detail: parsed.error }] : [];
}

/**
 * The API's pointers into `prices` and `benchmark` name rows of the CSV box.
 * @param {import('../api.js').ProblemError[]} errors
 * @param {any} request
 */
function mapErrors(errors, request) {
  return errors.map((e) => {
    const m = /^\/(prices|benchmark)(?:\/(\d+)(?:\/(date|close))?)?/.exec(e.pointer);
    if (!m) return e;
    const [, series, index, field] = m;
    const whose = series === 'prices' ? 'the stock’s closes' : 'the benchmark’s closes';
    if (index === undefined) return { pointer: '/csv', detail: `${whose}: ${e.detail}` };
    const column = field === 'date' ? 'date' : series === 'prices' ? 'close' : 'benchmarkClose';
    const date = request.prices?.[Number(index)]?.date;
    const where = `data row ${Number(index) + 1}${date ? ` (${date})` : ''}, ${field ? column : whose}`;
    return { pointer: '/csv', detail: `${where}: ${e.detail}` };
  });
}

const FIGURES = /** @type {const} */ ([
  ['car', 'Cumulative abnormal return (CAR)', ''],
  ['carPercent', 'CAR in percent', '%'],
  ['t', 't statistic', ''],
  ['pValue', 'p-value (two-sided)', ''],
  ['abnormalMarketCapChange', 'Abnormal market cap change', 'money'],
  ['marketCapBefore', 'Market cap before the event window', 'money'],
  ['sharesOutstanding', 'Shares outstanding', 'shares'],
  ['closeBeforeEvent', 'Close before the event window', 'money'],
  ['alpha', 'α (intercept)', ''],
  ['beta', 'β (slope on the index)', ''],
  ['rSquared', 'R²', ''],
  ['residualStdDev', 'Daily standard deviation of abnormal returns (σ)', ''],
  ['carStdDev', 'Standard deviation of the CAR', ''],
  ['degreesOfFreedom', 'Degrees of freedom', ''],
]);

/** @param {string} unit @param {string} currency */
const unitOf = (unit, currency) => (unit === 'money' ? { money: currency } : { unit });

/** @param {any} request */
const isSample = (request) => JSON.stringify(request.prices) === JSON.stringify(SAMPLE.prices);

/** @param {HTMLElement} root @param {any} answer @param {any} request */
function render(root, answer, request) {
  const items = FIGURES.filter(([key]) => key in answer).map(([key, label, unit]) => ({
    key,
    label,
    value: answer[key],
    unit: unitOf(unit, answer.currency),
    note: key === 't' && answer.t === null ? 'the model fits the estimation window exactly' : undefined,
  }));
  const windowText = (/** @type {any} */ w, /** @type {string} */ name) =>
    `${name}: ${w.start} to ${w.end}, ${w.days} trading days (offsets ${w.offsets[0]} to ${w.offsets[1]}).`;
  const chart = h('div', {
    class: 'chart',
    id: 'event-study-chart',
    role: 'img',
    'aria-label': `Chart of the abnormal return of each of the ${answer.days.length} event-window days and the CAR, in percent; the table below lists the same figures.`,
  });
  root.replaceChildren(
    ...(isSample(request)
      ? [
          h('p', { class: 'notice synthetic' }, [
            'These prices are the synthetic sample (examples/event-study-synthetic.json), made by a formula: not real market data.',
          ]),
        ]
      : []),
    h('h3', {}, ['Result']),
    figureList(items, 'event-study'),
    h('p', { class: 'note' }, [
      windowText(answer.estimationWindow, 'Estimation window'),
      ' ',
      windowText(answer.eventWindow, 'Event window'),
    ]),
    h('h3', {}, ['Abnormal returns, day by day']),
    chart,
    dayTable(answer.days),
    methodBlock('event-study', answer.method, answer.caveats),
    explainList(answer.explain ?? [], 'How each figure was derived'),
  );
  drawAbnormalReturnChart(chart, answer.days);
}

/** @param {any[]} days */
function dayTable(days) {
  const columns = ['Day', 'Date', 'Stock return', 'Index return', 'Normal return', 'Abnormal return', 'CAR'];
  const head = h(
    'tr',
    {},
    columns.map((t) => h('th', { scope: 'col' }, [t])),
  );
  const rows = days.map((d) =>
    h('tr', {}, [
      h('th', { scope: 'row' }, [String(d.offset)]),
      h('td', {}, [d.date]),
      ...[d.return, d.benchmarkReturn, d.expectedReturn, d.abnormalReturn, d.car].map((v) =>
        h('td', { 'data-value': v }, [v]),
      ),
    ]),
  );
  return scrollTable('The event window (returns as fractions: -0.048920 is −4.892 %)', [head], rows);
}

/** @param {any} answer */
function csvFiles(answer) {
  const rows = FIGURES.filter(([key]) => key in answer).map(([key, , unit]) => [
    key,
    answer[key],
    unit === 'money' ? answer.currency : unit,
  ]);
  const dayHeader = ['offset', 'date', 'return', 'benchmarkReturn', 'expectedReturn', 'abnormalReturn', 'car'];
  const dayRows = answer.days.map((/** @type {any} */ d) => [
    String(d.offset),
    d.date,
    d.return,
    d.benchmarkReturn,
    d.expectedReturn,
    d.abnormalReturn,
    d.car,
  ]);
  return [
    { label: 'Download results (CSV)', filename: 'event-study.csv', text: writeCsv(['metric', 'value', 'unit'], rows) },
    { label: 'Download the event window (CSV)', filename: 'event-study-days.csv', text: writeCsv(dayHeader, dayRows) },
  ];
}

/** @type {import('../panel.js').PanelDef} */
export const eventStudyPanel = {
  id: 'event-study',
  title: 'Event study',
  intro:
    'Was the share-price move of the outage day larger than the stock’s ordinary noise around the market? ' +
    'The market-model event study (MacKinlay 1997) from daily closes of the stock and an index.',
  endpoint: '/v1/market-cap/event-study',
  example: EVENT_STUDY_EXAMPLE,
  fields: EVENT_STUDY_FIELDS,
  prepare,
  toForm,
  check,
  mapErrors,
  render,
  csvFiles,
  status: (answer) =>
    `CAR ${withUnit(answer.carPercent, { unit: '%' })}, t ${answer.t ?? 'not determined'}, p ${answer.pValue ?? 'not determined'}.`,
};
