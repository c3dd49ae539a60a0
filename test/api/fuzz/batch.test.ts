import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchJsonResponse, INPUT_COLUMNS, RESULT_COLUMNS } from '../../../schemas/batch';
import type { CampaignResult } from '../../../schemas/impact';
import { parseCsv } from '../../../src/csv/parse';
import { csvOf, type FlatRow, flatCase, flatRowAsImpact, queryOf } from './arbitraries/flat-row';
import { cellText, columnName } from './arbitraries/hostile';
import {
  call,
  expectOk,
  expectOkOrProblem,
  expectProblem,
  impact,
  itServesEveryProblemTypeMet,
  postJson,
  postText,
  quietRequestLogs,
  settings,
  TIMEOUT,
} from './harness';
import { checkBatchAnswer, resultOf } from './oracles/responses';

/**
 * Fuzzing the spreadsheet endpoints (test/api/fuzz/harness.ts says how to run it longer or with another
 * seed): POST /v1/impact/batch as JSON and CSV, and GET /v1/impact.csv and /v1/impact/value for the same row.
 * Valid rows compute exactly what POST /v1/impact does; hostile rows and CSV text get a row error or a 4xx.
 */

quietRequestLogs();

describe('spreadsheet endpoints with valid rows', () => {
  it(
    'computes every valid row of a JSON batch exactly as POST /v1/impact does, and the CSV batch and GET formulas agree',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(flatCase, { minLength: 1, maxLength: 4 }),
          fc.constantFrom(...RESULT_COLUMNS),
          async (cases, metric) => {
            const json = BatchJsonResponse.parse(
              await expectOk(
                await postJson('/v1/impact/batch', { rows: cases.map((k) => k.row) }),
                JSON.stringify(cases.map((k) => k.row)),
              ),
            );
            expect(json.rows).toHaveLength(cases.length);
            for (const [i, { c, o, row }] of cases.entries()) {
              const out = json.rows[i] as (typeof json.rows)[number];
              expect(out.error, JSON.stringify(row)).toBeNull();
              for (const k of INPUT_COLUMNS) expect(out[k]).toBe(row[k] ?? '');
              const [campaign] = (await impact(flatRowAsImpact(c, o), 'the row as JSON')).campaigns;
              for (const k of RESULT_COLUMNS) expect(out[k], k).toBe(resultOf(campaign as CampaignResult, k));
            }

            // The same rows as text/csv: a CSV answer with the same cells (null is an empty cell).
            const res = await call('POST', '/v1/impact/batch', {
              body: csvOf(cases.map((k) => k.row)),
              contentType: 'text/csv',
            });
            expect(res.status).toBe(200);
            expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
            const [header, ...records] = parseCsv(await res.text());
            expect(header).toEqual([...INPUT_COLUMNS, ...RESULT_COLUMNS, 'error', 'warnings']);
            records.forEach((record, i) =>
              expect(record).toEqual(
                (header as string[]).map((k) => (json.rows[i] as Record<string, string | null>)[k] ?? ''),
              ),
            );

            // The first row as the query of the formula endpoints.
            const first = json.rows[0] as Record<string, string | null>;
            const csv = await call('GET', `/v1/impact.csv?${queryOf(cases[0]?.row as FlatRow)}`);
            expect(csv.status).toBe(200);
            expect(parseCsv(await csv.text())[1]).toEqual(records[0]);
            const value = await call('GET', `/v1/impact/value?${queryOf(cases[0]?.row as FlatRow, { metric })}`);
            if (first[metric] === null) {
              await expectProblem(value, `value of undetermined ${metric}`);
            } else {
              expect(value.status).toBe(200);
              expect(value.headers.get('content-type')).toMatch(/^text\/plain/);
              expect(await value.text()).toBe(first[metric]);
            }
          },
        ),
        settings(30),
      );
    },
    TIMEOUT,
  );
});

describe('hostile sizes and nesting', () => {
  it(
    'refuses a batch of 10,001 rows, as JSON and as CSV, with a 413',
    async () => {
      const row = {
        budgetAmount: '1',
        budgetPeriod: 'day',
        outageStart: '2021-10-04T10:00:00Z',
        outageEnd: '2021-10-04T11:00:00Z',
      };
      const json = await postJson('/v1/impact/batch', { rows: Array.from({ length: 10_001 }, () => row) });
      expect((await expectProblem(json)).status).toBe(413);
      const csv = `budgetAmount,budgetPeriod,outageStart,outageEnd\r\n${'1,day,2021-10-04T10:00:00Z,2021-10-04T11:00:00Z\r\n'.repeat(10_001)}`;
      expect((await expectProblem(await postText('/v1/impact/batch', csv, 'text/csv'))).status).toBe(413);
    },
    TIMEOUT,
  );
});

describe('hostile batches and queries', () => {
  it(
    'answers random JSON rows with a row error each, or a 4xx problem',
    async () => {
      const row = fc.dictionary(columnName, fc.oneof(cellText, fc.double(), fc.integer(), fc.constant(null)), {
        maxKeys: 10,
      });
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 5 }), async (rows) => {
          const res = await postJson('/v1/impact/batch', { rows });
          await expectOkOrProblem(
            res,
            (json) => checkBatchAnswer(json, rows.length),
            JSON.stringify(rows).slice(0, 300),
          );
        }),
        settings(200),
      );
    },
    TIMEOUT,
  );

  it(
    'answers random CSV text with CSV of one row per record, or a 4xx problem',
    async () => {
      const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
      const csvText = fc
        .record({
          bom: fc.boolean(),
          header: fc.uniqueArray(columnName, { minLength: 0, maxLength: 8 }),
          rows: fc.array(fc.array(fc.tuple(cellText, fc.boolean()), { maxLength: 9 }), { maxLength: 5 }),
          newline: fc.constantFrom('\r\n', '\n', '\r'),
        })
        .map(({ bom, header, rows, newline }) => {
          const line = (cells: [string, boolean][]) => cells.map(([c, q]) => (q ? quote(c) : c)).join(',');
          return `${bom ? '\uFEFF' : ''}${[header.join(','), ...rows.map(line)].join(newline)}${newline}`;
        });
      // The query fills empty outage cells: good values, bad ones, and parameters the batch does not take.
      const batchQuery = fc
        .dictionary(
          fc.constantFrom('outageStart', 'outageEnd', 'outageTimeZone', 'bom', 'key', 'cpm'),
          fc.oneof(cellText, fc.constantFrom('2021-10-04T10:00:00Z', '2021-10-04T12:00:00Z', '1', '0')),
          { maxKeys: 4 },
        )
        .map((q) => new URLSearchParams(q).toString());
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(csvText, fc.string({ maxLength: 300 })),
          fc.constantFrom(undefined, 'text/csv', 'application/json', '*/*', 'text/csv;q=0.1, application/json'),
          batchQuery,
          async (text, accept, query) => {
            const res = await call('POST', `/v1/impact/batch?${query}`, {
              body: text,
              contentType: 'text/csv',
              headers: accept ? { accept } : {},
            });
            if (res.status !== 200) {
              await expectProblem(res, JSON.stringify(text).slice(0, 300));
              return;
            }
            const answer = await res.text();
            if (res.headers.get('content-type')?.startsWith('application/json')) {
              BatchJsonResponse.parse(JSON.parse(answer));
              return;
            }
            const [header, ...records] = parseCsv(answer.replace(/^\uFEFF/, ''));
            expect(header).toEqual([...INPUT_COLUMNS, ...RESULT_COLUMNS, 'error', 'warnings']);
            for (const r of records) expect(r).toHaveLength(header?.length ?? 0);
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
