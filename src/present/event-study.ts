import type Decimal from 'decimal.js';
import type { EventStudyResponse } from '../../schemas/event-study';
import { D } from '../engine/decimal';
import type { EventStudyModel, EventStudyResult, StudyWindow } from '../engine/event-study';
import { formatFixed, type Formatter } from '../engine/rounding';

/** Engine result → API answer: each figure rounded once, to the places DESIGN.md section 12 gives. */

const PLACES = { return: 6, t: 4, pValue: 6, variance: 10 } as const;
const HUNDRED = new D(100);

export interface MarketCapBasis {
  marketCapBefore: Decimal;
  sharesOutstanding?: Decimal;
}

export function presentEventStudy(
  r: EventStudyResult,
  basis: MarketCapBasis | undefined,
  currency: string,
  f: Formatter,
  explain: boolean,
): EventStudyResponse {
  const ret = (v: Decimal) => formatFixed(v, PLACES.return, f.mode);
  const abnormalMoney = basis?.marketCapBefore.times(r.car);
  const body: EventStudyResponse = {
    model: r.model,
    eventDate: r.days.find((d) => d.offset === 0)?.date ?? r.event.start,
    estimationWindow: windowOut(r.estimation),
    eventWindow: windowOut(r.event),
    alpha: ret(r.alpha),
    beta: ret(r.beta),
    rSquared: r.rSquared && ret(r.rSquared),
    residualVariance: formatFixed(r.residualVariance, PLACES.variance, f.mode),
    residualStdDev: ret(r.residualVariance.sqrt()),
    degreesOfFreedom: String(r.degreesOfFreedom),
    days: r.days.map((d) => ({
      offset: d.offset,
      date: d.date,
      return: ret(d.return),
      benchmarkReturn: ret(d.benchmarkReturn),
      expectedReturn: ret(d.expectedReturn),
      abnormalReturn: ret(d.abnormalReturn),
      car: ret(d.car),
    })),
    car: ret(r.car),
    carPercent: f.percent(r.car.times(HUNDRED)),
    carStdDev: ret(r.carStdDev),
    t: r.t && formatFixed(r.t, PLACES.t, f.mode),
    pValue: r.pValue && formatFixed(r.pValue, PLACES.pValue, f.mode),
    currency,
    closeBeforeEvent: f.money(r.closeBeforeEvent),
    dateBeforeEvent: r.dateBeforeEvent,
    method: '',
    caveats: caveats(r),
  };
  if (basis?.sharesOutstanding) body.sharesOutstanding = f.count(basis.sharesOutstanding);
  if (basis && abnormalMoney) {
    body.marketCapBefore = f.money(basis.marketCapBefore);
    body.abnormalMarketCapChange = f.money(abnormalMoney);
  }
  body.method = method(r, body);
  if (explain) body.explain = explainSteps(r, basis, body);
  return body;
}

function windowOut(w: StudyWindow) {
  return { offsets: w.offsets, start: w.start, end: w.end, days: String(w.days) };
}

const MODEL_NAMES: Record<EventStudyModel, string> = {
  market: 'Market model (MacKinlay 1997)',
  'constant-mean': 'Constant-mean-return model (MacKinlay 1997)',
  'market-adjusted': 'Market-adjusted model',
};

/** One plain paragraph that a reader can check against the figures of the answer. */
function method(r: EventStudyResult, out: EventStudyResponse): string {
  const pct = (v: Decimal) => `${formatFixed(v.times(HUNDRED), 2, 'half-even')} %`;
  const est = out.estimationWindow;
  const fitted =
    r.model === 'market'
      ? `fitted by ordinary least squares on ${est.days} trading days of simple returns, ${est.start} to ${est.end} ` +
        `(offsets ${est.offsets[0]} to ${est.offsets[1]} from the event): α̂ = ${out.alpha}, β̂ = ${out.beta}` +
        `${out.rSquared ? `, R² = ${formatFixed(new D(out.rSquared), 2, 'half-even')}` : ''}`
      : r.model === 'constant-mean'
        ? `with the mean daily return of ${est.days} trading days, ${est.start} ` +
          `to ${est.end}, as the normal return (${pct(r.alpha)} a day)`
        : `with the benchmark's return as the normal return (α = 0, β = 1, nothing estimated); ` +
          `the noise is measured on ${est.days} trading days, ${est.start} to ${est.end}`;
  const ev = out.eventWindow;
  const span = ev.start === ev.end ? `On ${ev.start}` : `Over ${ev.start} to ${ev.end} (${ev.days} trading days)`;
  const stockMove = sum(r.days.map((d) => d.return));
  const expected = sum(r.days.map((d) => d.expectedReturn));
  const test =
    r.t && r.pValue
      ? `Its standard deviation, which includes the error of the estimated model, is ` +
        `${pct(r.carStdDev)}, so t = ${out.t} with ${out.degreesOfFreedom} degrees of freedom and ` +
        `a two-sided p-value of ${formatFixed(r.pValue, 4, 'half-even')}: ${verdict(r.pValue)}.`
      : 'The model fits the estimation window exactly (no residual noise), so no t-test is possible.';
  const money =
    out.abnormalMarketCapChange && out.marketCapBefore
      ? ` Applied to the market capitalisation of ${out.currency} ${out.marketCapBefore} at the close of ` +
        `${out.dateBeforeEvent}, the abnormal move is ${out.currency} ${out.abnormalMarketCapChange}.`
      : '';
  return (
    `${MODEL_NAMES[r.model]} ${fitted}; residual standard deviation ${pct(r.residualVariance.sqrt())} ` +
    `a day. ${span} the stock's returns added up to ${pct(stockMove)} against a normal ` +
    `${pct(expected)}, a cumulative abnormal return (CAR) of ${pct(r.car)}. ${test}${money}`
  );
}

