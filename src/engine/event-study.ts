import type Decimal from 'decimal.js';
import { D, ONE, sum, ZERO } from './decimal';
import { InputError } from './errors';
import { twoSidedPValue } from './student-t';

/**
 * The event study of MacKinlay (1997), "Event Studies in Economics and Finance", Journal of Economic
 * Literature 35(1): was a share-price move the event, or the market? The stock's normal relation to the
 * market is estimated on days before the event, and the event window's abnormal returns are tested
 * against the noise of that relation. Decimal arithmetic throughout; the one float is the Student's t
 * tail probability of `t`, which a statistics library computes (student-t.ts).
 */

export type EventStudyModel = 'market' | 'constant-mean' | 'market-adjusted';

export interface PricePoint {
  /** Trading date, YYYY-MM-DD. */
  date: string;
  close: Decimal;
}

export interface EventStudyInput {
  prices: readonly PricePoint[];
  benchmark: readonly PricePoint[];
  eventDate: string;
  /** Trading-day offsets from the event day, inclusive: [-130, -11] by default. */
  estimationWindow: readonly [number, number];
  eventWindow: readonly [number, number];
  model: EventStudyModel;
}

/** The regression sums of the estimation window, kept for the explain trace. */
export interface RegressionSums {
  n: number;
  /** Σ Rm, Σ R over the estimation window. */
  sumBenchmark: Decimal;
  sumStock: Decimal;
  meanBenchmark: Decimal;
  meanStock: Decimal;
  /** Σ (Rm − mean Rm)², Σ (Rm − mean Rm)(R − mean R), Σ (R − mean R)². */
  sxx: Decimal;
  sxy: Decimal;
  syy: Decimal;
  /** Σ ε̂² of the fitted model. */
  sumSquaredResiduals: Decimal;
}

export interface EventDay {
  offset: number;
  date: string;
  return: Decimal;
  benchmarkReturn: Decimal;
  expectedReturn: Decimal;
  abnormalReturn: Decimal;
  car: Decimal;
}

export interface StudyWindow {
  offsets: [number, number];
  start: string;
  end: string;
  days: number;
}

export interface EventStudyResult {
  model: EventStudyModel;
  estimation: StudyWindow;
  event: StudyWindow;
  sums: RegressionSums;
  alpha: Decimal;
  beta: Decimal;
  /** σ̂²: Σε̂² ÷ degreesOfFreedom. */
  residualVariance: Decimal;
  /** R² of the market model; null where it is undefined (other models, or a stock that never moved). */
  rSquared: Decimal | null;
  degreesOfFreedom: number;
  days: EventDay[];
  car: Decimal;
  /** The factor q with Var(CAR) = σ̂² × q: L + γ′X*(X′X)⁻¹X*′γ for the market model. */
  varianceFactor: Decimal;
  carVariance: Decimal;
  carStdDev: Decimal;
  /** CAR ÷ its standard deviation; null when the model fits the estimation window exactly (σ̂ = 0). */
  t: Decimal | null;
  /** Two-sided P(|T| ≥ |t|) for Student's t with degreesOfFreedom; null with t. */
  pValue: Decimal | null;
  /** The close on the last trading day before the event window: the price the market cap is taken at. */
  closeBeforeEvent: Decimal;
  dateBeforeEvent: string;
}

/** Fewer estimation days than this make σ̂ too noisy to test anything (MacKinlay uses 120; 30 is a floor). */
export const MIN_ESTIMATION_DAYS = 30;

type Issue = { path: (string | number)[]; message: string };

