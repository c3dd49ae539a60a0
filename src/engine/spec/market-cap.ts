import type Decimal from 'decimal.js';
import type { BenchmarkMove, PriceMove } from '../market-cap';
import type { SpecProblem, SpecResult } from './problems';

/**
 * Market-cap arithmetic's input rules (DESIGN.md section 6), written once: which forms of the price move,
 * the benchmark and the company's size go together. The schemas parse the fields and call these; the event
 * study shares the company-size rule. Paths are relative to the object each rule reads.
 */

export const PRICE_BOTH = 'give only one of `after` and `changePercent`';
export const PRICE_NEITHER = 'give the price after the move as `after` or `changePercent`';
export const BENCHMARK_BOTH = 'give either `changePercent` or the levels `before` and `after`, not both';
export const BENCHMARK_NEITHER = 'give the benchmark move as `changePercent`, or as both levels `before` and `after`';
export const SIZE_BOTH = 'give only one of `shareClasses` and `marketCap`';
export const SIZE_NEITHER = 'give the shares outstanding as `shareClasses`, or the market cap as `marketCap`';

/** The share-price move: `before` with exactly one of `after` and `changePercent`. */
export function priceMoveOf(p: { before: Decimal; after?: Decimal; changePercent?: Decimal }): SpecResult<PriceMove> {
  const { before, after, changePercent } = p;
  if (after !== undefined && changePercent === undefined) return { spec: { before, after } };
  if (changePercent !== undefined && after === undefined) return { spec: { before, changePercent } };
  if (after !== undefined) {
    return {
      problems: [
        { path: ['after'], message: PRICE_BOTH },
        { path: ['changePercent'], message: PRICE_BOTH },
      ],
    };
  }
  return { problems: [{ path: ['after'], message: PRICE_NEITHER }] };
}

/** The benchmark's move: `changePercent`, or both levels `before` and `after`; beta comes along. */
export function benchmarkMoveOf(b: {
  changePercent?: Decimal;
  before?: Decimal;
  after?: Decimal;
  beta: Decimal;
}): SpecResult<BenchmarkMove & { beta: Decimal }> {
  const { changePercent, before, after, beta } = b;
  const levels = before !== undefined || after !== undefined;
  if (changePercent !== undefined && !levels) return { spec: { changePercent, beta } };
  if (changePercent === undefined && before !== undefined && after !== undefined)
    return { spec: { before, after, beta } };
  if (changePercent !== undefined) {
    const level = before !== undefined ? 'before' : 'after';
    return {
      problems: [
        { path: ['changePercent'], message: BENCHMARK_BOTH },
        { path: [level], message: BENCHMARK_BOTH },
      ],
    };
  }
  return { problems: [{ path: [before === undefined ? 'before' : 'after'], message: BENCHMARK_NEITHER }] };
}

/**
 * The company's size is `shareClasses` or `marketCap`, never both (and, where `required`, one of them).
 * Reads only which keys are there, so it can run when another field failed to parse.
 */
export function companySizeProblems(
  body: { shareClasses?: unknown; marketCap?: unknown },
  { required }: { required: boolean },
): SpecProblem[] {
  const given = (['shareClasses', 'marketCap'] as const).filter((key) => body[key] !== undefined);
  if (given.length === 1 || (given.length === 0 && !required)) return [];
  if (given.length) return given.map((key) => ({ path: [key], message: SIZE_BOTH }));
  return [{ path: ['shareClasses'], message: SIZE_NEITHER }];
}
