// Building blocks of every calculator's results: figures with their units, tables that scroll inside
// themselves on a narrow screen (never the page), and the derivation behind a disclosure.
import { h } from './form.js';
import { groupDigits, withUnit } from './format.js';

/**
 * @typedef {{ key: string, label: string, value: string | null | undefined, unit: { money?: string, unit?: string },
 *   range?: { low: string, base: string, high: string } | null, note?: string }} Figure
 */

/**
 * A list of figures; each carries the API's own string in data-value (the browser test reads it).
 * @param {Figure[]} figures
 * @param {string} name
 */
export function figureList(figures, name) {
  return h(
    'dl',
    { class: 'figures', 'data-figures': name },
    figures.map((f) => {
      const range = f.range
        ? [
            h('span', { class: 'range' }, [
              `range ${withUnit(f.range.low, f.unit)} to ${withUnit(f.range.high, f.unit)}`,
            ]),
          ]
        : [];
      const note = f.note ? [h('span', { class: 'range' }, [f.note])] : [];
      return h('div', { class: 'figure', 'data-metric': f.key }, [
        h('dt', {}, [f.label]),
        h('dd', { 'data-value': f.value ?? '' }, [withUnit(f.value, f.unit), ...range, ...note]),
      ]);
    }),
  );
}

/**
 * A table with a caption, in a focusable region that scrolls sideways by itself when it is too wide.
 * @param {string} caption
 * @param {HTMLElement[]} head
 * @param {HTMLElement[]} rows
 */
export function scrollTable(caption, head, rows) {
  const table = h('table', {}, [h('caption', {}, [caption]), h('thead', {}, head), h('tbody', {}, rows)]);
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': caption }, [table]);
}

/**
 * The derivation trace, closed until asked for.
 * @param {{ metric: string, formula: string, inputs: Record<string, string>, value: string }[]} steps
 * @param {string} title
 */
export function explainList(steps, title) {
  if (steps.length === 0) return h('span', {});
  const items = steps.map((s) =>
    h('li', {}, [
      h('strong', {}, [s.metric]),
      ` = ${s.formula} = ${groupDigits(s.value)}`,
      h('br', {}),
      h('span', { class: 'inputs' }, [
        `with ${
          Object.entries(s.inputs)
            .map(([k, v]) => `${k} = ${groupDigits(v)}`)
            .join(', ') || 'no inputs'
        }`,
      ]),
    ]),
  );
  return h('details', { class: 'explain' }, [h('summary', {}, [title]), h('ol', {}, items)]);
}

/**
 * Where catalogue figures came from: each source as a link, with the quote that states the figure.
 * @param {{ title: string, publisher: string, url: string, quote: string }[]} sources
 */
export function sourceList(sources) {
  return h(
    'ul',
    { class: 'sources' },
    sources.map((s) =>
      h('li', {}, [
        h('a', { href: s.url, rel: 'noopener noreferrer' }, [s.title]),
        ` (${s.publisher}): `,
        h('q', {}, [s.quote]),
      ]),
    ),
  );
}

/**
 * The catalogue outage an answer used (its `outage` echo): title, windows, notes and sources.
 * @param {string} prefix makes the ids unique on the page
 * @param {{ ref: string, title: string, windows: { start: string, end: string }[], sources: any[],
 *   notes: string[] }} outage
 */
export function outageBlock(prefix, outage) {
  const windows = outage.windows.map((w) => h('li', {}, [`${w.start} to ${w.end} (UTC, end not included)`]));
  const id = `${prefix}-about-outage`;
  return h('section', { class: 'catalogue', 'data-catalogue': 'outage', 'aria-labelledby': id }, [
    h('h3', { id }, [`The outage: ${outage.title}`]),
    h('p', {}, [`Catalogue entry ${outage.ref}. Windows used:`]),
    h('ul', { class: 'windows' }, windows),
    ...(outage.notes.length
      ? [
          h('h4', {}, ['Notes']),
          h(
            'ul',
            { class: 'notes' },
            outage.notes.map((n) => h('li', {}, [n])),
          ),
        ]
      : []),
    h('h4', {}, ['Sources']),
    sourceList(outage.sources),
  ]);
}

/**
 * The catalogue revenue figure an answer used (its `revenue` echo).
 * @param {string} prefix makes the ids unique on the page
 * @param {{ ref: string, period: string, kind: string, amount: string, asPublished?: string, publishedBy: string,
 *   sources: any[] }} revenue
 * @param {string} currency
 */
export function revenueBlock(prefix, revenue, currency) {
  const id = `${prefix}-about-revenue`;
  return h('section', { class: 'catalogue', 'data-catalogue': 'revenue', 'aria-labelledby': id }, [
    h('h3', { id }, [`The revenue: ${revenue.period} ${revenue.kind}`]),
    h('p', {}, [
      `Catalogue figure ${revenue.ref}: ${withUnit(revenue.amount, { money: currency })}`,
      revenue.asPublished ? ` (as published: ${revenue.asPublished})` : '',
      `, public by ${revenue.publishedBy}.`,
    ]),
    h('h4', {}, ['Sources']),
    sourceList(revenue.sources),
  ]);
}

/**
 * The answer's own account of itself: the method paragraph and the caveats.
 * @param {string} prefix makes the ids unique on the page
 * @param {string | undefined} method
 * @param {string[] | undefined} caveats
 */
export function methodBlock(prefix, method, caveats) {
  return h('section', { class: 'method', 'aria-label': 'Method and caveats', id: `${prefix}-method` }, [
    ...(method ? [h('h3', {}, ['Method']), h('p', { 'data-method': '' }, [method])] : []),
    ...(caveats?.length
      ? [
          h('h3', {}, ['Caveats']),
          h(
            'ul',
            { class: 'caveats' },
            caveats.map((c) => h('li', {}, [c])),
          ),
        ]
      : []),
  ]);
}
