// `npm run bench`: what a user pays, measured on this machine and written to bench/RESULTS.md. Whole requests
// are timed in CPU, in process on the built bundle (scripts/bench-requests.ts) and in local workerd, against
// floors computed in the same run (scripts/bench-floors.ts); cold starts in fresh workerd processes
// (scripts/bench-cold-start.ts); the worst admitted requests in the isolate's limits (scripts/bench-limits.ts);
// the bundle's size and what each dependency costs (scripts/bundle-share.ts). Each target is a ratio or a
// bound measured in this run and printed as met or not met. No test asserts timings: this script measures.
// `--quick` runs fewer repetitions (a check that it works, not numbers to quote).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { bundleShares } from './bundle-share';
import { assertPortFree, type ColdStart, measureColdStart } from './bench-cold-start';
import { coldStartShares, profileShares } from './bench-profile';
import { oneCampaignFloor, type TimelineFloorInput, timelineFloor } from './bench-floors';
import { answer, cpuMicros, cpuMicrosOf, type Fetch, jsonPost, loadWorker, type RequestSpec } from './bench-requests';
import { campaign, funnel, SHAPES, TWO_HOURS, weights24 } from './bench-shapes';
import { workerdCpuMicros, workerdProcesses } from './bench-workerd-cpu';
import { PAGE_BUDGET_GZIP_BYTES, pageAssetSizes } from './page-size';
import { replaceSection, startServer } from './server';

const quick = process.argv.includes('--quick');
/** Repetitions: medians of this many measurements (fewer with --quick). */
const RUNS = quick ? 3 : 9;
const BUNDLE = 'dist/index.js';
const PORT = Number(process.env.BENCH_PORT ?? 8806);
const COLD_START_PORT = Number(process.env.BENCH_COLD_START_PORT ?? 9306);
/** 10,000 computed rows cost more than the default work limit admits (src/engine/cost.ts): raised for them. */
const BIG_ENV = { WORK_LIMIT: '50000000' };

const ONE_CAMPAIGN = jsonPost('/v1/impact', { outage: TWO_HOURS, campaigns: [campaign()] });

/** 10 campaigns, plain or with every outage-realism option (docs/realism.md): nine fail over to the first. */
function realismRequest(realism: boolean): RequestSpec {
  const window = realism
    ? { ...TWO_HOURS.windows[0], recoveryMinutes: '90', measurementLoss: '0.3', platforms: ['meta'] }
    : TWO_HOURS.windows[0];
  const campaigns = Array.from({ length: 10 }, (_, i) => {
    const c = campaign({ budget: { amount: String(1000 + i), period: 'day' } });
    if (!realism) return c;
    return i === 0
      ? { ...c, id: 'c0', platform: 'google' }
      : { ...c, id: `c${i}`, platform: 'meta', failover: { to: 'c0', share: '0.5' } };
  });
  return jsonPost('/v1/impact', { outage: { windows: [window] }, campaigns });
}

/** The timeline rows' request: 240 hours of a 24-weight daily budget, no recapture (what timelineFloor answers). */
const TIMELINE: TimelineFloorInput = {
  amount: '1200',
  weights: weights24,
  offsetHours: -4,
  startMs: Date.UTC(2021, 9, 5),
  hours: 240,
  ...funnel,
};
function timelineRequest(timeline: boolean): RequestSpec {
  const start = new Date(TIMELINE.startMs).toISOString();
  const end = new Date(TIMELINE.startMs + TIMELINE.hours * 3_600_000).toISOString();
  return jsonPost('/v1/impact', {
    outage: { windows: [{ start, end }] },
    campaigns: [campaign({ deliveryProfile: weights24, recovery: { recapture: '0' } })],
    options: { timeline: timeline ? 'hour' : 'none' },
  });
}

function simulationRequest(distribution: string, draws: number, campaigns: number): RequestSpec {
  const shape = SHAPES['four ranged inputs'] as { outage: object; campaign: object };
  return jsonPost('/v1/impact', {
    outage: shape.outage,
    campaigns: Array.from({ length: campaigns }, () => shape.campaign),
    options: { simulation: { draws, seed: 1, distribution } },
  });
}

