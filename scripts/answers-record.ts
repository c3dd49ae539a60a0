/**
 * The differential check of a performance change (bench/PERF-NOTES.md): `npx tsx scripts/answers-record.ts
 * <bundle.js> <out.txt> [count]` sends a built Worker `count` random POST /v1/impact requests (3,000 unless told),
 * the same ones on every run (fast-check's fixed seed, the fuzz tests' arbitraries: every budget period, 24- and
 * 168-weight profiles, flights, ranges, recovery, timelines, explain, half-up, a seeded simulation in one request
 * of four with each distribution, a tornado in one of four) and writes each answer's status and body, request ids aside, one a
 * line. Record with the bundle before and the bundle after a change, then `cmp` the two files.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { extremeImpactModel, impactJson, impactModel } from '../test/api/fuzz/arbitraries/impact';
import { loadWorker } from './bench-requests';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const simulation = fc.record({
  draws: fc.integer({ min: 1, max: 3000 }),
  seed: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  distribution: fc.constantFrom('uniform', 'triangular', 'pert'),
});

/** A request body: an ordinary or an extreme impact request, one in four with a simulation. */
const body = fc
  .tuple(
    fc.oneof(impactModel(3), extremeImpactModel),
    fc.option(simulation, { freq: 3, nil: undefined }),
    fc.option(fc.constantFrom('lostRevenue', 'recapturedSpend', 'netContributionChange'), { freq: 3, nil: undefined }),
  )
  .map(([model, sim, tornado]) => {
    const json = impactJson(model) as { options?: Record<string, unknown> };
    if (sim) json.options = { ...json.options, simulation: sim };
    if (tornado) json.options = { ...json.options, sensitivity: true, sensitivityMetric: tornado };
    return JSON.stringify(json);
  });

async function main(): Promise<number> {
  const [bundle, out, count] = process.argv.slice(2);
  if (!bundle || !out) {
    console.error('usage: tsx scripts/answers-record.ts <bundle.js> <out.txt> [count]');
    return 2;
  }
  const fetch = await loadWorker(bundle);
  const bodies = fc.sample(body, { numRuns: Number(count ?? 3000), seed: 20_261_205 });
  const log = console.log;
  console.log = () => {};
  const lines: string[] = [];
  const statuses = new Map<number, number>();
  for (const text of bodies) {
    const init = { method: 'POST', body: text, headers: { 'content-type': 'application/json' } };
    const res = await fetch(new Request('http://localhost/v1/impact', init));
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    lines.push(`${res.status} ${(await res.text()).replace(UUID, '<id>')}`);
  }
  console.log = log;
  writeFileSync(out, `${lines.join('\n')}\n`);
  console.error(`${bodies.length} answers written to ${out}; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  return 0;
}

process.exit(await main());