/** Runs the study; throws InputError (paths relative to the input) when the series cannot support it. */
export function estimateEventStudy(input: EventStudyInput): EventStudyResult {
  checkSeries(input);
  const eventIndex = input.prices.findIndex((p) => p.date === input.eventDate);
  const [estFirst, estLast] = windowIndices(input.estimationWindow, eventIndex);
  const [evFirst, evLast] = windowIndices(input.eventWindow, eventIndex);
  checkWindows(input, estFirst, estLast, evFirst, evLast);

  const stock = simpleReturns(input.prices);
  const market = simpleReturns(input.benchmark);
  const estimation = range(estFirst, estLast);
  const fit = fitModel(
    input.model,
    estimation.map((i) => market[i] as Decimal),
    estimation.map((i) => stock[i] as Decimal),
  );

  const days: EventDay[] = [];
  let car = ZERO;
  for (const i of range(evFirst, evLast)) {
    const r = stock[i] as Decimal;
    const rm = market[i] as Decimal;
    const expectedReturn = fit.alpha.plus(fit.beta.times(rm));
    const abnormalReturn = r.minus(expectedReturn);
    car = car.plus(abnormalReturn);
    days.push({
      offset: i - eventIndex,
      date: dateAt(input, i),
      return: r,
      benchmarkReturn: rm,
      expectedReturn,
      abnormalReturn,
      car,
    });
  }

  const varianceFactor = carVarianceFactor(
    input.model,
    fit.sums,
    days.map((d) => d.benchmarkReturn),
  );
  const carVariance = fit.residualVariance.times(varianceFactor);
  const carStdDev = carVariance.sqrt();
  const t = exactFit(fit.sums) ? null : car.dividedBy(carStdDev);
  return {
    model: input.model,
    estimation: {
      offsets: [...input.estimationWindow],
      start: dateAt(input, estFirst),
      end: dateAt(input, estLast),
      days: estimation.length,
    },
    event: {
      offsets: [...input.eventWindow],
      start: dateAt(input, evFirst),
      end: dateAt(input, evLast),
      days: days.length,
    },
    ...fit,
    days,
    car,
    varianceFactor,
    carVariance,
    carStdDev,
    t,
    pValue: t && twoSidedPValue(t, fit.degreesOfFreedom),
    closeBeforeEvent: (input.prices[evFirst - 1] as PricePoint).close,
    dateBeforeEvent: dateAt(input, evFirst - 1),
  };
}

/**
 * True when the model explains the estimation window exactly, up to the rounding of 35-digit arithmetic (returns
 * computed from closes carry an error near 1e-35): then σ̂ is noise of the arithmetic, and t would be meaningless.
 */
function exactFit(sums: RegressionSums): boolean {
  return sums.sumSquaredResiduals.lessThanOrEqualTo(sums.syy.plus(sums.sxx).times(EXACT_FIT_TOLERANCE));
}
const EXACT_FIT_TOLERANCE = new D('1e-40');

/** close_t ÷ close_{t−1} − 1, indexed like the series (index 0 has no return). */
export function simpleReturns(series: readonly PricePoint[]): (Decimal | undefined)[] {
  return series.map((p, i) =>
    i === 0 ? undefined : p.close.dividedBy((series[i - 1] as PricePoint).close).minus(ONE),
  );
}

interface Fit {
  alpha: Decimal;
  beta: Decimal;
  residualVariance: Decimal;
  rSquared: Decimal | null;
  degreesOfFreedom: number;
  sums: RegressionSums;
}

/**
 * The normal-return model on the estimation window.
 * - market: OLS of R on [1, Rm]; σ̂² = Σε̂² ÷ (n − 2).
 * - constant-mean: E[R] = mean R (α̂ = mean R, β̂ = 0); σ̂² = Σ(R − mean R)² ÷ (n − 1).
 * - market-adjusted: E[R] = Rm (α = 0, β = 1 imposed, nothing estimated); σ̂² is the sample variance of
 *   R − Rm over the window, Σ(AR − mean AR)² ÷ (n − 1), as in Brown and Warner (1985).
 */
