import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import responseExamples from '../../../schemas/examples/estimateCampaignImpact.json';
import { outageEcho } from '../../../schemas/catalogue';
import { ImpactRequest, ImpactResponse } from '../../../schemas/impact';
import { InputError, TimelineLimitError } from '../../engine/errors';
import { estimateCampaign } from '../../engine/impact';
import { reportingTotal, totalsByCurrency } from '../../engine/totals';
import { admit, backstopWork, campaignCostTerms, simulationCostTerms, WalkLedger } from '../../engine/cost';
import { sharedSpendCache } from '../../engine/spend';
import { workLimit } from '../../http/guards';
import { jsonProblemResponses } from '../../http/responses';
import { applyFailovers } from '../../engine/failover';
import { presentCampaign, presentTotals } from '../../present/impact';
import { analyseUncertainty } from '../../present/uncertainty';
import { IMPACT_EXAMPLE } from './example';

export const estimateCampaignImpactRoute = createRoute({
  method: 'post',
  path: '/v1/impact',
  operationId: 'estimateCampaignImpact',
  tags: ['Campaign impact'],
  summary: 'What each campaign lost in the outage',
  description:
    'For each campaign: the spend that would have been delivered inside the outage windows (from ' +
    'its budget period, delivery profile and flight, in its own time zone), what was lost, what ' +
    'budget pacing recaptures afterwards, and the funnel from lost spend to impressions, clicks, ' +
    'conversions, revenue and profit. Uncertain inputs may be ranges; totals are per currency.',
  request: {
    body: { required: true, content: { 'application/json': { schema: ImpactRequest, example: IMPACT_EXAMPLE } } },
  },
  responses: {
    200: {
      description: 'Each campaign in input order, then per-currency totals. Numbers are decimal strings.',
      // the real answer to IMPACT_EXAMPLE, written by `npm run openapi:examples`
      content: { 'application/json': { schema: ImpactResponse, ...responseExamples['application/json'] } },
    },
    ...jsonProblemResponses([
      { pointer: '/campaigns/0/cmp', detail: 'is not a field of this object; check its spelling' },
    ]),
  },
});

export const estimateCampaignImpact: RouteHandler<typeof estimateCampaignImpactRoute> = (c) => {
  const body = c.req.valid('json');
  const mode = body.options.rounding;
  const options = { timeline: body.options.timeline === 'hour', explain: body.options.explain };
  // Admitted or refused from the request's shape alone, before any estimate (DESIGN.md section 9).
  const ledger = new WalkLedger();
  const simulation = body.options?.simulation;
  admit(
    [
      ...body.campaigns.flatMap((campaign, i) =>
        campaignCostTerms(campaign, body.outage.windows, options, ['campaigns', i], ledger),
      ),
      ...(simulation ? simulationCostTerms(simulation.draws, body.campaigns.length, 'campaigns') : []),
    ],
    workLimit(c.env),
  );
  const cache = sharedSpendCache(backstopWork(workLimit(c.env)));
  // Every campaign's problems are reported together, not only the first campaign's.
  const issues: InputError['issues'] = [];
  const estimates = body.campaigns.flatMap((campaign, i) => {
    try {
      return [estimateCampaign(campaign, body.outage.windows, cache, options)];
    } catch (err) {
      // The engine's paths are relative to the campaign; the timeline limit is the request's.
      if (err instanceof TimelineLimitError) issues.push({ path: ['options', 'timeline'], message: err.message });
      else if (err instanceof InputError)
        issues.push(...err.issues.map((e) => ({ ...e, path: ['campaigns', i, ...e.path] })));
      else throw err;
      return [];
    }
  });
  if (issues.length) throw new InputError(issues);
  applyFailovers(body.campaigns, estimates, body.outage.windows);
  const { ref } = body.outage;
  const uncertainty = analyseUncertainty(
    estimates.map((estimate, i) => ({ spec: body.campaigns[i] as (typeof body.campaigns)[number], estimate })),
    body.options,
    mode,
  );
  const campaigns = estimates.map((e, i) => ({ ...presentCampaign(e, mode), ...uncertainty.campaigns[i] }));
  const currencyTotals = totalsByCurrency(estimates);
  const totals = currencyTotals.map((t) => {
    const simulation = uncertainty.totals.get(t.currency);
    return { ...presentTotals(t, mode), ...(simulation ? { simulation } : {}) };
  });
  const fx = body.options?.fx;
  return c.json(
    {
      campaigns,
      totals,
      ...(fx ? { reportingTotal: presentTotals(reportingTotal(currencyTotals, fx.currency, fx.rates), mode) } : {}),
      ...(ref ? { outage: outageEcho(ref) } : {}),
      ...(uncertainty.warnings.length ? { warnings: uncertainty.warnings } : {}),
    },
    200,
  );
};
