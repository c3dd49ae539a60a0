import type { RouteConfig } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import committed from '../../openapi.json';
import { callTool } from '../../src/mcp/call';
import { routeInputSchemas } from '../../src/mcp/input-schema';
import { getCampaignImpactValueRoute } from '../../src/routes/batch';
import { BASE, closeClientsAfterEach, texts, workerFetch } from './support/mcp';

// The official SDK's client, inside workerd, talking to POST /mcp through the Worker's own fetch.

closeClientsAfterEach();

describe('a GET operation as a tool (the shape of list_outages and get_outage)', () => {
  const incoming = new Request(`${BASE}/mcp`, { method: 'POST' });
  const dispatch = (request: Request) => exports.default.fetch(request);
  // /problems/{slug} is a plain JSON GET route with a path parameter; described here as a createRoute config would.
  const problemRoute = {
    method: 'get',
    path: '/problems/{slug}',
    request: { params: z.object({ slug: z.string() }) },
    responses: {},
  } satisfies RouteConfig;
  const problemTool = {
    name: 'get_problem',
    title: 'A problem type',
    route: problemRoute,
    summarize: (a: unknown) => `The problem is ${(a as { title: string }).title}.`,
  };

  it("fills a path parameter from the arguments and answers the route's JSON", async () => {
    const result = await callTool(problemTool, { slug: 'validation' }, incoming, dispatch);
    const direct = await (await workerFetch(`${BASE}/problems/validation`)).json();
    expect(result.structuredContent).toEqual(direct);
    expect(texts(result)[0]).toBe('The problem is Invalid input.');
  });

  it('answers a missing path parameter as the route answers the path without it: a 404 problem', async () => {
    const result = await callTool(problemTool, {}, incoming, dispatch);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual(await (await workerFetch(`${BASE}/problems/`)).json());
    expect((result.structuredContent as { status: number }).status).toBe(404);
  });

  it("describes a GET operation's query parameters as the properties of one object", () => {
    const [[, schema] = []] = routeInputSchemas([{ route: getCampaignImpactValueRoute }]);
    const query = committed.paths['/v1/impact/value'].get.parameters;
    const properties = schema?.properties as Record<string, { description?: string }>;
    expect(Object.keys(properties).sort()).toEqual(query.map((p) => p.name).sort());
    for (const p of query) expect(properties[p.name]?.description, p.name).toBe(p.description ?? p.schema.description);
    expect(schema?.required).toEqual(query.filter((p) => p.required).map((p) => p.name));
    expect(schema?.additionalProperties).toBe(false);
  });

  it('sends the other arguments as the query, and a non-JSON answer as text', async () => {
    const tool = {
      name: 'impact_value',
      title: 'One metric',
      route: getCampaignImpactValueRoute,
      summarize: () => 'unused',
    };
    const query = {
      budgetAmount: '1200',
      budgetPeriod: 'day',
      outageStart: '2021-10-04T00:00:00Z',
      outageEnd: '2021-10-04T01:00:00Z',
      metric: 'plannedSpend',
    };
    const result = await callTool(tool, query, incoming, dispatch);
    // 1,200 a day is 50.00 an hour
    expect(result.isError).toBeFalsy();
    expect(texts(result)).toEqual(['50.00']);
  });
});
