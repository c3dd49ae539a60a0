import { expect } from 'vitest';
import { BatchJsonResponse, RESULT_COLUMNS } from '../../../../schemas/batch';
import { type CampaignResult, ImpactResponse } from '../../../../schemas/impact';
import { MarketCapResponse } from '../../../../schemas/market-cap';
import { PlatformLossResponse } from '../../../../schemas/platform';
import { DECIMAL_OUT } from './numbers';

// What a 200 of each endpoint must look like: its schema, and a batch row against POST /v1/impact.

/** The response schema of each JSON endpoint: a 200 must honour its route's own. */
export const RESPONSE_SCHEMAS = {
  '/v1/impact': ImpactResponse,
  '/v1/platform-loss': PlatformLossResponse,
  '/v1/market-cap': MarketCapResponse,
} as Record<string, { parse: (v: unknown) => unknown }>;

/**
 * A result column of a batch row, from POST /v1/impact's answer for the same campaign: a metric, or
 * `<metric>Low` / `<metric>High`, the ends of its range (the metric itself when nothing is a range).
 */
export function resultOf(c: CampaignResult, column: string): string | null {
  const fields = c as unknown as Record<string, string | null>;
  const end = /^(.+)(Low|High)$/.exec(column);
  if (column in fields || !end) return fields[column] ?? null;
  const metric = end[1] as string;
  const range = (c.ranges as Record<string, { low: string; high: string } | null | undefined> | undefined)?.[metric];
  if (range === undefined) return fields[metric] ?? null;
  return range === null ? null : end[2] === 'Low' ? range.low : range.high;
}

/** A JSON batch answer: one row per row sent; a row with an error has no results; results are decimals. */
export function checkBatchAnswer(json: unknown, rows: number): void {
  const parsed = BatchJsonResponse.parse(json);
  expect(parsed.rows).toHaveLength(rows);
  for (const row of parsed.rows) {
    if (row.error !== null) for (const k of RESULT_COLUMNS) expect(row[k]).toBeNull();
    for (const k of RESULT_COLUMNS) if (row[k] !== null) expect(row[k]).toMatch(DECIMAL_OUT);
  }
}
