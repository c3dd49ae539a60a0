/**
 * An MCP client from the command line, with the official SDK: what an assistant does, without the assistant.
 *
 *   npx tsx scripts/mcp-call.ts http://127.0.0.1:8787/mcp                         # lists the tools
 *   npx tsx scripts/mcp-call.ts http://127.0.0.1:8787/mcp estimate_campaign_impact body.json
 *   MCP_API_KEY=alpha-key npx tsx scripts/mcp-call.ts …                            # when the server has API_KEYS
 *
 * A call prints the text summary, then the structured result as JSON; a tool error exits with status 1.
 */
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

async function main(): Promise<number> {
  const [url, tool, argsFile] = process.argv.slice(2);
  if (!url) {
    console.error('usage: tsx scripts/mcp-call.ts <url> [tool] [arguments.json]');
    return 2;
  }
  const key = process.env.MCP_API_KEY;
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const client = new Client({ name: 'mcp-call', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  try {
    if (!tool) {
      const { tools } = await client.listTools();
      for (const t of tools)
        console.log(`${t.name}\t${t.title ?? ''}\t${Object.keys(t.inputSchema.properties ?? {}).join(', ')}`);
      return 0;
    }
    const args = argsFile ? (JSON.parse(readFileSync(argsFile, 'utf8')) as Record<string, unknown>) : {};
    const result = (await client.callTool({ name: tool, arguments: args })) as CallToolResult;
    const [summary] = result.content;
    if (summary?.type === 'text') console.log(summary.text);
    console.log(JSON.stringify(result.structuredContent ?? null));
    return result.isError ? 1 : 0;
  } finally {
    await client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
