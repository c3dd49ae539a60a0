import type Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal';
import { InputError } from '../../src/engine/errors';
import { type EventStudyInput, estimateEventStudy, type PricePoint } from '../../src/engine/event-study';
import { twoSidedPValue } from '../../src/engine/student-t';

/** YYYY-MM-DD of 1 January 2021 + k days (the engine only needs ascending dates, not real trading days). */
const dateOf = (k: number) => new Date(Date.UTC(2021, 0, 1 + k)).toISOString().slice(0, 10);

/** Closes whose simple returns are exactly `returns` (to 35 digits): close_0 = 100, close_k = close_(k−1) × (1 + r_k). */
function pricesFrom(returns: readonly string[]): PricePoint[] {
  const closes = [new D(100)];
  for (const r of returns) closes.push((closes.at(-1) as Decimal).times(new D(1).plus(r)));
  return closes.map((close, k) => ({ date: dateOf(k), close }));
}

/**
 * The hand-worked series: 32 estimation days in 8 blocks of four, then the event day.
 *   Rm per block:  +0.01, −0.01, +0.01, −0.01
 *   ε  per block:  +0.01, +0.01, −0.01, −0.01      (Σε = 0 and Σ Rm·ε = 0.0001 − 0.0001 − 0.0001 + 0.0001 = 0)
 *   R = 0.0005 + 1.5·Rm + ε:  0.0255, −0.0045, 0.0055, −0.0245
 * Event day (offset 0): Rm = −0.02, R = −0.05.
 */
const BLOCK_RM = ['0.01', '-0.01', '0.01', '-0.01'];
const BLOCK_R = ['0.0255', '-0.0045', '0.0055', '-0.0245'];
const handRm = [...Array.from({ length: 8 }, () => BLOCK_RM).flat(), '-0.02'];
const handR = [...Array.from({ length: 8 }, () => BLOCK_R).flat(), '-0.05'];

function handInput(overrides: Partial<EventStudyInput> = {}): EventStudyInput {
  return {
    prices: pricesFrom(handR),
    benchmark: pricesFrom(handRm),
    eventDate: dateOf(33),
    estimationWindow: [-32, -1],
    eventWindow: [0, 0],
    model: 'market',
    ...overrides,
  };
}

const at = (v: Decimal | null, places = 20) => v?.toDecimalPlaces(places).toString();

describe('the market model on a hand-worked series', () => {
  const r = estimateEventStudy(handInput());

  it('estimates α̂, β̂, σ̂² and R² by ordinary least squares', () => {
    // mean Rm = 0 (the ±0.01 cancel in each block); mean R = (0.0255 − 0.0045 + 0.0055 − 0.0245) ÷ 4 = 0.002 ÷ 4 = 0.0005
    expect(at(r.sums.meanBenchmark)).toBe('0');
    expect(at(r.sums.meanStock)).toBe('0.0005');
    // Sxx = 32 × 0.01² = 0.0032; Sxy = Σ Rm·R = 8 × 0.01 × (0.0255 + 0.0045 + 0.0055 + 0.0245) = 8 × 0.0006 = 0.0048
    expect(at(r.sums.sxx)).toBe('0.0032');
    expect(at(r.sums.sxy)).toBe('0.0048');
    // β̂ = 0.0048 ÷ 0.0032 = 1.5; α̂ = 0.0005 − 1.5 × 0 = 0.0005
    expect(at(r.beta)).toBe('1.5');
    expect(at(r.alpha)).toBe('0.0005');
    // the residuals are the ε: Σε̂² = 32 × 0.0001 = 0.0032; σ̂² = 0.0032 ÷ (32 − 2) = 0.000106666…
    expect(at(r.sums.sumSquaredResiduals)).toBe('0.0032');
    expect(r.degreesOfFreedom).toBe(30);
    expect(at(r.residualVariance)).toBe('0.00010666666666666667');
    // Syy = Σ(1.5·Rm + ε)² = 2.25 × 0.0032 + 0 + 0.0032 = 0.0104; R² = 1 − 0.0032 ÷ 0.0104 = 9/13 = 0.692307692307…
    expect(at(r.sums.syy)).toBe('0.0104');
    expect(at(r.rSquared)).toBe('0.69230769230769230769');
  });

  it('tests the event day against the exact prediction-error variance', () => {
    // expected = 0.0005 + 1.5 × (−0.02) = −0.0295; AR = −0.05 − (−0.0295) = −0.0205
    const [day] = r.days;
    expect(at(day?.expectedReturn ?? null)).toBe('-0.0295');
    expect(at(day?.abnormalReturn ?? null)).toBe('-0.0205');
    expect(at(r.car)).toBe('-0.0205');
    // q = L + L²/n + (S* − L·mean Rm)² ÷ Sxx = 1 + 1/32 + (−0.02)² ÷ 0.0032 = 1 + 0.03125 + 0.125 = 1.15625
    expect(at(r.varianceFactor)).toBe('1.15625');
    // Var(CAR) = 0.0032/30 × 1.15625 = 0.0037/30 = 0.000123333…; sd = √ = 0.0111055541659717878…
    expect(at(r.carVariance)).toBe('0.00012333333333333333');
    expect(at(r.carStdDev, 15)).toBe('0.011105554165972');
    // t = −0.0205 ÷ 0.0111055541659717878 = −1.8459231924520674…
    expect(at(r.t, 12)).toBe('-1.845923192452');
    // p: a t-table for 30 df gives 1.697 at two-sided 0.10 and 2.042 at 0.05, so 0.05 < p < 0.10
    // (scipy.stats.t.cdf(−1.845923, 30) × 2 = 0.0747926, computed apart from this code).
    expect(r.pValue?.toNumber()).toBeGreaterThan(0.05);
    expect(r.pValue?.toNumber()).toBeLessThan(0.1);
    expect(r.pValue?.toDecimalPlaces(6).toString()).toBe('0.074793');
  });

  it('names the windows by their dates and the close the market cap is taken at', () => {
    expect(r.estimation).toEqual({ offsets: [-32, -1], start: dateOf(1), end: dateOf(32), days: 32 });
    expect(r.event).toEqual({ offsets: [0, 0], start: dateOf(33), end: dateOf(33), days: 1 });
    expect(r.dateBeforeEvent).toBe(dateOf(32));
  });
});

