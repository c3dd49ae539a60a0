// Campaign impact (DESIGN.md §4): one campaign or several × outage windows → what each campaign lost.
import { h } from '../form.js';
import { groupDigits, localTime, withUnit } from '../format.js';
import { writeCsv } from '../csv.js';
import { drawSpendChart } from '../chart.js';
import { explainList, figureList, outageBlock, scrollTable } from '../results.js';
import { outageFields } from './outage.js';
import { impactOptionsFields, percentileBlock, tornadoBlock } from './uncertainty.js';

/** @typedef {import('../form.js').Node} Node */

/** DESIGN.md §4's request, as the page opens with it. */
export const IMPACT_EXAMPLE = {
  outage: {
    timeZone: 'America/New_York',
    windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00', deliveryLoss: '1' }],
  },
  campaigns: [
    {
      id: 'fall-sale',
      currency: 'USD',
      timeZone: 'America/Los_Angeles',
      budget: { amount: '1200', period: 'day' },
      flight: { start: '2021-09-01T00:00:00', end: '2021-10-31T00:00:00' },
      deliveryProfile: 'even',
      cpm: '9.50',
      ctr: '0.011',
      cvr: '0.03',
      aov: '72',
      grossMargin: '0.4',
      incrementality: '1',
      recovery: { recapture: '0.5', overspendCap: '0.75', cpmPremium: '0.1' },
    },
  ],
  options: { explain: true, timeline: 'hour' },
};

const RANGE_HINT = 'A number, a percent ("1.1%"), or a range low..high such as 0.009..0.013.';
const funnel = (/** @type {string} */ key, /** @type {string} */ label, /** @type {string} */ hint) =>
  /** @type {Node} */ ({ kind: 'decimal', key, label, range: true, hint });

/** @type {Node[]} */
const CAMPAIGN_FIELDS = [
  {
    kind: 'group',
    legend: 'Account',
    fields: [
      { kind: 'text', key: 'id', label: 'Campaign name (optional)', hint: 'Echoed back in the results.' },
      {
        kind: 'text',
        key: 'currency',
        label: 'Currency',
        list: 'currencies',
        placeholder: 'USD',
        hint: 'ISO 4217 code. Empty means USD.',
      },
      {
        kind: 'text',
        key: 'timeZone',
        label: 'Ad account time zone',
        list: 'time-zones',
        placeholder: 'UTC',
        hint: 'Budgets reset at midnight in this zone. Empty means UTC.',
      },
    ],
  },
  {
    kind: 'group',
    key: 'budget',
    legend: 'Budget',
    fields: [
      { kind: 'decimal', key: 'amount', label: 'Budget amount', hint: 'In the campaign currency, per budget period.' },
      {
        kind: 'select',
        key: 'period',
        label: 'Budget period',
        options: [
          ['day', 'Per day'],
          ['week', 'Per week (Monday first)'],
          ['month', 'Per month'],
          ['hour', 'Per hour'],
          ['lifetime', 'Lifetime (whole flight)'],
        ],
      },
    ],
  },
  {
    kind: 'group',
    key: 'flight',
    legend: 'Flight (optional)',
    hint: 'No spend is planned outside the flight. Times are read in the ad account time zone.',
    fields: [
      { kind: 'text', key: 'start', label: 'Flight start', placeholder: '2021-09-01T00:00:00' },
      { kind: 'text', key: 'end', label: 'Flight end (not included)', placeholder: '2021-10-31T00:00:00' },
    ],
  },
  {
    kind: 'weights',
    key: 'deliveryProfile',
    label: 'Delivery profile',
    placeholder: 'even',
    wide: true,
    hint: '"even", or 24 hour-of-day weights (from 00:00) or 168 hour-of-week weights (from Monday 00:00), separated by spaces.',
  },
  {
    kind: 'group',
    legend: 'Funnel',
    hint: `Give any of these; the others are derived (cost per click = CPM ÷ (1000 × CTR), and so on). ${RANGE_HINT}`,
    fields: [
      funnel('cpm', 'Cost per 1,000 impressions (CPM)', 'In the campaign currency.'),
      funnel('ctr', 'Click-through rate (CTR)', 'Clicks ÷ impressions: 0.011 or "1.1%".'),
      funnel('cpc', 'Cost per click (CPC)', 'In the campaign currency.'),
      funnel('cvr', 'Conversion rate (CVR)', 'Conversions ÷ clicks: 0.03 or "3%".'),
      funnel('cpa', 'Cost per conversion (CPA)', 'In the campaign currency.'),
      funnel('aov', 'Average order value (AOV)', 'Revenue per conversion, in the campaign currency.'),
      funnel('roas', 'Return on ad spend (ROAS)', 'Revenue ÷ spend: 2.5 means 2.50 of revenue per 1.00 spent.'),
      funnel('grossMargin', 'Gross margin (0 to 1)', 'Share of revenue kept as gross profit: 0.4 or "40%".'),
      funnel(
        'incrementality',
        'Incrementality (0 to 1)',
        'Share of conversions the ads actually caused. Empty means 1.',
      ),
    ],
  },
  {
    kind: 'group',
    key: 'recovery',
    legend: 'Recovery after the outage',
    hint: 'Budget pacing spends faster afterwards to catch up, within limits.',
    fields: [
      funnel(
        'recapture',
        'Share of lost spend made up afterwards (0 to 1)',
        `Empty means 0: nothing made up. ${RANGE_HINT}`,
      ),
      {
        kind: 'decimal',
        key: 'overspendCap',
        label: 'Overspend cap while catching up (0 to 10)',
        placeholder: '0.75',
        hint: 'How far over plan pacing may spend, as a share of the remaining planned spend. Empty means 0.75 (Meta’s 75 %).',
      },
      funnel(
        'cpmPremium',
        'CPM premium on catch-up impressions (0 to 10)',
        'Catch-up impressions cost CPM × (1 + premium). Empty means 0.',
      ),
      {
        kind: 'select',
        key: 'pacingPeriod',
        label: 'Catch-up period',
        options: [
          ['', 'Default for the budget period'],
          ['day', 'Same day'],
          ['week', 'Same week'],
          ['month', 'Same month'],
          ['flight', 'Rest of the flight'],
        ],
      },
    ],
  },
];