/** The t-test's verdict at the 5 % level, in words. */
function verdict(pValue: Decimal): string {
  return pValue.lessThan('0.05')
    ? 'larger than the stock’s ordinary day-to-day noise would produce by chance at the 5 % level'
    : 'not distinguishable from the stock’s ordinary day-to-day noise at the 5 % level';
}

function sum(values: Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), new D(0));
}

/**
 * Caveats that hold for every event study, plus the confounding news of a day the service knows of.
 * The known days come with the page the news was read in.
 */
const KNOWN_CONFOUNDERS: Record<string, string> = {
  '2021-10-04':
    'On 4 October 2021 the outage was not the only news: the whistleblower Frances Haugen’s 60 Minutes ' +
    'interview aired the evening before (3 October) and she testified to the US Senate on 5 October, and ' +
    'other social-media stocks (Twitter, Snap, Pinterest) also fell more than 5 % that day, so the abnormal ' +
    'return measures all of it together ' +
    '(https://www.fox32chicago.com/news/after-bombshell-whistleblower-interview-facebook-outage-lasts-hours, ' +
    'https://hngn.com/articles/238219/20211004/facebook-whistleblowers-claims-causes-social-media-platforms-' +
    'stock-drop-nearly.htm).',
};

function caveats(r: EventStudyResult): string[] {
  const list = [
    'An event study measures the whole abnormal move of the event window; it cannot say which ' +
      'news caused it. Anything else that reached the market in the window moves the same number.',
    'The t-test assumes the abnormal returns are normal and independent, with the estimation window’s variance; ' +
      'days of big news are often more volatile than ordinary days, which makes p-values look smaller than they are.',
    'Returns are simple close-to-close returns of the closes given: use adjusted closes if a dividend ' +
      'or a split falls in the series. News released after the close shows up on the next trading day.',
    'abnormalMarketCapChange is an estimate from the model, not a reported figure, and ' +
      'not a loss anyone realised: it is the market value that the abnormal return implies.',
  ];
  for (const day of r.days) {
    const known = KNOWN_CONFOUNDERS[day.date];
    if (known) list.push(known);
  }
  return list;
}

interface Step {
  metric: string;
  formula: string;
  inputs: Record<string, Decimal | string>;
  value: string;
}

const full = (v: Decimal) => v.toSignificantDigits(20).toString();