function batchCsv(rows: number): RequestSpec {
  const header =
    'id,currency,timeZone,budgetAmount,budgetPeriod,cpm,ctr,cvr,aov,grossMargin,recapture,cpmPremium,' +
    'outageStart,outageEnd,outageTimeZone';
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `c${i},USD,America/Los_Angeles,${1000 + i},day,9.50,0.011,0.03,72,0.4,0.5,0.1,` +
      '2021-10-04T11:39:00,2021-10-04T17:05:00,America/New_York',
  );
  const body = `${[header, ...lines].join('\r\n')}\r\n`;
  return { method: 'POST', path: '/v1/impact/batch', body, contentType: 'text/csv', accept: 'text/csv' };
}

/** A Meta Ads Manager export of `rows` campaigns in its own columns (docs/import.md), a month of spend each. */
function metaImport(rows: number): RequestSpec {
  const header =
    '"Reporting starts","Reporting ends","Campaign name",Results,"Result indicator","Amount spent (EUR)",' +
    'Impressions,"Link clicks","Purchases conversion value"';
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `2024-02-01,2024-02-29,"Campaign ${i}",${40 + (i % 50)},actions:offsite_conversion.fb_pixel_purchase,` +
      `${1000 + i}.50,${120000 + i},${1100 + (i % 300)},${3000 + i}.00`,
  );
  return {
    method: 'POST',
    path: '/v1/impact/import?outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:19:00Z&timeZone=Europe/Berlin',
    body: `${[header, ...lines].join('\n')}\n`,
    contentType: 'text/csv',
    accept: 'text/csv',
  };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (met: boolean) => (met ? 'met' : '**not met**');

/** How many requests one measurement times: enough for about 20 ms of CPU, at least one. */
async function batchFor(fetch: Fetch, spec: RequestSpec): Promise<number> {
  const once = await cpuMicros(fetch, spec, { runs: 1, batch: 1, warmup: 2 });
  return Math.max(1, Math.min(500, Math.round(20_000 / once)));
}

/** CPU µs of one request, batched to about 20 ms a measurement. */
async function requestMicros(fetch: Fetch, spec: RequestSpec, runs = RUNS): Promise<number> {
  return cpuMicros(fetch, spec, { runs, batch: await batchFor(fetch, spec) });
}

/** Two requests measured alternately, round by round, so that a busy moment falls on both alike. */
async function sideBySide(a: [Fetch, RequestSpec], b: [Fetch, RequestSpec]): Promise<[number, number]> {
  const batchA = await batchFor(...a);
  const batchB = await batchFor(...b);
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    as.push(await cpuMicros(...a, { runs: 1, batch: batchA }));
    bs.push(await cpuMicros(...b, { runs: 1, batch: batchB }));
  }
  return [median(as), median(bs)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

interface Report {
  targets: string[];
  lines: string[];
}

function target(report: Report, name: string, measured: string, met: boolean) {
  report.targets.push(`| ${name} | ${measured} | ${verdict(met)} |`);
}

function build() {
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', 'dist'], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: 'ignore',
  });
}

