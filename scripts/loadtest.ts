// `npm run loadtest`: 32 concurrent connections against the local workerd server (`wrangler dev`) for
// a bounded time, with a mix of every endpoint. Passes when no request fails, memory settles, and the
// service is healthy afterwards. Writes its section of bench/RESULTS.md. Loopback only.
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { replaceSection, type Server, startControlServer, startServer } from './server';
import { WORST_CASES } from './worst-cases';

const seconds = Number(process.env.LOADTEST_SECONDS ?? 30);
const CONNECTIONS = 32;
const json = { 'content-type': 'application/json' };
const example = (name: string) => readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');

const impact = JSON.stringify({
  outage: { timeZone: 'America/New_York', windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00' }] },
  campaigns: [
    {
      id: 'fall-sale',
      timeZone: 'America/Los_Angeles',
      budget: { amount: '1200', period: 'day' },
      cpm: '9.50',
      ctr: '0.011',
      cvr: '0.03',
      aov: '72',
      grossMargin: '0.4',
      recovery: { recapture: '0.5', cpmPremium: '0.1' },
    },
  ],
  options: { timeline: 'hour', explain: true },
});
const csv =
  'id,budgetAmount,budgetPeriod,cpm,ctr,cvr,aov,outageStart,outageEnd\r\n' +
  Array.from(
    { length: 50 },
    (_, i) => `c${i},${1000 + i},day,9.50,0.011,0.03,72,2021-10-04T15:39:00Z,2021-10-04T21:05:00Z`,
  ).join('\r\n');
const marketCap = JSON.stringify({
  shareClasses: [{ shares: '2366277848' }, { shares: '415481668' }],
  price: { before: '343.01', after: '326.23' },
  holders: [{ shares: '350000000' }],
});
const value =
  '/v1/impact/value?budgetAmount=1200&budgetPeriod=day&cpm=9.50&ctr=0.011&outageStart=2021-10-04T15:39:00Z&outageEnd=2021-10-04T21:05:00Z&metric=lostClicks';

const REQUESTS: autocannon.Request[] = [
  { method: 'POST', path: '/v1/impact', headers: json, body: impact },
  { method: 'POST', path: '/v1/impact/batch', headers: { 'content-type': 'text/csv', accept: 'text/csv' }, body: csv },
  { method: 'GET', path: value },
  { method: 'POST', path: '/v1/platform-loss', headers: json, body: example('fortune-2021-10-04.json') },
  { method: 'POST', path: '/v1/market-cap', headers: json, body: marketCap },
  { method: 'GET', path: '/health' },
];

interface Run {
  result: autocannon.Result;
  memory: number[];
  healthy: boolean;
}

/** Load against one server, sampling workerd's memory every 2 s. */
async function run(server: Server, requests: autocannon.Request[]): Promise<Run> {
  const memory: number[] = [server.rssKiB()];
  const sampler = setInterval(() => memory.push(server.rssKiB()), 2000);
  try {
    const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: seconds,
      requests,
      timeout: 30,
    });
    memory.push(server.rssKiB());
    const healthy = (await fetch(`${server.url}/health`)).ok;
    return { result, memory, healthy };
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

/** Growth of memory over the run after a warm-up third: last third's peak over the middle third's. */
function growth(memory: number[]) {
  const third = Math.max(1, Math.floor(memory.length / 3));
  const middle = Math.max(...memory.slice(third, 2 * third));
  const last = Math.max(...memory.slice(2 * third));
  return { middle, last, kib: last - middle };
}

/**
 * Issue 12's phase: while the ordinary mix runs, one client sends the worst-case matrix
 * (scripts/worst-cases.ts) over and over. Each worst case must get its expected status, the ordinary
 * requests must keep being answered (none failing), and memory must come back afterwards.
 */
async function worstCasePhase(): Promise<{ lines: string[]; ok: boolean }> {
  const server = await startServer(8798);
  const baseline = server.rssKiB();
  const bodies = WORST_CASES.map((c) => c.body?.());
  let stop = false;
  const unexpected: string[] = [];
  let sent = 0;
  const hostile = (async () => {
    while (!stop) {
      for (const [i, c] of WORST_CASES.entries()) {
        if (stop) break;
        const body = bodies[i];
        const res = await fetch(`${server.url}${c.path}`, {
          method: c.method,
          headers: { 'content-type': c.contentType ?? 'application/json' },
          ...(body === undefined ? {} : { body }),
        });
        await res.arrayBuffer();
        sent++;
        if (!c.expect.includes(res.status)) unexpected.push(`${c.name}: ${res.status}`);
      }
    }
  })();
  try {
    const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: seconds,
      requests: REQUESTS,
      timeout: 30,
    });
    stop = true;
    await hostile;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const after = server.rssKiB();
    const healthy = (await fetch(`${server.url}/health`)).ok;
    const failed = result.non2xx + result.errors + result.timeouts;
    // Memory "returns" when workerd ends within 64 MiB (the per-request budget) of where it started.
    const settled = after - baseline <= 64 * 1024;
    const ok = failed === 0 && unexpected.length === 0 && healthy && settled;
    const lines = [
      '',
      '### With the worst cases of issue 12 mixed in',
      '',
      `One more client sent the ${WORST_CASES.length} cases of scripts/worst-cases.ts in a loop (${sent} requests) while the ordinary mix ran.`,
      '',
      '| measure | value |',
      '| --- | ---: |',
      `| ordinary requests / failed | ${result.requests.total} / ${failed} |`,
      `| ordinary latency p50 / p99 (ms) | ${result.latency.p50} / ${result.latency.p99} |`,
      `| worst cases with an unexpected status | ${unexpected.length ? unexpected.slice(0, 5).join('; ') : 'none'} |`,
      `| workerd memory (MiB): before, 5 s after | ${(baseline / 1024).toFixed(0)}, ${(after / 1024).toFixed(0)} |`,
      `| healthy afterwards | ${healthy ? 'yes' : 'no'} |`,
      '',
      `Verdict: ${ok ? '**pass**' : '**fail**'}.`,
    ];
    return { lines, ok };
  } finally {
    stop = true;
    await server.stop();
  }
}

