import { ImpactRequest } from '../../../schemas/impact';
import { type CampaignEstimate, estimateCampaign } from '../../../src/engine/impact';
import { SpendCache } from '../../../src/engine/spend';

/** Requests are parsed by the contract (ImpactRequest) and estimated by the engine, without the app. */
export function estimate(body: unknown, options = { timeline: false, explain: false }): CampaignEstimate[] {
  const request = ImpactRequest.parse(body);
  const cache = new SpendCache();
  return request.campaigns.map((c) => estimateCampaign(c, request.outage.windows, cache, options));
}

export function one(body: unknown, options = { timeline: false, explain: false }): CampaignEstimate {
  const [e] = estimate(body, options);
  if (!e) throw new Error('no campaign');
  return e;
}

export const utcDay = (amount: string) => ({ currency: 'USD', timeZone: 'UTC', budget: { amount, period: 'day' } });
export const outage = (windows: { start: string; end: string; deliveryLoss?: string }[], timeZone = 'UTC') => ({
  timeZone,
  windows,
});

/** DESIGN.md section 4, as published. */
export const DESIGN_EXAMPLE = {
  outage: {
    timeZone: 'America/New_York',
    windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00', deliveryLoss: '1' }],
  },
  campaigns: [
    {
      id: 'fall-sale',
      currency: 'USD',
      timeZone: 'America/Los_Angeles',
      budget: { amount: '1200', period: 'day' },
      flight: { start: '2021-09-01T00:00:00', end: '2021-10-31T00:00:00' },
      deliveryProfile: 'even',
      cpm: '9.50',
      ctr: '0.011',
      cvr: '0.03',
      aov: '72',
      grossMargin: '0.4',
      incrementality: '1',
      recovery: { recapture: '0.5', overspendCap: '0.75', cpmPremium: '0.1' },
    },
  ],
  options: { explain: true, timeline: 'hour' },
};
