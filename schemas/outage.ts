import { z } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import { DAY_MS, timestampToInstant } from '../src/engine/time';
import { ONE } from '../src/engine/decimal';
import { fraction, isTimeZone, TimeZone } from './common';

/** Limits of an outage (DESIGN.md section 2, "Time"). */
export const OUTAGE_LIMITS = { windows: 100, spanDays: 366 } as const;

export interface OutageWindow {
  /** Position in the request, for pointers and echoes. */
  index: number;
  start: number;
  end: number;
  deliveryLoss: Decimal;
}

export interface Outage {
  timeZone: string;
  /** Sorted by start; non-overlapping. */
  windows: OutageWindow[];
}

const timestamp = (description: string, example: string) =>
  z.string().max(64, 'must be an RFC 3339 time stamp, at most 64 characters').openapi({
    description: `${description}. RFC 3339: with \`Z\` or an offset it is absolute; without, a wall-clock time in the outage's \`timeZone\` (a time skipped or repeated by a DST change is refused).`,
    example,
  });

type OutageFields = { timeZone?: string; windows: { start: string; end: string; deliveryLoss?: Decimal }[] };

function hasWindowList(value: unknown): value is OutageFields {
  return typeof value === 'object' && value !== null && Array.isArray((value as { windows?: unknown }).windows);
}

/** Resolves every window to instants in the outage's zone, reporting malformed, ambiguous, reversed, overlapping and too-long windows. */
function resolveOutage(input: OutageFields, ctx: z.core.$RefinementCtx): Outage {
  const timeZone = input.timeZone ?? 'UTC';
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) return { timeZone, windows: [] };
  const windows: OutageWindow[] = [];
  input.windows.forEach((w, index) => {
    // Reached with raw values when another field failed: check only what is there to check.
    if (typeof w?.start !== 'string' || typeof w.end !== 'string') return;
    const start = timestampToInstant(w.start, timeZone);
    const end = timestampToInstant(w.end, timeZone);
    if ('error' in start) ctx.addIssue({ code: 'custom', path: ['windows', index, 'start'], message: start.error });
    if ('error' in end) ctx.addIssue({ code: 'custom', path: ['windows', index, 'end'], message: end.error });
    if ('error' in start || 'error' in end) return;
    if (end.instant <= start.instant) {
      ctx.addIssue({ code: 'custom', path: ['windows', index, 'end'], message: 'must be after the window start' });
      return;
    }
    windows.push({ index, start: start.instant, end: end.instant, deliveryLoss: w.deliveryLoss ?? ONE });
  });
  windows.sort((a, b) => a.start - b.start);
  for (let i = 1; i < windows.length; i++) {
    const previous = windows[i - 1] as OutageWindow;
    const current = windows[i] as OutageWindow;
    if (current.start < previous.end) {
      ctx.addIssue({ code: 'custom', path: ['windows', current.index, 'start'], message: `overlaps window ${previous.index}; merge them or give each its own deliveryLoss without overlap` });
    }
  }
  const first = windows[0];
  const last = windows.reduce((a, b) => (b.end > a.end ? b : a), windows[0] as OutageWindow);
  if (first && last.end - first.start > OUTAGE_LIMITS.spanDays * DAY_MS) {
    ctx.addIssue({ code: 'custom', path: ['windows'], message: `the windows span more than ${OUTAGE_LIMITS.spanDays} days` });
  }
  return { timeZone, windows };
}

export const OutageWindowInput = z
  .strictObject({
    start: timestamp('Start of the window (inclusive)', '2021-10-04T11:39:00'),
    end: timestamp('End of the window (exclusive)', '2021-10-04T17:05:00'),
    deliveryLoss: fraction('Share of planned delivery lost inside the window: 1 is a hard outage, 0.4 a partial one (default 1)', '1').optional(),
  })
  .openapi('OutageWindowInput', { description: 'A half-open outage window [start, end).' });

export const OutageInput = z
  .strictObject({
    timeZone: TimeZone.optional().openapi({ description: 'IANA zone in which naive window timestamps are read (default UTC).', example: 'America/New_York' }),
    windows: z.array(OutageWindowInput).min(1, 'give at least one window').max(OUTAGE_LIMITS.windows, `give at most ${OUTAGE_LIMITS.windows} windows`),
  })
  // A field that fails (a bad deliveryLoss, say) stops zod before the transform; the windows are still
  // checked then, so that every problem is listed at once.
  .superRefine((input, ctx) => void resolveOutage(input, ctx), { when: (payload) => payload.issues.length > 0 && hasWindowList(payload.value) })
  .transform(resolveOutage)
  .openapi('OutageInput', {
    description: `The outage: 1 to ${OUTAGE_LIMITS.windows} half-open windows, not overlapping, spanning at most ${OUTAGE_LIMITS.spanDays} days from the first start to the last end.`,
  });
