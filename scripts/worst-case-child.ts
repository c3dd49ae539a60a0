// One process of the worst-case matrix: `node --max-old-space-size=128 --expose-gc --import tsx
// scripts/worst-case-child.ts [index]` runs the case at `index` (or every case, in turn) against the app's
// fetch and prints one JSON line per case. The parent (bench-limits.ts, the unit test) judges them.
import { app } from '../src/app';
import { runCase, WORST_CASES } from './worst-cases';

const only = process.argv[2];
const cases = only === undefined ? WORST_CASES : [WORST_CASES[Number(only)]];
for (const c of cases) {
  if (!c) throw new Error(`no case ${only}`);
  const result = await runCase((request) => app.fetch(request, {}), c);
  console.log(JSON.stringify({ name: c.name, ...result }));
}
