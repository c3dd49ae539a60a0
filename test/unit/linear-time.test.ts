import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../schemas/common';
import { parseCsv } from '../../src/csv/parse';
import { isPlainNumber, safeCell, writeCsv } from '../../src/csv/write';
import { timestampToInstant } from '../../src/engine/time';
import { readJson } from '../../src/http/json-reader';

/**
 * Linear-time text handling (DESIGN.md section 9): each function that input reaches is fed a 1 MB
 * adversarial string and an eighth of it; the work may grow about eight times. A quadratic one would grow
 * sixty-four times (the writer took 12 s on 160 KB), so the bound is a ratio of 24 (room for the
 * garbage collector, whose work grows with the live heap), on the fastest of several runs; no absolute timing.
 * Time is this process's CPU time, not the wall clock, so other processes on a busy machine do not count.
 */
const MB = 1_000_000;

/** CPU milliseconds of this process since `since` (user + system). */
function cpuMs(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** CPU milliseconds one call takes, over as many calls as fill about 20 ms (timer and GC noise average out). */
function timeOf(fn: () => unknown, calls: number): number {
  const t = process.cpuUsage();
  for (let k = 0; k < calls; k++) fn();
  return cpuMs(t) / calls;
}

/**
 * Time for the full input over time for an eighth of it (8 when linear, 64 when quadratic): the two are timed
 * in turn, seven times, and the fastest of each kept, so that a burst of load on a shared machine (the
 * test suite runs files in parallel) slows one timing, not the ratio.
 */
function growth(make: (size: number) => string, fn: (text: string) => unknown): number {
  const half = make(MB / 8);
  const full = make(MB);
  const start = process.cpuUsage();
  fn(full); // warms up the JIT on the larger input, and sizes the batches
  const calls = Math.max(1, Math.ceil(20 / Math.max(cpuMs(start), 0.01)));
  let bestHalf = Number.POSITIVE_INFINITY;
  let bestFull = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 7; run++) {
    bestHalf = Math.min(
      bestHalf,
      timeOf(() => fn(half), calls),
    );
    bestFull = Math.min(
      bestFull,
      timeOf(() => fn(full), calls),
    );
  }
  return bestFull / Math.max(bestHalf, 0.001);
}

/** parseCsv with the service's limits; the 413 it stops with is the expected outcome here. */
function parseWithRealLimits(text: string): unknown {
  try {
    return parseCsv(text);
  } catch (err) {
    return err;
  }
}

const BIG_LIMITS = { rows: MB, cellChars: 2 * MB, columns: MB };

describe('work grows linearly with the input', () => {
  it.each([
    [
      'the CSV writer on 1…1x (the issue: quadratic number test)',
      (n: number) => `${'1'.repeat(n - 1)}x`,
      (t: string) => writeCsv(['a'], [[t]]),
    ],
    ['the number test on 1…1.1…1e', (n: number) => `${'1'.repeat(n / 2)}.${'1'.repeat(n / 2 - 2)}e`, isPlainNumber],
    ['the formula guard on ;-;-;- …', (n: number) => '; -'.repeat(Math.floor(n / 3)), safeCell],
    ['the formula guard on blanks after a separator', (n: number) => `,${'\u3000'.repeat(n - 2)}=`, safeCell],
    [
      'the CSV parser on one quoted cell of doubled quotes',
      (n: number) => `"${'""'.repeat(n / 2 - 1)}"`,
      (t: string) => parseCsv(t, BIG_LIMITS),
    ],
    // With the real limits reading stops at row 10,001: the work on 1 MB is bounded, not only linear.
    ['the CSV parser on commas and line ends', (n: number) => ',\n'.repeat(n / 2), parseWithRealLimits],
    ['the CSV parser on one long unquoted cell', (n: number) => 'a'.repeat(n), (t: string) => parseCsv(t, BIG_LIMITS)],
    ['decimal parsing on 1…1x', (n: number) => `${'1'.repeat(n - 1)}x`, (t: string) => parseDecimal(t)],
    ['decimal parsing on 1e1e1e…', (n: number) => '1e'.repeat(n / 2), (t: string) => parseDecimal(t)],
    [
      'time-stamp parsing on 2021-…',
      (n: number) => `2021-10-04T${'1'.repeat(n - 11)}`,
      (t: string) => timestampToInstant(t, 'UTC'),
    ],
    [
      'time-stamp parsing on digits and colons',
      (n: number) => '1:'.repeat(n / 2),
      (t: string) => timestampToInstant(t, 'UTC'),
    ],
    [
      'the JSON reader on a long array of numbers',
      (n: number) => `[${'1,'.repeat(n / 2 - 1)}1]`,
      (t: string) => readJson(t, 64, MB),
    ],
    [
      'the JSON reader on a long string of escapes',
      (n: number) => `"${'\\n'.repeat(n / 2 - 1)}"`,
      (t: string) => readJson(t),
    ],
  ])(
    '%s',
    (_, make, fn) => {
      expect(growth(make, fn)).toBeLessThan(24);
    },
    60_000,
  );
});
