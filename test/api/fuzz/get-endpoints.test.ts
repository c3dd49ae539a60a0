import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INPUT_COLUMNS, RESULT_COLUMNS } from '../../../schemas/batch';
import { HealthResponse } from '../../../schemas/health';
import { parseCsv } from '../../../src/csv/parse';
import { PROBLEM_TYPES } from '../../../src/http/problem';
import { cellText, columnName } from './arbitraries/hostile';
import {
  call,
  expectOk,
  expectProblem,
  itServesEveryProblemTypeMet,
  quietRequestLogs,
  settings,
  TIMEOUT,
} from './harness';

/**
 * Fuzzing the GET endpoints (test/api/fuzz/harness.ts says how to run it longer or with another seed):
 * the documents answer 200, and random query strings on every GET endpoint never get a 5xx.
 */

quietRequestLogs();

describe('GET /health, /openapi.json, /docs, /v1/impact/template.csv and /problems/*', () => {
  it('answer 200 with their documents', async () => {
    HealthResponse.parse(await expectOk(await call('GET', '/health')));
    const doc = (await expectOk(await call('GET', '/openapi.json'))) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\.1/);
    const docs = await call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    for (const bom of ['', '?bom=1', '?bom=0']) {
      const template = await call('GET', `/v1/impact/template.csv${bom}`);
      expect(template.status).toBe(200);
      expect(parseCsv(await template.text())[0]).toEqual([...INPUT_COLUMNS]);
    }
    for (const [slug, type] of Object.entries(PROBLEM_TYPES)) {
      const res = await call('GET', `/problems/${slug}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ type: `/problems/${slug}`, title: type.title, status: type.status });
    }
  });
});

describe('hostile batches and queries', () => {
  it(
    'answers random query strings on every GET endpoint without a 5xx, problems with /query pointers',
    async () => {
      const encoded = fc
        .array(
          fc.tuple(
            fc.oneof(columnName, fc.constantFrom('metric', 'bom', 'key')),
            fc.oneof(cellText, fc.constantFrom(...RESULT_COLUMNS)),
          ),
          { maxLength: 8 },
        )
        .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
      // Raw text: malformed percent-escapes (%E0%A4%A, %ZZ), bare %, NUL, repeated keys.
      const raw = fc.oneof(
        fc.string({ maxLength: 60 }).map((s) => s.replace(/[#\s]/g, '')),
        fc.constantFrom(
          'cpm=%E0%A4%A',
          'cpm=%ZZ',
          '%',
          '%%',
          'metric=lostSpend&metric=lostRevenue',
          'budgetAmount=1&budgetAmount=2',
          '=',
          '&&&',
          'a=%00',
          `cpm=${'9'.repeat(9_000)}`,
        ),
      );
      const path = fc.constantFrom(
        '/v1/impact.csv',
        '/v1/impact/value',
        '/v1/impact/template.csv',
        '/health',
        '/openapi.json',
        '/docs',
        '/problems/validation',
      );
      await fc.assert(
        fc.asyncProperty(path, fc.oneof(encoded, raw), fc.constantFrom('GET', 'HEAD'), async (p, query, method) => {
          const res = await call(method, `${p}?${query}`);
          const label = `${method} ${p}?${query.slice(0, 200)}`;
          expect(res.status, label).toBeLessThan(500);
          if (res.status >= 400 && method === 'GET') {
            const problem = await expectProblem(res, label);
            if (problem.status === 422)
              for (const e of problem.errors) expect(e.pointer, label).toMatch(/^\/query(\/|$)/);
          }
        }),
        settings(300),
      );
    },
    TIMEOUT,
  );
});

describe('problem types', () => {
  itServesEveryProblemTypeMet();
});
