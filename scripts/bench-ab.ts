/**
 * Two builds of the Worker side by side: `npx tsx scripts/bench-ab.ts <before.js> <after.js> [request] [batch]
 * [rounds]` loads both bundles into one Node process and measures one request on each alternately, round by round
 * (CPU per request, medians), so that a busy moment of a shared machine falls on both alike; the ratio after ÷ before
 * is the figure to read (bench/PERF-NOTES.md). Requests: `one` (the bench's one-campaign request), `ranged` (its four
 * ranged inputs), `lifetime` (its lifetime budget over a 30-day window), `uniform`, `triangular` or `pert`
 * (those with a 10,000-draw simulation).
 */
import { answer, cpuMicros, type Fetch, jsonPost, loadWorker, type RequestSpec } from './bench-requests';
import { SHAPES } from './bench-shapes';

type Shape = { outage: object; campaign: object };
const shape = (name: string) => SHAPES[name] as Shape;
const one = shape('even daily budget, one 2-hour window');
const ranged = shape('four ranged inputs');
const lifetime = shape('lifetime budget, 30-day window');
const post = (s: Shape, options?: object) =>
  jsonPost('/v1/impact', { outage: s.outage, campaigns: [s.campaign], ...(options ? { options } : {}) });

function request(name: string): RequestSpec {
  if (name === 'one') return post(one);
  if (name === 'ranged') return post(ranged);
  if (name === 'lifetime') return post(lifetime);
  if (!['uniform', 'triangular', 'pert'].includes(name)) throw new Error(`no request named ${name}`);
  return post(ranged, { simulation: { draws: 10_000, seed: 1, distribution: name } });
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
