import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { WORST_CASES } from '../../scripts/worst-cases';

/**
 * Proof under the real limits (issue 12): every case of the worst-case matrix, run in turn against the
 * app's fetch in ONE child Node process with a 128 MB heap (a Worker isolate's memory), answers a status
 * it may answer (200, 413 or 422) and the process never dies. `npm run bench` measures each case alone.
 */
describe('the worst-case matrix in a 128 MB Node process', () => {
  it('answers every case with its expected status and never crashes', () => {
    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=128', '--expose-gc', '--import', 'tsx', 'scripts/worst-case-child.ts'],
      { encoding: 'utf8' },
    );
    const results = child.stdout
      .split('\n')
      .filter((line) => line.startsWith('{"name"'))
      .map((line) => JSON.parse(line) as { name: string; status: number });
    expect(child.status, child.stderr.slice(-2000)).toBe(0);
    expect(results.map((r) => r.name)).toEqual(WORST_CASES.map((c) => c.name));
    for (const [i, r] of results.entries())
      expect(WORST_CASES[i]?.expect, `${r.name}: ${r.status}`).toContain(r.status);
  }, 240_000);
});
