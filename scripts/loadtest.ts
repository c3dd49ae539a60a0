// `npm run loadtest`: 32 concurrent connections against the local workerd server (`wrangler dev`) for
// a bounded time, with a mix of every endpoint. Passes when no request fails, memory settles, and the
// service is healthy afterwards. Writes its section of bench/RESULTS.md. Loopback only.
import { readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import autocannon from 'autocannon';
import { replaceSection, type Server, startControlServer, startServer } from './server';
import { WORST_CASES } from './worst-cases';

const seconds = Number(process.env.LOADTEST_SECONDS ?? 30);
/** One port for the three servers in turn (each is stopped before the next starts), or 8796, 8797, 8798. */
const PORT = process.env.LOADTEST_PORT ? Number(process.env.LOADTEST_PORT) : undefined;
const port = (fallback: number) => PORT ?? fallback;
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

/** How long memory is given to settle after a round, how much a settled round may add, and how many rounds. */
const SETTLE_MS = 5000;
const RETURN_MIB = 64;
const MAX_ROUNDS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 12's phase: while the ordinary mix runs, one client sends the worst-case matrix
 * (scripts/worst-cases.ts) over and over. Each worst case must get its expected status, the ordinary
 * requests must keep being answered (none failing), and memory must come back afterwards.
 *
 * "Back" is measured against the warm level, not the fresh start. Measured (bench/LIMITS.md): one pass of
 * the matrix takes local workerd from about 155 to about 330 MiB, and further passes leave it there
 * (336, 338 MiB after the second and third, idle 12 s after each); 32 connections of the ordinary mix take
 * it 155 → 353 → 447 → 522 → 533 MiB over four 15 s rounds, growing less each round, while the same mix
 * in Node keeps its heap after GC at 25.1-25.6 MiB over 1,800 requests (heapPhase below). V8 sizes
 * workerd's heap to the most memory it has needed at once (5 MiB bodies, 32 requests in flight) and keeps
 * the pages: workerd's heap sizing, not something the service holds. A cache or leak that kept something
 * per request would instead grow by the same amount every round. So the load runs in rounds, the same each
 * time, until one adds at most 64 MiB (the per-request budget); still growing after four rounds is a fail.
 */
async function worstCasePhase(): Promise<{ lines: string[]; ok: boolean }> {
  const server = await startServer(port(8798));
  const fresh = server.rssKiB();
  const bodies = WORST_CASES.map((c) => c.body?.());
  const unexpected: string[] = [];
  let sent = 0;
  const sendMatrix = async (stopped: () => boolean) => {
    for (const [i, c] of WORST_CASES.entries()) {
      if (stopped()) break;
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
  };
  /** One round: the ordinary mix for `seconds`, the matrix over and over beside it, then a settling pause. */
  const round = async () => {
    let stop = false;
    const hostile = (async () => {
      do await sendMatrix(() => stop);
      while (!stop);
    })();
    const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: seconds,
      requests: REQUESTS,
      timeout: 30,
    });
    stop = true;
    await hostile;
    await sleep(SETTLE_MS);
    return { result, failed: result.non2xx + result.errors + result.timeouts, rss: server.rssKiB() };
  };
  try {
    const rounds = [await round()];
    let settled = false;
    while (!settled && rounds.length < MAX_ROUNDS) {
      rounds.push(await round());
      const [previous, last] = rounds.slice(-2) as [
        Awaited<ReturnType<typeof round>>,
        Awaited<ReturnType<typeof round>>,
      ];
      // Settled when a whole round of the same load adds at most 64 MiB (the per-request budget).
      settled = last.rss - previous.rss <= RETURN_MIB * 1024;
    }
    const warm = rounds[rounds.length - 2] as Awaited<ReturnType<typeof round>>;
    const measured = rounds[rounds.length - 1] as Awaited<ReturnType<typeof round>>;
    const healthy = (await fetch(`${server.url}/health`)).ok;
    const failed = rounds.reduce((n, r) => n + r.failed, 0);
    const ok = failed === 0 && unexpected.length === 0 && healthy && settled;
    const mib = (kib: number) => (kib / 1024).toFixed(0);
    const { result } = measured;
    const lines = [
      '',
      '### With the worst cases of issue 12 mixed in',
      '',
      `Rounds of ${seconds} s, the same each time, until one adds at most ${RETURN_MIB} MiB (at most ${MAX_ROUNDS}): the ordinary mix, and one more client sending the ${WORST_CASES.length} cases of scripts/worst-cases.ts in a loop (${sent} requests in all), then ${SETTLE_MS / 1000} s idle.`,
      '',
      '| measure | value |',
      '| --- | ---: |',
      `| ordinary requests / failed (all rounds) | ${rounds.reduce((n, r) => n + r.result.requests.total, 0)} / ${failed} |`,
      `| of which non-2xx / errors / timeouts | ${rounds.map((r) => `${r.result.non2xx} / ${r.result.errors} / ${r.result.timeouts}`).join(', then ')} |`,
      `| ordinary latency p50 / p99 (ms, last round) | ${result.latency.p50} / ${result.latency.p99} |`,
      `| worst cases with an unexpected status | ${unexpected.length ? unexpected.slice(0, 5).join('; ') : 'none'} |`,
      `| workerd memory (MiB): fresh, then after each round | ${[fresh, ...rounds.map((r) => r.rss)].map(mib).join(', ')} |`,
      `| the last round's end above the one before (MiB; at most ${RETURN_MIB}) | ${mib(measured.rss - warm.rss)} |`,
      `| healthy afterwards | ${healthy ? 'yes' : 'no'} |`,
      '',
      `Verdict: ${ok ? '**pass**' : '**fail**'}${settled ? '' : ' (memory kept growing from one round to the next)'}.`,
    ];
    return { lines, ok };
  } finally {
    await server.stop();
  }
}

