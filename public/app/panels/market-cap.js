// Market-cap arithmetic (DESIGN.md §6): the market-cap change of a share-price move, holders' wealth
// change, and the comparison with the revenue lost.
import { withUnit } from '../format.js';
import { writeCsv } from '../csv.js';
import { h } from '../form.js';
import { explainList, figureList, methodBlock, scrollTable } from '../results.js';
import { roundingFields, withExplain } from './rounding.js';
import { shareClassesForm } from './share-classes.js';

/** @typedef {import('../form.js').Node} Node */

/** DESIGN.md §6's request: Meta on 4 October 2021. */
export const MARKET_CAP_EXAMPLE = {
  currency: 'USD',
  shareClasses: [
    { name: 'Class A', shares: '2366277848' },
    { name: 'Class B', shares: '415481668', conversionRatio: '1' },
  ],
  price: { before: '343.01', after: '326.23' },
  benchmark: { changePercent: '-2.14', beta: '1' },
  holders: [{ name: 'Founder', shares: '350000000' }],
  revenueLoss: '99862637.36',
  options: { explain: true },
};

/** @type {Node[]} */
export const MARKET_CAP_FIELDS = [
  {
    kind: 'text',
    key: 'currency',
    label: 'Currency of the share price',
    list: 'currencies',
    placeholder: 'USD',
    hint: 'ISO 4217 code. Empty means USD.',
  },
  {
    kind: 'oneOf',
    label: 'Size of the company',
    hint: 'The shares outstanding by class, or the market cap at the price before, if that is what you have.',
    forms: [
      shareClassesForm,
      {
        value: 'marketCap',
        label: 'Market cap, given directly',
        fields: [
          {
            kind: 'decimal',
            key: 'marketCap',
            label: 'Market cap at the price before',
            hint: 'In the currency of the share price, such as 954171331583.16.',
          },
        ],
      },
    ],
  },
  {
    kind: 'group',
    key: 'price',
    legend: 'Share price',
    fields: [
      { kind: 'decimal', key: 'before', label: 'Share price before' },
      {
        kind: 'oneOf',
        label: 'Share price after',
        forms: [
          {
            value: 'after',
            label: 'As a price',
            fields: [{ kind: 'decimal', key: 'after', label: 'Share price after' }],
          },
          {
            value: 'changePercent',
            label: 'As a change in percent',
            fields: [
              {
                kind: 'decimal',
                key: 'changePercent',
                label: 'Price change (%)',
                hint: 'Such as -4.89 for a 4.89 % fall.',
              },
            ],
          },
        ],
      },
    ],
  },
  {
    kind: 'group',
    key: 'benchmark',
    legend: 'Market benchmark (optional)',
    hint: 'To separate the stock’s own move from the market’s.',
    fields: [
      {
        kind: 'oneOf',
        label: 'Benchmark move',
        forms: [
          {
            value: 'changePercent',
            label: 'As a change in percent',
            fields: [
              {
                kind: 'decimal',
                key: 'changePercent',
                label: 'Benchmark index change (%)',
                hint: 'Over the same interval, such as -2.14.',
              },
            ],
          },
          {
            value: 'levels',
            label: 'As index levels before and after',
            fields: [
              { kind: 'decimal', key: 'before', label: 'Benchmark level before', hint: 'Such as 4357.04.' },
              { kind: 'decimal', key: 'after', label: 'Benchmark level after', hint: 'Over the same interval.' },
            ],
          },
        ],
      },
      {
        kind: 'decimal',
        key: 'beta',
        label: 'Beta of the stock to the benchmark',
        placeholder: '1',
        hint: 'Empty means 1.',
      },
    ],
  },
  {
    kind: 'list',
    key: 'holders',
    legend: 'Holders (optional)',
    itemLegend: 'Holder',
    optional: true,
    min: 0,
    max: 1000,
    blank: () => ({ name: '', shares: '' }),
    fields: [
      { kind: 'text', key: 'name', label: 'Name (optional)' },
      { kind: 'decimal', key: 'shares', label: 'Shares held', hint: 'In units of the priced class.' },
    ],
  },
  {
    kind: 'decimal',
    key: 'revenueLoss',
    label: 'Revenue lost in the outage (optional)',
    hint: 'Such as the platform loss result, to compare the market-cap change with.',
  },
  roundingFields,
];

