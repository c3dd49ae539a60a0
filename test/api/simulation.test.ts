import { exports } from 'cloudflare:workers';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { BatchJsonResponse } from '../../schemas/batch';
import { ImpactResponse } from '../../schemas/impact';
import { Problem } from '../../schemas/problem';
import { parseCsv } from '../../src/csv/parse';

/**
 * options.simulation and options.sensitivity of POST /v1/impact, and simulation on the spreadsheet
 * endpoints, as an analyst uses them: ranges on cvr, aov and recapture.
 */

const BASE = 'http://localhost';
const fetchWorker = (path: string, init?: RequestInit) => exports.default.fetch(`${BASE}${path}`, init);
const postImpact = (body: unknown) =>
  fetchWorker('/v1/impact', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/**
 * Monday 4 Oct 2021 15:00–17:00 UTC of an even daily budget of 1200: U = 100. H = 0.75 × the rest of the
 * ISO week's plan (1200 × 7 − 1200 × 17/24 = 7550) = 5662.5 > U, so R = 100 ρ. With cpm 10 and ctr 0.01,
 * lostRevenue = (U − R) × 1000/10 × 0.01 × cvr × aov = 100 (1 − ρ) cvr aov.
 */
const outage = { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T17:00:00Z' }] };
const analyst = {
  id: 'analyst',
  budget: { amount: '1200', period: 'day' },
  cpm: '10',
  ctr: '0.01',
  cvr: { low: '0.04', high: '0.06' },
  aov: { low: '60', high: '80' },
  grossMargin: '0.4',
  recovery: { recapture: { low: '0.2', high: '0.6' } },
};

async function ok(res: Response): Promise<ImpactResponse> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return ImpactResponse.parse(JSON.parse(text));
}

async function problem(res: Response, status = 422): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(JSON.parse(text));
}

