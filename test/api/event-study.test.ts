import { exports } from 'cloudflare:workers';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import synthetic from '../../examples/event-study-synthetic.json';
import { EventStudyResponse } from '../../schemas/event-study';
import { MarketCapResponse } from '../../schemas/market-cap';

// Every expected number is worked out by hand in the comment next to it (test/unit/event-study.test.ts has the
// full derivation of the hand-worked series), never copied from the service.

const call = (path: string, body: unknown, contentType = 'application/json') =>
  exports.default.fetch(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function study(body: unknown): Promise<EventStudyResponse> {
  const res = await call('/v1/market-cap/event-study', body);
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(200);
  const parsed = EventStudyResponse.safeParse(json);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return json as EventStudyResponse;
}

async function problems(path: string, body: unknown, status = 422): Promise<[string, string][]> {
  const res = await call(path, body);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const json = (await res.json()) as { errors: { pointer: string; detail: string }[] };
  return json.errors.map((e) => [e.pointer, e.detail]);
}

const dateOf = (k: number) => new Date(Date.UTC(2021, 0, 1 + k)).toISOString().slice(0, 10);

/**
 * The hand-worked series of the unit test, as a client sends it: closes built from the returns and cut to 20
 * significant digits (the API takes at most 25), which moves every return by less than 1e-18.
 * Estimation days: blocks of Rm = (+0.01, −0.01, +0.01, −0.01), R = (0.0255, −0.0045, 0.0055, −0.0245); event day
 * Rm = −0.02, R = −0.05. By hand: β̂ = 1.5, α̂ = 0.0005, σ̂² = 0.0032/30, AR = CAR = −0.0205, q = 1.15625,
 * sd = √(0.0037/30) = 0.0111055…, t = −1.845923…, p (30 df) = 0.074793 (between the table's 0.05 and 0.10).
 */
function closes(returns: string[]): { date: string; close: string }[] {
  let close = new Decimal(100);
  const out = [{ date: dateOf(0), close: '100' }];
  returns.forEach((r, k) => {
    close = close.times(new Decimal(1).plus(r));
    out.push({ date: dateOf(k + 1), close: close.toSignificantDigits(20).toString() });
  });
  return out;
}
const rm = [...Array.from({ length: 8 }, () => ['0.01', '-0.01', '0.01', '-0.01']).flat(), '-0.02'];
const r = [...Array.from({ length: 8 }, () => ['0.0255', '-0.0045', '0.0055', '-0.0245']).flat(), '-0.05'];
const HAND = { prices: closes(r), benchmark: closes(rm), eventDate: dateOf(33), estimationWindow: [-32, -1] };

describe('POST /v1/market-cap/event-study', () => {
  it('answers the hand-worked series: α̂, β̂, AR, t and p as computed by hand', async () => {
    const body = await study({ ...HAND, marketCap: '1000000000' });
    expect([body.alpha, body.beta, body.rSquared, body.degreesOfFreedom]).toEqual([
      '0.000500',
      '1.500000',
      '0.692308',
      '30',
    ]);
    // σ̂² = 0.0032/30 = 0.000106666… → 10 places 0.0001066667; σ̂ = √ = 0.0103279…
    expect([body.residualVariance, body.residualStdDev]).toEqual(['0.0001066667', '0.010328']);
    expect(body.days).toEqual([
      {
        offset: 0,
        date: dateOf(33),
        return: '-0.050000',
        benchmarkReturn: '-0.020000',
        expectedReturn: '-0.029500',
        abnormalReturn: '-0.020500',
        car: '-0.020500',
      },
    ]);
    expect([body.car, body.carPercent, body.carStdDev, body.t, body.pValue]).toEqual([
      '-0.020500',
      '-2.0500',
      '0.011106',
      '-1.8459',
      '0.074793',
    ]);
    // 1,000,000,000 × −0.0205 = −20,500,000.00
    expect([body.marketCapBefore, body.abnormalMarketCapChange]).toEqual(['1000000000.00', '-20500000.00']);
    expect(body.method).toContain('t = -1.8459 with 30 degrees of freedom');
    expect(body.method).toContain('not distinguishable');
  });

  it('values share classes at the close before the event window', async () => {
    const body = await study({ ...HAND, shareClasses: [{ shares: '1000' }, { shares: '10', conversionRatio: '10' }] });
    // 1,000 + 10 × 10 = 1,100 shares; the close before the event is 100 × Π(1 + R) over 32 days, as sent
    const closeBefore = HAND.prices[32]?.close as string;
    expect(body.sharesOutstanding).toBe('1100.00');
    expect(body.closeBeforeEvent).toBe(new Decimal(closeBefore).toFixed(2));
    expect(body.marketCapBefore).toBe(new Decimal(closeBefore).times(1100).toFixed(2));
  });

  it('answers the synthetic example with defaults, the method stated, and a trace of the regression sums', async () => {
    const body = await study({ ...synthetic, options: { explain: true } });
    expect(body.estimationWindow).toMatchObject({ offsets: [-130, -11], days: '120' });
    expect(body.eventWindow).toMatchObject({ offsets: [0, 0], start: '2030-07-04', end: '2030-07-04', days: '1' });
    // 246.38 ÷ 259.07 − 1 = −0.048983; 4889.91 ÷ 4954.32 − 1 = −0.013001
    expect([body.days[0]?.return, body.days[0]?.benchmarkReturn]).toEqual(['-0.048983', '-0.013001']);
    const metrics = body.explain?.map((s) => s.metric);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'sumBenchmark',
        'sxx',
        'sxy',
        'beta',
        'alpha',
        'residualVariance',
        'varianceFactor',
        't',
        'pValue',
        'abnormalMarketCapChange',
      ]),
    );
    expect(body.caveats.length).toBeGreaterThanOrEqual(4);
  });

  it('adds the confounding news of 4 October 2021 only when the event window contains that day', async () => {
    const shifted = (series: { date: string; close: string }[]) =>
      series.map((p, k) => ({ ...p, date: new Date(Date.UTC(2021, 5, 1 + k)).toISOString().slice(0, 10) }));
    // 1 June 2021 + 125 days = 4 October 2021 (June 30 − 1 = 29, July 31, August 31, September 30: 29 + 31 + 31 + 30 = 121, + 4 = 125)
    const prices = shifted(synthetic.prices.slice(0, 141));
    const benchmark = shifted(synthetic.benchmark.slice(0, 141));
    const on = await study({ prices, benchmark, eventDate: '2021-10-04', estimationWindow: [-120, -5] });
    expect(on.caveats.some((c) => c.includes('whistleblower'))).toBe(true);
    const off = await study({ prices, benchmark, eventDate: '2021-10-06', estimationWindow: [-120, -5] });
    expect(off.caveats.some((c) => c.includes('whistleblower'))).toBe(false);
  });

  it.each([
    [
      'fewer than 30 estimation days',
      { ...HAND, estimationWindow: [-20, -1] },
      '/estimationWindow',
      'at least 30 trading days',
    ],
    ['an event date not in the series', { ...HAND, eventDate: '2020-01-01' }, '/eventDate', 'is not a trading date'],
    ['an impossible event date', { ...HAND, eventDate: '2021-02-30' }, '/eventDate', 'calendar date'],
    [
      'a duplicate date',
      { ...HAND, prices: HAND.prices.map((p, i) => (i === 4 ? { ...p, date: dateOf(3) } : p)) },
      '/prices/4/date',
      'repeats',
    ],
    [
      'unsorted dates',
      { ...HAND, prices: HAND.prices.map((p, i) => (i === 4 ? { ...p, date: dateOf(1) } : p)) },
      '/prices/4/date',
      'sort the series',
    ],
    [
      'a zero close',
      { ...HAND, prices: HAND.prices.map((p, i) => (i === 4 ? { ...p, close: '0' } : p)) },
      '/prices/4/close',
      'greater than 0',
    ],
    [
      'a negative close',
      { ...HAND, benchmark: HAND.benchmark.map((p, i) => (i === 2 ? { ...p, close: -5 } : p)) },
      '/benchmark/2/close',
      'greater than 0',
    ],
    [
      'a benchmark with other dates',
      { ...HAND, benchmark: HAND.benchmark.filter((_, i) => i !== 3) },
      '/benchmark',
      'only in prices: 2021-01-04',
    ],
    [
      'an overlapping estimation window',
      { ...HAND, estimationWindow: [-31, 0] },
      '/estimationWindow',
      'must not overlap',
    ],
    ['an unknown model', { ...HAND, model: 'fama-french' }, '/model', 'must be one of'],
    ['an unknown field', { ...HAND, stdev: '0.02' }, '/stdev', 'not a field'],
    ['a fractional offset', { ...HAND, eventWindow: [0, 0.5] }, '/eventWindow/1', 'whole number'],
    [
      'both marketCap and shareClasses',
      { ...HAND, marketCap: '1', shareClasses: [{ shares: '1' }] },
      '/marketCap',
      'only one',
    ],
    [
      'a close of 1e400',
      { ...HAND, prices: HAND.prices.map((p, i) => (i === 4 ? { ...p, close: '1e400' } : p)) },
      '/prices/4/close',
      'must be',
    ],
    [
      'an empty close',
      { ...HAND, prices: HAND.prices.map((p, i) => (i === 4 ? { ...p, close: '' } : p)) },
      '/prices/4/close',
      'must not be empty',
    ],
  ])('refuses %s with a 422 and a pointer', async (_name, body, pointer, detail) => {
    const errors = await problems('/v1/market-cap/event-study', body);
    expect(errors.find(([p]) => p === pointer)?.[1], JSON.stringify(errors)).toContain(detail);
  });

  it('refuses more than 5,000 price points as a 422 at the array, before reading them', async () => {
    const many = Array.from({ length: 5001 }, (_, k) => ({ date: dateOf(k), close: '1' }));
    const errors = await problems('/v1/market-cap/event-study', { ...HAND, prices: many, benchmark: many });
    expect(errors).toContainEqual(['/prices', 'must have at most 5000 items']);
  });

  it('refuses a body over 5 MiB with a 413 and a CSV body with a 415', async () => {
    expect((await call('/v1/market-cap/event-study', 'x'.repeat(5 * 1024 * 1024 + 1))).status).toBe(413);
    expect((await call('/v1/market-cap/event-study', 'date,close\n2021-10-04,1', 'text/csv')).status).toBe(415);
  });
});

