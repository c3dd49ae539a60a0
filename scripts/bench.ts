// `npm run bench`: measures the engine against the floor of its bare decimal.js arithmetic, HTTP
// throughput against a trivial route, CSV batches end to end, and the Worker bundle, on this machine.
// Writes bench/RESULTS.md. No test asserts timings; this script is the measurement.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import Decimal from 'decimal.js';
import { ImpactRequest } from '../schemas/impact';
import { D } from '../src/engine/decimal';
import { applyFailovers } from '../src/engine/failover';
import { estimateCampaign } from '../src/engine/impact';
import { SpendCache, sharedSpendCache } from '../src/engine/spend';
import { presentCampaign } from '../src/routes/impact';
import { PAGE_BUDGET_GZIP_BYTES, pageAssetSizes } from './page-size';
import { bundleShares } from './bundle-share';
import { analyseUncertainty } from '../src/routes/uncertainty';
import { replaceSection, startServer } from './server';

const quick = process.argv.includes('--quick');
const MEASURE_MS = quick ? 150 : 600;

/** Operations per second of `fn`, after a warm-up. */
function opsPerSecond(fn: () => void): number {
  const warmUntil = performance.now() + MEASURE_MS / 3;
  while (performance.now() < warmUntil) fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MEASURE_MS) {
    fn();
    n++;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}

const funnel = { cpm: '9.50', ctr: '0.011', cvr: '0.03', aov: '72', grossMargin: '0.4' };
const campaign = (extra: object) => ({
  currency: 'USD',
  timeZone: 'America/New_York',
  budget: { amount: '1200', period: 'day' },
  ...funnel,
  recovery: { recapture: '0.5', cpmPremium: '0.1' },
  ...extra,
});
const weights24 = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? '3' : '1'));