async function main() {
  const control = await run(await startControlServer(8797), [{ method: 'GET', path: '/health' }]);
  const service = await run(await startServer(8796), REQUESTS);
  const hostile = await worstCasePhase();
  const { result, memory, healthy } = service;
  const failed = result.non2xx + result.errors + result.timeouts;
  const ours = growth(memory);
  const baseline = growth(control.memory);
  // Local workerd's memory creeps up under sustained load even for a Worker that only answers "ok"
  // (the control); the service passes when it grows no more than 1.5 × the control, plus 32 MiB.
  const stable = ours.kib <= baseline.kib * 1.5 + 32 * 1024;
  const ok = failed === 0 && healthy && stable && hostile.ok;
  const mib = (kib: number) => (kib / 1024).toFixed(0);
  const firstPeak = ours.middle;
  const lastPeak = ours.last;
  const report = [
    '## npm run loadtest',
    '',
    `Run on ${new Date().toISOString().slice(0, 10)}: ${CONNECTIONS} connections for ${seconds} s against \`wrangler dev\` on loopback, cycling through POST /v1/impact (timeline and explain), a 50-row CSV batch, GET /v1/impact/value, POST /v1/platform-loss, POST /v1/market-cap and GET /health.`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| requests | ${result.requests.total} |`,
    `| requests/s (mean) | ${result.requests.average} |`,
    `| latency p50 / p99 (ms) | ${result.latency.p50} / ${result.latency.p99} |`,
    `| non-2xx / errors / timeouts | ${result.non2xx} / ${result.errors} / ${result.timeouts} |`,
    `| workerd memory (MiB): start, middle-third peak, last-third peak, end | ${mib(memory[0] ?? 0)}, ${mib(firstPeak)}, ${mib(lastPeak)}, ${mib(memory[memory.length - 1] ?? 0)} |`,
    `| growth over the last third (MiB): service / control Worker | ${mib(ours.kib)} / ${mib(baseline.kib)} |`,
    `| healthy afterwards | ${healthy ? 'yes' : 'no'} |`,
    '',
    '',
    `The control is a Worker that only answers \`{"status":"ok"}\`, loaded the same way on the same \`wrangler dev\` for the same time (${control.result.requests.total} requests, ${control.result.non2xx + control.result.errors} failed): local workerd's own memory creeps up under sustained load, so the service's growth is judged against it (at most 1.5 × the control's, plus 32 MiB).`,
    '',
    `Verdict: ${ok ? '**pass**' : '**fail**'}${stable ? '' : ' (memory grew more than the control)'}.`,
    ...hostile.lines,
  ].join('\n');
  const path = 'bench/RESULTS.md';
  let existing =
    '# Benchmark results\n\nWritten by `npm run bench` (engine, HTTP, batches, bundle) and `npm run loadtest` (load). Numbers are from the machine named in each section.\n';
  try {
    existing = readFileSync(path, 'utf8');
  } catch {
    // first run
  }
  writeFileSync(path, replaceSection(existing, 'loadtest', report));
  console.log(report);
  process.exit(ok ? 0 : 1);
}

await main();
