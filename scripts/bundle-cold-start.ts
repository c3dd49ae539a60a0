/**
 * Did a bundle change make the cold start cheaper? `npx tsx scripts/bundle-cold-start.ts [--runs N] a.js b.js …`
 * starts a fresh workerd process on each bundle (and on an empty Worker), in turn, N times (default 9), and prints
 * the median CPU to the first answer of GET /health and of the bench's one-campaign POST /v1/impact, each bundle
 * against the first and against the empty Worker (scripts/bench-cold-start.ts). Port: BENCH_COLD_START_PORT.
 */
import { readFileSync } from 'node:fs';
import { compareColdStarts, type FirstRequest } from './bench-cold-start';
import { SHAPES } from './bench-shapes';

/** The bench's one-campaign request (scripts/bench.ts ONE_CAMPAIGN): an even daily budget, one 2-hour window. */
const ONE = SHAPES['even daily budget, one 2-hour window'] as { outage: object; campaign: object };
const ONE_CAMPAIGN_BODY = { outage: ONE.outage, campaigns: [ONE.campaign] };

const REQUESTS: Record<string, FirstRequest> = {
  'GET /health': { path: '/health' },
  'POST /v1/impact, one campaign': {
    path: '/v1/impact',
    init: { method: 'POST', body: JSON.stringify(ONE_CAMPAIGN_BODY), headers: { 'content-type': 'application/json' } },
  },
};

function parseArgs(argv: string[]): { runs: number; bundles: string[] } {
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 9;
  const bundles = argv.filter((_, i) => i !== runsAt && i !== runsAt + 1);
  if (!Number.isInteger(runs) || runs < 1 || bundles.length === 0) {
    throw new Error('usage: tsx scripts/bundle-cold-start.ts [--runs N] <bundle.js> [<bundle.js> …]');
  }
  return { runs, bundles };
}

async function main() {
  const { runs, bundles } = parseArgs(process.argv.slice(2));
  const port = Number(process.env.BENCH_COLD_START_PORT ?? 9306);
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync('wrangler.toml', 'utf8'))?.[1];
  console.log(`Cold start, CPU ms to the first answer (fresh workerd process, median of ${runs})\n`);
  console.log('| first request | bundle | CPU ms | against the first | ratio to the empty Worker |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const [name, request] of Object.entries(REQUESTS)) {
    const result = await compareColdStarts(bundles, {
      port,
      runs,
      compatibilityDate: compatibilityDate ?? '',
      request,
    });
    const first = result.bundlesMs[0] as number;
    result.bundlesMs.forEach((ms, i) => {
      const delta = i === 0 ? '' : `${ms - first >= 0 ? '+' : ''}${(ms - first).toFixed(1)}`;
      const ratio = (ms / result.emptyWorkerMs).toFixed(2);
      console.log(`| ${name} | ${bundles[i]} (${result.statuses[i]}) | ${ms.toFixed(1)} | ${delta} | ${ratio}× |`);
    });
    console.log(`| ${name} | empty Worker | ${result.emptyWorkerMs.toFixed(1)} | | |`);
  }
}

await main();
