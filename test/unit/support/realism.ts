import { ImpactRequest } from '../../../schemas/impact';
import { app } from '../../../src/app';
import { applyFailovers } from '../../../src/engine/failover';
import { type CampaignEstimate, estimateCampaign } from '../../../src/engine/impact';
import { SpendCache } from '../../../src/engine/spend';

/** Requests estimated as POST /v1/impact does, failovers included, and the same request through the app. */
export function estimate(body: unknown, options = { timeline: false, explain: false }): CampaignEstimate[] {
  const request = ImpactRequest.parse(body);
  const cache = new SpendCache();
  const estimates = request.campaigns.map((c) => estimateCampaign(c, request.outage.windows, cache, options));
  applyFailovers(request.campaigns, estimates, request.outage.windows);
  return estimates;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read whichever fields of the answer they check
export async function post(body: unknown): Promise<{ status: number; json: any }> {
  const res = await app.request('/v1/impact', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}