function explainSteps(
  r: EventStudyResult,
  basis: MarketCapBasis | undefined,
  out: EventStudyResponse,
): NonNullable<EventStudyResponse['explain']> {
  const s = r.sums;
  const n = String(s.n);
  const steps: Step[] = [
    {
      metric: 'returns',
      formula: 'R_t = close_t ÷ close_(t−1) − 1, for the stock and the benchmark (Rm)',
      inputs: {},
      value: `${s.n} estimation days`,
    },
    { metric: 'sumBenchmark', formula: 'Σ Rm over the estimation window', inputs: { n }, value: full(s.sumBenchmark) },
    { metric: 'sumStock', formula: 'Σ R over the estimation window', inputs: { n }, value: full(s.sumStock) },
    {
      metric: 'meanBenchmark',
      formula: 'Σ Rm ÷ n',
      inputs: { sumBenchmark: s.sumBenchmark, n },
      value: full(s.meanBenchmark),
    },
    { metric: 'meanStock', formula: 'Σ R ÷ n', inputs: { sumStock: s.sumStock, n }, value: full(s.meanStock) },
    { metric: 'sxx', formula: 'Σ (Rm − meanBenchmark)²', inputs: {}, value: full(s.sxx) },
    { metric: 'sxy', formula: 'Σ (Rm − meanBenchmark)(R − meanStock)', inputs: {}, value: full(s.sxy) },
    { metric: 'syy', formula: 'Σ (R − meanStock)²', inputs: {}, value: full(s.syy) },
  ];
  steps.push(...modelSteps(r, out));
  r.days.forEach((d, i) => {
    steps.push(
      {
        metric: `days[${i}].expectedReturn`,
        formula: 'alpha + beta × benchmarkReturn',
        inputs: { alpha: r.alpha, beta: r.beta, benchmarkReturn: d.benchmarkReturn },
        value: out.days[i]?.expectedReturn ?? '',
      },
      {
        metric: `days[${i}].abnormalReturn`,
        formula: 'return − expectedReturn',
        inputs: { return: d.return, expectedReturn: d.expectedReturn },
        value: out.days[i]?.abnormalReturn ?? '',
      },
    );
  });
  steps.push(
    {
      metric: 'car',
      formula: 'Σ abnormalReturn over the event window',
      inputs: { days: out.eventWindow.days },
      value: out.car,
    },
    {
      metric: 'varianceFactor',
      formula: VARIANCE_FORMULAS[r.model],
      inputs: { L: out.eventWindow.days, n, sxx: s.sxx, meanBenchmark: s.meanBenchmark },
      value: full(r.varianceFactor),
    },
    {
      metric: 'carVariance',
      formula: 'residualVariance × varianceFactor',
      inputs: { residualVariance: r.residualVariance, varianceFactor: r.varianceFactor },
      value: full(r.carVariance),
    },
    { metric: 'carStdDev', formula: '√carVariance', inputs: { carVariance: r.carVariance }, value: out.carStdDev },
  );
  if (r.t && out.t && out.pValue) {
    steps.push(
      { metric: 't', formula: 'car ÷ carStdDev', inputs: { car: r.car, carStdDev: r.carStdDev }, value: out.t },
      {
        metric: 'pValue',
        formula: "2 × P(T ≤ −|t|), T Student's t with degreesOfFreedom (jstat)",
        inputs: { t: r.t, degreesOfFreedom: out.degreesOfFreedom },
        value: out.pValue,
      },
    );
  }
  if (basis && out.marketCapBefore && out.abnormalMarketCapChange) {
    if (basis.sharesOutstanding) {
      steps.push({
        metric: 'marketCapBefore',
        formula: 'sharesOutstanding × closeBeforeEvent',
        inputs: { sharesOutstanding: basis.sharesOutstanding, closeBeforeEvent: r.closeBeforeEvent },
        value: out.marketCapBefore,
      });
    }
    steps.push({
      metric: 'abnormalMarketCapChange',
      formula: 'marketCapBefore × car',
      inputs: { marketCapBefore: basis.marketCapBefore, car: r.car },
      value: out.abnormalMarketCapChange,
    });
  }
  return steps.map((step) => ({
    ...step,
    inputs: Object.fromEntries(
      Object.entries(step.inputs).map(([k, v]) => [k, typeof v === 'string' ? v : v.toString()]),
    ),
  }));
}

const VARIANCE_FORMULAS: Record<EventStudyModel, string> = {
  market: 'L + γ′X*(X′X)⁻¹X*′γ = L + L²/n + (Σ event-window Rm − L × meanBenchmark)² ÷ sxx',
  'constant-mean': 'L + L²/n (the mean return is estimated from n days)',
  'market-adjusted': 'L (nothing is estimated)',
};

function modelSteps(r: EventStudyResult, out: EventStudyResponse): Step[] {
  const s = r.sums;
  const variance = {
    metric: 'residualVariance',
    formula: `Σε̂² ÷ degreesOfFreedom`,
    inputs: { sumSquaredResiduals: s.sumSquaredResiduals, degreesOfFreedom: out.degreesOfFreedom },
    value: out.residualVariance,
  };
  if (r.model === 'market') {
    return [
      { metric: 'beta', formula: 'sxy ÷ sxx', inputs: { sxy: s.sxy, sxx: s.sxx }, value: out.beta },
      {
        metric: 'alpha',
        formula: 'meanStock − beta × meanBenchmark',
        inputs: { meanStock: s.meanStock, beta: r.beta, meanBenchmark: s.meanBenchmark },
        value: out.alpha,
      },
      {
        metric: 'sumSquaredResiduals',
        formula: 'Σ (R − alpha − beta × Rm)²',
        inputs: {},
        value: full(s.sumSquaredResiduals),
      },
      variance,
      ...(out.rSquared
        ? [
            {
              metric: 'rSquared',
              formula: '1 − sumSquaredResiduals ÷ syy',
              inputs: { sumSquaredResiduals: s.sumSquaredResiduals, syy: s.syy },
              value: out.rSquared,
            },
          ]
        : []),
    ];
  }
  if (r.model === 'constant-mean') {
    return [
      { metric: 'alpha', formula: 'meanStock (beta = 0)', inputs: { meanStock: s.meanStock }, value: out.alpha },
      { ...variance, inputs: { syy: s.syy, degreesOfFreedom: out.degreesOfFreedom } },
    ];
  }
  return [
    {
      metric: 'sumSquaredResiduals',
      formula: 'Σ (AR − mean AR)², AR = R − Rm over the estimation window',
      inputs: {},
      value: full(s.sumSquaredResiduals),
    },
    variance,
  ];
}
