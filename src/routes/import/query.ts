import type { z } from '@hono/zod-openapi';
import { type DecimalBounds, parseDecimal } from '../../../schemas/common';
import type { ImportQuery } from '../../../schemas/import';
import { outageQueryConflict } from '../../../schemas/catalogue';
import { columnsOf, type FlatRow, parseFlatOutage } from '../../csv/flat-row';
import type { Window } from '../../engine/impact';
import { type FieldError, pointerPath } from '../../http/problem';
import { fieldErrors } from '../../http/validation';

/** The one outage window of the query, parsed by the same schema as POST /v1/impact's outage. */
export function outageOf(query: z.infer<typeof ImportQuery>): { windows: Window[] } | { errors: FieldError[] } {
  const conflict = outageQueryConflict(query);
  if (conflict) return { errors: [{ pointer: '/query/outage', detail: conflict }] };
  const errors: FieldError[] = [];
  if (!query.outage) {
    if (!query.outageStart)
      errors.push({ pointer: '/query/outageStart', detail: 'is required (or outage=<catalogue id>)' });
    if (!query.outageEnd)
      errors.push({ pointer: '/query/outageEnd', detail: 'is required (or outage=<catalogue id>)' });
  }
  if (errors.length) return { errors };
  // The query's outage parameters are the flat row's outage columns, read by the same adapter as a batch row's;
  // a catalogue outage stands for the windows, and the query's deliveryLoss applies to each of them.
  const row: FlatRow = {};
  for (const column of OUTAGE_PARAMETERS) if (query[column]) row[column] = query[column];
  const parsed = parseFlatOutage(row, query.outage);
  if (parsed.success) return { windows: parsed.data.windows };
  const byRef = Boolean(query.outage);
  return {
    errors: fieldErrors(parsed.error).map((e) => ({
      pointer: `/query/${parameterOf(pointerPath(e.pointer), byRef)}`,
      detail: e.detail,
    })),
  };
}

/** The outage columns of a flat row that the import takes as query parameters of the same names. */
const OUTAGE_PARAMETERS = ['outageStart', 'outageEnd', 'outageTimeZone', 'deliveryLoss'] as const;

/**
 * The query parameter a problem of the outage is about: `outage` (or its `deliveryLoss`) for a catalogue
 * outage, else the column that fed the path; a problem with the window as a whole names its start.
 */
function parameterOf(path: readonly string[], byRef: boolean): string {
  if (byRef) return path[0] === 'deliveryLoss' ? 'deliveryLoss' : 'outage';
  return columnsOf('outage', path)[0] ?? 'outageStart';
}

const FRACTION: DecimalBounds = { min: '0', max: '1' };

/** Fractions of the query that every row shares: checked once, so a bad one is a 422, not an error on every row. */
export function sharedFractions(query: z.infer<typeof ImportQuery>): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of ['recapture', 'grossMargin'] as const) {
    const raw = query[name];
    if (raw === undefined) continue;
    const parsed = parseDecimal(raw, FRACTION);
    if ('error' in parsed) errors.push({ pointer: `/query/${name}`, detail: parsed.error });
  }
  return errors;
}
