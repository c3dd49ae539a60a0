import { z } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import { DAY_MS, MINUTE_MS, timestampToInstant } from '../src/engine/time';
import { D, ONE } from '../src/engine/decimal';
import { decimalInput, fraction, isTimeZone, TimeZone } from './common';
import { OUTAGE_REALISM_LIMITS, rampIntoNextWindow } from '../src/engine/ramp';
import { outageOrRef } from './catalogue';

/** Limits of an outage (DESIGN.md section 2, "Time"). */
export const OUTAGE_LIMITS = { windows: 100, spanDays: 366 } as const;

export interface OutageWindow {
  /** Position in the request, for pointers and echoes. */
  index: number;
  start: number;
  end: number;
  deliveryLoss: Decimal;
  /** Outage realism (DESIGN.md section 13), each absent unless given. */
  recoveryMs?: number;
  measurementLoss?: Decimal;
  platforms?: readonly string[];
}

export interface Outage {
  timeZone: string;
  /** Sorted by start; non-overlapping. */
  windows: OutageWindow[];
}

const timestamp = (description: string, example: string) =>
  z
    .string()
    .max(64, 'must be an RFC 3339 time stamp, at most 64 characters')
    .openapi({
      description:
        `${description}. RFC 3339: with \`Z\` or an offset it is absolute; without, a wall-clock ` +
        `time in the outage's \`timeZone\` (a time skipped or repeated by a DST change is refused).`,
      example,
    });

type OutageFields = {
  timeZone?: string;
  windows: {
    start: string;
    end: string;
    deliveryLoss?: Decimal;
    recoveryMinutes?: Decimal;
    measurementLoss?: Decimal;
    platforms?: string[];
  }[];
};

/** The optional realism fields of a window, as the engine takes them; only those given are set. */
function realismOf(
  w: OutageFields['windows'][number],
): Pick<OutageWindow, 'recoveryMs' | 'measurementLoss' | 'platforms'> {
  const out: Pick<OutageWindow, 'recoveryMs' | 'measurementLoss' | 'platforms'> = {};
  // Parsed at field level; reached with a raw value only when it failed there, and then it is reported.
  if (D.isDecimal(w.recoveryMinutes)) out.recoveryMs = w.recoveryMinutes.times(MINUTE_MS).toNumber();
  if (D.isDecimal(w.measurementLoss)) out.measurementLoss = w.measurementLoss;
  if (Array.isArray(w.platforms)) out.platforms = w.platforms;
  return out;
}

function hasWindowList(value: unknown): value is OutageFields {
  return typeof value === 'object' && value !== null && Array.isArray((value as { windows?: unknown }).windows);
}

/**
 * Resolves every window to instants in the outage's zone, reporting malformed, ambiguous, reversed, overlapping and
 * too-long windows.
 */
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
    windows.push({
      index,
      start: start.instant,
      end: end.instant,
      deliveryLoss: w.deliveryLoss ?? ONE,
      ...realismOf(w),
    });
  });
  windows.sort((a, b) => a.start - b.start);
  for (let i = 1; i < windows.length; i++) {
    const previous = windows[i - 1] as OutageWindow;
    const current = windows[i] as OutageWindow;
    if (current.start < previous.end) {
      ctx.addIssue({
        code: 'custom',
        path: ['windows', current.index, 'start'],
        message: `overlaps window ${previous.index}; merge them or give each its own deliveryLoss without overlap`,
      });
    } else if (rampIntoNextWindow(previous, current)) {
      ctx.addIssue({
        code: 'custom',
        path: ['windows', previous.index, 'recoveryMinutes'],
        message:
          `the recovery ramp runs into window ${current.index}, which starts ` +
          `before the ramp ends; shorten the ramp or merge the windows`,
      });
    }
  }
  const first = windows[0];
  const last = windows.reduce((a, b) => (b.end > a.end ? b : a), windows[0] as OutageWindow);
  if (first && last.end - first.start > OUTAGE_LIMITS.spanDays * DAY_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['windows'],
      message: `the windows span more than ${OUTAGE_LIMITS.spanDays} days`,
    });
  }
  return { timeZone, windows };
}