async function wholeRequests(report: Report, app: Fetch, big: Fetch) {
  const [floorUs, oneUs] = await sideBySide([oneCampaignFloor, ONE_CAMPAIGN], [app, ONE_CAMPAIGN]);
  const same = isDeepStrictEqual(
    JSON.parse(await answer(oneCampaignFloor, ONE_CAMPAIGN)),
    JSON.parse(await answer(app, ONE_CAMPAIGN)),
  );
  const healthUs = await requestMicros(app, { method: 'GET', path: '/health' });
  const ratio = oneUs / floorUs;
  target(
    report,
    'one-campaign request within 2× the floor of its parse-and-compute operations (CPU)',
    `${fmt(ratio, 2)}×`,
    ratio <= 2 && same,
  );
  report.lines.push(
    '### Whole requests in process (CPU per request, median)',
    '',
    `The built bundle's \`fetch\` called in Node with a Request, as workerd calls it, ${RUNS} measurements each:` +
      ' body read, parse, engine, present, JSON and the answer read. GET /health (the trivial route): ' +
      `**${fmt(healthUs)} µs**.`,
    '',
    `One-campaign POST /v1/impact: **${fmt(oneUs)} µs**; its floor **${fmt(floorUs)} µs** (scripts/bench-floors.ts:` +
      ' read the body, JSON.parse, Decimals of the inputs, the formulas, the 18 numbers rounded, the same JSON' +
      ` written), measured alternately with it. The floor's answer is ${same ? '' : '**not** '}the service's,` +
      ` byte for byte as JSON (checked in this run). Ratio **${fmt(ratio, 2)}×**.`,
    '',
    ...(await profileLines(app)),
    '| one-campaign request | CPU µs | with timeline + explain | ratio to the floor |',
    '| --- | ---: | ---: | ---: |',
  );
  for (const [name, shape] of Object.entries(SHAPES)) {
    const plain = await requestMicros(
      big,
      jsonPost('/v1/impact', { outage: shape.outage, campaigns: [shape.campaign] }),
      Math.min(RUNS, 5),
    );
    const detailed = await requestMicros(
      big,
      jsonPost('/v1/impact', {
        outage: shape.outage,
        campaigns: [shape.campaign],
        options: { timeline: 'hour', explain: true },
      }),
      name.startsWith('366') ? 3 : Math.min(RUNS, 5),
    );
    report.lines.push(`| ${name} | ${fmt(plain)} | ${fmt(detailed)} | ${fmt(plain / floorUs, 2)}× |`);
  }
  report.lines.push('');
}

/** Where the one-campaign request's CPU goes (scripts/bench-profile.ts): the groups of at least 2 %. */
async function profileLines(app: Fetch): Promise<string[]> {
  const shares = await profileShares(app, ONE_CAMPAIGN, quick ? 300 : 1500, BUNDLE);
  return [
    "Where the one-campaign request's CPU goes (V8's sampling profiler, self time by source through the source map):",
    '',
    ...shareTable(shares),
  ];
}

/** A profile's groups of at least 2 % as a table, the rest summed. */
function shareTable(shares: [string, number][]): string[] {
  const shown = shares.filter(([, share]) => share >= 0.02);
  const rest = shares.filter(([, share]) => share < 0.02).reduce((sum, [, share]) => sum + share, 0);
  return [
    '| part | share |',
    '| --- | ---: |',
    ...shown.map(([group, share]) => `| ${group} | ${fmt(share * 100)} % |`),
    `| the rest (${shares.length - shown.length} parts) | ${fmt(rest * 100)} % |`,
    '',
  ];
}

async function realism(report: Report, app: Fetch) {
  const [plainUs, realismUs] = await sideBySide([app, realismRequest(false)], [app, realismRequest(true)]);
  const ratio = realismUs / plainUs;
  target(
    report,
    'the realism options (ramp, measurement loss, platforms, failover) within 1.5× plain (CPU)',
    `${fmt(ratio, 2)}×`,
    ratio <= 1.5,
  );
  report.lines.push(
    `Ten campaigns, one 2-hour window: plain **${fmt(plainUs)} µs**; with a 90-minute recovery ramp, 30 %` +
      ` measurement loss, the window limited to one platform and nine campaigns failing over half their spend to the` +
      ` tenth **${fmt(realismUs)} µs** (${fmt(ratio, 2)}×).`,
    '',
  );
}

