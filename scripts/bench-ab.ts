/**
 * Two builds of the Worker side by side: `npx tsx scripts/bench-ab.ts <before.js> <after.js> [request] [batch]
 * [rounds]` loads both bundles into one Node process and measures one request on each alternately, round by round
 * (CPU per request, medians), so that a busy moment of a shared machine falls on both alike; the ratio after ÷ before
 * is the figure to read (bench/PERF-NOTES.md). Requests: `one` (the bench's one-campaign request), `ranged` (its four
 * ranged inputs), `lifetime` (its lifetime budget over a 30-day window), `uniform`, `triangular` or `pert`
 * (those with a 10,000-draw simulation).
 */
import { answer, cpuMicros, type Fetch, jsonPost, loadWorker, type RequestSpec } from './bench-requests';

const funnel = { cpm: '9.50', ctr: '0.011', cvr: '0.03', aov: '72', grossMargin: '0.4' };
const campaign = (extra: object = {}) => ({
  currency: 'USD',
  timeZone: 'America/New_York',
  budget: { amount: '1200', period: 'day' },
  ...funnel,
  recovery: { recapture: '0.5', cpmPremium: '0.1' },
  ...extra,
});
const outage = { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T17:00:00Z' }] };
// The bench's "lifetime budget, 30-day window" (scripts/bench.ts).
const month = { windows: [{ start: '2021-10-01T00:00:00Z', end: '2021-10-31T00:00:00Z' }] };
const lifetime = campaign({
  budget: { amount: '90000', period: 'lifetime' },
  flight: { start: '2021-09-01T00:00:00', end: '2021-12-01T00:00:00' },
});
const ranged = campaign({
  cpm: { low: '8', high: '11' },
  ctr: { low: '0.009', high: '0.013' },
  aov: { low: '60', high: '80' },
  recovery: { recapture: { low: '0.3', high: '0.7' } },
});

function request(name: string): RequestSpec {
  if (name === 'one') return jsonPost('/v1/impact', { outage, campaigns: [campaign()] });
  if (name === 'ranged') return jsonPost('/v1/impact', { outage, campaigns: [ranged] });
  if (name === 'lifetime') return jsonPost('/v1/impact', { outage: month, campaigns: [lifetime] });
  if (!['uniform', 'triangular', 'pert'].includes(name)) throw new Error(`no request named ${name}`);
  const simulation = { draws: 10_000, seed: 1, distribution: name };
  return jsonPost('/v1/impact', { outage, campaigns: [ranged], options: { simulation } });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

async function main(): Promise<number> {
  const [before, after, name = 'pert', batchText = '5', roundsText = '11'] = process.argv.slice(2);
  if (!before || !after) {
    console.error('usage: tsx scripts/bench-ab.ts <before.js> <after.js> [request] [batch] [rounds]');
    return 2;
  }
  const builds: Fetch[] = [await loadWorker(before), await loadWorker(after)];
  const spec = request(name);
  const batch = Number(batchText);
  const log = console.log;
  console.log = () => {};
  const times: [number[], number[]] = [[], []];
  try {
    for (let i = 0; i < batch * 5; i++) for (const fetch of builds) await answer(fetch, spec);
    for (let r = 0; r < Number(roundsText); r++)
      for (const [b, fetch] of builds.entries())
        times[b]?.push(await cpuMicros(fetch, spec, { runs: 1, batch, warmup: 0 }));
  } finally {
    console.log = log;
  }
  const [a, b] = times.map(median) as [number, number];
  console.log(`${name}: before ${a.toFixed(0)} µs, after ${b.toFixed(0)} µs, after ÷ before ${(b / a).toFixed(3)}`);
  return 0;
}

process.exit(await main());
