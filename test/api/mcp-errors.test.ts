import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { IMPACT_EXAMPLE } from '../../src/routes/impact';
import { PLATFORM_LOSS_EXAMPLE } from '../../src/routes/platform';
import { BASE, call, closeClientsAfterEach, connect, http, texts, workerFetch } from './support/mcp';

// The official SDK's client, inside workerd, talking to POST /mcp through the Worker's own fetch.

closeClientsAfterEach();

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
