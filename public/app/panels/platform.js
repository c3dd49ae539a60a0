// Platform revenue loss (DESIGN.md §5): the platform's own ad revenue lost in the outage windows.
import { withUnit } from '../format.js';
import { writeCsv } from '../csv.js';
import { h } from '../form.js';
import { describeRevenue, revenueOptions } from '../catalogue.js';
import { explainList, figureList, methodBlock, outageBlock, revenueBlock } from '../results.js';
import { outageFields } from './outage.js';
import { roundingFields, withExplain } from './rounding.js';

/** @typedef {import('../form.js').Node} Node */

/** DESIGN.md §5's request: Fortune's $29.08B over 2021-Q2, and the 4 October 2021 outage. */
export const PLATFORM_EXAMPLE = {
  revenue: { amount: '29080000000', currency: 'USD', period: { quarter: '2021-Q2' } },
  affectedShare: '1',
  outage: { timeZone: 'UTC', windows: [{ start: '2021-10-04T15:30:00Z', end: '2021-10-04T23:00:00Z' }] },
  trafficProfile: 'even',
  profileTimeZone: 'UTC',
  recapture: '0',
  options: { explain: true },
};

/** @type {Node[]} */
export const PLATFORM_FIELDS = [
  {
    kind: 'group',
    key: 'revenue',
    legend: 'The platform’s revenue',
    hint: 'A published figure, such as a quarterly report’s advertising revenue.',
    fields: [
      {
        kind: 'pick',
        key: 'ref',
        label: 'Revenue figure',
        hint: 'A figure from the catalogue, with its source; or an amount of your own.',
        options: revenueOptions,
        otherLabel: 'Enter an amount (below)',
        otherBlank: () => ({ currency: 'USD', period: { quarter: '' } }),
        describe: describeRevenue,
        fields: [],
        otherFields: [
          {
            kind: 'decimal',
            key: 'amount',
            label: 'Revenue amount',
            hint: 'Earned over the period below, in the currency below.',
          },
          {
            kind: 'text',
            key: 'currency',
            label: 'Currency',
            list: 'currencies',
            placeholder: 'USD',
            hint: 'ISO 4217 code. Empty means USD.',
          },
          {
            kind: 'oneOf',
            key: 'period',
            label: 'Period the revenue was earned over',
            hint: 'Calendar periods count real days: 2021-Q2 has 91 days (2,184 hours).',
            forms: [
              {
                value: 'quarter',
                label: 'A calendar quarter',
                fields: [
                  {
                    kind: 'text',
                    key: 'quarter',
                    label: 'Quarter',
                    placeholder: '2021-Q2',
                    hint: 'Such as 2021-Q2 (Q1 is January to March).',
                  },
                ],
              },
              {
                value: 'year',
                label: 'A calendar year',
                fields: [{ kind: 'decimal', key: 'year', label: 'Year', placeholder: '2021' }],
              },
              {
                value: 'month',
                label: 'A calendar month',
                fields: [
                  { kind: 'text', key: 'month', label: 'Month', placeholder: '2021-10', hint: 'Such as 2024-03.' },
                ],
              },
              {
                value: 'dates',
                label: 'From one date to another',
                fields: [
                  { kind: 'text', key: 'start', label: 'First day', placeholder: '2021-04-01' },
                  { kind: 'text', key: 'end', label: 'Last day (included)', placeholder: '2021-06-30' },
                ],
              },
              {
                value: 'days',
                label: 'A number of days',
                fields: [{ kind: 'decimal', key: 'days', label: 'Number of days' }],
              },
              {
                value: 'hours',
                label: 'A number of hours',
                fields: [{ kind: 'decimal', key: 'hours', label: 'Number of hours' }],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    kind: 'decimal',
    key: 'affectedShare',
    label: 'Share of the platform affected (0 to 1)',
    placeholder: '1',
    hint: 'Users, regions or products the outage took down: 1 is all of it. Empty means 1.',
  },
  outageFields,
  {
    kind: 'group',
    legend: 'Traffic over the day',
    fields: [
      {
        kind: 'weights',
        key: 'trafficProfile',
        label: 'Traffic profile',
        placeholder: 'even',
        wide: true,
        hint: '"even", or 24 hour-of-day weights (from 00:00) or 168 hour-of-week weights (from Monday 00:00), separated by spaces.',
      },
      {
        kind: 'text',
        key: 'profileTimeZone',
        label: 'Time zone of the traffic profile',
        list: 'time-zones',
        placeholder: 'UTC',
        hint: 'Empty means UTC.',
      },
    ],
  },
  {
    kind: 'decimal',
    key: 'recapture',
    label: 'Share of the loss made up afterwards (0 to 1)',
    placeholder: '0',
    hint: 'As advertisers re-spend their budgets. Empty means 0.',
  },
  roundingFields,
];

const FIGURES = /** @type {const} */ ([
  ['periodHours', 'Hours in the revenue period', 'hours'],
  ['revenuePerDay', 'Revenue per day', 'money'],
  ['revenuePerHour', 'Revenue per hour', 'money'],
  ['revenuePerMinute', 'Revenue per minute', 'money'],
  ['revenuePerSecond', 'Revenue per second', 'money'],
  ['outageMinutes', 'Outage length', 'minutes'],
  ['grossLoss', 'Gross revenue lost', 'money'],
  ['recaptured', 'Made up afterwards', 'money'],
  ['netLoss', 'Net revenue lost', 'money'],
]);

/** @param {string} unit @param {string} currency */
const unitOf = (unit, currency) => (unit === 'money' ? { money: currency } : { unit });

/** @param {HTMLElement} root @param {any} answer */
function render(root, answer) {
  const catalogue = [
    ...(answer.outage ? [outageBlock('platform', answer.outage)] : []),
    ...(answer.revenue ? [revenueBlock('platform', answer.revenue, answer.currency)] : []),
  ];
  const items = FIGURES.map(([key, label, unit]) => ({
    key,
    label,
    value: answer[key],
    unit: unitOf(unit, answer.currency),
  }));
  root.replaceChildren(
    h('h3', {}, ['Result']),
    figureList(items, 'platform'),
    h('p', { class: 'note' }, ['Per-minute and per-second rates keep two more decimal places than the currency has.']),
    methodBlock('platform', answer.method, answer.caveats),
    ...catalogue,
    explainList(answer.explain ?? [], 'How each figure was derived'),
  );
}

/** @param {any} answer */
function csvFiles(answer) {
  const rows = FIGURES.map(([key, , unit]) => [key, answer[key], unit === 'money' ? answer.currency : unit]);
  return [
    {
      label: 'Download results (CSV)',
      filename: 'platform-loss.csv',
      text: writeCsv(['metric', 'value', 'unit'], rows),
    },
  ];
}

/** @type {import('../panel.js').PanelDef} */
export const platformPanel = {
  id: 'platform',
  title: 'Platform loss',
  intro: 'How much ad revenue the platform itself lost in the outage, from a published revenue figure.',
  endpoint: '/v1/platform-loss',
  example: PLATFORM_EXAMPLE,
  fields: PLATFORM_FIELDS,
  prepare: withExplain,
  render,
  csvFiles,
  status: (answer) => `Net revenue lost ${withUnit(answer.netLoss, { money: answer.currency })}.`,
};
