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