/** At most this much JS heap (after GC) may one more round of requests leave behind in-process. */
const RETAINED_MIB = 4;

/**
 * What the service itself keeps between requests, without workerd's heap sizing in the way: the app's
 * fetch in this process, the ordinary mix and one pass of the worst-case matrix per round, the JS heap
 * measured after a full GC. The second round must leave at most 4 MiB more than the first (caches are
 * bounded: zone spellings, formatters, funnel plans); a per-request leak would add its size × 600.
 */
async function heapPhase(): Promise<{ lines: string[]; ok: boolean }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const { app } = await import('../src/app');
  const log = console.log;
  const ask = async (path: string, init: RequestInit) =>
    (await app.fetch(new Request(`http://localhost${path}`, init), {})).text();
  const round = async () => {
    for (let i = 0; i < 600; i++) {
      const r = REQUESTS[i % REQUESTS.length] as autocannon.Request;
      await ask(r.path ?? '/', {
        method: r.method ?? 'GET',
        headers: (r.headers ?? {}) as Record<string, string>,
        body: r.body ?? null,
      });
    }
    for (const c of WORST_CASES) {
      const body = c.body?.();
      await ask(c.path, {
        method: c.method,
        headers: { 'content-type': c.contentType ?? 'application/json' },
        body: body ?? null,
      });
    }
    gc();
    gc();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  console.log = () => {};
  let heaps: number[];
  try {
    heaps = [await round(), await round(), await round()];
  } finally {
    console.log = log;
  }
  const [, second = 0, third = 0] = heaps;
  const ok = third - second <= RETAINED_MIB;
  const lines = [
    '',
    '### What the service keeps between requests (in-process)',
    '',
    `Three rounds, each 600 requests of the ordinary mix and one pass of the ${WORST_CASES.length} worst cases, through the app's fetch in Node; the JS heap after a full GC at the end of each round (MiB): ${heaps.map((h) => h.toFixed(1)).join(', ')}. The third round left ${(third - second).toFixed(1)} MiB more than the second (at most ${RETAINED_MIB}).`,
    '',
    `Verdict: ${ok ? '**pass**' : '**fail**'}.`,
  ];
  return { lines, ok };
}

async function main() {
  const control = await run(await startControlServer(port(8797)), [{ method: 'GET', path: '/health' }]);
  const service = await run(await startServer(port(8796)), REQUESTS);
  const hostile = await worstCasePhase();
  const retained = await heapPhase();
  const { result, memory, healthy } = service;
  const failed = result.non2xx + result.errors + result.timeouts;
  const ours = growth(memory);
  const baseline = growth(control.memory);
  // Local workerd's memory creeps up under sustained load even for a Worker that only answers "ok"
  // (the control); the service passes when it grows no more than 1.5 × the control, plus 32 MiB.
  const stable = ours.kib <= baseline.kib * 1.5 + 32 * 1024;
  // Memory is judged by the worst-case phase's rounds (workerd settles) and by the in-process heap (the
  // service keeps nothing); the comparison with the control is reported but not judged: a Worker answering
  // "ok" cannot show the heap sizing of 32 requests in flight that each build a timeline (see worstCasePhase).
  const ok = failed === 0 && healthy && hostile.ok && retained.ok;
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
    `Memory against the control: ${stable ? 'within' : 'above'} 1.5 × its growth plus 32 MiB (reported, not judged: the rounds below tell heap sizing from retention).`,
    '',
    `Verdict: ${ok ? '**pass**' : '**fail**'}.`,
    ...hostile.lines,
    ...retained.lines,
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
