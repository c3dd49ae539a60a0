import { createRoute } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import responseExamples from '../../schemas/examples/estimateCampaignImpact.json';
import { outageEcho } from '../../schemas/catalogue';
import { type CampaignResult, ImpactRequest, ImpactResponse } from '../../schemas/impact';
import { allocateLargestRemainder } from '../engine/allocate';
import { InputError, TimelineLimitError } from '../engine/errors';
import {
  type CampaignEstimate,
  estimateCampaign,
  type ExplainStep,
  METRICS,
  type Metric,
  type Metrics,
  type Ranged,
} from '../engine/impact';
import { type CurrencyTotals, reportingTotal, totalsByCurrency } from '../engine/totals';
import { admit, campaignCostTerms, simulationCostTerms, WalkLedger } from '../engine/cost';
import { sharedSpendCache } from '../engine/spend';
import { type Formatter, formatter, PLACES, type RoundingMode } from '../engine/rounding';
import { formatInstant } from '../engine/time';
import { workLimit } from '../http/guards';
import { problemResponses, validationResponse } from '../http/responses';
import { createRouter } from '../http/router';
import { applyFailovers } from '../engine/failover';
import { campaignRealism, presentRealism, presentRealismRanges } from './realism';
import { analyseUncertainty, simulationOptions } from './uncertainty';

export const IMPACT_EXAMPLE = {
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
  options: { explain: false, timeline: 'none' },
};

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
    ...problemResponses,
    422: validationResponse([
      { pointer: '/campaigns/0/cmp', detail: 'is not a field of this object; check its spelling' },
    ]),
  },
});

/** Formats a metric by its kind: money in minor units, counts to 2 places. */
function metricFormat(f: Formatter, metric: Metric): (v: Decimal) => string {
  return metric === 'lostImpressions' || metric === 'lostClicks' || metric === 'lostConversions' ? f.count : f.money;
}

function presentMetrics(m: Metrics, f: Formatter) {
  const optional = (v: Decimal | null, format: (v: Decimal) => string) => (v === null ? null : format(v));
  return {
    recapturedSpend: f.money(m.recapturedSpend),
    netLostSpend: f.money(m.netLostSpend),
    lostImpressions: optional(m.lostImpressions, f.count),
    lostClicks: optional(m.lostClicks, f.count),
    lostConversions: optional(m.lostConversions, f.count),
    lostRevenue: optional(m.lostRevenue, f.money),
    lostGrossProfit: optional(m.lostGrossProfit, f.money),
    netContributionChange: optional(m.netContributionChange, f.money),
  };
}

export function presentRanges(ranges: Record<Metric, Ranged | null>, f: Formatter) {
  const out: Partial<Record<Metric, { low: string; base: string; high: string } | null>> = {};
  for (const metric of METRICS) {
    const r = ranges[metric];
    const fmt = metricFormat(f, metric);
    out[metric] = r && { low: fmt(r.low), base: fmt(r.base), high: fmt(r.high) };
  }
  return out;
}

/** Timeline rows rounded so that each column adds up exactly to the campaign's rounded total. */
function presentTimeline(
  e: CampaignEstimate,
  rows: NonNullable<CampaignEstimate['timeline']>,
  f: Formatter,
  mode: RoundingMode,
): NonNullable<CampaignResult['timeline']> {
  const column = (pick: (r: (typeof rows)[number]) => Decimal | null, places: number, total: Decimal | null) => {
    const values = rows.map(pick);
    if (total === null || values.some((v) => v === null)) return rows.map(() => null);
    return allocateLargestRemainder(values as Decimal[], places, mode, total).map((v) => v.toFixed(places));
  };
  // With recovery ramps the timeline also shows the ramp hours, whose planned spend is not inside the windows.
  const planned = column(
    (r) => r.plannedSpend,
    f.moneyPlaces,
    e.recovery ? e.plannedSpend.plus(e.recovery.plannedSpend) : e.plannedSpend,
  );
  const lost = column((r) => r.lostSpend, f.moneyPlaces, e.lostSpend);
  const impressions = column((r) => r.lostImpressions, PLACES.count, e.metrics.lostImpressions);
  const conversions = column((r) => r.lostConversions, PLACES.count, e.metrics.lostConversions);
  const revenue = column((r) => r.lostRevenue, f.moneyPlaces, e.metrics.lostRevenue);
  return rows.map((row, i) => ({
    start: formatInstant(row.start),
    end: formatInstant(row.end),
    plannedSpend: planned[i] as string,
    lostSpend: lost[i] as string,
    lostImpressions: impressions[i] ?? null,
    lostConversions: conversions[i] ?? null,
    lostRevenue: revenue[i] ?? null,
  }));
}

