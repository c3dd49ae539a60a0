// The catalogue (DESIGN.md §11) as the pickers list it: past outages (GET /v1/outages) and the platforms'
// published revenue figures (GET /v1/platforms/{platform}/revenue). Loaded once when the page opens;
// without it (no service, or a key not yet given) the pickers offer only the custom forms, and a ref
// from a permalink stays selectable by its id.
import { getJson } from './api.js';
import { h } from './form.js';
import { groupDigits } from './format.js';

/** @type {any[]} */
let outages = [];
/** @type {{ ref: string, label: string, figure: any, period: any }[]} */
let revenueFigures = [];

/** Fetches the outages, then the revenue of every platform they link to. */
export async function loadCatalogue() {
  const list = await getJson('/v1/outages');
  outages = Array.isArray(list?.outages) ? list.outages : [];
  const platforms = [
    ...new Set(
      outages.flatMap((o) =>
        [o.revenue?.containingQuarter, o.revenue?.lastReportedBefore]
          .filter((r) => typeof r === 'string')
          .map((r) => r.split(':')[0]),
      ),
    ),
  ];
  const answers = await Promise.all(platforms.map((p) => getJson(`/v1/platforms/${encodeURIComponent(p)}/revenue`)));
  revenueFigures = answers.flatMap((answer) =>
    (answer?.periods ?? []).flatMap((/** @type {any} */ period) =>
      ['advertising', 'total'].flatMap((kind) => {
        const figure = period[kind];
        if (!figure?.ref) return []; // an unconfirmed figure has no ref: it cannot be used
        const name = answer.platform.charAt(0).toUpperCase() + answer.platform.slice(1);
        const published = figure.asPublished ?? figure.amount;
        const label = `${name} ${period.period}, ${kind} revenue: ${published} (published by ${period.publishedBy})`;
        return [{ ref: figure.ref, label, figure, period }];
      }),
    ),
  );
}

/** @returns {[string, string][]} the outages as select options, newest first */
export const outageOptions = () =>
  [...outages].reverse().map((o) => [o.id, `${o.windows[0]?.start.slice(0, 10) ?? o.id}: ${o.title}`]);

/** @returns {[string, string][]} */
export const revenueOptions = () => revenueFigures.map((r) => [r.ref, r.label]);

/**
 * A line under the outage picker: the windows it stands for and which revenue figures go with it.
 * @param {string} id
 */
export function describeOutage(id) {
  const outage = outages.find((o) => o.id === id);
  if (!outage) return [h('p', { class: 'hint' }, [`${id}: its windows are looked up by the service.`])];
  const windows = outage.windows.map((/** @type {any} */ w) => `${utcText(w.start)} to ${utcText(w.end)}`);
  const quarter = outage.revenue?.containingQuarter;
  const before = outage.revenue?.lastReportedBefore;
  return [
    h('p', { class: 'hint' }, [
      `Windows (UTC, the service’s times for ${id}): ${windows.join('; ')}. ${outage.services.join(', ')}. `,
      quarter ? `Revenue of the quarter it fell in: ${quarter}; last published before the day: ${before}. ` : '',
      'Its sources and notes are listed with the result.',
    ]),
  ];
}

/**
 * A line under the revenue picker: the amount and where it was published.
 * @param {string} ref
 */
export function describeRevenue(ref) {
  const r = revenueFigures.find((x) => x.ref === ref);
  if (!r) return [h('p', { class: 'hint' }, [`${ref}: its amount is looked up by the service.`])];
  return [
    h('p', { class: 'hint' }, [
      `${r.period.currency} ${groupDigits(r.figure.amount)} over ${r.period.period}, `,
      `as published: ${r.figure.asPublished ?? r.figure.amount}. Its sources are listed with the result.`,
    ]),
  ];
}

/** "2021-10-04T15:39:00Z" → "2021-10-04 15:39" @param {string} instant */
const utcText = (instant) => instant.replace('T', ' ').replace(/:00Z$|Z$/, '');