async function timelineRows(report: Report, app: Fetch) {
  const [withoutUs, withUs] = await sideBySide([app, timelineRequest(false)], [app, timelineRequest(true)]);
  const rows = TIMELINE.hours;
  const perRowUs = (withUs - withoutUs) / rows;
  const floorUs = cpuMicrosOf(() => timelineFloor(TIMELINE), { runs: RUNS, batch: 20 }) / rows;
  const served = JSON.parse(await answer(app, timelineRequest(true))) as { campaigns: [{ timeline: unknown }] };
  const same = isDeepStrictEqual(served.campaigns[0].timeline, JSON.parse(timelineFloor(TIMELINE)));
  const ratio = perRowUs / floorUs;
  target(
    report,
    'timeline rows within 1.5× the tight per-row floor (CPU a row)',
    `${fmt(ratio, 2)}×`,
    ratio <= 1.5 && same,
  );
  report.lines.push(
    '### Timeline rows',
    '',
    `One campaign, a 24-weight daily budget, a ${rows}-hour window: ${fmt(withoutUs)} µs without the timeline,` +
      ` ${fmt(withUs)} µs with it: **${fmt(perRowUs, 1)} µs a row**. The tight floor (scripts/bench-floors.ts: a` +
      ' multiply and a divide per metric per row in the same precision, largest remainder per column, the rows' +
      ` written): **${fmt(floorUs, 1)} µs a row**; its rows are ${same ? '' : '**not** '}the service's (checked` +
      ` in this run). Ratio **${fmt(ratio, 2)}×**.`,
    '',
  );
}

async function simulation(report: Report, app: Fetch, big: Fetch) {
  report.lines.push(
    '### Simulation (CPU of one whole request, four ranged inputs, median)',
    '',
    '| distribution | 10,000 draws × 1 campaign | 100,000 draws × 10 campaigns (the largest admitted) |',
    '| --- | ---: | ---: |',
  );
  let slowest = 0;
  for (const distribution of ['uniform', 'triangular', 'pert']) {
    const oneMs = (await requestMicros(app, simulationRequest(distribution, 10_000, 1))) / 1000;
    const largest = quick
      ? Number.NaN
      : (await cpuMicros(big, simulationRequest(distribution, 100_000, 10), { runs: 3, warmup: 1 })) / 1000;
    slowest = Math.max(slowest, oneMs);
    report.lines.push(
      `| ${distribution} | ${fmt(oneMs, 2)} ms | ${quick ? '(not in --quick)' : `${fmt(largest)} ms`} |`,
    );
  }
  report.lines.push('');
  target(
    report,
    '10,000 simulation draws of a one-campaign request within 10 ms (CPU, slowest distribution)',
    `${fmt(slowest, 2)} ms`,
    slowest <= 10,
  );
}

async function batches(report: Report, big: Fetch) {
  const us = async (spec: RequestSpec, runs: number) => cpuMicros(big, spec, { runs, warmup: 2 });
  const b1k = (await us(batchCsv(1000), RUNS)) / 1000;
  const b10k = (await us(batchCsv(10_000), Math.min(RUNS, 3))) / 10_000;
  const i1k = (await us(metaImport(1000), RUNS)) / 1000;
  const i10kMs = (await us(metaImport(10_000), Math.min(RUNS, 3))) / 1000;
  target(report, 'CSV batch at most 30 µs of CPU a row at 1,000 rows', `${fmt(b1k, 1)} µs`, b1k <= 30);
  target(report, 'CSV batch at most 30 µs of CPU a row at 10,000 rows', `${fmt(b10k, 1)} µs`, b10k <= 30);
  const growth = b10k / b1k;
  target(report, 'CSV batch linear: a row of 10,000 within 1.1× a row of 1,000', `${fmt(growth, 2)}×`, growth <= 1.1);
  target(report, '10,000-row Meta export imported within 1 s of CPU', `${fmt(i10kMs)} ms`, i10kMs <= 1000);
  report.lines.push(
    '### CSV batch and import (CPU of one whole request in process, median)',
    '',
    '| request | rows | CPU ms | µs a row |',
    '| --- | ---: | ---: | ---: |',
    `| POST /v1/impact/batch (text/csv in and out) | 1,000 | ${fmt(b1k, 0)} | ${fmt(b1k, 1)} |`,
    `| POST /v1/impact/batch | 10,000 | ${fmt(b10k * 10, 0)} | ${fmt(b10k, 1)} |`,
    `| POST /v1/impact/import (Meta export) | 1,000 | ${fmt(i1k, 0)} | ${fmt(i1k, 1)} |`,
    `| POST /v1/impact/import | 10,000 | ${fmt(i10kMs)} | ${fmt(i10kMs / 10, 1)} |`,
    '',
    `Linear: a row of 10,000 costs ${fmt(b10k / b1k, 2)}× a row of 1,000 (batch),` +
      ` ${fmt(i10kMs / 10 / i1k, 2)}× (import).` +
      ' 10,000 rows are past the default work limit (src/engine/cost.ts), so they run with WORK_LIMIT raised.',
    '',
  );
}