/** Outage realism (DESIGN.md section 13): each field is opt-in and changes nothing when absent. */
const WINDOW_REALISM_FIELDS = {
  recoveryMinutes: decimalInput(
    { min: '0', max: String(OUTAGE_REALISM_LIMITS.recoveryMinutes) },
    {
      description:
        "Length of the recovery ramp after the window's end (default 0: delivery snaps back). " +
        'Over [end, end + recoveryMinutes) the loss falls linearly from deliveryLoss to 0, as ' +
        "audiences logged out en masse come back; the ramp's lost spend counts in lostSpend, " +
        'integrated exactly over each hour bucket. Pacing headroom counts only the delivery ' +
        'the ramp did not lose. Whole milliseconds; a ramp may not run into the next window',
      example: '90',
    },
  )
    .refine(
      (v) => v.times(MINUTE_MS).isInteger(),
      'must be a whole number of milliseconds (at most 5 decimal places of a minute)',
    )
    .optional(),
  measurementLoss: fraction(
    "Share of conversion events the platform's pixel and SDK failed to record in the " +
      'window (default 0). Reported as unrecordedConversions and unrecordedRevenue: a ' +
      'reporting gap, not a loss, so it never changes lostSpend or netContributionChange',
    '0.3',
  ).optional(),
  platforms: z
    .array(z.string().min(1).max(OUTAGE_REALISM_LIMITS.platformLength))
    .min(1, 'name at least one platform, or leave platforms out to affect every campaign')
    .max(OUTAGE_REALISM_LIMITS.platforms)
    .optional()
    .openapi({
      description:
        "The ad platforms this window took down (matched against campaigns' " +
        '`platform`). Default: every campaign is affected. A campaign without a ' +
        '`platform` cannot be matched and is a 422 when a window names platforms.',
      example: ['meta'],
    }),
};

export const OutageWindowInput = z
  .strictObject({
    start: timestamp('Start of the window (inclusive)', '2021-10-04T11:39:00'),
    end: timestamp('End of the window (exclusive)', '2021-10-04T17:05:00'),
    deliveryLoss: fraction(
      'Share of planned delivery lost inside the window: 1 is a hard outage, 0.4 a partial one (default 1)',
      '1',
    ).optional(),
    ...WINDOW_REALISM_FIELDS,
  })
  .openapi('OutageWindowInput', { description: 'A half-open outage window [start, end).' });

const OutageWindowsInput = z
  .strictObject({
    timeZone: TimeZone.optional().openapi({
      description: 'IANA zone in which naive window timestamps are read (default UTC).',
      example: 'America/New_York',
    }),
    windows: z
      .array(OutageWindowInput)
      .min(1, 'give at least one window')
      .max(OUTAGE_LIMITS.windows, `give at most ${OUTAGE_LIMITS.windows} windows`),
  })
  // A field that fails (a bad deliveryLoss, say) stops zod before the transform; the windows are still
  // checked then, so that every problem is listed at once.
  .superRefine((input, ctx) => void resolveOutage(input, ctx), {
    when: (payload) => payload.issues.length > 0 && hasWindowList(payload.value),
  })
  .transform(resolveOutage)
  .openapi('OutageWindowsInput', {
    description:
      `The outage: 1 to ${OUTAGE_LIMITS.windows} half-open windows, not overlapping, ` +
      `spanning at most ${OUTAGE_LIMITS.spanDays} days from the first start to the last end.`,
  });

/** The outage of a request: its windows, or `{ "ref" }` naming a catalogue outage (DESIGN.md section 11). */
export const OutageInput = outageOrRef(OutageWindowsInput, 'OutageWindowsInput').openapi('OutageInput', {
  description:
    'The outage: its `windows` (with an optional `timeZone`), or `{ "ref": "meta-2021-10-04" }` naming a ' +
    'past outage of the catalogue (GET /v1/outages), whose sourced UTC windows then stand for the windows.',
});
