import type { RouteConfig } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import committed from '../../openapi.json';
import { CatalogueOutageOut, OutageListResponse } from '../../schemas/catalogue';
import { EventStudyResponse } from '../../schemas/event-study';
import { ImpactResponse } from '../../schemas/impact';
import { MarketCapResponse } from '../../schemas/market-cap';
import { PlatformLossResponse } from '../../schemas/platform';
import { app } from '../../src/app';
import { callTool } from '../../src/mcp/call';
import { routeInputSchemas } from '../../src/mcp/input-schema';
import { getCampaignImpactValueRoute } from '../../src/routes/batch';
import { EVENT_STUDY_EXAMPLE } from '../../src/routes/event-study-example';
import { IMPACT_EXAMPLE } from '../../src/routes/impact';
import { MARKET_CAP_EXAMPLE } from '../../src/routes/market-cap';
import { PLATFORM_LOSS_EXAMPLE } from '../../src/routes/platform';

// The official SDK's client, inside workerd, talking to POST /mcp through the Worker's own fetch.

const BASE = 'http://localhost';
type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;
const workerFetch: Fetch = (url, init) => exports.default.fetch(new Request(url, init));
const keyedFetch: Fetch = (url, init) =>
  Promise.resolve(app.fetch(new Request(url, init), { API_KEYS: 'alpha-key, beta-key' }));

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function connect(
  fetch: Fetch = workerFetch,
  path = '/mcp',
  headers: Record<string, string> = {},
): Promise<Client> {
  // ajv, the client's default validator, cannot compile in workerd; the SDK's Workers validator can.
  const client = new Client(
    { name: 'mcp-test', version: '1.0.0' },
    { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${BASE}${path}`), { fetch, requestInit: { headers } }),
  );
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: unknown): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args as Record<string, unknown> })) as CallToolResult;
}

async function http(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await workerFetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const texts = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : ''));

/** openapi.json's component, its `$ref`s rewritten to `$defs` the way a tool's input schema carries them. */
function component(name: string): unknown {
  const schemas = committed.components.schemas as Record<string, unknown>;
  return JSON.parse(JSON.stringify(schemas[name]).replaceAll('"#/components/schemas/', '"#/$defs/'));
}

describe('tools/list', () => {
  it('lists the calculators and the catalogue with the request of their HTTP operation as input schema', async () => {
    const { tools } = await (await connect()).listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect([...byName.keys()]).toEqual([
      'estimate_campaign_impact',
      'estimate_platform_loss',
      'compute_market_cap_change',
      'estimate_event_study',
      'list_outages',
      'get_outage',
    ]);
    const bodies = {
      estimate_campaign_impact: 'ImpactRequest',
      estimate_platform_loss: 'PlatformLossRequest',
      compute_market_cap_change: 'MarketCapRequest',
      estimate_event_study: 'EventStudyRequest',
    };
    for (const [name, schemaName] of Object.entries(bodies)) {
      const { $defs, ...root } = byName.get(name)?.inputSchema as unknown as { $defs: Record<string, unknown> };
      // The same schema as openapi.json's request body, descriptions included, with every named part under $defs.
      expect(root, name).toEqual(component(schemaName));
      for (const [def, schema] of Object.entries($defs)) expect(schema, `${name} ${def}`).toEqual(component(def));
    }
    const impact = byName.get('estimate_campaign_impact');
    expect(impact?.description).toContain('POST /v1/impact');
    expect(impact?.annotations?.readOnlyHint).toBe(true);
  });
});

describe('tools/call answers what the HTTP API answers', () => {
  it('estimate_campaign_impact: the README example, exactly as POST /v1/impact answers it, and a summary', async () => {
    const result = await call(await connect(), 'estimate_campaign_impact', IMPACT_EXAMPLE);
    const direct = await http('/v1/impact', IMPACT_EXAMPLE);
    expect(direct.status).toBe(200);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(direct.json);
    expect(ImpactResponse.safeParse(result.structuredContent).success).toBe(true);
    // 1,200 a day, even: 50 an hour. 11:39 to 17:05 in New York is 326 minutes, inside one Los Angeles day:
    // planned = lost = 50 × 326 ÷ 60 = 271.666… → 271.67. Recaptured 0.5 × 271.666… = 135.833… → 135.83,
    // net 135.83. Impressions 1000 × (271.666… − 135.833… ÷ 1.1) ÷ 9.5 = 1000 × 148.1818… ÷ 9.5
    // = 15,598.086… → 15598.09; clicks × 0.011 = 171.578… → 171.58; conversions × 0.03 = 5.1473… → 5.15;
    // revenue × 72 = 370.610… → 370.61; gross profit × 0.4 = 148.244… → 148.24;
    // contribution 135.833… − 148.244… = −12.410… → −12.41.
    expect(texts(result)[0]).toBe(
      'The campaign "fall-sale" lost 271.67 USD of spend in 326.00 outage minutes (271.67 USD planned); ' +
        'budget pacing recaptures 135.83 USD, so 135.83 USD is lost net. Net of what the recaptured spend buys back, ' +
        'the outage cost 15598.09 impressions, 171.58 clicks and 5.15 conversions, worth 370.61 USD of revenue ' +
        'and 148.24 USD of gross profit; the net contribution change is -12.41 USD ' +
        '(negative: the advertiser is worse off).',
    );
    // The JSON itself as a second text block, for clients that read no structuredContent.
    expect(JSON.parse(texts(result)[1] ?? '')).toEqual(direct.json);
  });

  it('estimate_campaign_impact: several campaigns are summarised by their per-currency totals', async () => {
    const window = { start: '2021-10-04T15:00:00Z', end: '2021-10-04T17:00:00Z' };
    const args = {
      outage: { windows: [window] },
      campaigns: [
        { id: 'a', budget: { amount: '2400', period: 'day' } },
        { id: 'b', budget: { amount: '1200', period: 'day' } },
        { id: 'c', currency: 'JPY', budget: { amount: '24000', period: 'day' } },
      ],
    };
    const result = await call(await connect(), 'estimate_campaign_impact', args);
    expect(result.structuredContent).toEqual((await http('/v1/impact', args)).json);
    // Two hours of even daily budgets: a 2400 × 2 ÷ 24 = 200.00, b 1200 × 2 ÷ 24 = 100.00, USD total 300.00;
    // c 24000 × 2 ÷ 24 = 2000 (JPY has no minor units). Nothing is recaptured; no funnel, so no revenue.
    expect(texts(result)[0]).toBe(
      'The 3 campaigns lost 300.00 USD of spend (300.00 USD net of what pacing recaptures) ' +
        'and 2000 JPY of spend (2000 JPY net of what pacing recaptures) (totals per currency, no exchange). ' +
        'Lost spend by campaign: "a" 200.00 USD, "b" 100.00 USD, "c" 2000 JPY.',
    );
  });

  it('estimate_platform_loss: the DESIGN.md section 5 example, as POST /v1/platform-loss answers it', async () => {
    const result = await call(await connect(), 'estimate_platform_loss', PLATFORM_LOSS_EXAMPLE);
    const direct = await http('/v1/platform-loss', PLATFORM_LOSS_EXAMPLE);
    expect(direct.status).toBe(200);
    expect(result.structuredContent).toEqual(direct.json);
    expect(PlatformLossResponse.safeParse(result.structuredContent).success).toBe(true);
    // 2021-Q2 has 30 + 31 + 30 = 91 days = 2,184 hours; 29,080,000,000 ÷ 2,184 = 13,315,018.315… → 13315018.32
    // an hour, × 24 = 319,560,439.56 a day; 15:30 to 23:00 is 450 minutes = 7.5 hours:
    // 13,315,018.315… × 7.5 = 99,862,637.362… → 99862637.36; recapture 0.
    expect(texts(result)[0]).toBe(
      'The platform lost an estimated 99862637.36 USD of revenue in 450.00 outage minutes ' +
        '(99862637.36 USD gross, less 0.00 USD recaptured afterwards), ' +
        'at an average of 13315018.32 USD an hour (319560439.56 USD a day) over a 2184.00-hour period.',
    );
  });

  it('compute_market_cap_change: the DESIGN.md section 6 example, as POST /v1/market-cap answers it', async () => {
    const result = await call(await connect(), 'compute_market_cap_change', MARKET_CAP_EXAMPLE);
    const direct = await http('/v1/market-cap', MARKET_CAP_EXAMPLE);
    expect(direct.status).toBe(200);
    expect(result.structuredContent).toEqual(direct.json);
    expect(MarketCapResponse.safeParse(result.structuredContent).success).toBe(true);
    // Shares 2,366,277,848 + 415,481,668 = 2,781,759,516; price 343.01 → 326.23, a move of −16.78,
    // −16.78 ÷ 343.01 = −4.89198… % → −4.8920; cap before 2,781,759,516 × 343.01 = 954,171,331,583.16,
    // after × 326.23 = 907,493,406,904.68, change × −16.78 = −46,677,924,678.48. Benchmark −2.14 % × beta 1:
    // abnormal −4.89198… + 2.14 = −2.75198… % → −2.7520, of 954,171,331,583.16 = −26,258,658,182.60.
    // Founder 350,000,000 × −16.78 = −5,873,000,000.00; 46,677,924,678.48 ÷ 99,862,637.36 = 467.421309… times.
    expect(texts(result)[0]).toBe(
      'Market capitalisation changed by -46677924678.48 USD (-4.8920 %), ' +
        'from 954171331583.16 to 907493406904.68 USD, ' +
        'as the price moved from 343.01 to 326.23 on 2781759516.00 shares outstanding. ' +
        "Against the benchmark's expected -2.1400 %, the abnormal (stock-specific) move is -2.7520 %, " +
        "-26258658182.60 USD of market cap. Holders' wealth changed: Founder -5873000000.00 USD. " +
        'The market-cap change is 467.421309 times the revenue the outage lost.',
    );
  });
});

describe('the event study and the catalogue answer as their HTTP operations do', () => {
  it('estimate_event_study: the synthetic example, exactly as POST /v1/market-cap/event-study answers it', async () => {
    const result = await call(await connect(), 'estimate_event_study', EVENT_STUDY_EXAMPLE);
    const direct = await http('/v1/market-cap/event-study', EVENT_STUDY_EXAMPLE);
    expect(direct.status).toBe(200);
    expect(result.structuredContent).toEqual(direct.json);
    const a = EventStudyResponse.parse(result.structuredContent);
    // The summary quotes the answer's own strings: the model, the window, CAR in percent, t and p.
    expect(texts(result)[0]).toContain(`cumulative abnormal return of ${a.carPercent} % on ${a.eventDate}`);
    expect(texts(result)[0]).toContain(`t = ${a.t} with ${a.degreesOfFreedom} degrees of freedom`);
  });

  it('estimate_event_study: a missing event date is a tool error with the pointer of POST', async () => {
    const { eventDate: _, ...body } = EVENT_STUDY_EXAMPLE;
    const result = await call(await connect(), 'estimate_event_study', body);
    const direct = await http('/v1/market-cap/event-study', body);
    expect(direct.status).toBe(422);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual(direct.json);
    const pointers = (direct.json as { errors: { pointer: string }[] }).errors.map((e) => e.pointer);
    expect(pointers).toContain('/eventDate');
  });

  it('list_outages and get_outage: the catalogue as GET /v1/outages answers it', async () => {
    const client = await connect();
    const list = await call(client, 'list_outages', {});
    expect(list.structuredContent).toEqual(await (await workerFetch(`${BASE}/v1/outages`)).json());
    const { outages } = OutageListResponse.parse(list.structuredContent);
    expect(texts(list)[0]).toMatch(new RegExp(`^The catalogue has ${outages.length} outages\\. `));
    const one = await call(client, 'get_outage', { id: 'meta-2021-10-04' });
    expect(one.structuredContent).toEqual(await (await workerFetch(`${BASE}/v1/outages/meta-2021-10-04`)).json());
    const outage = CatalogueOutageOut.parse(one.structuredContent);
    // The catalogue's window for 4 October 2021 (docs/catalogue.md): 15:39 to 21:05 UTC.
    expect(texts(one)[0]).toContain('2021-10-04T15:39:00Z to 2021-10-04T21:05:00Z UTC');
    expect(texts(one)[0]).toContain(`${outage.sources.length} sources`);
    expect(texts(one)[0]).toContain('"outage": { "ref": "meta-2021-10-04" }');
  });

  it('get_outage: an id in the wrong case is a tool error with the 404 problem listing the ids', async () => {
    const result = await call(await connect(), 'get_outage', { id: 'META-2021-10-04' });
    expect(result.isError).toBe(true);
    const problem = result.structuredContent as { status: number; detail: string };
    expect(problem.status).toBe(404);
    expect(problem.detail).toContain('meta-2021-10-04');
  });
});

describe('invalid input is a tool error carrying the same problem details', () => {
  const cases: [string, string, unknown, string[]][] = [
    // a typo: unknown fields are refused, not ignored
    [
      'estimate_campaign_impact',
      '/v1/impact',
      { ...IMPACT_EXAMPLE, campaigns: [{ budget: { amount: '100', period: 'day' }, cmp: '9.50' }] },
      ['/campaigns/0/cmp'],
    ],
    [
      'estimate_platform_loss',
      '/v1/platform-loss',
      { ...PLATFORM_LOSS_EXAMPLE, revenue: { amount: '-1', period: { quarter: '2021-Q2', year: 2021 } } },
      ['/revenue/amount', '/revenue/period'],
    ],
    [
      'compute_market_cap_change',
      '/v1/market-cap',
      { shareClasses: [{ shares: '' }], price: { before: '10', after: '9', changePercent: '-10' } },
      ['/price/after', '/price/changePercent', '/shareClasses/0/shares'],
    ],
  ];

  it.each(cases)('%s', async (name, path, args, pointers) => {
    const result = await call(await connect(), name, args);
    const direct = await http(path, args);
    expect(direct.status).toBe(422);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual(direct.json);
    const problem = result.structuredContent as { type: string; errors: { pointer: string }[] };
    expect(problem.type).toBe('/problems/validation');
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(pointers);
    expect(texts(result)[0]).toMatch(/^422 Invalid input: The request has \d invalid fields?\. \//);
  });

  it('answers missing arguments as the API answers an empty body', async () => {
    const result = (await (await connect()).callTool({ name: 'compute_market_cap_change' })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual((await http('/v1/market-cap', {})).json);
  });

  it('applies the work limit: the 413 of an over-budget request comes back as a tool error', async () => {
    // No flight start: the pacing headroom to 2200 would walk about 1.5 million hours, past the 1,000,000-bucket limit.
    const args = {
      outage: { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T16:00:00Z' }] },
      campaigns: [
        {
          budget: { amount: '1200', period: 'day' },
          cpm: '10',
          recovery: { recapture: '1', pacingPeriod: 'flight' },
          flight: { end: '2200-12-31T00:00:00Z' },
        },
      ],
    };
    const result = await call(await connect(), 'estimate_campaign_impact', args);
    const direct = await http('/v1/impact', args);
    expect(direct.status).toBe(413);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual(direct.json);
  });

  it('says so when a tool does not exist', async () => {
    const result = await call(await connect(), 'estimate_everything', {});
    expect(result.isError).toBe(true);
    expect(texts(result)[0]).toMatch(/No tool is named "estimate_everything"/);
  });
});

describe('API keys apply to /mcp as to /v1/*', () => {
  it('refuses a client without a key with 401 when API_KEYS is set', async () => {
    await expect(connect(keyedFetch)).rejects.toThrow(/401/);
    const res = await keyedFetch(`${BASE}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('serves a client with a Bearer key, an x-api-key header or a key parameter, and passes it on', async () => {
    const bodies = [
      await connect(keyedFetch, '/mcp', { authorization: 'Bearer alpha-key' }),
      await connect(keyedFetch, '/mcp', { 'x-api-key': 'beta-key' }),
      await connect(keyedFetch, '/mcp?key=alpha-key'),
    ].map((client) => call(client, 'compute_market_cap_change', MARKET_CAP_EXAMPLE));
    for (const result of await Promise.all(bodies)) {
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual((await http('/v1/market-cap', MARKET_CAP_EXAMPLE)).json);
    }
  });

  it('refuses a wrong key', async () => {
    await expect(connect(keyedFetch, '/mcp', { authorization: 'Bearer gamma-key' })).rejects.toThrow(/401/);
  });
});

describe('the transport is stateless', () => {
  it('answers GET and DELETE /mcp with 405, as a server without streams or sessions may', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await workerFetch(`${BASE}/mcp`, { method, headers: { accept: 'text/event-stream' } });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    }
  });

  it('initializes without a session id, and answers a call sent with no initialize before it', async () => {
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const init = await workerFetch(`${BASE}/mcp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '0' } },
      }),
    });
    expect(init.status).toBe(200);
    expect(init.headers.get('mcp-session-id')).toBeNull();
    const list = await workerFetch(`${BASE}/mcp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(6);
  });

  it('answers a body that is not JSON with the protocol parse error', async () => {
    const res = await workerFetch(`${BASE}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: '{',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });
});

describe('hostile requests to /mcp get a 4xx, never a 5xx', () => {
  const ACCEPT = 'application/json, text/event-stream';
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    workerFetch(`${BASE}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers },
      body,
    });
  const rpcText = (params: string) => `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":${params}}`;
  const rpc = (params: unknown) => rpcText(JSON.stringify(params));

  it('refuses a JSON-RPC batch, whose calls would each be admitted up to the whole work limit, with a 400', async () => {
    const call = rpc({ name: 'list_outages', arguments: {} });
    const res = await post(`[${call},${call}]`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { detail: string }).detail).toContain('one JSON-RPC message per request');
  });

  it("refuses a body over 5 MiB with the API's 413 problem, before the protocol reads it", async () => {
    const res = await post(`{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses arguments nested past the JSON depth limit with the 413 problem', async () => {
    // The message, its params and the arguments object are 3 levels; 30 arrays inside make 33, over the limit of 32.
    // (The same arguments as an HTTP body would be 31 levels deep: the envelope costs two.)
    const deep = `${'['.repeat(30)}${']'.repeat(30)}`;
    const res = await post(rpcText(`{"name":"x","arguments":{"x":${deep}}}`));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it("answers a wrong content type or Accept header with the transport's JSON-RPC error", async () => {
    const text = await post(rpc({ name: 'estimate_platform_loss' }), { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const accept = await post(rpc({ name: 'estimate_platform_loss' }), { accept: 'text/html' });
    expect(accept.status).toBe(406);
    expect(((await accept.json()) as { error: { code: number } }).error.code).toBe(-32000);
  });

  it("answers arguments that are not an object with the SDK's JSON-RPC error naming them", async () => {
    const res = await post(rpc({ name: 'compute_market_cap_change', arguments: [1, 2] }));
    expect(res.status).toBe(200);
    // The SDK reports a request that fails its own schema as -32603, with zod's issues in the message.
    const { error } = (await res.json()) as { error: { code: number; message: string } };
    expect(error.code).toBe(-32603);
    expect(error.message).toMatch(/"arguments"/);
  });

  it("refuses unknown keys inside the arguments with the route's pointers", async () => {
    const args = '{"shareClasses":[{"shares":"1"}],"price":{"before":"2","after":"1"},"cmp":1}';
    const res = await post(rpcText(`{"name":"compute_market_cap_change","arguments":${args}}`));
    const { result } = (await res.json()) as { result: CallToolResult };
    expect(result.isError).toBe(true);
    const errors = (result.structuredContent as { errors: { pointer: string }[] }).errors.map((e) => e.pointer);
    expect(errors).toEqual(['/cmp']);
  });

  it('refuses a __proto__ key anywhere in the body before the protocol reads it, as every JSON body is', async () => {
    const args = '{"shareClasses":[{"shares":"1","__proto__":{"x":1}}],"price":{"before":"2","after":"1"}}';
    const res = await post(rpcText(`{"name":"compute_market_cap_change","arguments":${args}}`));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/params/arguments/shareClasses/0/__proto__']);
  });
});

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