/** scripts/bench-limits.ts in its own process (each case in a child with a 128 MiB heap); it writes bench/LIMITS.md. */
function limits(report: Report) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-limits.ts'], { encoding: 'utf8' });
  const over = (run.stdout.match(/\(over target\)/g) ?? []).length;
  const cases = run.stdout
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| case') && !l.startsWith('| ---')).length;
  const met = run.status === 0 && over === 0 && cases > 0;
  target(
    report,
    'every admitted request within 1 s of CPU and 64 MiB (bench/LIMITS.md)',
    `${cases} cases, ${over} over`,
    met,
  );
  report.lines.push(
    '### Worst cases',
    '',
    `[bench/LIMITS.md](LIMITS.md) (scripts/bench-limits.ts): ${cases} worst cases, each in a child \`node` +
      ` --max-old-space-size=128\`; ${over} admitted over 1 s of CPU or 64 MiB` +
      `${run.status === 0 ? '' : `; the matrix **failed** (exit ${run.status}): ${run.stderr.trim().slice(0, 200)}`}.`,
    '',
  );
}

async function load(url: string, spec: RequestSpec, seconds: number) {
  const headers = spec.contentType ? { 'content-type': spec.contentType } : undefined;
  const result = await autocannon({
    url: `${url}${spec.path}`,
    connections: 16,
    duration: seconds,
    method: spec.method,
    body: spec.body,
    headers,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors,
  };
}

/** Throughput under load and workerd's CPU per request, against local `wrangler dev`. */
async function inWorkerd(report: Report) {
  await assertPortFree(PORT);
  const server = await startServer(PORT, 'wrangler.toml', BIG_ENV);
  try {
    const health: RequestSpec = { method: 'GET', path: '/health' };
    const seconds = quick ? 3 : 10;
    const trivial = await load(server.url, health, seconds);
    const impact = await load(server.url, ONE_CAMPAIGN, seconds);
    const share = impact.rps / trivial.rps;
    target(
      report,
      "one-campaign throughput under load at least 70 % of the trivial route's",
      `${fmt(share * 100)} %`,
      share >= 0.7,
    );
    const pids = workerdProcesses(server.child.pid as number);
    const send = (spec: RequestSpec) => async () => {
      const res = await fetch(`${server.url}${spec.path}`, {
        method: spec.method,
        body: spec.body,
        headers: {
          ...(spec.contentType ? { 'content-type': spec.contentType } : {}),
          ...(spec.accept ? { accept: spec.accept } : {}),
        },
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${spec.path} answered ${res.status} in workerd`);
    };
    const cpu = async (spec: RequestSpec, batch: number, runs = RUNS) =>
      workerdCpuMicros(pids, send(spec), { runs, batch, warmup: batch });
    const healthUs = await cpu(health, 100);
    const oneUs = await cpu(ONE_CAMPAIGN, 100);
    const b1k = (await cpu(batchCsv(1000), 1)) / 1000;
    const b10k = (await cpu(batchCsv(10_000), 1, Math.min(RUNS, 3))) / 10_000;
    report.lines.push(
      '### In local workerd (`wrangler dev`)',
      '',
      `Throughput (autocannon, 16 connections, ${seconds} s each):`,
      '',
      '| route | requests/s | p50 ms | p99 ms | failed |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| GET /health (trivial) | ${fmt(trivial.rps)} | ${trivial.p50} | ${trivial.p99} | ${trivial.failed} |`,
      `| POST /v1/impact, one campaign | ${fmt(impact.rps)} | ${impact.p50} | ${impact.p99} | ${impact.failed} |`,
      '',
      `One-campaign throughput is **${fmt(share * 100)} %** of the trivial route's.`,
      '',
      "workerd's CPU per request (all its threads, from /proc; it includes wrangler's proxy Worker and HTTP):" +
        ` GET /health ${fmt(healthUs)} µs; one campaign ${fmt(oneUs)} µs; CSV batch **${fmt(b1k, 1)} µs a row** at` +
        ` 1,000 rows and **${fmt(b10k, 1)} µs a row** at 10,000.`,
      '',
    );
  } finally {
    await server.stop();
  }
}

function compatibilityDate(): string {
  return /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync('wrangler.toml', 'utf8'))?.[1] ?? '2026-04-26';
}

async function coldStart(report: Report) {
  const options = { port: COLD_START_PORT, runs: quick ? 3 : 7, compatibilityDate: compatibilityDate() };
  const health = await measureColdStart(BUNDLE, options);
  const impact = await measureColdStart(BUNDLE, {
    ...options,
    request: {
      path: ONE_CAMPAIGN.path,
      init: { method: 'POST', body: ONE_CAMPAIGN.body, headers: { 'content-type': 'application/json' } },
    },
  });
  const ratio = health.bundleMs / health.emptyWorkerMs;
  const isolate = (c: typeof health) => (c.bundleMs - c.noIsolateMs) / (c.emptyWorkerMs - c.noIsolateMs);
  target(
    report,
    "cold start within 4× an empty Worker's CPU to first answer (fresh workerd process)",
    `${fmt(ratio, 2)}×`,
    ratio <= 4 && health.status === 200,
  );
  report.lines.push(
    '### Cold start (fresh workerd process, CPU to the first answer, median)',
    '',
    `Each run starts \`workerd serve\` on one module and reads its CPU (every thread, /proc) once the first answer` +
      ` is in; ${options.runs} runs of each, alternating (scripts/bench-cold-start.ts).`,
    '',
    '| first request | workerd, no Worker | empty Worker | dist/index.js | ratio | ratio of the isolate parts |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    coldStartRow('GET /health', health, isolate(health)),
    coldStartRow('POST /v1/impact, one campaign', impact, isolate(impact)),
    '',
    '"No Worker" is workerd serving a file: the process\'s own start-up, the same in every column. The isolate' +
      " parts are each column minus it: the module's evaluation and the first request against an empty module's.",
    '',
    "Where the bundle's cold start goes (a fresh `node --cpu-prof` importing it and answering GET /health, self time" +
      ' by source through the source map):',
    '',
    ...shareTable(coldStartShares(BUNDLE)),
  );
}

function coldStartRow(request: string, c: ColdStart, isolateRatio: number): string {
  const ms = (value: number) => `${fmt(value, 1)} ms`;
  const ratio = fmt(c.bundleMs / c.emptyWorkerMs, 2);
  return (
    `| ${request} | ${ms(c.noIsolateMs)} | ${ms(c.emptyWorkerMs)} | ${ms(c.bundleMs)} | **${ratio}×** |` +
    ` ${fmt(isolateRatio, 1)}× |`
  );
}

function bundle(report: Report) {
  const code = readFileSync(BUNDLE);
  const gzipKiB = gzipSync(code).byteLength / 1024;
  const { shares } = bundleShares(BUNDLE);
  const rows = shares.filter((s) => s.gzipBytes >= 1024);
  const rest = shares.filter((s) => s.gzipBytes < 1024).reduce((sum, s) => sum + s.gzipBytes, 0);
  target(report, 'API Worker bundle at most 110 KiB gzipped', `${fmt(gzipKiB, 1)} KiB`, gzipKiB <= 110);
  report.lines.push(
    '### Bundle',
    '',
    `dist/index.js: ${fmt(code.byteLength / 1024)} KiB, **${fmt(gzipKiB, 1)} KiB gzipped**. What each part costs` +
      ' (its characters attributed through the source map, gzipped share of the total, scripts/bundle-share.ts):',
    '',
    '| part | minified KiB | gzipped KiB |',
    '| --- | ---: | ---: |',
    ...rows.map((s) => `| ${s.name} | ${fmt(s.minifiedBytes / 1024, 1)} | ${fmt(s.gzipBytes / 1024, 1)} |`),
    `| everything under 1 KiB (${shares.length - rows.length} parts) | | ${fmt(rest / 1024, 1)} |`,
    '',
  );
  const page = pageAssetSizes();
  target(
    report,
    'web calculator JS + CSS at most 150 KiB gzipped',
    `${fmt(page.gzipBytes / 1024, 1)} KiB`,
    page.gzipBytes <= PAGE_BUDGET_GZIP_BYTES,
  );
  report.lines.push(
    `Web calculator (counted apart): public/app/ JavaScript and CSS (${page.files.length} files),` +
      ` ${fmt(page.bytes / 1024)} KiB, **${fmt(page.gzipBytes / 1024, 1)} KiB gzipped**.`,
    '',
  );
}

/**
 * Seconds of the requests measured first, before any is timed: V8 compiles the hot code on background threads,
 * whose CPU process.cpuUsage counts, and a warm isolate has long finished that (the first measurements of a
 * fresh process came out two to three times the later ones).
 */
async function warmUp(app: Fetch, big: Fetch) {
  const until = Date.now() + (quick ? 1000 : 4000);
  const log = console.log;
  console.log = () => {};
  try {
    while (Date.now() < until) {
      await answer(oneCampaignFloor, ONE_CAMPAIGN);
      await answer(app, ONE_CAMPAIGN);
      await answer(app, { method: 'GET', path: '/health' });
      await answer(app, realismRequest(true));
      await answer(app, timelineRequest(true));
      await answer(big, batchCsv(100));
    }
  } finally {
    console.log = log;
  }
}

/** Runs one part; a part that fails is reported as such and the rest still run. */
async function part(report: Report, name: string, run: () => Promise<void> | void) {
  const started = Date.now();
  try {
    await run();
  } catch (error) {
    target(report, name, 'failed', false);
    report.lines.push(`**${name} failed:** ${error instanceof Error ? error.message : String(error)}`, '');
  }
  console.error(`bench: ${name} ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function main() {
  const report: Report = { targets: [], lines: [] };
  const load1 = loadavg()[0] ?? 0;
  build();
  const app = await loadWorker(BUNDLE);
  const big = await loadWorker(BUNDLE, BIG_ENV);
  await warmUp(app, big);
  await part(report, 'whole requests', () => wholeRequests(report, app, big));
  await part(report, 'realism', () => realism(report, app));
  await part(report, 'timeline rows', () => timelineRows(report, app));
  await part(report, 'simulation', () => simulation(report, app, big));
  await part(report, 'CSV batch and import', () => batches(report, big));
  await part(report, 'worst cases', () => limits(report));
  await part(report, 'workerd', () => inWorkerd(report));
  await part(report, 'cold start', () => coldStart(report));
  await part(report, 'bundle', () => bundle(report));

  const memory = `${fmt(totalmem() / 2 ** 30)} GiB`;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${memory}, Node ${process.version}`;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const header = [
    `Run at ${when} UTC on ${machine}${quick ? ' (**--quick**: fewer repetitions)' : ''}; load average` +
      ` ${fmt(load1, 2)} at the start, ${fmt(loadavg()[0] ?? 0, 2)} at the end. Times are CPU, medians of ${RUNS}.`,
    '',
  ];
  const body = [
    '| target | measured | |',
    '| --- | ---: | --- |',
    ...report.targets,
    '',
    `${report.targets.filter((t) => t.endsWith('| met |')).length} of ${report.targets.length} targets met. Why each ` +
      'target that is not met is missed, and what meeting it would take: "Each target" below (issue 20), written ' +
      "from this script's profiles and scripts/bundle-variants.ts.",
    '',
    ...header,
    ...report.lines,
  ].join('\n');
  const path = 'bench/RESULTS.md';
  let existing = '# Benchmark results\n\nWritten by `npm run bench` and `npm run loadtest`.\n';
  try {
    existing = readFileSync(path, 'utf8');
  } catch {
    // first run
  }
  writeFileSync(path, replaceSection(existing, 'bench', `## npm run bench\n\n${body}`));
  console.log(body);
}

await main();
