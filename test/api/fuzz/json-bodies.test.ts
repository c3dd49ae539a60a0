import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../schemas/problem';
import { impactJson, impactModel } from './arbitraries/impact';
import {
  HOSTILE_VALUES,
  objectPathsOf,
  pathsOf,
  pointerOf,
  replacedAt,
  unknownKey,
  validBodies,
} from './arbitraries/hostile';
import {
  call,
  expectOkOrProblem,
  expectProblem,
  postJson,
  postText,
  problemTypesSeen,
  quietRequestLogs,
  SEED,
  settings,
  TIMEOUT,
} from './harness';
import { RESPONSE_SCHEMAS } from './oracles/responses';

/**
 * Hostile JSON bodies for POST /v1/impact, /v1/platform-loss and /v1/market-cap together: each property
 * draws the endpoint along with its valid body (arbitraries/hostile.ts: validBodies), so the three share one
 * file. test/api/fuzz/harness.ts says how to run it longer or with another seed.
 */

quietRequestLogs();

describe('hostile JSON bodies', () => {
  it(
    'answers a wrong value at any field with a 4xx problem, or with a 200 where the value happens to be valid there',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          validBodies,
          fc.nat(),
          fc.constantFrom(...HOSTILE_VALUES),
          async ({ path, body }, pick, hostile) => {
            const paths = pathsOf(body);
            const at = paths[pick % paths.length] as (string | number)[];
            const text = replacedAt(body, at, hostile.text);
            const res = await postText(path, text);
            const label = `${path} ${pointerOf(at)} = ${hostile.text.slice(0, 80)}`;
            if (hostile.invalid) await expectProblem(res, label);
            else await expectOkOrProblem(res, (json) => RESPONSE_SCHEMAS[path]?.parse(json), label);
          },
        ),
        settings(400),
      );
    },
    TIMEOUT,
  );

  it(
    'answers every hostile value at every field of one request of each endpoint without a 5xx',
    async () => {
      const bodies = fc.sample(validBodies, { seed: SEED, numRuns: 3 });
      for (const { path, body } of bodies) {
        for (const at of pathsOf(body)) {
          for (const hostile of HOSTILE_VALUES) {
            const res = await postText(path, replacedAt(body, at, hostile.text));
            const label = `${path} ${pointerOf(at)} = ${hostile.text.slice(0, 80)}`;
            if (hostile.invalid) await expectProblem(res, label);
            else await expectOkOrProblem(res, (json) => RESPONSE_SCHEMAS[path]?.parse(json), label);
          }
        }
      }
    },
    TIMEOUT,
  );

  it(
    'names an unknown field, however it is spelled (NUL, "/", "~", __proto__), by its own JSON Pointer',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          validBodies,
          fc.nat(),
          unknownKey,
          fc.jsonValue({ maxDepth: 2 }),
          async ({ path, body }, pick, key, value) => {
            const objects = objectPathsOf(body);
            const at = objects[pick % objects.length] as (string | number)[];
            const node = structuredClone(body) as Record<string, unknown>;
            const target = at.reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, node);
            Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
            const problem = await expectProblem(
              await postText(path, JSON.stringify(node)),
              `${path} ${pointerOf([...at, key])}`,
            );
            expect(res422(problem)).toBe(true);
            expect(problem.errors.map((e) => e.pointer)).toContain(pointerOf([...at, key]));
          },
        ),
        settings(200),
      );
    },
    TIMEOUT,
  );

  it(
    'answers random JSON values, random text and random bytes with a 4xx problem, whatever the content type',
    async () => {
      const contentType = fc.oneof(
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'text/csv',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/problem+json',
          'application/vnd.api+json',
          'application/json; charset=utf-16',
          '',
        ),
        fc.string({ maxLength: 30 }),
      );
      const body = fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.uint8Array({ maxLength: 300 }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('/v1/impact', '/v1/platform-loss', '/v1/market-cap', '/v1/impact/batch'),
          body,
          contentType,
          async (path, payload, type) => {
            const res = await call('POST', path, { body: payload, contentType: type });
            const label = `${path} ${type} ${typeof payload === 'string' ? payload.slice(0, 200) : `${payload.length} bytes`}`;
            // A batch of rows that are each wrong is still a 200, with an error per row.
            if (path === '/v1/impact/batch' && res.status === 200) return;
            await expectProblem(res, label);
          },
        ),
        settings(300),
      );
    },
    TIMEOUT,
  );

  it(
    'answers a valid body under any content type with a 200 or a 4xx problem',
    async () => {
      const contentType = fc.oneof(
        fc.constantFrom(
          'application/json;charset=UTF-8',
          'application/json ; foo=bar',
          'text/json',
          'application/ld+json',
          'text/plain',
          'application/octet-stream',
        ),
        fc.string({ maxLength: 30 }),
      );
      await fc.assert(
        fc.asyncProperty(validBodies, contentType, async ({ path, body }, type) => {
          await expectOkOrProblem(
            await call('POST', path, { body: JSON.stringify(body), contentType: type }),
            (json) => RESPONSE_SCHEMAS[path]?.parse(json),
            `${path} ${type}`,
          );
        }),
        settings(100),
      );
    },
    TIMEOUT,
  );
});

