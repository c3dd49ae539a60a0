import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The memos that live across requests (a time stamp read in a zone, an export's result indicators) keep short
 * texts only. Kept, 999 distinct texts of 5,006 characters would hold 999 × 5,006 ≈ 5.0 MB (one byte a Latin-1
 * character); read each time, what a GC leaves is a few hundred KB of the JIT's and the maps' own. The bound,
 * 2 MB, sits between the two.
 */
describe('memos that outlive a request', () => {
  it('do not keep long texts (the heap after GC, in a child process)', () => {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'test/unit/support/memo-retention-child.ts'],
      { encoding: 'utf8' },
    );
    expect(child.status, child.stderr).toBe(0);
    const [instants, events] = child.stdout.trim().split('\n').map(Number);
    expect(instants).toBeLessThan(2_000_000);
    expect(events).toBeLessThan(2_000_000);
  });
});