const SHAPES = {
  'even daily budget, one 2-hour window': {
    outage: { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T17:00:00Z' }] },
    campaign: campaign({}),
  },
  '24-weight profile, three windows over a DST day': {
    outage: {
      windows: [
        { start: '2021-11-07T04:00:00Z', end: '2021-11-07T05:30:00Z' },
        { start: '2021-11-07T06:00:00Z', end: '2021-11-07T07:30:00Z' },
        { start: '2021-11-07T12:00:00Z', end: '2021-11-07T14:00:00Z', deliveryLoss: '0.4' },
      ],
    },
    campaign: campaign({ deliveryProfile: weights24 }),
  },
  'lifetime budget, 30-day window': {
    outage: { windows: [{ start: '2021-10-01T00:00:00Z', end: '2021-10-31T00:00:00Z' }] },
    campaign: campaign({
      budget: { amount: '90000', period: 'lifetime' },
      flight: { start: '2021-09-01T00:00:00', end: '2021-12-01T00:00:00' },
    }),
  },
  'four ranged inputs': {
    outage: { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T17:00:00Z' }] },
    campaign: campaign({
      cpm: { low: '8', high: '11' },
      ctr: { low: '0.009', high: '0.013' },
      aov: { low: '60', high: '80' },
      recovery: { recapture: { low: '0.3', high: '0.7' } },
    }),
  },
  '366-day window, even daily budget': {
    outage: { windows: [{ start: '2021-01-01T00:00:00Z', end: '2022-01-02T00:00:00Z' }] },
    campaign: campaign({}),
  },
  // The first shape with every outage-realism option (docs/realism.md): each campaign but the first fails over to it.
  'realism: 90-min ramp, measurement loss, platforms, failover': {
    outage: {
      windows: [
        {
          start: '2021-10-04T15:00:00Z',
          end: '2021-10-04T17:00:00Z',
          recoveryMinutes: '90',
          measurementLoss: '0.3',
          platforms: ['meta'],
        },
      ],
    },
    campaign: campaign({ platform: 'meta' }),
  },
} as const;

const REALISM_SHAPE = 'realism: 90-min ramp, measurement loss, platforms, failover';

/** Campaign i of a run: distinct budgets; in the realism shape, ids and a failover to the first (a Google campaign). */
function runCampaign(shape: (typeof SHAPES)[keyof typeof SHAPES], i: number) {
  const c = { ...shape.campaign, budget: { ...shape.campaign.budget, amount: String(1000 + i) } };
  if (shape !== SHAPES[REALISM_SHAPE]) return c;
  return i === 0 ? { ...c, id: 'c0', platform: 'google' } : { ...c, id: `c${i}`, failover: { to: 'c0', share: '0.5' } };
}

/** The campaigns of one engine run: distinct amounts, as in a request with many campaigns. */
const CAMPAIGNS_PER_REQUEST = 50;

function engineRun(shape: (typeof SHAPES)[keyof typeof SHAPES], detailed: boolean) {
  const body = ImpactRequest.parse({
    outage: shape.outage,
    campaigns: Array.from({ length: CAMPAIGNS_PER_REQUEST }, (_, i) => runCampaign(shape, i)),
    options: detailed ? { explain: true, timeline: 'hour' } : {},
  });
  const options = { timeline: detailed, explain: detailed };
  return () => {
    // The engine's speed, without the per-request limits (the 366-day timeline run is past the 50,000-row limit of one response).
    const cache = sharedSpendCache().startRequest(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    const estimates = body.campaigns.map((c) => estimateCampaign(c, body.outage.windows, cache, options));
    applyFailovers(body.campaigns, estimates, body.outage.windows);
    for (const e of estimates) presentCampaign(e, 'half-even');
  };
}

/**
 * The floor: the bare decimal.js operations a one-window campaign's answer needs, with nothing around
 * them: planned, lost and recaptured spend, the funnel chain, the three derived funnel parameters, and
 * rounding the 18 numbers of the response (10 outputs, 7 funnel values, outage minutes).
 */
function floorRun() {
  const amounts = Array.from({ length: CAMPAIGNS_PER_REQUEST }, (_, i) => new D(1000 + i));
  const v = (text: string) => new D(text);
  const [minutes, dayMinutes, remaining, loss, cap, rho, pi, cpm, ctr, cvr, f, aov, gm] = [
    '120',
    '1440',
    '8760',
    '1',
    '0.75',
    '0.5',
    '0.1',
    '9.50',
    '0.011',
    '0.03',
    '1',
    '72',
    '0.4',
  ].map(v) as Decimal[];
  const one = new D(1);
  const thousand = new D(1000);
  const round = (x: Decimal, places: number) => x.toFixed(places, Decimal.ROUND_HALF_EVEN);
  return () => {
    for (const amount of amounts) {
      const planned = amount.times(minutes as Decimal).dividedBy(dayMinutes as Decimal);
      const lost = planned.times(loss as Decimal);
      const headroom = (cap as Decimal).times(amount.times(remaining as Decimal).dividedBy(dayMinutes as Decimal));
      const recaptured = (rho as Decimal).times(Decimal.min(lost, headroom));
      const net = lost.minus(recaptured);
      const effective = lost.minus(recaptured.dividedBy(one.plus(pi as Decimal)));
      const cpc = (cpm as Decimal).dividedBy(thousand.times(ctr as Decimal));
      const cpa = cpc.dividedBy(cvr as Decimal);
      const roas = (aov as Decimal).dividedBy(cpa);
      const impressions = thousand.times(effective).dividedBy(cpm as Decimal);
      const clicks = impressions.times(ctr as Decimal);
      const conversions = clicks.times(cvr as Decimal).times(f as Decimal);
      const revenue = conversions.times(aov as Decimal);
      const profit = revenue.times(gm as Decimal);
      const contribution = net.minus(profit);
      for (const x of [
        planned,
        lost,
        recaptured,
        net,
        impressions,
        clicks,
        conversions,
        revenue,
        profit,
        contribution,
        minutes as Decimal,
      ])
        round(x, 2);
      for (const x of [cpm as Decimal, ctr as Decimal, cpc, cvr as Decimal, cpa, aov as Decimal, roas]) round(x, 6);
    }
  };
}

/**
 * One campaign with a 366-day window, parsed and estimated with empty caches, in a zone no earlier run
 * has seen (so its offsets are asked of Intl afresh): the worst single request. The median over five
 * such zones, so that one garbage collection does not decide it.
 */
function coldYearMs(shape: (typeof SHAPES)[keyof typeof SHAPES]): number {
  const zones = ['Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu', 'Africa/Casablanca', 'Europe/Paris'];
  return median(
    zones.map((timeZone) => {
      const start = performance.now();
      const body = ImpactRequest.parse({ outage: shape.outage, campaigns: [{ ...shape.campaign, timeZone }] });
      const [first] = body.campaigns;
      if (first)
        presentCampaign(
          estimateCampaign(first, body.outage.windows, new SpendCache(), { timeline: false, explain: false }),
          'half-even',
        );
      return performance.now() - start;
    }),
  );
}

/**
 * One whole /v1/impact request with options.simulation, in process: parse, estimate, simulate and
 * format, for `campaigns` campaigns with the four ranged inputs. Median CPU milliseconds over `runs`
 * after as many warm-up runs, as a warm isolate would serve it.
 */
function simulationMs(
  distribution: 'uniform' | 'triangular' | 'pert',
  draws: number,
  campaigns: number,
  runs: number,
): number {
  const shape = SHAPES['four ranged inputs'];
  const raw = {
    outage: shape.outage,
    campaigns: Array.from({ length: campaigns }, () => shape.campaign),
    options: { simulation: { draws, seed: 1, distribution } },
  };
  // CPU time, not wall time: the Workers limit counts CPU, and a shared machine stretches wall time.
  const once = () => {
    const start = process.cpuUsage();
    const body = ImpactRequest.parse(raw);
    const cache = sharedSpendCache();
    const estimates = body.campaigns.map((c) =>
      estimateCampaign(c, body.outage.windows, cache, { timeline: false, explain: false }),
    );
    for (const e of estimates) presentCampaign(e, 'half-even');
    analyseUncertainty(
      estimates.map((estimate, i) => ({ spec: body.campaigns[i] as (typeof body.campaigns)[number], estimate })),
      body.options,
      'half-even',
    );
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  for (let i = 0; i < runs; i++) once();
  return median(Array.from({ length: runs }, once));
}

async function load(
  url: string,
  init: { method: 'GET' | 'POST'; body?: string; headers?: Record<string, string> },
  seconds: number,
) {
  const result = await autocannon({ url, connections: 16, duration: seconds, ...init });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function timeRequest(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { method: 'POST', body, headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - start;
}

function batchCsv(rows: number): string {
  const header =
    'id,currency,timeZone,budgetAmount,budgetPeriod,cpm,ctr,cvr,aov,grossMargin,recapture,cpmPremium,outageStart,outageEnd,outageTimeZone';
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `c${i},USD,America/Los_Angeles,${1000 + i},day,9.50,0.011,0.03,72,0.4,0.5,0.1,2021-10-04T11:39:00,2021-10-04T17:05:00,America/New_York`,
  );
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

/** A Meta Ads Manager export of `rows` campaigns in its own columns (docs/import.md), a month of spend each. */
function metaExport(rows: number): string {
  const header =
    '"Reporting starts","Reporting ends","Campaign name",Results,"Result indicator","Amount spent (EUR)",Impressions,"Link clicks","Purchases conversion value"';
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `2024-02-01,2024-02-29,"Campaign ${i}",${40 + (i % 50)},actions:offsite_conversion.fb_pixel_purchase,${1000 + i}.50,${120000 + i},${1100 + (i % 300)},${3000 + i}.00`,
  );
  return `${[header, ...lines].join('\n')}\n`;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (met: boolean) => (met ? 'met' : '**not met**');

async function main() {
  const lines: string[] = [];
  const targets: string[] = [];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  lines.push(`Run on ${new Date().toISOString().slice(0, 10)}, ${machine}${quick ? ' (quick run)' : ''}.`, '');

  // Engine against the floor.
  const floor = opsPerSecond(floorRun()) * CAMPAIGNS_PER_REQUEST;
  lines.push(
    '### Engine (campaigns per second, one process, no HTTP)',
    '',
    `Each run estimates and formats ${CAMPAIGNS_PER_REQUEST} campaigns (distinct budgets) as one request would, reusing the isolate's spend cache as a warm Worker does; the cold case is the 366-day line below.`,
    '',
    `Floor (the bare decimal.js operations of a one-window campaign's answer: its formulas and the 18 numbers rounded): **${fmt(floor)}**/s`,
    '',
  );
  lines.push(
    '| shape | plain | ratio to floor | with timeline + explain | ratio |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  let oneWindowRatio = Number.NaN;
  let yearMs = Number.NaN;
  let plainOneWindow = Number.NaN;
  let realismRatio = Number.NaN;
  for (const [name, shape] of Object.entries(SHAPES)) {
    const plain = opsPerSecond(engineRun(shape, false)) * CAMPAIGNS_PER_REQUEST;
    const detailed = opsPerSecond(engineRun(shape, true)) * CAMPAIGNS_PER_REQUEST;
    if (name.startsWith('even daily')) {
      oneWindowRatio = floor / plain;
      plainOneWindow = plain;
    }
    if (name === REALISM_SHAPE) realismRatio = plainOneWindow / plain;
    if (name.startsWith('366-day')) yearMs = coldYearMs(shape);
    lines.push(
      `| ${name} | ${fmt(plain)} | ${fmt(floor / plain, 2)}× | ${fmt(detailed)} | ${fmt(floor / detailed, 2)}× |`,
    );
  }
  targets.push(
    `| one-window campaign within 3× the floor | ${fmt(oneWindowRatio, 2)}× | ${verdict(oneWindowRatio <= 3)} |`,
  );
  targets.push(
    `| the realism options (ramp, measurement loss, platforms, failover) within 1.5× the plain one-window campaign | ${fmt(realismRatio, 2)}× | ${verdict(realismRatio <= 1.5)} |`,
  );
  targets.push(
    `| a 366-day window under 100 ms (cold caches, a zone not seen before; median of 5 zones) | ${fmt(yearMs, 1)} ms | ${verdict(yearMs < 100)} |`,
  );
  lines.push(
    '',
    `A campaign with a 366-day window, cold caches, in a zone not seen before (median of 5 zones): ${fmt(yearMs, 1)} ms.`,
    '',
  );

  // Monte Carlo (issue 17): the Workers free plan allows 10 ms of CPU per request.
  lines.push(
    '### Simulation (CPU time of one whole /v1/impact request in process, four ranged inputs, median)',
    '',
    '| distribution | 10,000 draws × 1 campaign | 100,000 draws × 10 campaigns (the largest admitted) |',
    '| --- | ---: | ---: |',
  );
  let slowest = 0;
  for (const distribution of ['uniform', 'triangular', 'pert'] as const) {
    const one = simulationMs(distribution, 10_000, 1, quick ? 10 : 40);
    const largest = simulationMs(distribution, 100_000, 10, quick ? 1 : 3);
    slowest = Math.max(slowest, one);
    lines.push(`| ${distribution} | ${fmt(one, 2)} ms | ${fmt(largest)} ms |`);
  }
  lines.push('');
  targets.push(
    `| 10,000 simulation draws of a one-campaign request within 10 ms (slowest distribution) | ${fmt(slowest, 2)} ms | ${verdict(slowest <= 10)} |`,
  );

  // HTTP and batches against the local workerd server.
  // 10,000 computed rows cost more than the default work limit admits (about 1,900, src/engine/cost.ts): the
  // bench times them as a deployment that raises WORK_LIMIT would serve them.
  const server = await startServer(8795, 'wrangler.toml', { WORK_LIMIT: '5000000' });
  try {
    const seconds = quick ? 3 : 10;
    const impactBody = JSON.stringify({
      outage: SHAPES['even daily budget, one 2-hour window'].outage,
      campaigns: [SHAPES['even daily budget, one 2-hour window'].campaign],
    });
    const trivial = await load(`${server.url}/health`, { method: 'GET' }, seconds);
    const impact = await load(
      `${server.url}/v1/impact`,
      { method: 'POST', body: impactBody, headers: { 'content-type': 'application/json' } },
      seconds,
    );
    const throughputShare = impact.rps / trivial.rps;
    lines.push('### HTTP (autocannon, 16 connections, local `wrangler dev`)', '');
    lines.push(
      '| route | requests/s | p50 ms | p99 ms | non-2xx | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    lines.push(
      `| GET /health (trivial) | ${fmt(trivial.rps)} | ${trivial.p50} | ${trivial.p99} | ${trivial.non2xx} | ${trivial.errors} |`,
    );
    lines.push(
      `| POST /v1/impact, one campaign | ${fmt(impact.rps)} | ${impact.p50} | ${impact.p99} | ${impact.non2xx} | ${impact.errors} |`,
    );
    lines.push('', `One-campaign throughput is ${fmt(throughputShare * 100)} % of the trivial route's.`, '');
    targets.push(
      `| one-campaign HTTP throughput ≥ 50 % of the trivial route's | ${fmt(throughputShare * 100)} % | ${verdict(throughputShare >= 0.5)} |`,
    );

    const headers = { 'content-type': 'text/csv', accept: 'text/csv' };
    const small = batchCsv(1000);
    const large = batchCsv(10_000);
    for (let i = 0; i < 2; i++) await timeRequest(`${server.url}/v1/impact/batch`, small, headers); // warm-up
    const timeBatch = async (csv: string, times: number) => {
      const t: number[] = [];
      for (let i = 0; i < times; i++) t.push(await timeRequest(`${server.url}/v1/impact/batch`, csv, headers));
      return median(t);
    };
    const t1k = await timeBatch(small, 5);
    const t10k = await timeBatch(large, 3);
    lines.push(
      '### CSV batches (end to end over HTTP, median)',
      '',
      '| rows | ms | rows/s |',
      '| ---: | ---: | ---: |',
    );
    lines.push(
      `| 1,000 | ${fmt(t1k)} | ${fmt(1000 / (t1k / 1000))} |`,
      `| 10,000 | ${fmt(t10k)} | ${fmt(10_000 / (t10k / 1000))} |`,
    );
    lines.push('', `Growth factor from 1,000 to 10,000 rows: ${fmt(t10k / t1k, 2)}×.`, '');
    targets.push(`| 1,000-row CSV batch under 200 ms | ${fmt(t1k)} ms | ${verdict(t1k < 200)} |`);
    targets.push(
      `| 10,000 rows within 11× the 1,000-row time | ${fmt(t10k / t1k, 2)}× | ${verdict(t10k / t1k <= 11)} |`,
    );

    // A Meta Ads Manager export through POST /v1/impact/import: decode, detect, map, estimate, CSV answer.
    const importUrl = `${server.url}/v1/impact/import?outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:19:00Z&timeZone=Europe/Berlin`;
    const timeImport = async (csv: string, times: number) => {
      const t: number[] = [];
      for (let i = 0; i < times; i++) t.push(await timeRequest(importUrl, csv, headers));
      return median(t);
    };
    const meta1k = metaExport(1000);
    for (let i = 0; i < 2; i++) await timeImport(meta1k, 1); // warm-up
    const i1k = await timeImport(meta1k, 5);
    const i10k = await timeImport(metaExport(10_000), 3);
    lines.push(
      '### Meta export import (end to end over HTTP, median)',
      '',
      '| rows | ms | rows/s |',
      '| ---: | ---: | ---: |',
    );
    lines.push(
      `| 1,000 | ${fmt(i1k)} | ${fmt(1000 / (i1k / 1000))} |`,
      `| 10,000 | ${fmt(i10k)} | ${fmt(10_000 / (i10k / 1000))} |`,
      '',
    );
    targets.push(`| 10,000-row Meta export imported under 1 s | ${fmt(i10k)} ms | ${verdict(i10k < 1000)} |`);
    targets.push(
      `| import linear: 10,000 rows within 11× the 1,000-row time | ${fmt(i10k / i1k, 2)}× | ${verdict(i10k / i1k <= 11)} |`,
    );
  } finally {
    await server.stop();
  }

  // The bundle wrangler would deploy.
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', 'dist'], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: 'ignore',
  });
  const bundle = readFileSync('dist/index.js');
  const gzipKiB = gzipSync(bundle).byteLength / 1024;
  const startups = Array.from({ length: 5 }, () =>
    Number(
      execFileSync('node', [
        '--input-type=module',
        '-e',
        'const t = performance.now(); await import(process.argv[1]); console.log(performance.now() - t);',
        `${process.cwd()}/dist/index.js`,
      ])
        .toString()
        .trim(),
    ),
  );
  const startupMs = median(startups);
  lines.push(
    '### Bundle',
    '',
    `dist/index.js: ${fmt(bundle.byteLength / 1024)} KiB, **${fmt(gzipKiB, 1)} KiB gzipped**; global-scope evaluation (module import in a fresh Node process, median of 5): ${fmt(startupMs, 1)} ms.`,
    '',
  );
  lines.push(...bundleShareLines('dist/index.js'));
  // Issue 20's budget for the API Worker; bench/RESULTS.md "Bundle" says what meeting it would take.
  targets.push(`| API Worker bundle at most 110 KiB gzipped | ${fmt(gzipKiB, 1)} KiB | ${verdict(gzipKiB <= 110)} |`);

  // The web calculator's static files (public/app/), each gzipped as a browser receives it.
  const page = pageAssetSizes();
  const pageKiB = page.gzipBytes / 1024;
  lines.push(
    '### Web calculator',
    '',
    `public/app/ JavaScript and CSS (${page.files.length} files): ${fmt(page.bytes / 1024)} KiB, **${fmt(pageKiB, 1)} KiB gzipped**.`,
    '',
  );
  targets.push(
    `| web calculator JS + CSS at most 150 KiB gzipped | ${fmt(pageKiB, 1)} KiB | ${verdict(page.gzipBytes <= PAGE_BUDGET_GZIP_BYTES)} |`,
  );

  const report = ['| target | measured | |', '| --- | ---: | --- |', ...targets, '', ...lines].join('\n');
  const path = 'bench/RESULTS.md';
  let existing =
    '# Benchmark results\n\nWritten by `npm run bench` (engine, HTTP, batches, bundle) and `npm run loadtest` (load). Numbers are from the machine named in each section.\n';
  try {
    existing = readFileSync(path, 'utf8');
  } catch {
    // first run
  }
  writeFileSync(path, replaceSection(existing, 'bench', `## npm run bench\n\n${report}`));
  console.log(report);
}

/** The bundle's cost by package and app folder, gzipped (scripts/bundle-share.ts): the groups of at least 1 KiB. */
function bundleShareLines(bundlePath: string): string[] {
  const { shares } = bundleShares(bundlePath);
  const rows = shares.filter((s) => s.gzipBytes >= 1024);
  const rest = shares.filter((s) => s.gzipBytes < 1024).reduce((sum, s) => sum + s.gzipBytes, 0);
  return [
    'What each part costs (its characters attributed through the source map, gzipped share of the total):',
    '',
    '| part | minified KiB | gzipped KiB |',
    '| --- | ---: | ---: |',
    ...rows.map((s) => `| ${s.name} | ${fmt(s.minifiedBytes / 1024, 1)} | ${fmt(s.gzipBytes / 1024, 1)} |`),
    `| everything under 1 KiB (${shares.length - rows.length} parts) | | ${fmt(rest / 1024, 1)} |`,
    '',
  ];
}

await main();