describe('POST /v1/impact with options.simulation and options.sensitivity', () => {
  it('answers a P5–P95 band inside the corner range of every metric, per campaign and in the totals', async () => {
    const body = await ok(
      await postImpact({ outage, campaigns: [analyst, analyst], options: { simulation: { draws: 4000, seed: 5 } } }),
    );
    for (const result of [...body.campaigns, ...body.totals]) {
      const { ranges, simulation } = result;
      if (!ranges || !simulation) throw new Error('ranges and simulation expected');
      for (const [metric, s] of Object.entries(simulation)) {
        const r = ranges[metric as keyof typeof ranges];
        if (!s || !r) throw new Error(`${metric}: no simulation or range`);
        const chain = [r.low, s.p5, s.p50, s.p95, r.high].map((v) => new Decimal(v));
        const ordered = chain.every((v, i) => i === 0 || (chain[i - 1] as Decimal).lte(v));
        expect(ordered, `${metric} ${JSON.stringify([r, s])}`).toBe(true);
      }
    }
    expect(body.warnings).toBeUndefined();
  });

  it('gives the same answer for the same seed, byte for byte, and another for another seed', async () => {
    const request = (seed: number) => ({
      outage,
      campaigns: [analyst],
      options: { simulation: { draws: 3000, seed, distribution: 'pert' } },
    });
    const a = await (await postImpact(request(11))).text();
    const b = await (await postImpact(request(11))).text();
    const c = await (await postImpact(request(12))).text();
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('ranks the inputs by their swing (the tornado worked by hand: recapture 140, cvr 84, aov 60)', async () => {
    const body = await ok(await postImpact({ outage, campaigns: [analyst], options: { sensitivity: true } }));
    // Base 100 × 0.6 × 0.05 × 70 = 210. cvr 0.04/0.06 → 168/252; aov 60/80 → 180/240; ρ 0.2/0.6 → 280/140.
    expect(body.campaigns[0]?.sensitivity).toEqual({
      metric: 'lostRevenue',
      base: '210.00',
      bars: [
        {
          input: 'recovery.recapture',
          inputLow: '0.2',
          inputHigh: '0.6',
          atLow: '280.00',
          atHigh: '140.00',
          swing: '140.00',
        },
        { input: 'cvr', inputLow: '0.04', inputHigh: '0.06', atLow: '168.00', atHigh: '252.00', swing: '84.00' },
        { input: 'aov', inputLow: '60', inputHigh: '80', atLow: '180.00', atHigh: '240.00', swing: '60.00' },
      ],
    });
  });

  it('takes sensitivityMetric: lostConversions = 100 (1 − ρ) × cvr moves with recapture and cvr only', async () => {
    const body = await ok(
      await postImpact({
        outage,
        campaigns: [analyst],
        options: { sensitivity: true, sensitivityMetric: 'lostConversions' },
      }),
    );
    // Base 100 × 0.6 × 0.05 = 3. ρ 0.2/0.6 → 4/2 (swing 2); cvr 0.04/0.06 → 2.4/3.6 (swing 1.2); aov → 3/3.
    expect(body.campaigns[0]?.sensitivity?.bars.map((b) => [b.input, b.atLow, b.atHigh, b.swing])).toEqual([
      ['recovery.recapture', '4.00', '2.00', '2.00'],
      ['cvr', '2.40', '3.60', '1.20'],
      ['aov', '3.00', '3.00', '0.00'],
    ]);
  });

  it('warns, and answers the point estimate, for a campaign without any ranged input', async () => {
    const fixed = { budget: { amount: '1200', period: 'day' }, cpm: '10', ctr: '0.01', cvr: '0.05', aov: '70' };
    const body = await ok(await postImpact({ outage, campaigns: [fixed], options: { simulation: {} } }));
    // 100 × 0.05 × 70 = 350 (no recapture).
    expect(body.campaigns[0]?.simulation?.lostRevenue).toEqual({
      mean: '350.00',
      p5: '350.00',
      p50: '350.00',
      p95: '350.00',
    });
    expect(body.totals[0]?.simulation?.lostRevenue).toEqual({
      mean: '350.00',
      p5: '350.00',
      p50: '350.00',
      p95: '350.00',
    });
    expect(body.warnings).toEqual([
      { pointer: '/campaigns/0', detail: expect.stringContaining('no input given as a range') },
    ]);
  });

  it('refuses bad settings with a 422 and a pointer each', async () => {
    const cases: [unknown, string[]][] = [
      [{ simulation: { draws: 0 } }, ['/options/simulation/draws']],
      [{ simulation: { draws: 100_001 } }, ['/options/simulation/draws']],
      [{ simulation: { draws: 10.5 } }, ['/options/simulation/draws']],
      [{ simulation: { draws: '100' } }, ['/options/simulation/draws']],
      // 1e400 is Infinity in JavaScript, which JSON.stringify writes as null
      [{ simulation: { draws: Number.POSITIVE_INFINITY } }, ['/options/simulation/draws']],
      [{ simulation: { seed: 1.5 } }, ['/options/simulation/seed']],
      [{ simulation: { seed: 2 ** 31 } }, ['/options/simulation/seed']],
      [{ simulation: { seed: '' } }, ['/options/simulation/seed']],
      [{ simulation: { distribution: 'normal' } }, ['/options/simulation/distribution']],
      [{ simulation: { drwas: 10 } }, ['/options/simulation/drwas']],
      [{ simulation: null }, ['/options/simulation']],
      [{ sensitivity: true, sensitivityMetric: 'lostRevnue' }, ['/options/sensitivityMetric']],
      [{ sensitivityMetric: 'lostRevenue' }, ['/options/sensitivityMetric']],
      [{ sensitivity: 'yes' }, ['/options/sensitivity']],
    ];
    for (const [options, pointers] of cases) {
      // 1e400 is not JSON that JSON.stringify can write: send it as text.
      const text = JSON.stringify({ outage, campaigns: [analyst], options }).replace('"draws":null', '"draws":1e400');
      const res = await fetchWorker('/v1/impact', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
      expect(
        (await problem(res)).errors.map((e) => e.pointer),
        JSON.stringify(options),
      ).toEqual(pointers);
    }
  });

  it('refuses draws × campaigns over 1,000,000 with a 413 before any work', async () => {
    const res = await postImpact({
      outage,
      campaigns: Array.from({ length: 11 }, () => analyst),
      options: { simulation: { draws: 100_000 } },
    });
    const p = await problem(res, 413);
    // 100,000 draws × 11 campaigns = 1,100,000 evaluations, named among the cost model's contributors.
    expect(JSON.stringify(p.errors)).toContain('100,000 draws × 11 campaigns = 1,100,000 simulated evaluations');
  });
});

describe('simulation on the spreadsheet endpoints', () => {
  const query =
    'budgetAmount=1200&budgetPeriod=day&cpm=10&ctr=0.01&cvr=0.04..0.06&aov=60..80&grossMargin=0.4&recapture=0.2..0.6' +
    '&outageStart=2021-10-04T15:00:00Z&outageEnd=2021-10-04T17:00:00Z';
  const settings = { draws: 2000, seed: 8, distribution: 'uniform' } as const;
  const asJson = { ...analyst, id: undefined };

  async function impactSimulation() {
    const body = await ok(await postImpact({ outage, campaigns: [asJson], options: { simulation: settings } }));
    return body.campaigns[0]?.simulation?.lostRevenue;
  }

  it('value?stat= answers the same figure as POST /v1/impact for that campaign alone', async () => {
    const expected = await impactSimulation();
    const res = await fetchWorker(
      `/v1/impact/value?${query}&metric=lostRevenue&stat=p95&draws=2000&seed=8&distribution=uniform`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(expected?.p95);
    const mean = await fetchWorker(
      `/v1/impact/value?${query}&metric=lostRevenue&stat=mean&draws=2000&seed=8&distribution=uniform`,
    );
    expect(await mean.text()).toBe(expected?.mean);
  });

  it('batch ?simulate= adds lostRevenueP5/P50/P95 before error and warnings, equal to POST /v1/impact', async () => {
    const expected = await impactSimulation();
    const header = 'budgetAmount,budgetPeriod,cpm,ctr,cvr,aov,grossMargin,recapture,outageStart,outageEnd';
    const row = '1200,day,10,0.01,0.04..0.06,60..80,0.4,0.2..0.6,2021-10-04T15:00:00Z,2021-10-04T17:00:00Z';
    const res = await fetchWorker('/v1/impact/batch?simulate=lostRevenue&draws=2000&seed=8&distribution=uniform', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: `${header}\r\n${row}\r\n`,
    });
    expect(res.status).toBe(200);
    const [head = [], first = []] = parseCsv(await res.text());
    expect(head.slice(-5)).toEqual(['lostRevenueP5', 'lostRevenueP50', 'lostRevenueP95', 'error', 'warnings']);
    expect(first.slice(-5)).toEqual([expected?.p5, expected?.p50, expected?.p95, '', '']);
  });

  it('batch JSON rows carry the columns, empty for a bad row', async () => {
    const rows = [
      {
        budgetAmount: '1200',
        budgetPeriod: 'day',
        cpm: '10',
        ctr: '0.01..0.02',
        outageStart: '2021-10-04T15:00:00Z',
        outageEnd: '2021-10-04T17:00:00Z',
      },
      { budgetAmount: '', budgetPeriod: 'day', outageStart: '2021-10-04T15:00:00Z', outageEnd: '2021-10-04T17:00:00Z' },
    ];
    const res = await fetchWorker('/v1/impact/batch?simulate=lostClicks&draws=500', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ rows }),
    });
    expect(res.status).toBe(200);
    const body = BatchJsonResponse.parse(await res.json());
    // Clicks = 10,000 impressions × ctr: between 100 and 200 for ctr 0.01..0.02.
    const p50 = Number(body.rows[0]?.lostClicksP50);
    expect(p50 > 100 && p50 < 200).toBe(true);
    expect(body.rows[1]?.lostClicksP50).toBeNull();
    expect(body.rows[1]?.error).not.toBeNull();
  });

  it('refuses settings without simulate/stat, a stat of a non-metric and bad draws, with /query pointers', async () => {
    const pointers = async (path: string) => (await problem(await fetchWorker(path))).errors.map((e) => e.pointer);
    expect(await pointers(`/v1/impact/value?${query}&metric=lostRevenue&draws=10`)).toEqual(['/query/draws']);
    expect(await pointers(`/v1/impact/value?${query}&metric=lostRevenueLow&stat=p5`)).toEqual(['/query/metric']);
    expect(await pointers(`/v1/impact/value?${query}&metric=lostRevenue&stat=p5&draws=0&seed=x`)).toEqual([
      '/query/draws',
      '/query/seed',
    ]);
    expect(await pointers(`/v1/impact/value?${query}&metric=lostRevenue&stat=p99`)).toEqual(['/query/stat']);
    expect(await pointers(`/v1/impact.csv?${query}&simulate=lostRevnue`)).toEqual(['/query/simulate']);
    expect(await pointers(`/v1/impact.csv?${query}&seed=3`)).toEqual(['/query/seed']);
  });

  it('refuses a batch whose draws × rows pass 1,000,000 with a 413', async () => {
    const rows = Array.from({ length: 11 }, () => ({
      budgetAmount: '1200',
      budgetPeriod: 'day',
      outageStart: '2021-10-04T15:00:00Z',
      outageEnd: '2021-10-04T17:00:00Z',
    }));
    const res = await fetchWorker('/v1/impact/batch?simulate=lostRevenue&draws=100000', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rows }),
    });
    await problem(res, 413);
  });
});