function presentExplain(steps: ExplainStep[], f: Formatter) {
  const format = { money: f.money, count: f.count, ratio: f.ratio, minutes: f.count };
  return steps.map((s) => ({
    metric: s.metric,
    formula: s.formula,
    inputs: Object.fromEntries(Object.entries(s.inputs).map(([k, v]) => [k, v.toString()])),
    value: format[s.kind](s.value),
  }));
}

/** A campaign's spend and metric outputs, formatted: the result columns of a batch row. */
export function presentOutputs(e: CampaignEstimate, f: Formatter) {
  return { plannedSpend: f.money(e.plannedSpend), lostSpend: f.money(e.lostSpend), ...presentMetrics(e.metrics, f) };
}

export function presentCampaign(e: CampaignEstimate, mode: RoundingMode): CampaignResult {
  const f = formatter(e.currency, mode);
  const result: CampaignResult = {
    ...(e.id === undefined ? {} : { id: e.id }),
    currency: e.currency,
    outageMinutes: f.count(e.outageMinutes),
    ...presentOutputs(e, f),
    ...presentRealism(campaignRealism(e), f),
    funnel: Object.fromEntries(
      Object.entries(e.funnel).map(([k, v]) => [k, v && { value: f.ratio(v.value), source: v.source }]),
    ) as CampaignResult['funnel'],
    undetermined: e.undetermined,
  };
  if (e.warnings.length) result.warnings = e.warnings;
  if (e.ranges || e.unrecorded?.ranges) {
    result.ranges = { ...(e.ranges ? presentRanges(e.ranges, f) : {}), ...presentRealismRanges(campaignRealism(e), f) };
  }
  if (e.timeline) result.timeline = presentTimeline(e, e.timeline, f, mode);
  if (e.explain) result.explain = presentExplain(e.explain, f);
  return result;
}

export function presentTotals(t: CurrencyTotals, mode: RoundingMode) {
  const f = formatter(t.currency, mode);
  return {
    currency: t.currency,
    plannedSpend: f.money(t.plannedSpend),
    lostSpend: f.money(t.lostSpend),
    ...presentMetrics(t.metrics, f),
    lostConversionsByEvent: Object.fromEntries(
      Object.entries(t.lostConversionsByEvent).map(([event, v]) => [event, f.count(v)]),
    ),
    undetermined: t.undetermined,
    ...presentRealism(t.realism, f),
    ...(t.ranges || t.realism.unrecorded?.ranges
      ? { ranges: { ...(t.ranges ? presentRanges(t.ranges, f) : {}), ...presentRealismRanges(t.realism, f) } }
      : {}),
  };
}

export const impactRoutes = createRouter().openapi(estimateCampaignImpactRoute, (c) => {
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
      ...(simulation
        ? simulationCostTerms(simulationOptions(simulation).draws, body.campaigns.length, 'campaigns')
        : []),
    ],
    workLimit(c.env),
  );
  const cache = sharedSpendCache();
  // Every campaign's problems are reported together, not only the first campaign's.
  const issues: InputError['issues'] = [];
  const estimates = body.campaigns.flatMap((campaign, i) => {
    try {
      return [estimateCampaign(campaign, body.outage.windows, cache, options)];
    } catch (err) {
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
});
