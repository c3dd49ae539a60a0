// The hourly chart of planned, lost and recaptured spend, drawn by uPlot (public/app/vendor/, the
// pinned npm package's files). The table beside it carries the exact figures; the chart is a picture
// of them, so turning decimal strings into floats here changes nothing that is reported.
import uPlot from './vendor/uPlot.esm.js';

/** The series' colours: distinguishable with common colour-vision deficiencies (Okabe–Ito). */
const COLOURS = { planned: '#0072B2', lost: '#D55E00', recaptured: '#009E73' };

/**
 * @param {HTMLElement} holder
 * @param {any} campaign a CampaignResult with its timeline
 * @param {string} zone the zone the hours are labelled in
 */
export function drawSpendChart(holder, campaign, zone) {
  const rows = campaign.timeline;
  // Recapture is a campaign total made up after the outage; it is drawn shared out by each hour's lost
  // spend, as the API shares out the other totals.
  const lostTotal = Number(campaign.lostSpend);
  const share = lostTotal > 0 ? Number(campaign.recapturedSpend) / lostTotal : 0;
  const xs = rows.map((/** @type {any} */ r) => Date.parse(r.start) / 1000);
  const planned = rows.map((/** @type {any} */ r) => Number(r.plannedSpend));
  const lost = rows.map((/** @type {any} */ r) => Number(r.lostSpend));
  const recaptured = lost.map((/** @type {number} */ v) => v * share);
  // A step after the last bucket's start closes the last hour on the chart.
  const last = rows[rows.length - 1];
  xs.push(Date.parse(last.end) / 1000);
  for (const s of [planned, lost, recaptured]) s.push(/** @type {number} */ (s[s.length - 1]));
  const stepped = uPlot.paths.stepped?.({ align: 1 });
  const series = (
    /** @type {string} */ label,
    /** @type {string} */ stroke,
    /** @type {number} */ width,
    fill = '',
  ) => ({
    label,
    stroke,
    width,
    fill: fill || undefined,
    paths: stepped,
    points: { show: false },
    value: (/** @type {unknown} */ _u, /** @type {number | null} */ v) => (v == null ? '—' : v.toFixed(2)),
  });
  const options = {
    width: Math.max(280, holder.clientWidth),
    height: 260,
    // The legend names the series; the table below gives the values (no hover needed).
    legend: { live: false },
    tzDate: (/** @type {number} */ ts) => uPlot.tzDate(new Date(ts * 1000), zone),
    scales: {
      x: { time: true },
      y: {
        range: (/** @type {unknown} */ _u, /** @type {number} */ _min, /** @type {number} */ max) => [
          0,
          max > 0 ? max * 1.1 : 1,
        ],
      },
    },
    axes: [{ stroke: '#222' }, { stroke: '#222', label: campaign.currency, size: 70 }],
    series: [
      { label: `Hour (${zone})` },
      series('Planned spend', COLOURS.planned, 2, 'rgba(0, 114, 178, 0.15)'),
      series('Lost spend', COLOURS.lost, 2),
      series('Recaptured spend', COLOURS.recaptured, 2),
    ],
  };
  holder.replaceChildren();
  const plot = new uPlot(options, [xs, planned, lost, recaptured], holder);
  const resize = new ResizeObserver(() => {
    // The results were redrawn and this chart left the page: let it go.
    if (!holder.isConnected) {
      resize.disconnect();
      plot.destroy();
      return;
    }
    plot.setSize({ width: Math.max(280, holder.clientWidth), height: 260 });
  });
  resize.observe(holder);
  return plot;
}
