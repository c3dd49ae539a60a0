// A harness for the engine's hot paths (bench/PERF-NOTES.md): the realism shape against the plain
// one-window campaign, measured as scripts/bench.ts measures them (50 campaigns estimated, failed over
// and presented per run), alternating the shapes so that both see the same machine. Run it with
// `npx tsx scripts/profile-engine.ts [realism|plain|timeline|request] [seconds]`, under `node --cpu-prof`
// (`node --import tsx --cpu-prof scripts/profile-engine.ts realism 5`) to profile one shape alone.
import { ImpactRequest } from '../schemas/impact';
import { applyFailovers } from '../src/engine/failover';
import { estimateCampaign } from '../src/engine/impact';
import { sharedSpendCache } from '../src/engine/spend';
import { presentCampaign } from '../src/present/impact';

const funnel = { cpm: '9.50', ctr: '0.011', cvr: '0.03', aov: '72', grossMargin: '0.4' };
const campaign = (extra: object) => ({
  currency: 'USD',
  timeZone: 'America/New_York',
  budget: { amount: '1200', period: 'day' },
  ...funnel,
  recovery: { recapture: '0.5', cpmPremium: '0.1' },
  ...extra,
});
const window2h = { start: '2021-10-04T15:00:00Z', end: '2021-10-04T17:00:00Z' };
const realismWindow = { ...window2h, recoveryMinutes: '90', measurementLoss: '0.3', platforms: ['meta'] };

/** The request bodies of bench.ts's plain and realism shapes, 50 campaigns each, and a year's timeline. */
type Shape = 'plain' | 'realism' | 'timeline' | 'timeline24';
const weights24 = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? '3' : '1'));

function body(shape: Shape) {
  const timeline = shape.startsWith('timeline');
  const campaigns = Array.from({ length: timeline ? 1 : 50 }, (_, i) => {
    const c = campaign(
      shape === 'realism' ? { platform: 'meta' } : shape === 'timeline24' ? { deliveryProfile: weights24 } : {},
    );
    const amounted = { ...c, budget: { ...c.budget, amount: String(1000 + i) } };
    if (shape !== 'realism') return amounted;
    return i === 0
      ? { ...amounted, id: 'c0', platform: 'google' }
      : { ...amounted, id: `c${i}`, failover: { to: 'c0', share: '0.5' } };
  });
  const windows =
    shape === 'realism'
      ? [realismWindow]
      : timeline
        ? [{ start: '2021-01-01T00:00:00Z', end: '2021-03-01T00:00:00Z' }]
        : [window2h];
  return ImpactRequest.parse({
    outage: { windows },
    campaigns,
    options: timeline ? { timeline: 'hour' } : {},
  });
}

function run(shape: Shape, timeline = shape.startsWith('timeline')) {
  const b = body(shape);
  const options = { timeline, explain: false };
  return () => {
    const cache = sharedSpendCache().startRequest(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    const estimates = b.campaigns.map((c) => estimateCampaign(c, b.outage.windows, cache, options));
    applyFailovers(b.campaigns, estimates, b.outage.windows);
    for (const e of estimates) presentCampaign(e, 'half-even');
  };
}

/** CPU microseconds of one call of `fn`, median of `rounds` batches of `n` calls. */
function cpuMicros(fn: () => void, n: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function compare(seconds: number) {
  const plain = run('plain');
  const realism = run('realism');
  const timed = { plain: [] as number[], realism: [] as number[] };
  const until = performance.now() + seconds * 1000;
  for (let i = 0; i < 50; i++) {
    plain();
    realism();
  }
  while (performance.now() < until) {
    timed.plain.push(cpuMicros(plain, 20));
    timed.realism.push(cpuMicros(realism, 20));
  }
  const p = median(timed.plain);
  const r = median(timed.realism);
  console.log(`plain   ${(p / 50).toFixed(1)} µs/campaign (median of ${timed.plain.length} batches)`);
  console.log(`realism ${(r / 50).toFixed(1)} µs/campaign`);
  console.log(`ratio   ${(r / p).toFixed(2)}×`);
}

function timelineRows(seconds: number, shape: Shape) {
  const withRows = run(shape);
  const without = run(shape, false);
  const rows = 59 * 24;
  const timed = { with: [] as number[], without: [] as number[] };
  const until = performance.now() + seconds * 1000;
  for (let i = 0; i < 5; i++) {
    withRows();
    without();
  }
  while (performance.now() < until) {
    timed.with.push(cpuMicros(withRows, 3));
    timed.without.push(cpuMicros(without, 3));
  }
  console.log(`${shape} ${((median(timed.with) - median(timed.without)) / rows).toFixed(2)} µs/row`);
}

const [what = 'compare', seconds = '6'] = process.argv.slice(2);
const s = Number(seconds);
if (what === 'compare') compare(s);
else if (what.startsWith('timeline')) timelineRows(s, what as Shape);
else if (what === 'tl') {
  const fn = run('timeline');
  const until = performance.now() + s * 1000;
  while (performance.now() < until) fn();
} else {
  const fn = run(what as 'plain' | 'realism');
  const until = performance.now() + s * 1000;
  while (performance.now() < until) fn();
}
