import { describe, expect, it } from 'vitest';
import { MARKET_CAP_EXAMPLE } from '../../src/routes/market-cap';
import { BASE, call, closeClientsAfterEach, connect, http, keyedFetch, workerFetch } from './support/mcp';

// The official SDK's client, inside workerd, talking to POST /mcp through the Worker's own fetch.

closeClientsAfterEach();

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