function res422(problem: Problem): boolean {
  return problem.status === 422 && problem.type === '/problems/validation';
}

describe('hostile sizes and nesting', () => {
  const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;
  const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it(
    'refuses 10,000 levels of nesting, as the body and inside a field, with a 4xx problem',
    async () => {
      const [sample] = fc.sample(validBodies, { seed: SEED, numRuns: 1 });
      for (const path of ['/v1/impact', '/v1/platform-loss', '/v1/market-cap', '/v1/impact/batch']) {
        for (const text of [
          nested(10_000),
          nestedObjects(10_000),
          nested(10_000).slice(0, 10_000),
          `{"rows":${nested(5_000)}}`,
          replacedAt(sample?.body, ['campaigns'], nested(10_000)),
          replacedAt(sample?.body, [], nestedObjects(40)),
        ]) {
          await expectProblem(await postText(path, text), `${path} ${text.slice(0, 40)}`);
        }
      }
    },
    TIMEOUT,
  );

  it(
    'refuses 2,000 campaigns, 200 windows, 10,000 profile weights (more are a 413, test/api/bounds.test.ts), 101 share classes and 1,001 holders with a 422',
    async () => {
      const [impactBody] = fc.sample(impactModel(1).map(impactJson), { seed: SEED, numRuns: 1 }) as Record<
        string,
        unknown
      >[];
      const campaign = (impactBody?.campaigns as unknown[])[0];
      const window = (impactBody?.outage as { windows: unknown[] }).windows[0];
      const cases: [string, unknown, string][] = [
        ['/v1/impact', { ...impactBody, campaigns: Array.from({ length: 2_000 }, () => campaign) }, '/campaigns'],
        [
          '/v1/impact',
          { ...impactBody, outage: { windows: Array.from({ length: 200 }, () => window) } },
          '/outage/windows',
        ],
        [
          '/v1/impact',
          {
            ...impactBody,
            campaigns: [{ ...(campaign as object), deliveryProfile: Array.from({ length: 10_000 }, () => '1') }],
          },
          '/campaigns/0/deliveryProfile',
        ],
        [
          '/v1/market-cap',
          { shareClasses: Array.from({ length: 101 }, () => ({ shares: '1' })), price: { before: '1', after: '2' } },
          '/shareClasses',
        ],
        [
          '/v1/market-cap',
          {
            shareClasses: [{ shares: '1' }],
            price: { before: '1', after: '2' },
            holders: Array.from({ length: 1_001 }, () => ({ shares: '1' })),
          },
          '/holders',
        ],
      ];
      for (const [path, body, pointer] of cases) {
        const problem = await expectProblem(await postJson(path, body), `${path} ${pointer}`);
        expect(problem.status).toBe(422);
        expect(problem.errors.map((e) => e.pointer)).toContain(pointer);
      }
    },
    TIMEOUT,
  );
});

describe('problem types', () => {
  it('answers GET on every problem type the fuzzing met', async () => {
    for (const type of problemTypesSeen) expect((await call('GET', type)).status, type).toBe(200);
    expect(problemTypesSeen.size).toBeGreaterThan(0);
  });
});
