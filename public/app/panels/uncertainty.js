// Uncertainty in campaign impact (DESIGN.md §14, docs/uncertainty.md): the options that ask for the
// simulation's percentiles and the tornado, and the blocks that show them (a picture, then the table of
// exact figures). Both look only at inputs typed as a range, low..high.
import { h } from '../form.js';
import { withUnit } from '../format.js';
import { scrollTable } from '../results.js';
import { drawPercentileBand, drawTornado } from '../uncertainty-chart.js';
import { roundingFields } from './rounding.js';

/** @typedef {import('../form.js').Node} Node */
/** @typedef {readonly (readonly [string, string, string])[]} Metrics [key, label, unit] */

/** The metrics that the simulation and the tornado report, in the API's order. */
export const UNCERTAIN_METRICS = /** @type {const} */ ([
  'recapturedSpend',
  'netLostSpend',
  'lostImpressions',
  'lostClicks',
  'lostConversions',
  'lostRevenue',
  'lostGrossProfit',
  'netContributionChange',
]);

/**
 * The options group of campaign impact: simulation, tornado and rounding.
 * @param {Metrics} metrics
 * @returns {Node}
 */
export function impactOptionsFields(metrics) {
  const labelOf = (/** @type {string} */ key) => metrics.find(([k]) => k === key)?.[1] ?? key;
  const rounding = /** @type {import('../form.js').Group} */ (roundingFields).fields;
  return {
    kind: 'group',
    key: 'options',
    legend: 'Uncertainty and rounding',
    hint:
      'Percentiles and the tornado look only at inputs typed as a range low..high (CPM, CTR, CPC, CVR, CPA, AOV, ' +
      'ROAS, gross margin, incrementality, recapture, CPM premium).',
    fields: [
      {
        kind: 'oneOf',
        key: 'simulation',
        label: 'Percentiles (Monte Carlo simulation)',
        selectLabel: 'Simulate',
        forms: [
          { value: 'off', label: 'No', fields: [] },
          {
            value: 'on',
            label: 'Yes: P5, P50 and P95 of each figure',
            fields: [
              {
                kind: 'select',
                key: 'distribution',
                label: 'Distribution of each range',
                options: [
                  ['triangular', 'Triangular, peaked at the middle or the base (default)'],
                  ['pert', 'PERT (beta), smoother than the triangle'],
                  ['uniform', 'Uniform: every value equally likely'],
                ],
              },
              {
                kind: 'decimal',
                key: 'draws',
                label: 'Number of draws',
                placeholder: '10000',
                hint: '1 to 100,000. Empty means 10,000.',
              },
              {
                kind: 'decimal',
                key: 'seed',
                label: 'Seed of the random numbers',
                placeholder: '1',
                hint: 'The same seed gives the same figures. Empty means 1.',
              },
            ],
          },
        ],
      },
      {
        kind: 'checkbox',
        key: 'sensitivity',
        label: 'Rank the uncertain inputs by their effect (tornado)',
      },
      {
        kind: 'select',
        key: 'sensitivityMetric',
        label: 'Figure the tornado ranks them by',
        options: [
          ['', `${labelOf('lostRevenue')} (default)`],
          ...UNCERTAIN_METRICS.filter((k) => k !== 'lostRevenue').map(
            (k) => /** @type {[string, string]} */ ([k, labelOf(k)]),
          ),
        ],
      },
      ...rounding,
    ],
  };
}

/** @param {string} unit @param {string} currency */
const unitOf = (unit, currency) => (unit === 'money' ? { money: currency } : { unit });

/**
 * The simulation's percentiles of one campaign or one currency's total: the money figures as a picture,
 * every figure in the table.
 * @param {string} id unique on the page
 * @param {string} subject "All USD campaigns", "fall-sale"
 * @param {any} row a CampaignResult or a total, with `simulation`
 * @param {Metrics} metrics
 * @returns {{ elements: HTMLElement[], draw: () => void }}
 */
