import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { exports } from 'cloudflare:workers';
import { afterEach } from 'vitest';
import committed from '../../../openapi.json';
import { app } from '../../../src/app';

// The official SDK's client, inside workerd, talking to POST /mcp through the Worker's own fetch.

export const BASE = 'http://localhost';
export type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;
export const workerFetch: Fetch = (url, init) => exports.default.fetch(new Request(url, init));
export const keyedFetch: Fetch = (url, init) =>
  Promise.resolve(app.fetch(new Request(url, init), { API_KEYS: 'alpha-key, beta-key' }));

const clients: Client[] = [];
/** Closes the clients a test connected, after each test of the file that calls it. */
export function closeClientsAfterEach(): void {
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
}

export async function connect(
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

export async function call(client: Client, name: string, args: unknown): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args as Record<string, unknown> })) as CallToolResult;
}

export async function http(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await workerFetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

export const texts = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : ''));

/** openapi.json's component, its `$ref`s rewritten to `$defs` the way a tool's input schema carries them. */
export function component(name: string): unknown {
  const schemas = committed.components.schemas as Record<string, unknown>;
  return JSON.parse(JSON.stringify(schemas[name]).replaceAll('"#/components/schemas/', '"#/$defs/'));
}
