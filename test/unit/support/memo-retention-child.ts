/**
 * Run by test/unit/memo-bounds.test.ts in a child `node --expose-gc`: the heap a full GC leaves after 999 campaigns
 * whose spend.start is a distinct 5,000-character text, and after 999 distinct 5,000-character result indicators,
 * each read by the paths that memoise what they read. Prints the two growths in bytes, one per line.
 */
import { conversionEventOf } from '../../../src/csv/import/meta';
import { flatCampaignSpec } from '../../../schemas/flat-campaign';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

function retained(read: (i: number) => void): number {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 999; i++) read(i);
  gc?.();
  return process.memoryUsage().heapUsed - before;
}

const long = (i: number) => String(i).padStart(6, '0') + 'x'.repeat(5_000);
console.log(
  retained((i) => flatCampaignSpec({ spend: { amount: '100', start: long(i), end: '2024-01-08T00:00:00' } })),
);
console.log(retained((i) => conversionEventOf(`actions:${long(i)}`)));