export function fitModel(model: EventStudyModel, market: readonly Decimal[], stock: readonly Decimal[]): Fit {
  const n = stock.length;
  const sumBenchmark = sum(market);
  const sumStock = sum(stock);
  const meanBenchmark = sumBenchmark.dividedBy(n);
  const meanStock = sumStock.dividedBy(n);
  const sxx = sum(market.map((x) => x.minus(meanBenchmark).pow(2)));
  const sxy = sum(market.map((x, i) => x.minus(meanBenchmark).times((stock[i] as Decimal).minus(meanStock))));
  const syy = sum(stock.map((y) => y.minus(meanStock).pow(2)));
  const base = { n, sumBenchmark, sumStock, meanBenchmark, meanStock, sxx, sxy, syy };

  if (model === 'market') {
    if (sxx.isZero()) {
      throw new InputError([
        {
          path: ['benchmark'],
          message: 'the benchmark return is the same on every estimation day, so beta cannot be estimated',
        },
      ]);
    }
    const beta = sxy.dividedBy(sxx);
    const alpha = meanStock.minus(beta.times(meanBenchmark));
    const ssr = sum(
      stock.map((y, i) =>
        y
          .minus(alpha)
          .minus(beta.times(market[i] as Decimal))
          .pow(2),
      ),
    );
    const rSquared = syy.isZero() ? null : ONE.minus(ssr.dividedBy(syy));
    const sums = { ...base, sumSquaredResiduals: ssr };
    return { alpha, beta, residualVariance: ssr.dividedBy(n - 2), rSquared, degreesOfFreedom: n - 2, sums };
  }
  if (model === 'constant-mean') {
    const sums = { ...base, sumSquaredResiduals: syy };
    return {
      alpha: meanStock,
      beta: ZERO,
      residualVariance: syy.dividedBy(n - 1),
      rSquared: null,
      degreesOfFreedom: n - 1,
      sums,
    };
  }
  const abnormal = stock.map((y, i) => y.minus(market[i] as Decimal));
  const meanAbnormal = sum(abnormal).dividedBy(n);
  const ssa = sum(abnormal.map((a) => a.minus(meanAbnormal).pow(2)));
  const sums = { ...base, sumSquaredResiduals: ssa };
  return {
    alpha: ZERO,
    beta: ONE,
    residualVariance: ssa.dividedBy(n - 1),
    rSquared: null,
    degreesOfFreedom: n - 1,
    sums,
  };
}

/**
 * q in Var(CAR) = σ̂² × q, for an event window of L days with benchmark returns Rm*.
 * - market: q = L + γ′X*(X′X)⁻¹X*′γ with X = [1, Rm] on the estimation window, X* = [1, Rm*], γ = 1.
 *   Since γ′X* = [L, S*] (S* = Σ Rm*) and (X′X)⁻¹ = [[Σx², −Σx], [−Σx, n]] ÷ (n·Sxx),
 *   this is exactly
 *   L + L²/n + (S* − L·mean Rm)² / Sxx.
 * - constant-mean: X = 1 (n rows), X* = 1 (L rows): q = L + L²/n.
 * - market-adjusted: nothing is estimated, so no estimation error: q = L.
 */
export function carVarianceFactor(
  model: EventStudyModel,
  sums: RegressionSums,
  eventBenchmark: readonly Decimal[],
): Decimal {
  const L = new D(eventBenchmark.length);
  if (model === 'market-adjusted') return L;
  const estimationError = L.pow(2).dividedBy(sums.n);
  if (model === 'constant-mean') return L.plus(estimationError);
  const offMean = sum(eventBenchmark).minus(L.times(sums.meanBenchmark));
  return L.plus(estimationError).plus(offMean.pow(2).dividedBy(sums.sxx));
}

