// Part of `npm run bench`: the worst-case matrix of issue 12 (scripts/worst-cases.ts), each case in its
// own child `node --max-old-space-size=128` (a Worker isolate's memory) calling the app's fetch. Prints
// each case's status, CPU time and the rise of the process's peak resident memory, and fails on a crash
// or an unexpected status. Targets (DESIGN.md section 9): every admitted request under 1 s of CPU and 64 MiB.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { replaceSection } from './server';
import { WORST_CASES } from './worst-cases';

interface Result {
  name: string;
  status: number;
  cpuMs: number;
  peakRiseMiB: number;
  answerBytes: number;
}

const rows: string[] = [];
let failures = 0;
WORST_CASES.forEach((c, i) => {
  const child = spawnSync(
    process.execPath,
    ['--max-old-space-size=128', '--expose-gc', '--import', 'tsx', 'scripts/worst-case-child.ts', String(i)],
    { encoding: 'utf8' },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith('{"name"'));
  if (child.status !== 0 || !line) {
    failures++;
    rows.push(`| ${c.name} | crashed (exit ${child.status}) | | | |`);
    return;
  }
  const r = JSON.parse(line) as Result;
  const ok = c.expect.includes(r.status);
  const cpuOver = r.status === 200 && r.cpuMs > 1000 ? ' (over target)' : '';
  const heapOver = r.status === 200 && r.peakRiseMiB > 64 ? ' (over target)' : '';
  if (!ok) failures++;
  rows.push(
    `| ${c.name} | ${r.status}${ok ? '' : ' (unexpected)'} | ${r.cpuMs.toFixed(0)}${cpuOver} | ${r.peakRiseMiB.toFixed(1)}${heapOver} | ${r.answerBytes} |`,
  );
});
const table = [
  '| case | status | CPU ms | peak RSS rise MiB | answer bytes |',
  '| --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
console.log(table);
// Only the table's section is rewritten: the rest of the file (the load test's memory notes) is kept.
const LIMITS = 'bench/LIMITS.md';
const intro =
  "# Worst cases under the isolate's limits\n\nWritten by `npm run bench` (scripts/bench-limits.ts): each case of " +
  "scripts/worst-cases.ts in a child `node --max-old-space-size=128`, calling the app's fetch. CPU is the child's " +
  "user + system time for the request; memory is how far the child's peak resident set rose during it.\n";
writeFileSync(LIMITS, replaceSection(existsSync(LIMITS) ? readFileSync(LIMITS, 'utf8') : intro, 'limits', table));
if (failures) {
  console.error(`${failures} case(s) crashed or answered an unexpected status`);
  process.exit(1);
}
