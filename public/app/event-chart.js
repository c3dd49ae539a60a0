// The event study's picture: each event-window day's abnormal return as a bar, and the cumulative
// abnormal return as a line, in percent, drawn by uPlot. The table beside it has the exact figures; the
// floats here only place pixels.
import uPlot from './vendor/uPlot.esm.js';

/** Okabe–Ito colours, as in the spend chart. */
const COLOURS = { abnormal: '#D55E00', car: '#0072B2' };

/**
 * @param {HTMLElement} holder
 * @param {{ offset: number, abnormalReturn: string, car: string }[]} days
 */
export function drawAbnormalReturnChart(holder, days) {
  const xs = days.map((d) => d.offset);
  const abnormal = days.map((d) => Number(d.abnormalReturn) * 100);
  const car = days.map((d) => Number(d.car) * 100);
  const all = [0, ...abnormal, ...car];
  const low = Math.min(...all);
  const high = Math.max(...all);
  const pad = (high - low || 1) * 0.15;
  const percent = (/** @type {unknown} */ _u, /** @type {number | null} */ v) =>
    v == null ? '—' : `${v.toFixed(2)} %`;
  const height = 240;
  const options = {
    width: Math.max(280, holder.clientWidth),
    height,
    legend: { live: false },
    scales: {
      x: { time: false, range: () => /** @type {[number, number]} */ ([xs[0] - 0.6, xs[xs.length - 1] + 0.6]) },
      y: { range: () => /** @type {[number, number]} */ ([low - pad, high + pad]) },
    },
    axes: [
      { stroke: '#222', label: 'Trading days from the event', incrs: [1], values: (_u, ticks) => ticks.map(String) },
      { stroke: '#222', label: '%', size: 60 },
    ],
    series: [
      { label: 'Day' },
      {
        label: 'Abnormal return',
        stroke: COLOURS.abnormal,
        fill: 'rgba(213, 94, 0, 0.55)',
        paths: uPlot.paths.bars?.({ size: [0.5, 60] }),
        points: { show: false },
        value: percent,
      },
      {
        label: 'Cumulative abnormal return (CAR)',
        stroke: COLOURS.car,
        width: 2,
        points: { show: true, size: 7 },
        value: percent,
      },
    ],
  };
  holder.replaceChildren();
  const plot = new uPlot(options, [xs, abnormal, car], holder);
  const resize = new ResizeObserver(() => {
    if (!holder.isConnected) {
      resize.disconnect();
      plot.destroy();
      return;
    }
    plot.setSize({ width: Math.max(280, holder.clientWidth), height });
  });
  resize.observe(holder);
  return plot;
}
