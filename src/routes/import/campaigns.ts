import type { z } from '@hono/zod-openapi';
import { CampaignInput } from '../../../schemas/impact';
import type { ImportQuery } from '../../../schemas/import';
import { campaignJson, type ImportedCampaign, importedFields } from '../../csv/import/campaign';
import { type ImportSettings, importedCampaignSpec } from '../../../schemas/imported-campaign';
import type { ExportSource } from '../../csv/import/detect';
import { InputError } from '../../engine/errors';
import { admit } from '../../engine/cost';
import { type CampaignSpec, estimateCampaign, type Window } from '../../engine/impact';
import type { SpendCache } from '../../engine/spend';
import { fieldErrors } from '../../http/validation';
import { BatchCost } from '../batch/rows';
import { estimatedOutcome, refusedOutcome, type RowOutcome } from '../../present/import-rows';
/** A campaign of the export read through the same schema as POST /v1/impact's campaigns. */
export interface ParsedCampaign {
  campaign: ImportedCampaign;
  spec?: CampaignSpec;
  errors: string[];
  warnings: string[];
}

/** The answer-wide warning when the query did not give the account's zone (its default, UTC, was used). */
export const UTC_ASSUMED = "the ad account's time zone is not in the export; UTC was assumed (set timeZone)";

/**
 * What the whole answer warns of, said once rather than on every row: `zoneGiven` is whether the query
 * named `timeZone` (the schema's default fills it in, so the parsed query cannot tell).
 */
export function answerWarnings(zoneGiven: boolean): { pointer: string; detail: string }[] {
  return zoneGiven ? [] : [{ pointer: '/query/timeZone', detail: UTC_ASSUMED }];
}

/** A CSV answer has no place for answer-wide warnings but its rows: they go first in the first row's cell. */
export function withAnswerWarnings(rowWarnings: string, warnings: readonly { detail: string }[]): string {
  return [...warnings.map((w) => w.detail), ...(rowWarnings ? [rowWarnings] : [])].join('; ');
}

/** What every campaign of the export takes from the query (and, for the pacing week, from the platform). */
export function importSettings(source: ExportSource, query: z.infer<typeof ImportQuery>): ImportSettings {
  return {
    timeZone: query.timeZone,
    // Meta evens daily budgets over a Sunday-to-Saturday week (DESIGN.md section 13), so its campaigns pace that way.
    ...(source === 'meta' ? { weekStartsOn: 'sunday' } : {}),
    ...(query.recapture ? { recapture: query.recapture } : {}),
    ...(query.grossMargin ? { grossMargin: query.grossMargin } : {}),
  };
}

/** One imported campaign through the same schema as POST /v1/impact. */
export function parseCampaign(campaign: ImportedCampaign, settings: ImportSettings): ParsedCampaign {
  const { fields, errors, warnings } = importedFields(campaign);
  if (errors.length) return { campaign, errors, warnings };
  // CampaignInput's answer without zod when every field is plainly valid; else CampaignInput itself words the problems.
  const spec = importedCampaignSpec(fields, settings);
  if (spec) return { campaign, spec, errors: [], warnings };
  const json = campaignJson(fields, settings.timeZone);
  json.recovery = {
    ...(settings.weekStartsOn ? { weekStartsOn: settings.weekStartsOn } : {}),
    ...(settings.recapture ? { recapture: settings.recapture } : {}),
  };
  if (settings.grossMargin) json.grossMargin = settings.grossMargin;
  const parsed = CampaignInput.safeParse(json);
  if (!parsed.success)
    return { campaign, errors: fieldErrors(parsed.error).map((e) => `${e.pointer.slice(1)}: ${e.detail}`), warnings };
  return { campaign, spec: parsed.data, errors: [], warnings };
}

/**
 * The export's campaigns read through the schema and charged like batch rows as they are read (DESIGN.md
 * section 9): reading stops with a 413 at the first campaign that takes the cost over the limit, so a long
 * file costs no more than an admitted one, and nothing is estimated before the whole file is admitted.
 */
export function parseAndCharge(
  read: { source: ExportSource; campaigns: readonly ImportedCampaign[] },
  query: z.infer<typeof ImportQuery>,
  windows: readonly Window[],
  limit: number,
): ParsedCampaign[] {
  const cost = new BatchCost(read.campaigns.length);
  // The cost model only reads the windows: one copy serves every campaign.
  const shared = [...windows];
  const settings = importSettings(read.source, query);
  const parsed = read.campaigns.map((campaign, i) => {
    const p = parseCampaign(campaign, settings);
    if (p.spec) cost.add({ campaign: p.spec, windows: shared }, i, limit);
    return p;
  });
  admit(cost.terms, limit);
  return parsed;
}

/** One parsed campaign through the same engine as POST /v1/impact. */
export function estimateRow(parsed: ParsedCampaign, windows: Window[], cache: SpendCache): RowOutcome {
  const { campaign, spec, warnings } = parsed;
  if (!spec) return { campaign, errors: parsed.errors, warnings };
  try {
    const estimate = estimateCampaign(spec, windows, cache, { timeline: false, explain: false });
    return estimatedOutcome(campaign, estimate, spec.spend.amount, warnings);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return refusedOutcome(campaign, err, warnings);
  }
}
