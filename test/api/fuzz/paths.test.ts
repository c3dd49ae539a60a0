import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, expectProblem, itServesEveryProblemTypeMet, quietRequestLogs, settings, TIMEOUT } from './harness';

/**
 * Fuzzing the router: random paths and methods get a 404 or 405 problem, never a 5xx
 * (test/api/fuzz/harness.ts says how to run it longer or with another seed).
 */

quietRequestLogs();

describe('hostile batches and queries', () => {
  it(
    'answers random paths and methods with a 404 or 405 problem, never a 5xx',
    async () => {
      const segment = fc.oneof(
        fc.constantFrom(
          'v1',
          'impact',
          'batch',
          'value',
          'impact.csv',
          'template.csv',
          'problems',
          'health',
          'docs',
          'openapi.json',
          'platform-loss',
          'market-cap',
          '..',
          '%2e%2e',
          '%00',
          '__proto__',
          'constructor',
          '',
        ),
        fc.webSegment(),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 1, maxLength: 4 }),
          fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
          async (segments, method) => {
            const path = `/${segments.join('/')}`;
            const res = await call(
              method,
              path,
              method === 'GET' || method === 'HEAD' ? {} : { body: '{}', contentType: 'application/json' },
            );
            const label = `${method} ${path}`;
            expect(res.status, label).toBeLessThan(500);
            if (res.status >= 400 && method !== 'HEAD') await expectProblem(res, label);
          },
        ),
        settings(300),
      );
    },
    TIMEOUT,
  );
});

describe('problem types', () => {
  itServesEveryProblemTypeMet();
});