describe('properties', () => {
  // A benchmark pattern with no structure a reader must trust: returns −0.03 … +0.03 in steps of 0.01, repeated.
  const pattern = (k: number) => new D(((k * 5) % 7) - 3).dividedBy(100);
  const noiseFree = (alpha: string, beta: string, days: number) => {
    const rm = Array.from({ length: days }, (_, k) => pattern(k));
    const r = rm.map((x) => new D(alpha).plus(new D(beta).times(x)));
    return { prices: pricesFrom(r.map(String)), benchmark: pricesFrom(rm.map(String)) };
  };

  it.each([
    ['0.001', '1.3'],
    ['-0.0004', '0.7'],
    ['0', '-0.5'],
  ])('recovers α = %s and β = %s exactly from a noise-free series, where no test is possible', (alpha, beta) => {
    const series = noiseFree(alpha, beta, 60);
    const r = estimateEventStudy({
      ...series,
      eventDate: dateOf(50),
      estimationWindow: [-45, -5],
      eventWindow: [0, 3],
      model: 'market',
    });
    expect(at(r.alpha)).toBe(new D(alpha).toString());
    expect(at(r.beta)).toBe(new D(beta).toString());
    expect(at(r.residualVariance)).toBe('0');
    expect(at(r.rSquared)).toBe('1');
    expect(r.days.every((d) => at(d.abnormalReturn) === '0')).toBe(true);
    expect(r.t).toBeNull();
    expect(r.pValue).toBeNull();
  });

  it('gives CAR over [0, 0] equal to the event day’s abnormal return, and CAR over a window their sum', () => {
    const one = estimateEventStudy(handInput());
    expect(one.car.equals(one.days[0]?.abnormalReturn as Decimal)).toBe(true);
    const series = noiseFree('0.001', '1.2', 60);
    const wide = estimateEventStudy({
      ...series,
      prices: series.prices.map((p, i) => (i === 51 ? { ...p, close: p.close.times('0.97') } : p)),
      eventDate: dateOf(50),
      estimationWindow: [-45, -5],
      eventWindow: [-1, 2],
      model: 'market',
    });
    const total = wide.days.reduce((a, d) => a.plus(d.abnormalReturn), new D(0));
    expect(wide.car.equals(total)).toBe(true);
    expect(wide.days.at(-1)?.car.equals(wide.car)).toBe(true);
  });

  it('market-adjusted: abnormal return = return − benchmark return, with q = L and n − 1 degrees of freedom', () => {
    const r = estimateEventStudy(handInput({ model: 'market-adjusted', eventWindow: [0, 0] }));
    // −0.05 − (−0.02) = −0.03
    expect(at(r.days[0]?.abnormalReturn ?? null)).toBe('-0.03');
    expect(r.days.every((d) => d.abnormalReturn.equals(d.return.minus(d.benchmarkReturn)))).toBe(true);
    expect([at(r.alpha), at(r.beta), at(r.varianceFactor), r.degreesOfFreedom]).toEqual(['0', '1', '1', 31]);
    // AR on the estimation days = 0.0005 + 0.5·Rm + ε: 0.0155, 0.0055, −0.0045, −0.0145 (mean 0.0005)
    // Σ(AR − mean)² = 8 × (0.015² + 0.005² + 0.005² + 0.015²) = 8 × 0.0005 = 0.004; σ̂² = 0.004 ÷ 31
    expect(at(r.residualVariance)).toBe(at(new D('0.004').dividedBy(31)));
  });

  it('constant-mean: expected return = the estimation-window mean, q = L + L²/n', () => {
    const r = estimateEventStudy(handInput({ model: 'constant-mean' }));
    // mean R = 0.0005, so AR = −0.05 − 0.0005 = −0.0505; q = 1 + 1/32 = 1.03125; σ̂² = Syy ÷ 31 = 0.0104 ÷ 31
    expect([at(r.alpha), at(r.beta), at(r.days[0]?.abnormalReturn ?? null), at(r.varianceFactor)]).toEqual([
      '0.0005',
      '0',
      '-0.0505',
      '1.03125',
    ]);
    expect(at(r.residualVariance)).toBe(at(new D('0.0104').dividedBy(31)));
    expect(r.degreesOfFreedom).toBe(31);
  });
});

