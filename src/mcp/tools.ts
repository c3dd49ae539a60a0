import type { RouteConfig } from '@hono/zod-openapi';
import type { CatalogueOutageOut, OutageListResponse } from '../../schemas/catalogue';
import type { EventStudyResponse } from '../../schemas/event-study';
import type { ImpactResponse } from '../../schemas/impact';
import type { MarketCapResponse } from '../../schemas/market-cap';
import type { PlatformLossResponse } from '../../schemas/platform';
import { getOutageRoute, listOutagesRoute } from '../routes/catalogue';
import { estimateEventStudyRoute } from '../routes/event-study';
import { estimateCampaignImpactRoute } from '../routes/impact';
import { computeMarketCapChangeRoute } from '../routes/market-cap';
import { estimatePlatformRevenueLossRoute } from '../routes/platform';
import {
  summarizeEventStudy,
  summarizeImpact,
  summarizeMarketCap,
  summarizeOutage,
  summarizeOutageList,
  summarizePlatformLoss,
} from './summaries';

/**
 * One MCP tool = one HTTP operation. The route's own config (createRoute) gives the method, the path,
 * the request zod schema (body, or path and query parameters) and the description, so a tool can never
 * drift from the endpoint it calls; the tool adds a name, a title and the text summary of the answer.
 */
export interface ApiTool<Answer> {
  /** snake_case, as assistants show tool names. */
  name: string;
  title: string;
  route: RouteConfig;
  /** One paragraph about the route's 200 answer (checked against its response schema by the route's tests). */
  summarize(answer: Answer): string;
}

/** A tool whose answer type is known only as the JSON its route answered with. */
export type Tool = ApiTool<unknown>;

/** Types `summarize` by the route's response; the one cast says that the answer is that route's 200 JSON. */
function tool<Answer>(definition: ApiTool<Answer>): Tool {
  return { ...definition, summarize: (answer) => definition.summarize(answer as Answer) };
}

/**
 * Every tool of POST /mcp. Adding an operation is one entry: `tool<ItsResponse>({ name, title, route,
 * summarize })` (docs/mcp.md).
 */
export const TOOLS: readonly Tool[] = [
  tool<ImpactResponse>({
    name: 'estimate_campaign_impact',
    title: 'Estimate what ad campaigns lost in an outage',
    route: estimateCampaignImpactRoute,
    summarize: summarizeImpact,
  }),
  tool<PlatformLossResponse>({
    name: 'estimate_platform_loss',
    title: "Estimate the platform's own ad revenue lost in an outage",
    route: estimatePlatformRevenueLossRoute,
    summarize: summarizePlatformLoss,
  }),
  tool<MarketCapResponse>({
    name: 'compute_market_cap_change',
    title: 'Compute the market-cap change of a share-price move',
    route: computeMarketCapChangeRoute,
    summarize: summarizeMarketCap,
  }),
  tool<EventStudyResponse>({
    name: 'estimate_event_study',
    title: 'Test whether a share-price move was abnormal (market-model event study)',
    route: estimateEventStudyRoute,
    summarize: summarizeEventStudy,
  }),
  tool<OutageListResponse>({
    name: 'list_outages',
    title: 'List the catalogue of past outages, with sourced windows',
    route: listOutagesRoute,
    summarize: summarizeOutageList,
  }),
  tool<CatalogueOutageOut>({
    name: 'get_outage',
    title: 'One past outage from the catalogue, with its sources',
    route: getOutageRoute,
    summarize: summarizeOutage,
  }),
];

/** The description an assistant reads: the operation's summary, its description, and where it lives. */
export function toolDescription(route: RouteConfig): string {
  const summary = route.summary ? `${route.summary}. ` : '';
  const operation = route.operationId ? `, operationId ${route.operationId}` : '';
  return `${summary}${route.description ?? ''} (Runs ${route.method.toUpperCase()} ${route.path}${operation}.)`;
}