function dateAt(input: EventStudyInput, index: number): string {
  return (input.prices[index] as PricePoint).date;
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

function windowIndices(window: readonly [number, number], eventIndex: number): [number, number] {
  return [eventIndex + window[0], eventIndex + window[1]];
}

/** Dates ascending and unique, both series on the same dates, the event date among them. */
function checkSeries(input: EventStudyInput): void {
  const issues: Issue[] = [...orderIssues('prices', input.prices), ...orderIssues('benchmark', input.benchmark)];
  if (issues.length) throw new InputError(issues);
  const stockDates = new Set(input.prices.map((p) => p.date));
  const benchmarkDates = new Set(input.benchmark.map((p) => p.date));
  const onlyStock = input.prices.filter((p) => !benchmarkDates.has(p.date)).map((p) => p.date);
  const onlyBenchmark = input.benchmark.filter((p) => !stockDates.has(p.date)).map((p) => p.date);
  if (onlyStock.length || onlyBenchmark.length) {
    const list = (dates: string[]) =>
      dates.length
        ? `${dates.slice(0, 20).join(', ')}${dates.length > 20 ? ` and ${dates.length - 20} more` : ''}`
        : 'none';
    const message =
      `must have the same trading dates as prices; only in prices: ` +
      `${list(onlyStock)}; only in benchmark: ${list(onlyBenchmark)}`;
    throw new InputError([{ path: ['benchmark'], message }]);
  }
  if (!stockDates.has(input.eventDate)) {
    throw new InputError([
      {
        path: ['eventDate'],
        message: `is not a trading date of prices (${input.prices[0]?.date} to ${input.prices.at(-1)?.date})`,
      },
    ]);
  }
}

function orderIssues(name: string, series: readonly PricePoint[]): Issue[] {
  const issues: Issue[] = [];
  for (let i = 1; i < series.length && issues.length < 100; i++) {
    const previous = (series[i - 1] as PricePoint).date;
    const date = (series[i] as PricePoint).date;
    if (date === previous)
      issues.push({ path: [name, i, 'date'], message: `repeats ${date}; each trading date appears once` });
    else if (date < previous)
      issues.push({
        path: [name, i, 'date'],
        message: `${date} comes after ${previous}; sort the series by date, oldest first`,
      });
  }
  return issues;
}

function checkWindows(
  input: EventStudyInput,
  estFirst: number,
  estLast: number,
  evFirst: number,
  evLast: number,
): void {
  const issues: Issue[] = [];
  const length = input.prices.length;
  const [estStart, estEnd] = input.estimationWindow;
  const [evStart, evEnd] = input.eventWindow;
  if (estStart > estEnd)
    issues.push({ path: ['estimationWindow'], message: 'must start on or before the offset it ends on' });
  else if (estEnd - estStart + 1 < MIN_ESTIMATION_DAYS) {
    issues.push({
      path: ['estimationWindow'],
      message: `must cover at least ${MIN_ESTIMATION_DAYS} trading days, not ${estEnd - estStart + 1}`,
    });
  } else if (estFirst < 1 || estLast >= length) {
    issues.push({ path: ['estimationWindow'], message: coverage('estimation', estFirst, estLast, length) });
  }
  if (evStart > evEnd) issues.push({ path: ['eventWindow'], message: 'must start on or before the offset it ends on' });
  else if (evFirst < 1 || evLast >= length)
    issues.push({ path: ['eventWindow'], message: coverage('event', evFirst, evLast, length) });
  if (estStart <= evEnd && evStart <= estEnd) {
    issues.push({
      path: ['estimationWindow'],
      message: `must not overlap the event window [${evStart}, ${evEnd}]; end it before ${evStart}`,
    });
  }
  if (issues.length) throw new InputError(issues);
}

/** A window must have a close the day before its first day (returns need two closes). */
function coverage(kind: string, first: number, last: number, length: number): string {
  if (first < 1)
    return (
      `needs ${1 - first} more trading day${first === 0 ? '' : 's'} of prices before the ` +
      `first one given (the ${kind} window's first return needs the close before it)`
    );
  return (
    `needs ${last - length + 1} more trading ` +
    `day${last - length === 0 ? '' : 's'} of prices after the last one given`
  );
}
