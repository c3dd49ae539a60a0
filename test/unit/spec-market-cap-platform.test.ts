import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal';
import {
  BENCHMARK_BOTH,
  BENCHMARK_NEITHER,
  benchmarkMoveOf,
  companySizeProblems,
  PRICE_BOTH,
  PRICE_NEITHER,
  priceMoveOf,
  SIZE_BOTH,
  SIZE_NEITHER,
} from '../../src/engine/spec/market-cap';
import {
  CAMPAIGN_ONLY,
  campaignOnlyWindowProblems,
  PERIOD_MISSING,
  periodForms,
  RANGE_BACKWARDS,
  RANGE_END_MISSING,
  revenuePeriodOf,
} from '../../src/engine/spec/platform';

// The market-cap and platform-loss rules called directly, as the schemas call them: no zod, no app.

const d = (v: string) => new D(v);

describe('the price move', () => {
  it('takes before with after, or before with changePercent', () => {
    expect(priceMoveOf({ before: d('343.01'), after: d('326.23') })).toEqual({
      spec: { before: d('343.01'), after: d('326.23') },
    });
    expect(priceMoveOf({ before: d('343.01'), changePercent: d('-4.89') })).toEqual({
      spec: { before: d('343.01'), changePercent: d('-4.89') },
    });
  });

  it('refuses both forms at once, at both fields, and neither at `after`', () => {
    expect(priceMoveOf({ before: d('1'), after: d('2'), changePercent: d('3') })).toEqual({
      problems: [
        { path: ['after'], message: PRICE_BOTH },
        { path: ['changePercent'], message: PRICE_BOTH },
      ],
    });
    expect(priceMoveOf({ before: d('1') })).toEqual({ problems: [{ path: ['after'], message: PRICE_NEITHER }] });
  });
});

describe('the benchmark move', () => {
  const beta = d('1');
  it('takes changePercent, or both levels, with its beta', () => {
    expect(benchmarkMoveOf({ changePercent: d('-2.14'), beta })).toEqual({ spec: { changePercent: d('-2.14'), beta } });
    expect(benchmarkMoveOf({ before: d('100'), after: d('97.86'), beta })).toEqual({
      spec: { before: d('100'), after: d('97.86'), beta },
    });
  });

  it('refuses a percent with a level, and a lone level at the missing one', () => {
    expect(benchmarkMoveOf({ changePercent: d('-2'), after: d('98'), beta })).toEqual({
      problems: [
        { path: ['changePercent'], message: BENCHMARK_BOTH },
        { path: ['after'], message: BENCHMARK_BOTH },
      ],
    });
    expect(benchmarkMoveOf({ before: d('100'), beta })).toEqual({
      problems: [{ path: ['after'], message: BENCHMARK_NEITHER }],
    });
    expect(benchmarkMoveOf({ beta })).toEqual({ problems: [{ path: ['before'], message: BENCHMARK_NEITHER }] });
  });
});

describe("the company's size", () => {
  it('is shareClasses or marketCap, one of them where required', () => {
    expect(companySizeProblems({ marketCap: d('1') }, { required: true })).toEqual([]);
    expect(companySizeProblems({}, { required: false })).toEqual([]);
    expect(companySizeProblems({}, { required: true })).toEqual([{ path: ['shareClasses'], message: SIZE_NEITHER }]);
    expect(companySizeProblems({ shareClasses: [], marketCap: d('1') }, { required: false })).toEqual([
      { path: ['shareClasses'], message: SIZE_BOTH },
      { path: ['marketCap'], message: SIZE_BOTH },
    ]);
  });
});

describe('the revenue period', () => {
  it('is exactly one form', () => {
    expect(revenuePeriodOf({ quarter: { year: 2021, quarter: 2 } })).toEqual({
      spec: { kind: 'quarter', year: 2021, quarter: 2 },
    });
    expect(revenuePeriodOf({ year: d('2020') })).toEqual({ spec: { kind: 'year', year: 2020 } });
    expect(revenuePeriodOf({})).toEqual({ problems: [{ path: [], message: PERIOD_MISSING }] });
    expect(revenuePeriodOf({ year: d('2020'), days: d('3') })).toEqual({
      problems: [{ path: [], message: periodForms('`year` and `days`') }],
    });
    expect(PERIOD_MISSING).toBe(
      'give the period the revenue was earned over as exactly one of ' +
        '`quarter`, `year`, `month`, `start` with `end`, `days`, `hours`',
    );
  });

  it('needs both ends of a date range, in order (one day when they are equal)', () => {
    const day = { year: 2021, month: 4, day: 1 };
    expect(revenuePeriodOf({ start: day })).toEqual({ problems: [{ path: ['end'], message: RANGE_END_MISSING }] });
    expect(revenuePeriodOf({ start: day, end: day })).toEqual({ spec: { kind: 'dates', start: day, end: day } });
    expect(revenuePeriodOf({ start: day, end: { year: 2021, month: 3, day: 31 } })).toEqual({
      problems: [{ path: ['end'], message: RANGE_BACKWARDS }],
    });
  });
});

describe("the outage of a platform's revenue", () => {
  it('refuses the fields that describe campaigns, at their windows', () => {
    const windows = [{ index: 0 }, { index: 1, measurementLoss: d('0.3'), platforms: ['meta'] }];
    expect(campaignOnlyWindowProblems(windows)).toEqual([
      { path: ['windows', 1, 'measurementLoss'], message: CAMPAIGN_ONLY },
      { path: ['windows', 1, 'platforms'], message: CAMPAIGN_ONLY },
    ]);
  });
});