describe('the two-sided p-value (jstat)', () => {
  it.each([
    // t-tables: 1.984 is the two-sided 5 % point for 100 df, so t = 2.0 lies just beyond it: p ≈ 0.0482
    ['2.0', 100, '0.0482'],
    ['-2.0', 100, '0.0482'],
    // the 5 % points of the table: 2.228 for 10 df, 2.042 for 30 df; 1.960 for the normal (1,000,000 df)
    ['2.228', 10, '0.0500'],
    ['2.042', 30, '0.0500'],
    ['1.960', 1_000_000, '0.0500'],
    // the 1 % point for 10 df is 3.169
    ['3.169', 10, '0.0100'],
    ['0', 50, '1.0000'],
  ])('t = %s with %i df gives p ≈ %s', (t, df, p) => {
    expect(twoSidedPValue(new D(t), df).toDecimalPlaces(4).toFixed(4)).toBe(p);
  });
});

describe('bad series and windows are InputErrors with paths', () => {
  const issues = (input: EventStudyInput) => {
    try {
      estimateEventStudy(input);
    } catch (e) {
      if (e instanceof InputError) return e.issues.map((i) => [i.path.join('/'), i.message]);
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it('fewer than 30 estimation days', () => {
    expect(issues(handInput({ estimationWindow: [-29, -1] }))).toEqual([
      ['estimationWindow', 'must cover at least 30 trading days, not 29'],
    ]);
  });
  it('an event date not in the series', () => {
    expect(issues(handInput({ eventDate: '2022-01-01' }))[0]?.[0]).toBe('eventDate');
  });
  it('duplicate and unsorted dates, each by its index', () => {
    const prices = handInput().prices.map((p, i) =>
      i === 5 ? { ...p, date: dateOf(4) } : i === 9 ? { ...p, date: dateOf(2) } : p,
    );
    const found = issues(handInput({ prices }));
    // day 5 repeats day 4's date; day 9 goes back to day 2's, and day 10 moves forward again (no issue)
    expect(found.map((f) => f[0])).toEqual(['prices/5/date', 'prices/9/date']);
    expect(found[0]?.[1]).toContain('repeats');
  });
  it('a benchmark with other dates, listing them', () => {
    // day 3 (2021-01-04) left out of the benchmark
    const benchmark = handInput().benchmark.filter((_, i) => i !== 3);
    const found = issues(handInput({ benchmark }));
    expect(found).toEqual([
      ['benchmark', 'must have the same trading dates as prices; only in prices: 2021-01-04; only in benchmark: none'],
    ]);
  });
  it('an estimation window that overlaps the event window', () => {
    expect(issues(handInput({ estimationWindow: [-31, 0] }))).toEqual([
      ['estimationWindow', 'must not overlap the event window [0, 0]; end it before 0'],
    ]);
  });
  it('windows that run off the series', () => {
    expect(issues(handInput({ estimationWindow: [-40, -1] }))[0]?.[1]).toContain(
      'needs 8 more trading days of prices before',
    );
    // the event is day 33, so offset −40 is day −7, and its return needs the close of day −8: 8 more days
    expect(issues(handInput({ eventWindow: [0, 2] }))[0]).toEqual([
      'eventWindow',
      'needs 2 more trading days of prices after the last one given',
    ]);
  });
  it('a benchmark that never moves leaves beta undefined', () => {
    const flat = pricesFrom(handRm.map(() => '0'));
    expect(issues(handInput({ benchmark: flat }))[0]?.[0]).toBe('benchmark');
  });
});
