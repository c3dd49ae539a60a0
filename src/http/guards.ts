import type { Context, MiddlewareHandler } from 'hono';
import type { HonoRequest } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type CostPart, type CostSubject, DEFAULT_WORK_LIMIT } from '../engine/cost';
import type { WorkLimitError } from '../engine/errors';
import { readJson } from './json-reader';
import { isJsonMediaType, requestMediaType } from './media-type';
import { jsonPointer, PROBLEM_CONTENT_TYPE, problemBody, problemResponse, validationProblem } from './problem';

/** Limits enforced before any work is done (README "Limits"). */
export const REQUEST_LIMITS = {
  bodyBytes: 5 * 1024 * 1024,
  urlBytes: 8 * 1024,
  jsonDepth: 32,
} as const;

function tooLarge(c: Context, detail: string): Response {
  return problemResponse(c, 'payload-too-large', detail);
}

/**
 * The deepest nesting of arrays and objects in a JSON text, counted without parsing it, so that a
 * hostile body of a million `[` is refused before JSON.parse or the schemas walk it.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (ch === 93 || ch === 125) depth--;
  }
  return deepest;
}

/**
 * Refuses URLs over 8 KiB, bodies over 5 MiB (by Content-Length, and by size once read, for chunked
 * bodies) and JSON nested deeper than 32 levels, each as a 413 problem.
 */
export const requestLimits: MiddlewareHandler = async (c, next) => {
  if (new TextEncoder().encode(c.req.url).byteLength > REQUEST_LIMITS.urlBytes) {
    return tooLarge(
      c,
      `The URL is over the limit of ${REQUEST_LIMITS.urlBytes} ` +
        `bytes; send the campaigns with POST /v1/impact/batch instead.`,
    );
  }
  if (c.req.method !== 'POST') return next();
  const declared = Number(c.req.header('content-length') ?? '0');
  const body = declared > REQUEST_LIMITS.bodyBytes ? null : await readAtMost(c.req.raw, REQUEST_LIMITS.bodyBytes);
  if (!body) return tooLarge(c, `The request body is over the limit of ${REQUEST_LIMITS.bodyBytes} bytes (5 MiB).`);
  // The routes read the body through Hono's cache, which now holds what was read here.
  (c.req.bodyCache as { arrayBuffer?: Promise<ArrayBuffer> }).arrayBuffer = Promise.resolve(body);
  if (isJsonMediaType(requestMediaType(c))) {
    const text = await c.req.text();
    const depth = jsonDepth(text);
    if (depth > REQUEST_LIMITS.jsonDepth)
      return tooLarge(c, `The JSON is nested ${depth} levels deep; the limit is ${REQUEST_LIMITS.jsonDepth}.`);
    const reading = readJson(text, REQUEST_LIMITS.jsonDepth);
    if ('errors' in reading) return validationProblem(c, reading.errors);
    if ('tooLarge' in reading)
      return problemResponse(
        c,
        'payload-too-large',
        `A list in the body is too long: ${reading.tooLarge.pointer} ${reading.tooLarge.detail}.`,
        [reading.tooLarge],
      );
    // The routes' validators read `c.req.json()`: give them what the reader read, not JSON.parse's
    // last-key-wins, underflow-to-0 reading. Bad syntax stays theirs to answer (a 400).
    if ('value' in reading) useJson(c.req, reading.value);
  }
  return next();
};

function useJson(request: HonoRequest, value: unknown): void {
  Object.defineProperty(request, 'json', { value: () => Promise.resolve(value) });
}

/** Reads a body, stopping as soon as it passes `limit` bytes (a chunked body has no Content-Length). Null when over. */
async function readAtMost(request: Request, limit: number): Promise<ArrayBuffer | null> {
  if (!request.body) return new ArrayBuffer(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body.buffer;
}

const encoder = new TextEncoder();

/** Compares two strings in time that depends only on their lengths, not on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** The key a request presents: `Authorization: Bearer`, `x-api-key`, or the `key` query parameter. */
function presentedKey(c: Context): string | undefined {
  const auth = c.req.header('authorization');
  const bearer = auth && /^Bearer\s+(.+)$/i.exec(auth.trim())?.[1];
  return bearer || c.req.header('x-api-key') || c.req.query('key') || undefined;
}

/**
 * With `API_KEYS` set (a comma-separated list; a Worker secret in production, `.dev.vars` locally),
 * every /v1/* request must present one of the keys. Without it the API is open. Keys are compared in
 * constant time and never logged.
 */
export const apiKeys: MiddlewareHandler<{ Bindings: { API_KEYS?: string } }> = async (c, next) => {
  const configured = (c.env?.API_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (configured.length === 0) return next();
  const key = presentedKey(c);
  // Compare against every key, so the time taken does not reveal which (if any) matched.
  let matched = false;
  for (const candidate of configured) matched = constantTimeEqual(key ?? '', candidate) || matched;
  if (matched) return next();
  return problemResponse(
    c,
    'unauthorized',
    key
      ? 'The API key is not valid.'
      : 'This API needs a key: send `Authorization: Bearer <key>`, an `x-api-key` header, or a `key` query parameter.',
    [],
    {
      'WWW-Authenticate': 'Bearer realm="outage-impact"',
    },
  );
};

/**
 * The work one request may cost (cost.ts units): DEFAULT_WORK_LIMIT, or the deployment's `WORK_LIMIT`
 * variable (a positive whole number; a paid plan's isolate may take more). Anything else is ignored.
 */
export function workLimit(env: { WORK_LIMIT?: string } | undefined): number {
  const configured = Number(env?.WORK_LIMIT ?? '');
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_WORK_LIMIT;
}

/** Where the cost model's request-wide parts are in a request (the batch's ?simulate= is charged as options). */
const COST_PART_PATHS: Record<CostPart, readonly string[]> = {
  simulation: ['options', 'simulation'],
  rows: ['rows'],
  windows: ['outage', 'windows'],
};

/** A contributor's place in the request: the path its route gave, or where its part is. */
const costSubjectPath = (s: CostSubject) => ('part' in s ? COST_PART_PATHS[s.part] : s.path);

/** A 413 naming the cost, the limit and the largest contributors by pointer (DESIGN.md section 9). */
export function workLimitProblem(c: Context, err: WorkLimitError): Response {
  const errors = (err.cost?.contributors ?? []).map((entry) => ({
    pointer: jsonPointer(costSubjectPath(entry)),
    detail: entry.detail,
  }));
  const body = {
    ...problemBody('payload-too-large', err.message, errors),
    ...(err.cost ? { cost: err.cost.cost, limit: err.cost.limit } : {}),
  };
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, { 'Content-Type': PROBLEM_CONTENT_TYPE });
}
