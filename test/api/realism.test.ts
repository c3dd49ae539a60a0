import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import march2024 from '../../docs/realism-2024-03-05.json';
import { BatchJsonResponse } from '../../schemas/batch';
import { ImpactResponse } from '../../schemas/impact';
import { PlatformLossResponse } from '../../schemas/platform';

/** Outage realism over HTTP in workerd (DESIGN.md section 13); the arithmetic is worked in docs/realism.md. */

const fetchWorker = (path: string, init?: RequestInit) => exports.default.fetch(`http://localhost${path}`, init);
const postJson = (path: string, body: unknown) =>
  fetchWorker(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the worked example of docs/realism.md', () => {
  it('answers the figures the page explains line by line', async () => {
    const res = await postJson('/v1/impact', march2024);
    expect(res.status).toBe(200);
    const body = ImpactResponse.parse(await res.json());
    const [meta, google] = body.campaigns;
    // docs/realism.md: 139 min × 100/60 = 231.67 planned; ramp 150 planned, 75 lost; U = 306.67; R = N = 153.33;
    // conversions 153.33 ÷ 25 = 6.13; revenue × 80 = 490.67; profit × 0.5 = 245.33;
    // unrecorded 0.3 × 231.67 ÷ 25 = 2.78 and × 80 = 222.40; failover 76.67 at cpa 40, roas 2.5, margin 0.5;
    // netContributionChange 153.33 − 245.33 + 95.83 − 76.67 = −72.83.
    expect(meta).toMatchObject({
      plannedSpend: '231.67',
      recoveryPlannedSpend: '150.00',
      recoveryLostSpend: '75.00',
      lostSpend: '306.67',
      recapturedSpend: '153.33',
      netLostSpend: '153.33',
      lostImpressions: '15333.33',
      lostClicks: '153.33',
      lostConversions: '6.13',
      lostRevenue: '490.67',
      lostGrossProfit: '245.33',
      unrecordedConversions: '2.78',
      unrecordedRevenue: '222.40',
      failoverSpend: '76.67',
      failoverConversions: '1.92',
      failoverRevenue: '191.67',
      failoverGrossProfit: '95.83',
      netContributionChange: '-72.83',
    });
    expect(meta?.explain?.find((s) => s.metric === 'headroom')?.value).toBe('7645.00');
    expect(google).toMatchObject({ lostSpend: '0.00', netContributionChange: '0.00' });
    expect(body.totals[0]).toMatchObject({
      lostSpend: '306.67',
      failoverSpend: '76.67',
      netContributionChange: '-72.83',
    });
  });
});

describe('recoveryMinutes in the spreadsheet endpoints', () => {
  // 2,400 a day is 100 an hour: 2 h lost (200) plus a 90-minute ramp losing on average half of 150 (75) = 275.
  const row = {
    budgetAmount: '2400',
    budgetPeriod: 'day',
    cpm: '10',
    outageStart: '2024-03-05T15:00:00Z',
    outageEnd: '2024-03-05T17:00:00Z',
    recoveryMinutes: '90',
  };

  it('adds the ramp to lostSpend in a batch row', async () => {
    const res = await postJson('/v1/impact/batch', { rows: [row, { ...row, recoveryMinutes: '-5' }] });
    expect(res.status).toBe(200);
    const body = BatchJsonResponse.parse(await res.json());
    expect(body.rows[0]).toMatchObject({ plannedSpend: '200.00', lostSpend: '275.00', error: null });
    expect(body.rows[1]?.error).toMatch(/^recoveryMinutes: /);
  });

  it('takes recoveryMinutes as a query parameter of the formula endpoints', async () => {
    const res = await fetchWorker(`/v1/impact/value?${new URLSearchParams({ ...row, metric: 'lostSpend' })}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('275.00');
  });
});

describe('recoveryMinutes in POST /v1/platform-loss', () => {
  it('ramps the revenue rate back: 100 an hour, 3 h plus half of 1 h = 350', async () => {
    const res = await postJson('/v1/platform-loss', {
      revenue: { amount: '2400', period: { days: 1 } },
      outage: { windows: [{ start: '2021-10-04T12:00:00Z', end: '2021-10-04T15:00:00Z', recoveryMinutes: 60 }] },
      options: { explain: true },
    });
    expect(res.status).toBe(200);
    const body = PlatformLossResponse.parse(await res.json());
    expect(body).toMatchObject({ grossLoss: '350.00', recoveryLoss: '50.00', netLoss: '350.00' });
    expect(body.explain?.map((s) => s.metric)).toContain('windows[0].recoveryLoss');
  });
});
