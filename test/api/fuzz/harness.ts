import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ImpactResponse } from '../../../schemas/impact';
import { Problem } from '../../../schemas/problem';
import worker from '../../../src/index';

/**
 * Property-based fuzzing of every endpoint through the Worker in workerd (issue 8). Valid bodies are
 * generated from the contract (schemas/ and DESIGN.md): each must be answered 200, match the route's own
 * zod response schema and keep the invariants of the arithmetic. Hostile bodies, queries, content types
 * and paths must be answered with a 4xx application/problem+json, never a 5xx.
 *
 * The layout: arbitraries/ generate inputs from the contract, oracles/ hold the independent expectations
 * (invariants, rounding bounds, Intl's view of a zone), this harness calls the Worker and checks the
 * shape of every answer, and there is one `<endpoint>.test.ts` per endpoint (json-bodies.test.ts and
 * paths.test.ts draw the endpoint itself, so they cover several).
 *
 * CI runs a fixed seed and a bounded number of cases. For a longer local run, pick another seed and more
 * cases; vitest.config.ts passes the two variables into workerd as bindings:
 *
 *   FUZZ_SEED=42 FUZZ_RUNS=2000 npx vitest run test/api/fuzz/
 *
 * FUZZ_RUNS replaces every property's own case count (and lifts the per-test time limit). A failure
 * prints fast-check's seed, path and shrunk counterexample; rerun it with that FUZZ_SEED.
 */

const FUZZ = env as unknown as { FUZZ_SEED?: string; FUZZ_RUNS?: string };
export const SEED = Number(FUZZ.FUZZ_SEED) || 20261123;
const RUNS_OVERRIDE = Number(FUZZ.FUZZ_RUNS) || 0;
export const settings = (numRuns: number) => ({ seed: SEED, numRuns: RUNS_OVERRIDE || numRuns });
/** Per-test time limit: the config's 30 s for CI's case counts, none worth mentioning for long runs. */
export const TIMEOUT = RUNS_OVERRIDE ? 24 * 3_600_000 : 30_000;

// One structured log line per request would drown the output of a few thousand requests; errors still show.
export function quietRequestLogs(): void {
  beforeAll(() => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });
}

// ---------------------------------------------------------------------------------------------------------
// Calling the Worker, and what every answer must look like
// ---------------------------------------------------------------------------------------------------------

export const BASE = 'http://fuzz.test';

/**
 * Sends a request to the Worker's fetch handler, in workerd, with the test's bindings. Not through
 * `exports.default.fetch`, the other API tests' way: under @cloudflare/vitest-pool-workers each request
 * through it costs more than the one before (cloudflare/workers-sdk#15446: ~5 ms → ~400 ms after 1,500
 * requests in one file), which a few thousand fuzz cases cannot afford. The handler is the same code.
 */
export async function call(
  method: string,
  path: string,
  init: { body?: BodyInit; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.contentType !== undefined) headers['content-type'] = init.contentType;
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${BASE}${path}`, { method, headers, body: init.body }), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export const postJson = (path: string, body: unknown) =>
  call('POST', path, { body: JSON.stringify(body), contentType: 'application/json' });
export const postText = (path: string, text: string, contentType = 'application/json') =>
  call('POST', path, { body: text, contentType });

/** RFC 6901: empty, or `/`-separated reference tokens in which `~` only starts `~0` or `~1`. */
export const JSON_POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/u;

export const problemTypesSeen = new Set<string>();

/**
 * A 4xx RFC 9457 problem: application/problem+json with a type, a title, the HTTP status, and pointers
 * that are valid RFC 6901 JSON Pointers. Returns it.
 */
export async function expectProblem(res: Response, label = ''): Promise<Problem> {
  const text = await res.text();
  const context = `${label} → ${res.status} ${text.slice(0, 600)}`;
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  expect(res.headers.get('content-type'), context).toBe('application/problem+json');
  const problem = Problem.parse(JSON.parse(text));
  expect(problem.status, context).toBe(res.status);
  expect(problem.type, context).toMatch(/^\/problems\/[a-z-]+$/);
  expect(problem.title, context).not.toBe('');
  for (const e of problem.errors) {
    expect(e.pointer, context).toMatch(JSON_POINTER);
    expect(e.detail, context).not.toBe('');
  }
  // no stack traces or internals
  expect(text, context).not.toMatch(/\bat \w+ \(|node_modules|\.ts:\d+/);
  problemTypesSeen.add(problem.type);
  return problem;
}

/** Reads a 200 JSON answer, or fails with the problem the Worker gave instead. */
export async function expectOk(res: Response, label = ''): Promise<unknown> {
  const text = await res.text();
  expect(res.status, `${label} → ${res.status} ${text.slice(0, 1500)}`).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return JSON.parse(text);
}

/** Either a 200 that honours `schema`, or a 4xx problem: anything but a 5xx or a malformed answer. */
export async function expectOkOrProblem(
  res: Response,
  check: (json: unknown) => void,
  label = '',
): Promise<'ok' | 'problem'> {
  if (res.status === 200) {
    check(await expectOk(res, label));
    return 'ok';
  }
  await expectProblem(res, label);
  return 'problem';
}

export async function impact(body: unknown, label = ''): Promise<ImpactResponse> {
  return ImpactResponse.parse(
    await expectOk(await postJson('/v1/impact', body), `${label} ${JSON.stringify(body).slice(0, 1500)}`),
  );
}

/**
 * Every problem type this file met must be served at its URL. Registered last in a fuzz file, so that it
 * sees the types of every test before it; each file runs in a Worker of its own, with its own set.
 */
export function itServesEveryProblemTypeMet(): void {
  it('answers GET on every problem type this file met', async () => {
    for (const type of problemTypesSeen) expect((await call('GET', type)).status, type).toBe(200);
  });
}
