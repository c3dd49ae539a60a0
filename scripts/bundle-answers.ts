/**
 * Do two builds of the Worker answer alike? `npx tsx scripts/bundle-answers.ts <before.js> <after.js>` imports
 * both bundles into Node and sends each the same requests: the example request of every operation in
 * openapi.json, bad inputs (400, 404, 405, 413, 415, 422), GET /openapi.json and /docs, and /mcp's initialize,
 * tools/list, tools/call (a good one, an unknown tool, bad arguments), a refused batch and a GET. It compares
 * status, content type and body (request ids aside) and exits 1 on any difference. A bundle-only change (wrangler.toml
 * [alias], src/bundle/, a dynamic import) is checked with it: the workerd tests do not apply wrangler's aliases.
 */
import { exampleRequests } from './example-requests';
import { type Fetch, loadWorker } from './bench-requests';

interface Probe {
  name: string;
  url: string;
  init?: RequestInit;
}

const json = (body: unknown, contentType = 'application/json') => ({
  method: 'POST',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': contentType },
});
const mcp = (message: object) => ({
  method: 'POST',
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...message }),
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
});

const BAD_INPUTS: Probe[] = [
  { name: 'not JSON', url: '/v1/impact', init: json('{"outage":') },
  {
    name: 'unknown field, empty string, 1e400',
    url: '/v1/impact',
    init: json({ outage: '', campaigns: [{ cpm: '1e400' }], x: 1 }),
  },
  { name: 'wrong content type', url: '/v1/impact', init: json('a,b\n1,2', 'text/csv') },
  { name: 'too large', url: '/v1/impact', init: json(`{"a":"${'x'.repeat(3_000_000)}"}`) },
  { name: 'no such path', url: '/v1/nothing' },
  { name: 'wrong method', url: '/v1/impact' },
  { name: 'a CSV row with a bad number', url: '/v1/impact/batch', init: json('budgetAmount,cpm\nabc,9', 'text/csv') },
  { name: 'a problem type', url: '/problems/validation' },
];

const EXTRAS: Probe[] = [
  { name: 'GET /openapi.json', url: '/openapi.json' },
  { name: 'GET /docs', url: '/docs' },
  { name: 'GET /health', url: '/health' },
  {
    name: 'MCP initialize',
    url: '/mcp',
    init: mcp({
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bundle-answers', version: '1' } },
    }),
  },
  { name: 'MCP tools/list', url: '/mcp', init: mcp({ method: 'tools/list' }) },
  { name: 'MCP an unknown tool', url: '/mcp', init: mcp({ method: 'tools/call', params: { name: 'nope' } }) },
  {
    name: 'MCP a tool call with bad arguments',
    url: '/mcp',
    init: mcp({ method: 'tools/call', params: { name: 'estimate_campaign_impact', arguments: { outage: 1 } } }),
  },
  { name: 'MCP a batch (refused)', url: '/mcp', init: { ...mcp({}), body: '[{"jsonrpc":"2.0"},{"jsonrpc":"2.0"}]' } },
  { name: 'GET /mcp (405)', url: '/mcp' },
  {
    name: 'MCP tools/call',
    url: '/mcp',
    init: mcp({
      method: 'tools/call',
      params: {
        name: 'estimate_campaign_impact',
        arguments: {
          outage: { windows: [{ start: '2021-10-04T15:39:00Z', end: '2021-10-04T21:05:00Z' }] },
          campaigns: [{ timeZone: 'America/New_York', budget: { amount: '1200', period: 'day' }, cpm: '9.50' }],
        },
      },
    }),
  },
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

async function describe(fetch: Fetch, probe: Probe): Promise<string> {
  const res = await fetch(new Request(new URL(probe.url, 'http://localhost'), probe.init));
  const body = (await res.text()).replace(UUID, '<id>');
  return `${res.status} ${res.headers.get('content-type')}\n${body}`;
}

async function main(): Promise<number> {
  const [before, after] = process.argv.slice(2);
  if (!before || !after) {
    console.error('usage: tsx scripts/bundle-answers.ts <before.js> <after.js>');
    return 2;
  }
  const a = await loadWorker(before);
  const b = await loadWorker(after);
  console.log = () => {};
  const document = JSON.parse(await (await a(new Request('http://localhost/openapi.json'))).text());
  const examples: Probe[] = exampleRequests(document).map((r) => ({
    name: `${r.operationId} ${r.name}`,
    url: r.url,
    init: r.init,
  }));
  let differences = 0;
  const probes = [...examples, ...BAD_INPUTS, ...EXTRAS];
  for (const probe of probes) {
    const [left, right] = [await describe(a, probe), await describe(b, probe)];
    if (left !== right) {
      differences++;
      console.error(`differs: ${probe.name}\n  ${left.slice(0, 200)}\n  ${right.slice(0, 200)}`);
    } else console.error(`same: ${probe.name} (${left.slice(0, left.indexOf('\n'))}, ${left.length} bytes)`);
  }
  console.error(`${probes.length - differences} of ${probes.length} requests answered the same`);
  return differences ? 1 : 0;
}

process.exit(await main());
