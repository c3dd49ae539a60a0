import { z } from '@hono/zod-openapi';
import { type FailoverTarget, failoverProblems } from '../src/engine/failover';
import type { CampaignSpec, Window } from '../src/engine/impact';
import { OUTAGE_REALISM_LIMITS } from '../src/engine/ramp';
import { CountOut, fraction, MoneyOut } from './common';
import type { DescribeIssue } from './problem';

/**
 * The campaign fields of outage realism (DESIGN.md section 13). Each is opt-in: a request without them
 * gets every number it got before. The window fields (recoveryMinutes, measurementLoss, platforms) live
 * in outage.ts; the rules that tie campaigns together are the engine's (failoverProblems).
 */

const FailoverTargetInput = z
  .strictObject({
    to: z.string().min(1).max(200).openapi({
      description: 'The `id` of the campaign of this request that receives the spend',
      example: 'search-brand',
    }),
    share: fraction("Share of this campaign's net lost spend N moved to the target", '0.5'),
  })
  .openapi('FailoverTargetInput');

export const FailoverInput = z
  .union([
    FailoverTargetInput,
    z.array(FailoverTargetInput).min(1, 'name at least one target').max(10, 'name at most 10 targets'),
  ])
  .openapi('FailoverInput', {
    description: [
      "Moves a share of this campaign's net lost spend N to another campaign of the request (one object, or a list",
      'of up to 10 whose shares add up to at most 1), which buys its own funnel with it: conversions = spend ÷ cpa ×',
      'incrementality, revenue = spend × roas × incrementality, gross profit = revenue × grossMargin,',
      "all the target's.",
      'N is attributed to the windows in proportion to their lost spend; nothing moves out of a window in which the',
      'target is down too (a `warnings` entry says so). The target needs an `id`, the same currency (no FX',
      'conversion: another currency is a 422), and a funnel that determines cpa and roas, with grossMargin. Ranged',
      'inputs on either campaign are refused for now. A cycle of failovers is a 422.',
    ].join(' '),
    example: { to: 'search-brand', share: '0.5' },
  });

export const CAMPAIGN_REALISM_FIELDS = {
  platform: z
    .string()
    .min(1)
    .max(OUTAGE_REALISM_LIMITS.platformLength)
    .optional()
    .openapi({
      description:
        'The ad platform the campaign runs on (`meta`, ' + "`google`…), matched against the windows' `platforms`.",
      example: 'meta',
    }),
  failover: FailoverInput.optional(),
};

/** The failover targets as the engine takes them, each with the path it was given at. */
export function failoverTargets(input: z.infer<typeof FailoverInput> | undefined): FailoverTarget[] | undefined {
  if (input === undefined) return undefined;
  if (!Array.isArray(input)) return [{ ...input, path: ['failover'] }];
  return input.map((t, j) => ({ ...t, path: ['failover', j] }));
}

/**
 * Reports the engine's platform and failover problems of a parsed request as zod issues at their campaigns.
 * A message that names other campaigns is written by src/http/validation.ts (`params.describe`), which names
 * them by pointer; `message` names them by path, for a parse outside HTTP.
 */
export function refineFailovers(
  body: { outage: { windows: readonly Window[] }; campaigns: readonly CampaignSpec[] },
  ctx: z.core.$RefinementCtx,
): void {
  for (const issue of failoverProblems(body.campaigns, body.outage.windows)) {
    const describe: DescribeIssue = (place) => issue.message((k) => place(['campaigns', k]));
    const path = ['campaigns', issue.campaign, ...issue.path];
    ctx.addIssue({ code: 'custom', path, message: describe((p) => p.join('/')), params: { describe } });
  }
}

const MetricRangeOut = z.object({ low: z.string(), base: z.string(), high: z.string() });

/** The result fields of outage realism: present only when the request uses the option behind them. */
export const REALISM_RESULT_FIELDS = {
  recoveryPlannedSpend: MoneyOut(
    'Planned spend in the recovery ramps [end, end + recoveryMinutes) of the windows ' +
      '(present when a window gives recoveryMinutes)',
    '52.50',
  ).optional(),
  recoveryLostSpend: MoneyOut(
    "The part of lostSpend lost in the recovery ramps: Σ over the ramps' hour pieces of planned × deliveryLoss × " +
      '(1 − (midpoint − end) ÷ ramp) (present when a window gives recoveryMinutes)',
    '26.25',
  ).optional(),
  unrecordedConversions: CountOut(
    'Σ windows measurementLoss × planned spend ÷ cpa: conversions that happened but that the pixel did not ' +
      'record; a reporting gap, not part of the loss figures (present when a window gives measurementLoss; ' +
      'null when cpa is undetermined)',
    '3.54',
  )
    .nullable()
    .optional(),
  unrecordedRevenue: MoneyOut(
    'unrecordedConversions × aov (= Σ measurementLoss × planned spend × roas); null when roas is undetermined',
    '254.88',
  )
    .nullable()
    .optional(),
  failoverSpend: MoneyOut(
    'Net lost spend moved to the failover targets (present when the campaign has a failover)',
    '67.92',
  ).optional(),
  failoverConversions: CountOut(
    "What failoverSpend bought at the targets' funnels: Σ spend ÷ cpa × incrementality",
    '2.36',
  ).optional(),
  failoverRevenue: MoneyOut('Σ failover spend × roas × incrementality of each target', '169.80').optional(),
  failoverGrossProfit: MoneyOut(
    "Σ failover revenue × the target's grossMargin; " +
      'netContributionChange includes failoverGrossProfit − failoverSpend',
    '67.92',
  ).optional(),
};

export const REALISM_RANGE_FIELDS = {
  unrecordedConversions: MetricRangeOut.nullable().optional(),
  unrecordedRevenue: MetricRangeOut.nullable().optional(),
};
