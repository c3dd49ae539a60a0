import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Tool } from './tools';
import { isJsonMediaType, mediaTypeOf } from '../http/media-type';

/** Sends a request through the whole app (middleware, limits, keys, validation) and returns its answer. */
export type Dispatch = (request: Request) => Promise<Response>;

/** Headers of the /mcp request that the API call carries on: the key, and the id that ties the log lines. */
const FORWARDED_HEADERS = ['authorization', 'x-api-key', 'x-request-id'] as const;

type Arguments = Record<string, unknown>;
type JsonObject = Record<string, unknown>;

/**
 * Runs a tool as the HTTP request it stands for, so validation, the work limits and API keys apply
 * exactly as they do over HTTP. A 2xx JSON answer is the structured result with a summary; any other
 * answer (a 422 problem, a 413, a 401) is a tool error carrying the same problem details.
 */
export async function callTool(
  tool: Tool,
  args: Arguments,
  incoming: Request,
  dispatch: Dispatch,
): Promise<CallToolResult> {
  const response = await dispatch(buildRequest(tool, args, incoming));
  const text = await response.text();
  const answer = parseJsonObject(text, response.headers.get('content-type'));
  if (!response.ok) return toolError(answer, text);
  if (!answer) return { content: [{ type: 'text', text }] };
  return {
    content: [
      { type: 'text', text: tool.summarize(answer) },
      // The MCP spec asks for the JSON as text too, for clients that do not read structuredContent.
      { type: 'text', text },
    ],
    structuredContent: answer,
  };
}

function buildRequest(tool: Tool, args: Arguments, incoming: Request): Request {
  const { route } = tool;
  const method = route.method.toUpperCase();
  const source = new URL(incoming.url);
  const rest: Arguments = { ...args };
  // `{id}` segments of a GET path are filled from the arguments of the same name. A missing one leaves the
  // segment empty, and the route answers that path (a 404) as it would over HTTP.
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return value === undefined || value === null ? '' : encodeURIComponent(String(value));
  });
  const url = new URL(path, source);
  // A key given as `?key=` on /mcp (for clients that cannot set headers) goes with the call.
  const key = source.searchParams.get('key');
  if (key !== null) url.searchParams.set('key', key);
  const headers = new Headers({ accept: 'application/json' });
  for (const name of FORWARDED_HEADERS) {
    const value = incoming.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  if (method === 'GET') {
    appendQuery(url.searchParams, rest);
    return new Request(url, { method, headers });
  }
  headers.set('content-type', 'application/json');
  return new Request(url, { method, headers, body: JSON.stringify(rest) });
}

/** GET arguments as query parameters: an array as the parameter repeated, anything else as its text. */
function appendQuery(params: URLSearchParams, args: Arguments): void {
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(name, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
    }
  }
}

function parseJsonObject(text: string, contentType: string | null): JsonObject | undefined {
  if (!isJsonMediaType(mediaTypeOf(contentType))) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** A tool error: the problem in words, the problem as JSON text, and the problem as structured content. */
function toolError(problem: JsonObject | undefined, text: string): CallToolResult {
  return {
    isError: true,
    content: [
      { type: 'text', text: problem ? describeProblem(problem) : text },
      ...(problem ? [{ type: 'text' as const, text }] : []),
    ],
    ...(problem ? { structuredContent: problem } : {}),
  };
}

/** "422 Invalid input: The request has 1 invalid field. /campaigns/0/cmp is not a field of this object; …" */
function describeProblem(problem: JsonObject): string {
  const head = [problem.status, problem.title].filter((v) => v !== undefined).join(' ');
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  const fields = errors.map((e: { pointer?: unknown; detail?: unknown }) => `${String(e.pointer)} ${String(e.detail)}`);
  return `${head}: ${String(problem.detail ?? '')}${fields.length ? ` ${fields.join('; ')}.` : ''}`;
}
