// `npm run lint:openapi`: lints openapi.json with Redocly (recommended ruleset, redocly.yaml) and Spectral
// (spectral:oas, .spectral.yaml), and fails on any error or warning. A rule we accept is switched off with
// its reason in one of those two files, never left to warn. Both run offline.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
// No telemetry or update checks: CI has no network but the package registries.
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  SCARF_ANALYTICS: 'false',
};

interface RedoclyReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

function redocly(): boolean {
  const run = spawnSync(bin('redocly'), ['lint', 'openapi.json', '--format', 'json'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  let report: RedoclyReport;
  try {
    report = JSON.parse(run.stdout) as RedoclyReport;
  } catch {
    console.error(`redocly lint did not run:\n${run.stdout}${run.stderr}`);
    return false;
  }
  for (const p of report.problems)
    console.log(`  ${p.severity.padEnd(5)}  ${p.ruleId}  ${p.location[0]?.pointer ?? ''}  ${p.message}`);
  console.log(
    `redocly lint (recommended): ${report.totals.errors} errors, ${report.totals.warnings} warnings, ${report.totals.ignored} ignored with a reason in .redocly.lint-ignore.yaml`,
  );
  return report.totals.errors === 0 && report.totals.warnings === 0;
}

function spectral(): boolean {
  const run = spawnSync(
    bin('spectral'),
    ['lint', 'openapi.json', '--ruleset', '.spectral.yaml', '--fail-severity', 'warn'],
    { cwd: root, env, encoding: 'utf8' },
  );
  process.stdout.write(run.stdout.replace(/^\s*\n/, ''));
  if (run.stderr.trim()) process.stderr.write(run.stderr);
  console.log(`spectral lint (spectral:oas): ${run.status === 0 ? 'no errors or warnings' : 'failed'}`);
  return run.status === 0;
}

const ok = [redocly(), spectral()].every(Boolean);
process.exit(ok ? 0 : 1);