describe('POST /v1/market-cap with the market cap given directly and benchmark levels', () => {
  const compute = async (body: unknown) => {
    const res = await call('/v1/market-cap', body);
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(200);
    expect(MarketCapResponse.safeParse(json).success).toBe(true);
    return json as MarketCapResponse;
  };

  it('gives the same numbers from marketCap as from the share classes it stands for', async () => {
    // 2,781,759,516 shares × 343.01 = 954,171,331,583.16 (DESIGN.md section 6): the same market cap, given directly
    const body = await compute({
      marketCap: '954171331583.16',
      price: { before: '343.01', after: '326.23' },
      benchmark: { changePercent: '-2.14' },
    });
    // 954,171,331,583.16 × 326.23 ÷ 343.01 = 907,493,406,904.68 and × (−16.78 ÷ 343.01) = −46,677,924,678.48, as in section 6
    expect([body.marketCapBefore, body.marketCapAfter, body.marketCapChange]).toEqual([
      '954171331583.16',
      '907493406904.68',
      '-46677924678.48',
    ]);
    expect([body.abnormalChangePercent, body.abnormalMarketCapChange]).toEqual(['-2.7520', '-26258658182.60']);
    expect(body.sharesOutstanding).toBeUndefined();
    expect(body.method).toContain('was given at the price before');
  });

  it('reads the benchmark as levels: 100 → 97.86 is −2.14 %', async () => {
    const body = await compute({
      marketCap: '1000',
      price: { before: '10', after: '9' },
      benchmark: { before: '100', after: '97.86', beta: '2' },
    });
    // 97.86 ÷ 100 − 1 = −2.14 %; expected = 2 × −2.14 = −4.28 %; abnormal = −10 − (−4.28) = −5.72 %; 1000 × −5.72 % = −57.20
    expect([body.expectedChangePercent, body.abnormalChangePercent, body.abnormalMarketCapChange]).toEqual([
      '-4.2800',
      '-5.7200',
      '-57.20',
    ]);
    expect(body.method).toContain('from 100 to 97.86 (-2.1400 %)');
  });

  it.each([
    [
      'neither shareClasses nor marketCap',
      { price: { before: '1', after: '2' } },
      '/shareClasses',
      'give the shares outstanding',
    ],
    [
      'both shareClasses and marketCap',
      { marketCap: '5', shareClasses: [{ shares: '1' }], price: { before: '1', after: '2' } },
      '/marketCap',
      'only one',
    ],
    [
      'a benchmark with changePercent and levels',
      {
        marketCap: '5',
        price: { before: '1', after: '2' },
        benchmark: { changePercent: '1', before: '2', after: '3' },
      },
      '/benchmark/changePercent',
      'not both',
    ],
    [
      'a benchmark with one level',
      { marketCap: '5', price: { before: '1', after: '2' }, benchmark: { before: '2' } },
      '/benchmark/after',
      'both levels',
    ],
    [
      'a zero level',
      { marketCap: '5', price: { before: '1', after: '2' }, benchmark: { before: '0', after: '3' } },
      '/benchmark/before',
      'greater than 0',
    ],
    ['a zero marketCap', { marketCap: '0', price: { before: '1', after: '2' } }, '/marketCap', 'greater than 0'],
  ])('refuses %s with a 422 and a pointer', async (_name, body, pointer, detail) => {
    const errors = await problems('/v1/market-cap', body);
    expect(errors.find(([p]) => p === pointer)?.[1], JSON.stringify(errors)).toContain(detail);
  });
});
