import type { z } from '@hono/zod-openapi';
import { type DecimalBounds, parseDecimal } from '../../../schemas/common';
import type { ImportQuery } from '../../../schemas/import';
import { outageQueryConflict } from '../../../schemas/catalogue';
import { OutageInput } from '../../../schemas/outage';
import type { Window } from '../../engine/impact';
import type { FieldError } from '../../http/problem';
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
  const window: Record<string, string> = { start: query.outageStart ?? '', end: query.outageEnd ?? '' };
  if (query.deliveryLoss) window.deliveryLoss = query.deliveryLoss;
  // A catalogue outage stands for the windows; the query's deliveryLoss applies to each of them.
  const parsed = OutageInput.safeParse(
    query.outage
      ? { ref: query.outage, ...(query.deliveryLoss ? { deliveryLoss: query.deliveryLoss } : {}) }
      : { ...(query.outageTimeZone ? { timeZone: query.outageTimeZone } : {}), windows: [window] },
  );
  if (parsed.success) return { windows: parsed.data.windows };
  const QUERY_NAMES: Record<string, string> = {
    '/ref': 'outage',
    '/deliveryLoss': 'deliveryLoss',
    '/timeZone': 'outageTimeZone',
    '/windows/0/start': 'outageStart',
    '/windows/0/end': 'outageEnd',
    '/windows/0/deliveryLoss': 'deliveryLoss',
    '/windows/0': 'outageEnd',
  };
  return {
    errors: fieldErrors(parsed.error).map((e) => ({
      pointer: `/query/${QUERY_NAMES[e.pointer] ?? 'outageStart'}`,
      detail: e.detail,
    })),
  };
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
