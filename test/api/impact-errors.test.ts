import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../schemas/problem';

/** Bad input to POST /v1/impact: each answer is a 422 problem+json naming the field with a JSON Pointer. */

const postText = (text: string) =>
  exports.default.fetch('http://localhost/v1/impact', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: text,
  });

const outage = { timeZone: 'UTC', windows: [{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T11:00:00Z' }] };
const campaign = { budget: { amount: '1200', period: 'day' }, cpm: '9.50', ctr: '0.011' };

/** A valid request with one campaign changed. */
const withCampaign = (changes: Record<string, unknown>) => ({ outage, campaigns: [{ ...campaign, ...changes }] });

async function problem(body: unknown, raw?: string): Promise<Problem> {
  const res = await postText(raw ?? JSON.stringify(body));
  const text = await res.text();
  expect(res.status, text).toBe(422);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const parsed = Problem.parse(JSON.parse(text));
  expect(parsed).toMatchObject({ type: '/problems/validation', status: 422 });
  return parsed;
}

/** The pointers of a 422 answer, in order. */
async function pointers(body: unknown, raw?: string): Promise<string[]> {
  return (await problem(body, raw)).errors.map((e) => e.pointer);
}

describe('POST /v1/impact refuses bad input with a 422 and the pointer of each bad field', () => {
  it('the request itself is valid', async () => {
    const res = await postText(JSON.stringify(withCampaign({})));
    expect(res.status).toBe(200);
  });

  it('ctr above 1', async () => {
    expect(await pointers(withCampaign({ ctr: '1.5' }))).toEqual(['/campaigns/0/ctr']);
  });

  it('cpm of 0', async () => {
    expect(await pointers(withCampaign({ cpm: 0 }))).toEqual(['/campaigns/0/cpm']);
    expect(await pointers(withCampaign({ cpm: '0' }))).toEqual(['/campaigns/0/cpm']);
  });

  it('a negative budget', async () => {
    expect(await pointers(withCampaign({ budget: { amount: '-1200', period: 'day' } }))).toEqual([
      '/campaigns/0/budget/amount',
    ]);
  });

  it('a misspelled field: cmp for cpm', async () => {
    const p = await problem({ outage, campaigns: [{ budget: campaign.budget, cmp: '9.50' }] });
    expect(p.errors).toEqual([{ pointer: '/campaigns/0/cmp', detail: expect.stringContaining('not a field') }]);
  });

  it('an unknown time zone, in a campaign and in the outage', async () => {
    expect(await pointers(withCampaign({ timeZone: 'America/Atlantis' }))).toEqual(['/campaigns/0/timeZone']);
    expect(await pointers({ outage: { ...outage, timeZone: 'Mars/Olympus_Mons' }, campaigns: [campaign] })).toEqual([
      '/outage/timeZone',
    ]);
  });

  it('a window that ends before it starts, or when it starts', async () => {
    expect(
      await pointers({
        outage: { windows: [{ start: '2021-10-04T11:00:00Z', end: '2021-10-04T10:00:00Z' }] },
        campaigns: [campaign],
      }),
    ).toEqual(['/outage/windows/0/end']);
    expect(
      await pointers({
        outage: { windows: [{ start: '2021-10-04T11:00:00Z', end: '2021-10-04T11:00:00Z' }] },
        campaigns: [campaign],
      }),
    ).toEqual(['/outage/windows/0/end']);
  });

  it('overlapping windows (the later-starting one is named)', async () => {
    const windows = [
      { start: '2021-10-04T12:00:00Z', end: '2021-10-04T14:00:00Z' },
      { start: '2021-10-04T10:00:00Z', end: '2021-10-04T12:30:00Z' },
    ];
    expect(await pointers({ outage: { windows }, campaigns: [campaign] })).toEqual(['/outage/windows/0/start']);
  });

  it('touching windows are not overlapping', async () => {
    const windows = [
      { start: '2021-10-04T10:00:00Z', end: '2021-10-04T12:00:00Z' },
      { start: '2021-10-04T12:00:00Z', end: '2021-10-04T14:00:00Z' },
    ];
    expect((await postText(JSON.stringify({ outage: { windows }, campaigns: [campaign] }))).status).toBe(200);
  });

  it('a profile of 23 weights', async () => {
    expect(await pointers(withCampaign({ deliveryProfile: Array(23).fill('1') }))).toEqual([
      '/campaigns/0/deliveryProfile',
    ]);
  });

  it('a profile with a negative weight', async () => {
    const weights = Array(24).fill('1');
    weights[5] = '-1';
    expect(await pointers(withCampaign({ deliveryProfile: weights }))).toEqual(['/campaigns/0/deliveryProfile/5']);
  });

  it('a profile whose weights are all zero', async () => {
    expect(await pointers(withCampaign({ deliveryProfile: Array(168).fill(0) }))).toEqual([
      '/campaigns/0/deliveryProfile',
    ]);
  });

  it('a lifetime budget without a flight', async () => {
    const p = await problem(withCampaign({ budget: { amount: '5000', period: 'lifetime' } }));
    // Each missing end once (lifetime pacing over the flight needs the end too, but it is not repeated).
    expect(p.errors.map((e) => e.pointer)).toEqual(['/campaigns/0/flight/start', '/campaigns/0/flight/end']);
  });

  it('a lifetime flight longer than 1,096 days', async () => {
    const body = withCampaign({
      budget: { amount: '5000', period: 'lifetime' },
      flight: { start: '2020-01-01T00:00:00Z', end: '2023-01-02T00:00:00Z' },
    });
    expect(await pointers(body)).toEqual(['/campaigns/0/flight/end']);
    // 1 January 2020 to 1 January 2023 is 366 + 365 + 365 = 1,096 days: accepted.
    const res = await postText(
      JSON.stringify(
        withCampaign({
          budget: { amount: '5000', period: 'lifetime' },
          flight: { start: '2020-01-01T00:00:00Z', end: '2023-01-01T00:00:00Z' },
        }),
      ),
    );
    expect(res.status).toBe(200);
  });

  it('a lifetime flight whose hours carry no weight', async () => {
    // All the weight on 02:00, and the flight runs 03:00-05:00Z.
    const deliveryProfile = Array.from({ length: 24 }, (_, h) => (h === 2 ? '1' : '0'));
    const body = withCampaign({
      budget: { amount: '5000', period: 'lifetime' },
      flight: { start: '2021-10-04T03:00:00Z', end: '2021-10-04T05:00:00Z' },
      deliveryProfile,
    });
    expect(await pointers(body)).toEqual(['/campaigns/0/deliveryProfile']);
  });

  it('1e400, as a JSON number and as a string', async () => {
    const raw = JSON.stringify(withCampaign({ cpm: 'PLACEHOLDER' })).replace('"PLACEHOLDER"', '1e400');
    expect(raw).toContain('"cpm":1e400');
    expect(await pointers(null, raw)).toEqual(['/campaigns/0/cpm']);
    expect(await pointers(withCampaign({ cpm: '1e400' }))).toEqual(['/campaigns/0/cpm']);
    expect(await pointers(withCampaign({ budget: { amount: '1e400', period: 'day' } }))).toEqual([
      '/campaigns/0/budget/amount',
    ]);
  });

  it('a wall-clock time skipped by DST (02:30 on 14 March 2021 in New York) in an outage window', async () => {
    const p = await problem({
      outage: { timeZone: 'America/New_York', windows: [{ start: '2021-03-14T02:30:00', end: '2021-03-14T05:00:00' }] },
      campaigns: [campaign],
    });
    expect(p.errors).toEqual([
      { pointer: '/outage/windows/0/start', detail: expect.stringContaining('does not exist') },
    ]);
  });

  it('a wall-clock time repeated by DST (01:30 on 7 November 2021 in New York) in an outage window', async () => {
    const p = await problem({
      outage: { timeZone: 'America/New_York', windows: [{ start: '2021-11-07T00:00:00', end: '2021-11-07T01:30:00' }] },
      campaigns: [campaign],
    });
    expect(p.errors).toEqual([{ pointer: '/outage/windows/0/end', detail: expect.stringContaining('-04:00') }]);
  });

  it('a wall-clock time skipped or repeated by DST in a flight, read in the campaign zone', async () => {
    const flight = { start: '2021-03-14T02:30:00', end: '2021-11-07T01:30:00' };
    expect(await pointers(withCampaign({ timeZone: 'America/New_York', flight }))).toEqual([
      '/campaigns/0/flight/start',
      '/campaigns/0/flight/end',
    ]);
    // The same wall-clock times are unambiguous in UTC.
    expect((await postText(JSON.stringify(withCampaign({ flight })))).status).toBe(200);
  });

  it('1,001 campaigns', async () => {
    expect(await pointers({ outage, campaigns: Array(1001).fill(campaign) })).toEqual(['/campaigns']);
  });

  it('accepts 1,000 campaigns', async () => {
    expect((await postText(JSON.stringify({ outage, campaigns: Array(1000).fill(campaign) }))).status).toBe(200);
  });

  it('a range whose low is above its high', async () => {
    expect(await pointers(withCampaign({ cpm: { low: '12', high: '8' } }))).toEqual(['/campaigns/0/cpm/high']);
  });

  it('a range whose base lies outside it', async () => {
    expect(await pointers(withCampaign({ cpm: { low: '8', base: '13', high: '12' } }))).toEqual([
      '/campaigns/0/cpm/base',
    ]);
  });

  it('an hourly budget with a profile that is not even', async () => {
    expect(
      await pointers(withCampaign({ budget: { amount: '50', period: 'hour' }, deliveryProfile: Array(24).fill('1') })),
    ).toEqual(['/campaigns/0/deliveryProfile']);
  });

  it('recapture of an hourly budget', async () => {
    expect(
      await pointers(withCampaign({ budget: { amount: '50', period: 'hour' }, recovery: { recapture: '0.5' } })),
    ).toEqual(['/campaigns/0/recovery/recapture']);
  });

  it('a funnel contradiction, naming every field involved', async () => {
    // cpm 9.50 and ctr 0.011 give cpc 0.8636…; with cvr 0.03 that is cpa 28.79, not 40.
    const p = await problem(withCampaign({ cvr: '0.03', cpa: '40' }));
    expect(p.errors.map((e) => e.pointer)).toEqual([
      '/campaigns/0/cpm',
      '/campaigns/0/ctr',
      '/campaigns/0/cvr',
      '/campaigns/0/cpa',
    ]);
    expect(p.errors[0]?.detail).toContain('cpa = cpc ÷ cvr');
  });

  it('a derived ctr or cvr above 1, naming the inputs it comes from', async () => {
    // cpm 9.50 and cpc 0.001 give ctr = 9.5 ÷ (1000 × 0.001) = 9.5: more clicks than impressions.
    expect(await pointers(withCampaign({ ctr: undefined, cpc: '0.001' }))).toEqual([
      '/campaigns/0/cpm',
      '/campaigns/0/cpc',
    ]);
    // cpc 1 and cpa 0.5 give cvr = 1 ÷ 0.5 = 2: more conversions than clicks.
    expect(await pointers({ outage, campaigns: [{ budget: campaign.budget, cpc: '1', cpa: '0.5' }] })).toEqual([
      '/campaigns/0/cpc',
      '/campaigns/0/cpa',
    ]);
    // A derived ctr of exactly 1 is allowed: cpm 9.50, cpc 0.0095.
    expect((await postText(JSON.stringify(withCampaign({ ctr: undefined, cpc: '0.0095' })))).status).toBe(200);
  });

  it('a flight that ends before it starts', async () => {
    expect(
      await pointers(withCampaign({ flight: { start: '2021-10-05T00:00:00Z', end: '2021-10-04T00:00:00Z' } })),
    ).toEqual(['/campaigns/0/flight/end']);
  });

  it('several problems at once, each with its pointer', async () => {
    const p = await problem({
      outage: { windows: [{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T11:00:00Z', deliveryLoss: '1.2' }] },
      campaigns: [{ ...campaign, currency: 'usd', ctr: '-0.1' }],
      options: { rounding: 'up' },
    });
    expect(p.errors.map((e) => e.pointer).sort()).toEqual(
      ['/campaigns/0/ctr', '/campaigns/0/currency', '/options/rounding', '/outage/windows/0/deliveryLoss'].sort(),
    );
  });

  it('a timestamp that is not RFC 3339, or names a day the month does not have', async () => {
    expect(
      await pointers({
        outage: { windows: [{ start: 'yesterday', end: '2021-10-04T11:00:00Z' }] },
        campaigns: [campaign],
      }),
    ).toEqual(['/outage/windows/0/start']);
    expect(
      await pointers({
        outage: { windows: [{ start: '2021-02-29T10:00:00Z', end: '2021-03-01T11:00:00Z' }] },
        campaigns: [campaign],
      }),
    ).toEqual(['/outage/windows/0/start']);
    expect(await pointers(withCampaign({ flight: { end: '2021-10-04 5pm' } }))).toEqual(['/campaigns/0/flight/end']);
  });
});