const FIGURES = /** @type {const} */ ([
  ['sharesOutstanding', 'Shares outstanding', 'shares'],
  ['priceBefore', 'Share price before', 'money'],
  ['priceAfter', 'Share price after', 'money'],
  ['priceChange', 'Price change', 'money'],
  ['changePercent', 'Price change in percent', '%'],
  ['marketCapBefore', 'Market cap before', 'money'],
  ['marketCapAfter', 'Market cap after', 'money'],
  ['marketCapChange', 'Market cap change', 'money'],
  ['expectedChangePercent', 'Expected change from the benchmark', '%'],
  ['abnormalChangePercent', 'Abnormal change', '%'],
  ['abnormalMarketCapChange', 'Abnormal market cap change', 'money'],
  ['marketCapToRevenueLossMultiple', 'Market cap change ÷ revenue lost', '×'],
]);

/** @param {string} unit @param {string} currency */
const unitOf = (unit, currency) => (unit === 'money' ? { money: currency } : { unit });

/** @param {HTMLElement} root @param {any} answer */
function render(root, answer) {
  const present = FIGURES.filter(([key]) => answer[key] !== undefined);
  const items = present.map(([key, label, unit]) => ({
    key,
    label,
    value: answer[key],
    unit: unitOf(unit, answer.currency),
  }));
  const holders = answer.holders.length
    ? [
        scrollTable(
          'Holders’ wealth change',
          [
            h(
              'tr',
              {},
              ['Holder', 'Shares held', 'Wealth change'].map((t) => h('th', { scope: 'col' }, [t])),
            ),
          ],
          answer.holders.map((/** @type {any} */ x, /** @type {number} */ i) =>
            h('tr', {}, [
              h('th', { scope: 'row' }, [x.name || `Holder ${i + 1}`]),
              h('td', {}, [withUnit(x.shares, { unit: 'shares' })]),
              h('td', { 'data-value': x.wealthChange }, [withUnit(x.wealthChange, { money: answer.currency })]),
            ]),
          ),
        ),
      ]
    : [];
  root.replaceChildren(
    h('h3', {}, ['Result']),
    figureList(items, 'market-cap'),
    ...holders,
    methodBlock('market-cap', answer.method, answer.caveats),
    explainList(answer.explain ?? [], 'How each figure was derived'),
  );
}

/** @param {any} answer */
function csvFiles(answer) {
  const rows = FIGURES.filter(([key]) => answer[key] !== undefined).map(([key, , unit]) => [
    key,
    answer[key],
    unit === 'money' ? answer.currency : unit,
  ]);
  const holderRows = answer.holders.map((/** @type {any} */ x, /** @type {number} */ i) => [
    `holder ${i + 1} wealthChange`,
    x.wealthChange,
    answer.currency,
    x.name ?? '',
  ]);
  return [
    {
      label: 'Download results (CSV)',
      filename: 'market-cap.csv',
      text: writeCsv(['metric', 'value', 'unit', 'name'], [...rows, ...holderRows]),
    },
  ];
}

/** @type {import('../panel.js').PanelDef} */
export const marketCapPanel = {
  id: 'market-cap',
  title: 'Market cap',
  intro: 'The market-capitalisation arithmetic of a share-price move, and what it meant for holders.',
  endpoint: '/v1/market-cap',
  example: MARKET_CAP_EXAMPLE,
  fields: MARKET_CAP_FIELDS,
  prepare: withExplain,
  render,
  csvFiles,
  status: (answer) => `Market cap change ${withUnit(answer.marketCapChange, { money: answer.currency })}.`,
};
