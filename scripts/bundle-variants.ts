/**
 * What would it take to bring the API Worker's bundle to 110 KiB gzipped? `npx tsx scripts/bundle-variants.ts`
 * builds the bundle as wrangler deploys it and then variants whose `[alias]` entries swap parts for empty stand-ins,
 * as if each part were its own Worker behind a service binding: the /mcp route; the CSV batch and import routes
 * (with src/csv); the event study and market-cap routes (with jstat-esm); the platform and catalogue routes. It
 * prints each build's gzipped size and its cold start (CPU of a fresh workerd process to its first GET /health,
 * scripts/bench-cold-start.ts), and the schema descriptions' and examples' share of the bundle (what moving them
 * to the static document could save at most). The variants are measurements only: they drop features, and
 * nothing deploys them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { measureColdStart } from './bench-cold-start';

/** A router with no routes: what app.route() reads of a sub-app (src/app.ts mounts each routes module so). */
const NO_ROUTES = (name: string) => `export const ${name} = { routes: [] };\n`;

/** Each stub: the import specifier it replaces (wrangler matches an alias key exactly) and its code. */
const STUBS = {
  mcp: [['./routes/mcp', 'export function mountMcp(_app: unknown) {}\n']],
  csv: [
    ['./routes/batch', NO_ROUTES('batchRoutes')],
    ['./routes/import', NO_ROUTES('importRoutes')],
  ],
  // src/mcp/tools.ts imports these routes too: only measured together with the mcp stub.
  eventStudy: [
    ['./routes/event-study', NO_ROUTES('eventStudyRoutes')],
    ['./routes/market-cap', NO_ROUTES('marketCapRoutes')],
  ],
  platformAndCatalogue: [
    ['./routes/platform', NO_ROUTES('platformRoutes')],
    ['./routes/catalogue', NO_ROUTES('catalogueRoutes')],
  ],
} as const;

const VARIANTS: { name: string; stubs: (keyof typeof STUBS)[] }[] = [
  { name: 'as deployed', stubs: [] },
  { name: 'without /mcp', stubs: ['mcp'] },
  { name: 'without the CSV batch and import', stubs: ['csv'] },
  { name: 'without /mcp, the CSV batch and import', stubs: ['mcp', 'csv'] },
  {
    name: 'without /mcp, the CSV batch and import, the event study and market cap',
    stubs: ['mcp', 'csv', 'eventStudy'],
  },
  // The floor of this way: POST /v1/impact, /health, /openapi.json and /docs alone.
  { name: 'only /v1/impact, /health and the documents', stubs: ['mcp', 'csv', 'eventStudy', 'platformAndCatalogue'] },
];

const CONFIG = 'wrangler.toml';
const VARIANT_CONFIG = '.bundle-variant.wrangler.toml';

function build(stubs: readonly (keyof typeof STUBS)[], dir: string): string {
  const aliases = stubs.flatMap((s) =>
    STUBS[s].map(([specifier, code], i) => {
      const file = join(dir, `${s}-${i}.ts`);
      writeFileSync(file, code);
      return `"${specifier}" = "${file}"`;
    }),
  );
  const config = readFileSync(CONFIG, 'utf8').replace(/^\[alias\]$/m, `[alias]\n${aliases.join('\n')}`);
  writeFileSync(VARIANT_CONFIG, config);
  const out = join(dir, `out-${stubs.join('-') || 'deployed'}`);
  try {
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--config', VARIANT_CONFIG, '--outdir', out], {
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      stdio: 'ignore',
    });
  } finally {
    rmSync(VARIANT_CONFIG, { force: true });
  }
  return join(out, 'index.js');
}

/** Every `description` and `example(s)` string literal of the bundle, gzipped together: an upper bound. */
function documentationStrings(bundle: string): number {
  const code = readFileSync(bundle, 'utf8');
  const strings = [...code.matchAll(/(?:description|summary|example|title):("(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)/g)];
  return gzipSync(strings.map((m) => m[1]).join('\n')).byteLength;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-variants-'));
  const port = Number(process.env.BENCH_COLD_START_PORT ?? 9306);
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(CONFIG, 'utf8'))?.[1] ?? '';
  try {
    console.log('| build | gzipped KiB | saved KiB | cold start CPU ms (empty Worker) |');
    console.log('| --- | ---: | ---: | ---: |');
    let base = 0;
    let deployed = '';
    for (const variant of VARIANTS) {
      const bundle = build(variant.stubs, dir);
      deployed ||= bundle;
      const kib = gzipSync(readFileSync(bundle)).byteLength / 1024;
      base ||= kib;
      const cold = await measureColdStart(bundle, { port, runs: 7, compatibilityDate });
      console.log(
        `| ${variant.name} | ${kib.toFixed(1)} | ${(base - kib).toFixed(1)} |` +
          ` ${cold.bundleMs.toFixed(1)} (${cold.emptyWorkerMs.toFixed(1)}) |`,
      );
    }
    console.log(
      `\nDescriptions, summaries, titles and examples in the deployed bundle: ` +
        `${(documentationStrings(deployed) / 1024).toFixed(1)} KiB gzipped on their own (at most that to save).`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