export function percentileBlock(id, subject, row, metrics) {
  const known = metrics.filter(([key]) => UNCERTAIN_METRICS.includes(/** @type {any} */ (key)));
  const text = (/** @type {string | null | undefined} */ v, /** @type {string} */ unit) =>
    withUnit(v, unitOf(unit, row.currency));
  const rows = known.map(([key, label, unit]) => {
    const s = row.simulation[key];
    const range = row.ranges?.[key];
    return h('tr', { 'data-metric': key }, [
      h('th', { scope: 'row' }, [label]),
      h('td', { 'data-value': row[key] ?? '' }, [text(row[key], unit)]),
      h('td', {}, [range ? `${text(range.low, unit)} to ${text(range.high, unit)}` : '—']),
      ...['mean', 'p5', 'p50', 'p95'].map((q) => h('td', { 'data-value': s?.[q] ?? '' }, [text(s?.[q], unit)])),
    ]);
  });
  const head = h(
    'tr',
    {},
    ['Figure', 'Point estimate', 'Exact range', 'Mean', 'P5', 'P50', 'P95'].map((t) => h('th', { scope: 'col' }, [t])),
  );
  const money = known
    .filter(([key, , unit]) => unit === 'money' && row.simulation[key])
    .map(([key, label]) => ({ label, ...row.simulation[key], ...(row.ranges?.[key] ?? {}) }));
  const holder = h('div', {
    class: 'chart uncertainty-chart',
    id: `${id}-band`,
    role: 'img',
    'aria-label': `Chart of the P5 to P95 band, the median and the exact range of ${money.length} money figures for ${subject}, in ${row.currency}; the table below lists the same figures.`,
  });
  return {
    elements: [
      h('h4', {}, [`Percentiles: ${subject}`]),
      ...(money.length ? [holder] : []),
      scrollTable(`Simulated percentiles, ${subject}`, [head], rows),
      h('p', { class: 'note' }, [
        'P5 to P95: nine simulated outcomes in ten fall in this band. The exact range is every input at its low or high at once, which the band rarely reaches.',
      ]),
    ],
    draw: () => {
      if (money.length) drawPercentileBand(holder, money, row.currency);
    },
  };
}

/**
 * The tornado of one campaign: each ranged input from its low to its high, the others at base.
 * @param {string} id unique on the page
 * @param {string} subject
 * @param {any} campaign a CampaignResult with `sensitivity`
 * @param {Metrics} metrics
 * @returns {{ elements: HTMLElement[], draw: () => void }}
 */
export function tornadoBlock(id, subject, campaign, metrics) {
  const s = campaign.sensitivity;
  const [, label, unit] = metrics.find(([key]) => key === s.metric) ?? [s.metric, s.metric, ''];
  const text = (/** @type {string} */ v) => withUnit(v, unitOf(unit, campaign.currency));
  const head = h(
    'tr',
    {},
    ['Input', 'Low', 'High', `${label} at low`, `${label} at high`, 'Swing'].map((t) => h('th', { scope: 'col' }, [t])),
  );
  const rows = s.bars.map((/** @type {any} */ b) =>
    h('tr', { 'data-input': b.input }, [
      h('th', { scope: 'row' }, [b.input]),
      h('td', {}, [b.inputLow]),
      h('td', {}, [b.inputHigh]),
      h('td', { 'data-value': b.atLow }, [text(b.atLow)]),
      h('td', { 'data-value': b.atHigh }, [text(b.atHigh)]),
      h('td', { 'data-value': b.swing }, [text(b.swing)]),
    ]),
  );
  const holder = h('div', {
    class: 'chart uncertainty-chart',
    id: `${id}-tornado`,
    role: 'img',
    'aria-label': `Tornado chart of ${label} for ${subject}: ${s.bars.length} inputs, largest effect first, from a base of ${text(s.base)}; the table below lists the same figures.`,
  });
  return {
    elements: [
      h('h4', {}, [`What matters most for ${label.toLowerCase()}: ${subject}`]),
      ...(s.bars.length ? [holder] : [h('p', {}, ['No input of this campaign is given as a range.'])]),
      scrollTable(`Tornado: ${label} with each input at its low and high, base ${text(s.base)}`, [head], rows),
      h('p', { class: 'note' }, [
        'One input at a time, the others at their base: the bars rank what matters most and do not add up to the range.',
      ]),
    ],
    draw: () => {
      if (s.bars.length) drawTornado(holder, s, unit === 'money' ? campaign.currency : unit);
    },
  };
}