/** The metrics of a campaign result, in reading order, with their units. */
const METRICS = /** @type {const} */ ([
  ['outageMinutes', 'Outage length', 'minutes'],
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

/** @type {Node[]} */
export const IMPACT_FIELDS = [
  outageFields,
  {
    kind: 'list',
    key: 'campaigns',
    legend: 'Campaigns',
    itemLegend: 'Campaign',
    min: 1,
    max: 1000,
    blank: () => ({ currency: 'USD', budget: { period: 'day' } }),
    fields: CAMPAIGN_FIELDS,
  },
  impactOptionsFields(METRICS),
];

/** @param {string} unit @param {string} currency */
const unitOf = (unit, currency) => (unit === 'money' ? { money: currency } : { unit });

/**
 * The page always asks for the hourly timeline (the chart and table) and the derivation (shown on request).
 * @param {any} body
 */
function prepare(body) {
  const options = { ...(body.options ?? {}), explain: true, timeline: 'hour' };
  if (options.simulation) options.simulation = wholeNumbers(options.simulation, ['draws', 'seed']);
  return { ...body, options };
}

/**
 * The simulation's draws and seed go as JSON integers, as the API takes them; anything else as typed,
 * for the API to refuse at its field.
 * @param {Record<string, any>} object
 * @param {string[]} keys
 */
function wholeNumbers(object, keys) {
  const out = { ...object };
  for (const key of keys)
    if (typeof out[key] === 'string' && /^[+-]?\d{1,10}$/.test(out[key])) out[key] = Number(out[key]);
  return out;
}

/**
 * @param {HTMLElement} root
 * @param {any} answer
 * @param {any} request
 */
function render(root, answer, request) {
  const zone = request.outage?.timeZone || 'UTC';
  const parts = [];
  /** @type {(() => void)[]} charts drawn once their holders are on the page */
  const draws = [];
  for (const total of answer.totals) {
    const metrics = METRICS.filter(([key]) => key !== 'outageMinutes');
    const items = metrics.map(([key, label, unit]) => ({
      key,
      label,
      value: total[key],
      unit: unitOf(unit, total.currency),
      range: total.ranges?.[key],
    }));
    const heading = answer.campaigns.length > 1 ? `All ${total.currency} campaigns` : 'Result';
    parts.push(h('h3', {}, [heading]), figureList(items, `totals-${total.currency}`));
    if (total.simulation) {
      const subject = answer.campaigns.length > 1 ? `all ${total.currency} campaigns` : 'the campaign';
      const block = percentileBlock(`impact-total-${total.currency}`, subject, total, METRICS);
      parts.push(...block.elements);
      draws.push(block.draw);
    }
  }
  if (answer.warnings?.length) parts.push(warningList(answer.warnings, answer.campaigns));
  parts.push(
    h('p', { class: 'note' }, [
      'Net contribution change = net lost spend − lost gross profit: the unbilled spend comes back to the advertiser, the profit does not; negative means the advertiser is worse off.',
    ]),
  );
  if (answer.outage) parts.push(outageBlock('impact', answer.outage));
  parts.push(campaignTable(answer.campaigns));
  parts.push(...answer.campaigns.flatMap((c, i) => campaignDetails(c, i, zone, answer.campaigns.length, draws)));
  root.replaceChildren(...parts);
  for (const draw of draws) draw();
  for (const [i, c] of answer.campaigns.entries()) {
    const holder = root.querySelector(`#impact-chart-${i}`);
    if (holder instanceof HTMLElement && c.timeline?.length) drawSpendChart(holder, c, zone);
  }
}

/** Every campaign's figures side by side (metrics down, campaigns across). @param {any[]} campaigns */
function campaignTable(campaigns) {
  const head = h('tr', {}, [
    h('th', { scope: 'col' }, ['Figure']),
    ...campaigns.map((c, i) => h('th', { scope: 'col' }, [c.id ?? `Campaign ${i + 1}`])),
  ]);
  const rows = METRICS.map(([key, label, unit]) =>
    h('tr', {}, [
      h('th', { scope: 'row' }, [label]),
      ...campaigns.map((c) => h('td', { 'data-value': c[key] ?? '' }, [withUnit(c[key], unitOf(unit, c.currency))])),
    ]),
  );
  return scrollTable('Each campaign’s figures', [head], rows);
}

/**
 * One campaign: its funnel, its hourly chart and table, and its derivation.
 * @param {any} c
 * @param {number} i
 * @param {string} zone
 * @param {number} count
 * @param {(() => void)[]} draws where the campaign's uncertainty charts leave their drawing
 */
function campaignDetails(c, i, zone, count, draws) {
  const name = c.id ?? `Campaign ${i + 1}`;
  const heading = h('h3', {}, [count > 1 ? `Campaign ${i + 1}: ${name}` : `Hour by hour: ${name}`]);
  const funnelRows = Object.entries(c.funnel).map(([key, v]) =>
    h('tr', {}, [
      h('th', { scope: 'row' }, [key.toUpperCase()]),
      h('td', {}, [v ? groupDigits(v.value) : 'not determined']),
      h('td', {}, [v ? v.source : '—']),
    ]),
  );
  const funnelTable = scrollTable(
    `Funnel (6 decimal places; money in ${c.currency})`,
    [
      h('tr', {}, [
        h('th', { scope: 'col' }, ['Parameter']),
        h('th', { scope: 'col' }, ['Value']),
        h('th', { scope: 'col' }, ['Given or derived']),
      ]),
    ],
    funnelRows,
  );
  const undetermined = (c.undetermined ?? []).map((/** @type {any} */ u) =>
    h('li', {}, [
      `${u.field} is not determined; give ${u.determinedBy.map((/** @type {string[]} */ s) => s.join(' and ')).join(', or ')}.`,
    ]),
  );
  const chart = h('div', { class: 'chart', id: `impact-chart-${i}`, role: 'img', 'aria-label': chartSummary(c, zone) });
  const caption = h('p', { class: 'note' }, [
    `Hours of the outage in ${zone} time. Recaptured spend is made up after the outage; here it is shared out over the hours in proportion to their lost spend.`,
  ]);
  // One campaign's percentiles are its total's, shown above; with several, each has its own.
  const uncertainty = [
    ...(c.simulation && count > 1 ? [percentileBlock(`impact-campaign-${i}`, name, c, METRICS)] : []),
    ...(c.sensitivity ? [tornadoBlock(`impact-campaign-${i}`, name, c, METRICS)] : []),
  ];
  draws.push(...uncertainty.map((b) => b.draw));
  return [
    heading,
    ...uncertainty.flatMap((b) => b.elements),
    c.timeline?.length ? chart : h('p', {}, ['No hour of this campaign overlaps the outage.']),
    caption,
    timelineTable(c, zone),
    funnelTable,
    ...(undetermined.length ? [h('ul', { class: 'undetermined' }, undetermined)] : []),
    explainList(c.explain ?? [], `How ${name}’s figures were derived`),
  ];
}

/**
 * What the service noted without refusing (a campaign with no range asked for percentiles, say).
 * @param {{ pointer: string, detail: string }[]} warnings
 * @param {any[]} campaigns
 */
function warningList(warnings, campaigns) {
  const where = (/** @type {string} */ pointer) => {
    const m = /^\/campaigns\/(\d+)/.exec(pointer);
    return m ? (campaigns[Number(m[1])]?.id ?? `Campaign ${Number(m[1]) + 1}`) : pointer || 'The request';
  };
  return h(
    'ul',
    { class: 'warnings' },
    warnings.map((w) => h('li', {}, [`${where(w.pointer)} ${w.detail}.`])),
  );
}

/** @param {any} c @param {string} zone */
function chartSummary(c, zone) {
  const rows = c.timeline ?? [];
  if (rows.length === 0) return 'No hours to chart.';
  return `Chart of planned, lost and recaptured spend in ${c.currency} for ${rows.length} hours from ${localTime(rows[0].start, zone)}; the table below lists the same figures.`;
}

/** @param {any} c @param {string} zone */
function timelineTable(c, zone) {
  const head = h(
    'tr',
    {},
    [
      `Hour starting (${zone})`,
      'Planned spend',
      'Lost spend',
      'Lost impressions',
      'Lost conversions',
      'Lost revenue',
    ].map((t) => h('th', { scope: 'col' }, [t])),
  );
  const rows = (c.timeline ?? []).map((/** @type {any} */ r) =>
    h('tr', {}, [
      h('th', { scope: 'row' }, [localTime(r.start, zone)]),
      h('td', {}, [withUnit(r.plannedSpend, { money: c.currency })]),
      h('td', {}, [withUnit(r.lostSpend, { money: c.currency })]),
      h('td', {}, [withUnit(r.lostImpressions, {})]),
      h('td', {}, [withUnit(r.lostConversions, {})]),
      h('td', {}, [withUnit(r.lostRevenue, { money: c.currency })]),
    ]),
  );
  return scrollTable(`Hourly figures (${rows.length} hours)`, [head], rows);
}

const CSV_METRICS = METRICS.map(([key]) => key);

/**
 * Two files: each campaign's figures (one row per campaign, then the totals per currency), and the hourly timeline.
 * @param {any} answer
 */
function csvFiles(answer) {
  // With a range among the inputs, each metric also gets <metric>Low and <metric>High, as in the batch CSV.
  const ranged = answer.campaigns.some((/** @type {any} */ c) => c.ranges);
  const rangeKeys = ranged
    ? CSV_METRICS.filter((k) => k !== 'outageMinutes' && k !== 'plannedSpend' && k !== 'lostSpend')
    : [];
  const rangeHeader = rangeKeys.flatMap((k) => [`${k}Low`, `${k}High`]);
  const rangeCells = (/** @type {any} */ r) => rangeKeys.flatMap((k) => [r.ranges?.[k]?.low, r.ranges?.[k]?.high]);
  const header = ['row', 'id', 'currency', ...CSV_METRICS, ...rangeHeader];
  const rows = [
    ...answer.campaigns.map((/** @type {any} */ c, /** @type {number} */ i) => [
      `campaign ${i + 1}`,
      c.id ?? '',
      c.currency,
      ...CSV_METRICS.map((k) => c[k]),
      ...rangeCells(c),
    ]),
    ...answer.totals.map((/** @type {any} */ t) => [
      'total',
      '',
      t.currency,
      ...CSV_METRICS.map((k) => (k === 'outageMinutes' ? '' : t[k])),
      ...rangeCells(t),
    ]),
  ];
  const timelineHeader = [
    'id',
    'currency',
    'start',
    'end',
    'plannedSpend',
    'lostSpend',
    'lostImpressions',
    'lostConversions',
    'lostRevenue',
  ];
  const timelineRows = answer.campaigns.flatMap((/** @type {any} */ c) =>
    (c.timeline ?? []).map((/** @type {any} */ r) => [
      c.id ?? '',
      c.currency,
      r.start,
      r.end,
      r.plannedSpend,
      r.lostSpend,
      r.lostImpressions,
      r.lostConversions,
      r.lostRevenue,
    ]),
  );
  return [
    { label: 'Download results (CSV)', filename: 'campaign-impact.csv', text: writeCsv(header, rows) },
    {
      label: 'Download hourly figures (CSV)',
      filename: 'campaign-impact-hourly.csv',
      text: writeCsv(timelineHeader, timelineRows),
    },
  ];
}

/** @type {import('../panel.js').PanelDef} */
export const impactPanel = {
  id: 'impact',
  title: 'Campaign impact',
  intro:
    'What an outage cost your campaigns: spend, impressions, clicks, conversions, revenue and profit, and what budget pacing makes up afterwards.',
  endpoint: '/v1/impact',
  example: IMPACT_EXAMPLE,
  fields: IMPACT_FIELDS,
  prepare,
  render,
  csvFiles,
  status: (answer) => {
    const t = answer.totals[0];
    return t
      ? `Lost spend ${withUnit(t.lostSpend, { money: t.currency })}, net lost spend ${withUnit(t.netLostSpend, { money: t.currency })}.`
      : 'Computed.';
  },
};
