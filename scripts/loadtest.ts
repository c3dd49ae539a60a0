// `npm run loadtest`: 32 concurrent connections against the local workerd server (`wrangler dev`) for
// a bounded time, with a mix of every endpoint. Passes when no request fails, memory settles, and the
// service is healthy afterwards. Writes its section of bench/RESULTS.md. Loopback only.
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { replaceSection, startServer } from './server';

const seconds = Number(process.env.LOADTEST_SECONDS ?? 30);
const CONNECTIONS = 32;
const json = { 'content-type': 'application/json' };
const example = (name: string) => readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');

const impact = JSON.stringify({
  outage: { timeZone: 'America/New_York', windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00' }] },
  campaigns: [{ id: 'fall-sale', timeZone: 'America/Los_Angeles', budget: { amount: '1200', period: 'day' }, cpm: '9.50', ctr: '0.011', cvr: '0.03', aov: '72', grossMargin: '0.4', recovery: { recapture: '0.5', cpmPremium: '0.1' } }],
  options: { timeline: 'hour', explain: true },
});
const csv =
  'id,budgetAmount,budgetPeriod,cpm,ctr,cvr,aov,outageStart,outageEnd\r\n' +
  Array.from({ length: 50 }, (_, i) => `c${i},${1000 + i},day,9.50,0.011,0.03,72,2021-10-04T15:39:00Z,2021-10-04T21:05:00Z`).join('\r\n');
const marketCap = JSON.stringify({ shareClasses: [{ shares: '2366277848' }, { shares: '415481668' }], price: { before: '343.01', after: '326.23' }, holders: [{ shares: '350000000' }] });
const value = '/v1/impact/value?budgetAmount=1200&budgetPeriod=day&cpm=9.50&ctr=0.011&outageStart=2021-10-04T15:39:00Z&outageEnd=2021-10-04T21:05:00Z&metric=lostClicks';

const REQUESTS: autocannon.Request[] = [
  { method: 'POST', path: '/v1/impact', headers: json, body: impact },
  { method: 'POST', path: '/v1/impact/batch', headers: { 'content-type': 'text/csv', accept: 'text/csv' }, body: csv },
  { method: 'GET', path: value },
  { method: 'POST', path: '/v1/platform-loss', headers: json, body: example('fortune-2021-10-04.json') },
  { method: 'POST', path: '/v1/market-cap', headers: json, body: marketCap },
  { method: 'GET', path: '/health' },
];

async function main() {
  const server = await startServer(8796);
  const memory: number[] = [server.rssKiB()];
  const sampler = setInterval(() => memory.push(server.rssKiB()), 2000);
  let result: autocannon.Result;
  let healthy = false;
  try {
    result = await autocannon({ url: server.url, connections: CONNECTIONS, duration: seconds, requests: REQUESTS, timeout: 30 });
    clearInterval(sampler);
    memory.push(server.rssKiB());
    healthy = (await fetch(`${server.url}/health`)).ok;
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
  const failed = result.non2xx + result.errors + result.timeouts;
  // Memory "settles" when, after a warm-up third (JIT, caches), the last third's peak is within 10 %
  // of the middle third's.
  const third = Math.max(1, Math.floor(memory.length / 3));
  const firstPeak = Math.max(...memory.slice(third, 2 * third));
  const lastPeak = Math.max(...memory.slice(2 * third));
  const stable = lastPeak <= firstPeak * 1.1;
  const ok = failed === 0 && healthy && stable;
  const mib = (kib: number) => (kib / 1024).toFixed(0);
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
    `| server memory (MiB, wrangler + workerd): start, middle-third peak, last-third peak, end | ${mib(memory[0] ?? 0)}, ${mib(firstPeak)}, ${mib(lastPeak)}, ${mib(memory[memory.length - 1] ?? 0)} |`,
    `| healthy afterwards | ${healthy ? 'yes' : 'no'} |`,
    '',
    `Verdict: ${ok ? '**pass**' : '**fail**'}${stable ? '' : ' (memory kept growing)'}.`,
  ].join('\n');
  const path = 'bench/RESULTS.md';
  let existing = '# Benchmark results\n\nWritten by `npm run bench` (engine, HTTP, batches, bundle) and `npm run loadtest` (load). Numbers are from the machine named in each section.\n';
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
