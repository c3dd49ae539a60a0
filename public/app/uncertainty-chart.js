// Pictures of the uncertainty answers of POST /v1/impact (docs/uncertainty.md), drawn by uPlot with the
// categories down the side: the simulation's P5–P95 band of each money figure with its median and the
// exact range of every corner, and the tornado of one figure against each uncertain input. The tables
// under them carry the exact figures; the floats here only place pixels.
import uPlot from './vendor/uPlot.esm.js';

/** Okabe–Ito colours. */
const COLOURS = { band: '#0072B2', range: '#555555', median: '#D55E00', low: '#56B4E9', high: '#E69F00' };

/**
 * A floating bar from `from` to `to` for each category.
 * @param {(number | null)[]} from
 * @param {(number | null)[]} to
 * @param {number} size the bar's share of the category's height
 * @param {number} max the bar's most pixels
 */
const floatingBars = (from, to, size, max) =>
  uPlot.paths.bars?.({
    size: [size, max],
    disp: { y0: { unit: 1, values: () => from }, y1: { unit: 1, values: () => to } },
  });

/** @param {(number | null)[]} values */
function paddedRange(values) {
  const finite = /** @type {number[]} */ (values.filter((v) => v !== null && Number.isFinite(v)));
  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  const pad = (high - low || 1) * 0.08;
  return /** @type {[number, number]} */ ([low - pad, high + pad]);
}

/**
 * A horizontal chart: categories down the left, values along the bottom.
 * @param {HTMLElement} holder
 * @param {string[]} labels
 * @param {string} unit the value axis's label
 * @param {any[]} series uPlot series after the category one
 * @param {(number | null)[][]} data one array per series
 * @param {(number | null)[]} extent every value drawn, for the value scale
 */
function horizontalChart(holder, labels, unit, series, data, extent) {
  const height = 70 + labels.length * 44;
  const xs = labels.map((_, i) => i);
  const width = () => Math.max(280, holder.clientWidth);
  const options = {
    width: width(),
    height,
    legend: { live: false },
    scales: {
      // The first category at the top: the tornado's largest swing, the band's first figure.
      x: { time: false, ori: 1, dir: -1, range: () => /** @type {[number, number]} */ ([-0.6, labels.length - 0.4]) },
      y: { ori: 0, dir: 1, range: () => paddedRange(extent) },
    },
    axes: [
      {
        side: 3,
        stroke: '#222',
        // Wide enough for the longest name (about 7 px a character at the axis font), up to 200 px.
        size: Math.min(200, 20 + 7 * Math.max(...labels.map((l) => l.length))),
        splits: () => xs,
        values: (/** @type {unknown} */ _u, /** @type {number[]} */ ticks) => ticks.map((i) => labels[i] ?? ''),
        grid: { show: false },
      },
      { side: 2, stroke: '#222', label: unit },
    ],
    series: [{ label: 'Figure' }, ...series],
  };
  holder.replaceChildren();
  const plot = new uPlot(options, [xs, ...data], holder);
  const resize = new ResizeObserver(() => {
    if (!holder.isConnected) {
      resize.disconnect();
      plot.destroy();
      return;
    }
    plot.setSize({ width: width(), height });
  });
  resize.observe(holder);
  return plot;
}

/** @param {string | null | undefined} v */
const num = (v) => (v === null || v === undefined ? null : Number(v));

/**
 * @param {HTMLElement} holder
 * @param {{ label: string, p5: string, p50: string, p95: string, low?: string, high?: string }[]} rows
 * @param {string} unit
 */
export function drawPercentileBand(holder, rows, unit) {
  const p5 = rows.map((r) => num(r.p5));
  const p50 = rows.map((r) => num(r.p50));
  const p95 = rows.map((r) => num(r.p95));
  const low = rows.map((r) => num(r.low));
  const high = rows.map((r) => num(r.high));
  const series = [
    {
      label: 'Exact range (every corner)',
      stroke: COLOURS.range,
      fill: COLOURS.range,
      paths: floatingBars(low, high, 0.08, 4),
      points: { show: false },
    },
    {
      label: 'P5 to P95',
      stroke: COLOURS.band,
      fill: 'rgba(0, 114, 178, 0.45)',
      paths: floatingBars(p5, p95, 0.55, 26),
      points: { show: false },
    },
    {
      label: 'P50 (median)',
      stroke: COLOURS.median,
      fill: COLOURS.median,
      // A point, not a bar: a bar from the median to itself has no length.
      paths: () => null,
      points: { show: true, size: 11, width: 2, fill: COLOURS.median, stroke: '#222' },
    },
  ];
  return horizontalChart(
    holder,
    rows.map((r) => r.label),
    unit,
    series,
    [high, p95, p50],
    [...p5, ...p95, ...low, ...high],
  );
}

/**
 * @param {HTMLElement} holder
 * @param {{ base: string, bars: { input: string, atLow: string, atHigh: string }[] }} sensitivity
 * @param {string} unit
 */
export function drawTornado(holder, sensitivity, unit) {
  const base = Number(sensitivity.base);
  const baseLine = sensitivity.bars.map(() => base);
  const atLow = sensitivity.bars.map((b) => num(b.atLow));
  const atHigh = sensitivity.bars.map((b) => num(b.atHigh));
  const series = [
    {
      label: 'Input at its low',
      stroke: COLOURS.low,
      fill: COLOURS.low,
      paths: floatingBars(baseLine, atLow, 0.6, 28),
      points: { show: false },
    },
    {
      label: 'Input at its high',
      stroke: COLOURS.high,
      fill: 'rgba(230, 159, 0, 0.85)',
      paths: floatingBars(baseLine, atHigh, 0.6, 28),
      points: { show: false },
    },
  ];
  return horizontalChart(
    holder,
    sensitivity.bars.map((b) => b.input),
    unit,
    series,
    [atLow, atHigh],
    [base, ...atLow, ...atHigh],
  );
}
